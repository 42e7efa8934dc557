package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Directory roles: the built-in definitions, assignments through the API, and their enforcement on
 * signed-in people's (delegated) tokens, where a token's scopes and the person's roles must both allow a
 * request.
 */
public interface RoleApiContract extends ApiTest {

  String ROLES = "/v1.0/roleManagement/directory";
  String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
  String PRIVILEGED_AUTH_ADMIN = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
  String AUTH_ADMIN = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
  String AUTH_POLICY_ADMIN = "0526716b-113d-4c15-b2c8-68e3c22b9f80";
  String USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
  String[] ADMIN_SCOPES = {Permissions.METHODS_READWRITE_ALL, Permissions.USER_READWRITE_ALL,
      Permissions.GROUP_READWRITE_ALL, Permissions.POLICY_READWRITE, Permissions.AUDIT_READ_ALL,
      Permissions.ROLES_READWRITE};

  /** A person with a delegated token carrying {@code scopes}, holding the given roles. */
  record Person(String id, String upn, GraphClient client) {}

  private Person person(String prefix, String[] scopes, String... roleIds) {
    String upn = newUpn(prefix);
    String id = createUser(upn);
    for (String roleId : roleIds) {
      assign(roleId, id);
    }
    return new Person(id, upn, asUser(id, upn, scopes));
  }

  private Person admin(String prefix, String... roleIds) {
    return person(prefix, ADMIN_SCOPES, roleIds);
  }

  private String assign(String roleId, String principalId) {
    Response created = admin().post(ROLES + "/roleAssignments", """
        {"roleDefinitionId": "%s", "principalId": "%s", "directoryScopeId": "/"}""".formatted(roleId, principalId));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  @Test
  default void roleDefinitionsWhenListedThenEntraBuiltInsWithTheirTemplateIds() {
    Response response = clientWith(Permissions.ROLES_READ).get(ROLES + "/roleDefinitions");

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.json().get("value").valueStream().map(role -> role.get("templateId").stringValue()))
        .containsExactlyInAnyOrder(GLOBAL_ADMIN, PRIVILEGED_AUTH_ADMIN, AUTH_ADMIN, AUTH_POLICY_ADMIN, USER_ADMIN);
    JsonNode authAdmin = clientWith(Permissions.ROLES_READ).get(ROLES + "/roleDefinitions/" + AUTH_ADMIN).json();
    assertThat(authAdmin.get("@odata.type").stringValue()).isEqualTo("#microsoft.graph.unifiedRoleDefinition");
    assertThat(authAdmin.get("displayName").stringValue()).isEqualTo("Authentication Administrator");
    assertThat(authAdmin.get("isBuiltIn").booleanValue()).isTrue();
    assertThat(authAdmin.at("/rolePermissions/0/allowedResourceActions")).isNotEmpty();
  }

  @Test
  default void roleAssignmentWhenCreatedThenFilteredByPrincipalDeletedAndAudited() {
    String upn = newUpn("helpdesk");
    String userId = createUser(upn);

    String assignmentId = assign(AUTH_ADMIN, userId);

    Response listed = admin().get(ROLES + "/roleAssignments?$filter=principalId%20eq%20'" + userId + "'");
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    assertThat(listed.json().get("value")).hasSize(1);
    JsonNode assignment = listed.json().at("/value/0");
    assertThat(assignment.get("@odata.type").stringValue()).isEqualTo("#microsoft.graph.unifiedRoleAssignment");
    assertThat(assignment.get("id").stringValue()).isEqualTo(assignmentId);
    assertThat(assignment.get("roleDefinitionId").stringValue()).isEqualTo(AUTH_ADMIN);
    assertThat(assignment.get("directoryScopeId").stringValue()).isEqualTo("/");
    assertThat(admin().get(ROLES + "/roleAssignments/" + assignmentId).status()).isEqualTo(200);

    assertThat(admin().delete(ROLES + "/roleAssignments/" + assignmentId).status()).isEqualTo(204);

    assertThat(admin().get(ROLES + "/roleAssignments?$filter=principalId%20eq%20'" + userId + "'").json().get("value"))
        .isEmpty();
    assertThat(admin().get(ROLES + "/roleAssignments/" + assignmentId).status()).isEqualTo(404);
    Response audit = admin().get("/v1.0/auditLogs/directoryAudits?$filter=category%20eq%20'RoleManagement'&$top=999");
    assertThat(audit.json().get("value").valueStream()
        .filter(entry -> userId.equals(entry.at("/targetResources/0/id").stringValue()))
        .map(entry -> entry.get("activityDisplayName").stringValue()))
        .containsExactly("Remove member from role", "Add member to role");
  }

