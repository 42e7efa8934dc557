package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;

/**
 * Passwordless enforcement: the {@code Password} method configuration (a Latchkey extension), removing a
 * password through {@code passwordMethods}, and no route giving a passwordless user a password back.
 * Each test targets users or groups of its own, so the shared server's other tests keep their passwords.
 */
public interface PasswordlessApiContract extends ApiTest {

  String PASSWORD_POLICY = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Password";
  String PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";
  String PASSWORD_TYPE = "#microsoft.graph.passwordAuthenticationMethodConfiguration";

  @Test
  default void getPasswordConfigurationWhenReadThenGraphShapedAndListedWithTheOtherMethods() {
    Response configuration = admin().get("/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/password");
    Response policy = admin().get("/v1.0/policies/authenticationMethodsPolicy");

    assertThat(configuration.status()).as(configuration.text()).isEqualTo(200);
    assertThat(configuration.json().get("@odata.type").stringValue()).isEqualTo(PASSWORD_TYPE);
    assertThat(configuration.json().get("id").stringValue()).isEqualTo("Password");
    assertThat(configuration.json().get("state").stringValue()).isEqualTo("enabled");
    assertThat(configuration.json().at("/includeTargets/0/id").stringValue()).isEqualTo("all_users");
    assertThat(policy.json().get("authenticationMethodConfigurations").findValuesAsString("id")).contains("Password");
  }

  @Test
  default void patchPasswordConfigurationWhenInvalidThenBadRequestAndWhenValidThenAudited() {
    String user = createUser(newUpn("auditedpolicy"));

    Response untyped = admin().patch(PASSWORD_POLICY, "{\"state\": \"enabled\"}");
    Response badState = admin().patch(PASSWORD_POLICY, typed("\"state\": \"sometimes\""));
    Response readOnly = clientWith(Permissions.POLICY_READ).patch(PASSWORD_POLICY, typed("\"state\": \"enabled\""));
    Response excluded = admin().patch(PASSWORD_POLICY, typed(excludeUser(user)));

    assertThat(untyped.status()).isEqualTo(400);
    assertThat(badState.status()).isEqualTo(400);
    assertThat(readOnly.status()).isEqualTo(403);
    assertThat(excluded.status()).as(excluded.text()).isEqualTo(204);
    assertThat(admin().get(PASSWORD_POLICY).json().at("/excludeTargets/0/id").stringValue()).isEqualTo(user);
    Response audits = admin().get("/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName%20eq%20"
        + "'Authentication%20Methods%20Policy%20Update'&$top=50");
    assertThat(audits.json().get("value").valueStream().map(entry -> entry.get("resultReason").stringValue()))
        .contains("Password configuration updated");
  }

  @Test
  default void deletePasswordMethodWhenUserHasOneThenGoneFromEveryListAndAudited() {
    String upn = newUpn("droppw");
    String id = createUserWithPassword(upn);
    String method = "/v1.0/users/" + upn + "/authentication/passwordMethods/" + PASSWORD_METHOD_ID;
    assertThat(admin().get(method).json().get("@odata.type").stringValue())
        .isEqualTo("#microsoft.graph.passwordAuthenticationMethod");

    Response deleted = admin().delete(method);

    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    assertThat(admin().get("/v1.0/users/" + upn + "/authentication/passwordMethods").json().get("value")).isEmpty();
    assertThat(admin().get("/v1.0/users/" + upn + "/authentication/methods").json().get("value")
        .findValuesAsString("@odata.type")).doesNotContain("#microsoft.graph.passwordAuthenticationMethod");
    assertThat(admin().delete(method).status()).isEqualTo(404);
    Response audits = admin().get("/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName%20eq%20"
        + "'Admin%20deleted%20security%20info'&$top=50");
    assertThat(audits.json().get("value").valueStream()
        .filter(entry -> entry.at("/targetResources/0/id").stringValue().equals(id))
        .map(entry -> entry.get("resultReason").stringValue())).containsExactly("Admin deleted password method for user");
  }