  @Test
  default void roleAssignmentWhenRoleScopeOrUserIsWrongOrAlreadyHeldThenRefused() {
    String userId = createUser(newUpn("wrong"));
    String body = "{\"roleDefinitionId\": \"%s\", \"principalId\": \"%s\", \"directoryScopeId\": \"%s\"}";

    assertThat(admin().post(ROLES + "/roleAssignments", body.formatted("00000000-0000-0000-0000-000000000001",
        userId, "/")).status()).isEqualTo(400);
    assertThat(admin().post(ROLES + "/roleAssignments", body.formatted(AUTH_ADMIN, userId, "/administrativeUnits/x"))
        .status()).isEqualTo(400);
    assertThat(admin().post(ROLES + "/roleAssignments", body.formatted(AUTH_ADMIN,
        "00000000-0000-0000-0000-000000000002", "/")).errorCode()).isEqualTo("itemNotFound");
    assign(AUTH_ADMIN, userId);
    assertThat(admin().post(ROLES + "/roleAssignments", body.formatted(AUTH_ADMIN, userId, "/")).status())
        .isEqualTo(409);
  }

  @Test
  default void roleAssignmentWhenAppHoldsOnlyReadPermissionThenWriteForbidden() {
    String userId = createUser(newUpn("readonly"));
    GraphClient reader = clientWith(Permissions.ROLES_READ);

    assertThat(reader.get(ROLES + "/roleAssignments").status()).isEqualTo(200);
    assertThat(reader.post(ROLES + "/roleAssignments", """
        {"roleDefinitionId": "%s", "principalId": "%s"}""".formatted(AUTH_ADMIN, userId)).status()).isEqualTo(403);
    assertThat(clientWith(Permissions.USER_READ_ALL).get(ROLES + "/roleDefinitions").status()).isEqualTo(403);
  }

  @Test
  default void roleAssignmentWhenDelegatedCallerIsNotGlobalAdminThenAccessDenied() {
    Person userAdmin = admin("ua-roles", USER_ADMIN);
    String target = createUser(newUpn("target"));

    Response response = userAdmin.client().post(ROLES + "/roleAssignments", """
        {"roleDefinitionId": "%s", "principalId": "%s"}""".formatted(USER_ADMIN, target));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorMessage()).contains("Global Administrator");
    Person global = admin("ga-roles", GLOBAL_ADMIN);
    assertThat(global.client().post(ROLES + "/roleAssignments", """
        {"roleDefinitionId": "%s", "principalId": "%s"}""".formatted(USER_ADMIN, target)).status()).isEqualTo(201);
  }

  @Test
  default void issuePassWhenAuthenticationAdminTargetsNonAdminThenCreatedWithAdminAsInitiator() {
    Person helpdesk = admin("aa", AUTH_ADMIN);
    String upn = newUpn("newhire");
    String userId = createUser(upn);

    Response created = helpdesk.client().post(passesOf(upn), "{}");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(helpdesk.client().get(passesOf(upn)).json().get("value")).hasSize(1);
    Response audit = admin().get("/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName%20eq%20"
        + "'Admin%20registered%20security%20info'&$top=999");
    assertThat(audit.json().get("value").valueStream()
        .filter(entry -> userId.equals(entry.at("/targetResources/0/id").stringValue()))
        .map(entry -> entry.at("/initiatedBy/user/id").stringValue()))
        .containsExactly(helpdesk.id());
  }

  @Test
  default void issuePassWhenAuthenticationAdminTargetsAnAdminThenAccessDeniedNamingTheRole() {
    Person helpdesk = admin("aa", AUTH_ADMIN);
    Person policyAdmin = admin("apa", AUTH_POLICY_ADMIN);

    Response response = helpdesk.client().post(passesOf(policyAdmin.upn()), "{}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("accessDenied");
    assertThat(response.errorMessage()).contains("Privileged Authentication Administrator")
        .contains("Authentication Policy Administrator");
    assertThat(admin().get(passesOf(policyAdmin.upn())).json().get("value")).isEmpty();
  }

  @Test
  default void issuePassWhenPrivilegedAuthenticationAdminTargetsAnAdminThenCreatedButNeverThemselves() {
    Person privileged = admin("paa", PRIVILEGED_AUTH_ADMIN);
    Person otherAdmin = admin("aa", AUTH_ADMIN);

    assertThat(privileged.client().post(passesOf(otherAdmin.upn()), "{}").status()).isEqualTo(201);
    String passId = admin().get(passesOf(otherAdmin.upn())).json().at("/value/0/id").stringValue();
    assertThat(privileged.client().delete(passesOf(otherAdmin.upn()) + "/" + passId).status()).isEqualTo(204);

    Response self = privileged.client().post(passesOf(privileged.id()), "{}");
    assertThat(self.status()).isEqualTo(403);
    assertThat(self.errorMessage()).contains("yourself");
  }

  @Test
  default void deletePassWhenAuthenticationAdminTargetsAnAdminThenAccessDenied() {
    Person helpdesk = admin("aa", AUTH_ADMIN);
    Person userAdmin = admin("ua", USER_ADMIN);
    String passId = admin().post(passesOf(userAdmin.upn()), "{}").json().get("id").stringValue();

    Response response = helpdesk.client().delete(passesOf(userAdmin.upn()) + "/" + passId);

    assertThat(response.status()).isEqualTo(403);
    assertThat(admin().get(passesOf(userAdmin.upn())).json().get("value")).hasSize(1);
  }

  @Test
  default void issuePassWhenDelegatedCallerHoldsTheScopeButNoRoleThenAccessDeniedNamingTheRoles() {
    Person plain = admin("norole");
    String target = newUpn("target");
    createUser(target);

    Response issue = plain.client().post(passesOf(target), "{}");
    Response read = plain.client().get(passesOf(target));

    assertThat(issue.status()).isEqualTo(403);
    assertThat(issue.errorMessage()).contains("Authentication Administrator");
    assertThat(read.status()).isEqualTo(403);
    assertThat(plain.client().get("/v1.0/auditLogs/directoryAudits").status()).isEqualTo(403);
  }

  @Test
  default void issuePassWhenRoleHeldButTokenLacksTheScopeThenForbidden() {
    Person helpdesk = person("aa-noscope", new String[] {Permissions.USER_READ_ALL}, AUTH_ADMIN);
    String target = newUpn("target");
    createUser(target);

    assertThat(helpdesk.client().post(passesOf(target), "{}").status()).isEqualTo(403);
  }

  @Test
  default void issuePassWhenRoleWasRemovedThenTheNextRequestIsRefused() {
    Person helpdesk = admin("aa-revoked");
    String assignmentId = assign(AUTH_ADMIN, helpdesk.id());
    String first = newUpn("first");
    createUser(first);
    String second = newUpn("second");
    createUser(second);
    assertThat(helpdesk.client().post(passesOf(first), "{}").status()).isEqualTo(201);

    assertThat(admin().delete(ROLES + "/roleAssignments/" + assignmentId).status()).isEqualTo(204);

    assertThat(helpdesk.client().post(passesOf(second), "{}").status()).isEqualTo(403);
  }

  @Test
  default void patchPolicyWhenAuthenticationPolicyAdminThenAllowedAndAuthenticationAdminRefused() {
    Person policyAdmin = admin("apa", AUTH_POLICY_ADMIN);
    Person helpdesk = admin("aa", AUTH_ADMIN);
    String patch = """
        {"@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
         "defaultLength": 8}""";

    assertThat(policyAdmin.client().patch(tapPolicy(), patch).status()).isEqualTo(204);
    Response refused = helpdesk.client().patch(tapPolicy(), patch);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorMessage()).contains("Authentication Policy Administrator");
    assertThat(helpdesk.client().get(tapPolicy()).status()).isEqualTo(200);
  }

  @Test
  default void manageUsersWhenUserAdminThenNonAdminsAndUserAdminsButNotOtherAdmins() {
    Person userAdmin = admin("ua", USER_ADMIN);
    Person otherUserAdmin = admin("ua2", USER_ADMIN);
    Person helpdesk = admin("aa", AUTH_ADMIN);
    String rename = "{\"displayName\": \"Renamed\"}";

    Response created = userAdmin.client().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "New", "userPrincipalName": "%s"}""".formatted(newUpn("byua")));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(userAdmin.client().patch("/v1.0/users/" + otherUserAdmin.id(), rename).status()).isEqualTo(204);
    Response refused = userAdmin.client().patch("/v1.0/users/" + helpdesk.id(), rename);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorMessage()).contains("Global Administrator");
    assertThat(userAdmin.client().delete("/v1.0/users/" + helpdesk.id()).status()).isEqualTo(403);
    assertThat(helpdesk.client().post("/v1.0/groups", "{\"displayName\": \"x\"}").status()).isEqualTo(403);
    assertThat(userAdmin.client().post("/v1.0/groups", "{\"displayName\": \"x\"}").status()).isEqualTo(201);
  }
}