  @Test
  default void deletePasswordMethodWhenIdIsNotThePasswordsOrTokenOnlyReadsThenRefused() {
    String upn = newUpn("keeppw");
    createUserWithPassword(upn);

    Response wrongId = admin().delete("/v1.0/users/" + upn + "/authentication/passwordMethods/AAAA");
    Response readOnly = clientWith(Permissions.METHODS_READ_ALL)
        .delete("/v1.0/users/" + upn + "/authentication/passwordMethods/" + PASSWORD_METHOD_ID);

    assertThat(wrongId.status()).isEqualTo(404);
    assertThat(wrongId.errorCode()).isEqualTo("itemNotFound");
    assertThat(readOnly.status()).isEqualTo(403);
    assertThat(admin().get("/v1.0/users/" + upn + "/authentication/passwordMethods").json().get("value")).hasSize(1);
  }

  @Test
  default void setPasswordWhenTheUsersGroupIsPasswordlessThenRefusedUntilAnAdminChangesThePolicy() {
    String upn = newUpn("nopwback");
    String user = createUserWithPassword(upn);
    String group = admin().post("/v1.0/groups", "{\"displayName\": \"Passwordless wave\"}").json().get("id").stringValue();
    assertThat(admin().post("/v1.0/groups/" + group + "/members/$ref",
        "{\"@odata.id\": \"https://graph.microsoft.com/v1.0/directoryObjects/" + user + "\"}").status()).isEqualTo(204);
    assertThat(admin().patch(PASSWORD_POLICY, typed(excludeGroup(group))).status()).isEqualTo(204);
    assertThat(admin().delete("/v1.0/users/" + upn + "/authentication/passwordMethods/" + PASSWORD_METHOD_ID)
        .status()).isEqualTo(204);

    Response refused = admin().patch("/v1.0/users/" + upn, "{\"passwordProfile\": {\"password\": \"Back-again-1\"}}");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("accessDenied");
    assertThat(refused.errorMessage()).contains("is passwordless").contains("authenticationMethodConfigurations/Password");
    assertThat(admin().get("/v1.0/users/" + upn + "/authentication/passwordMethods").json().get("value")).isEmpty();

    assertThat(admin().patch(PASSWORD_POLICY, typed("\"excludeTargets\": []")).status()).isEqualTo(204);
    Response allowed = admin().patch("/v1.0/users/" + upn, "{\"passwordProfile\": {\"password\": \"Back-again-1\"}}");
    assertThat(allowed.status()).as(allowed.text()).isEqualTo(204);
    assertThat(admin().get("/v1.0/users/" + upn + "/authentication/passwordMethods").json().get("value")).hasSize(1);
  }

  @Test
  default void createUserWithPasswordWhenThePolicyCoversOnlyAGroupThenRefusedAndNoUserMade() {
    String group = admin().post("/v1.0/groups", "{\"displayName\": \"Password holdouts\"}").json().get("id").stringValue();
    assertThat(admin().patch(PASSWORD_POLICY, typed("\"includeTargets\": [{\"targetType\": \"group\", \"id\": \""
        + group + "\"}]")).status()).isEqualTo(204);
    String upn = newUpn("newpw");
    try {
      Response refused = admin().post("/v1.0/users", """
          {"accountEnabled": true, "displayName": "New", "userPrincipalName": "%s",
           "passwordProfile": {"password": "Welcome-2-latchkey"}}""".formatted(upn));

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.errorMessage()).contains("is passwordless");
      assertThat(admin().get("/v1.0/users/" + upn).status()).isEqualTo(404);
    } finally {
      assertThat(admin().patch(PASSWORD_POLICY, typed("\"includeTargets\": [{\"targetType\": \"group\", \"id\": "
          + "\"all_users\"}]")).status()).isEqualTo(204);
    }
  }

  private String createUserWithPassword(String upn) {
    Response created = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "%s", "userPrincipalName": "%s",
         "passwordProfile": {"password": "First-password-1"}}""".formatted(upn, upn));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private static String typed(String properties) {
    return "{\"@odata.type\": \"" + PASSWORD_TYPE + "\", " + properties + "}";
  }

  private static String excludeUser(String userId) {
    return "\"excludeTargets\": [{\"targetType\": \"user\", \"id\": \"" + userId + "\"}]";
  }

  private static String excludeGroup(String groupId) {
    return "\"excludeTargets\": [{\"targetType\": \"group\", \"id\": \"" + groupId + "\"}]";
  }
}
