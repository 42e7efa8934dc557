package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /users}: create, read by id or UPN, list with $filter/$select/$top and paging, update, delete. */
public interface UserApiContract extends ApiTest {

  @Test
  default void createUserWhenValidThenCreatedInGraphShape() {
    String upn = newUpn("Alice");
    Response created = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Alice Example", "userPrincipalName": "%s",
         "mailNickname": "alice"}""".formatted(upn));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.contentType()).startsWith("application/json");
    JsonNode user = created.json();
    assertThat(user.get("@odata.type").stringValue()).isEqualTo("#microsoft.graph.user");
    assertThat(user.get("@odata.context").stringValue()).startsWith(GraphApiSuite.BASE_URL + "/v1.0/$metadata#users");
    assertThat(user.get("id").stringValue()).matches("[0-9a-f-]{36}");
    assertThat(user.get("userPrincipalName").stringValue()).isEqualTo(upn);
    assertThat(user.get("displayName").stringValue()).isEqualTo("Alice Example");
    assertThat(user.get("accountEnabled").booleanValue()).isTrue();
    assertThat(user.get("userType").stringValue()).isEqualTo("Member");
    assertThat(user.get("createdDateTime").stringValue()).endsWith("Z");
  }

  @Test
  default void createUserWhenUpnIsNotAnAddressThenBadRequest() {
    Response response = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Bob", "userPrincipalName": "bob"}""");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("badRequest");
    assertThat(response.errorMessage()).contains("userPrincipalName").contains("address");
  }

  @Test
  default void createUserWhenPasswordLongerThanBcryptReadsThenBadRequestNotAServerError() {
    Response response = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Long", "userPrincipalName": "%s",
         "passwordProfile": {"password": "%s"}}""".formatted(newUpn("longpw"), "é".repeat(37)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).contains("too long").contains("72 bytes");
  }

  @Test
  default void createUserWhenRequiredPropertyMissingThenBadRequestNamingIt() {
    Response response = admin().post("/v1.0/users", """
        {"displayName": "Bob", "userPrincipalName": "%s"}""".formatted(newUpn("bob")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).contains("accountEnabled");
  }

  @Test
  default void createUserWhenUpnTakenInAnotherCaseThenConflict() {
    String upn = newUpn("carol");
    createUser(upn);

    Response second = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Carol", "userPrincipalName": "%s"}"""
        .formatted(upn.toUpperCase(Locale.ROOT)));

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("conflict");
  }

  @Test
  default void getUserWhenAddressedByIdOrRawOrEncodedUpnInAnyCaseThenSameUser() {
    String upn = newUpn("dave");
    String id = createUser(upn);

    for (String reference : List.of(id, upn, upn.replace("@", "%40"), upn.toUpperCase(Locale.ROOT))) {
      Response response = admin().get("/v1.0/users/" + reference);
      assertThat(response.status()).as(reference).isEqualTo(200);
      assertThat(response.json().get("id").stringValue()).isEqualTo(id);
    }
    assertThat(admin().get("/beta/users/" + id).status()).isEqualTo(200);
  }

  @Test
  default void getUserWhenIdUnknownThenItemNotFound() {
    Response response = admin().get("/v1.0/users/5a0f9d63-3d4b-4c8e-9a0e-1f2b3c4d5e6f");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("itemNotFound");
  }

  @Test
  default void getUserWhenIdIsNeitherGuidNorUpnThenBadRequest() {
    Response response = admin().get("/v1.0/users/not-a-guid");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).contains("not-a-guid");
  }

  @Test
  default void listUsersWhenMoreThanTopThenNextLinksWalkEveryMatchOnce() {
    String prefix = "pager" + Long.toHexString(System.nanoTime());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(createUser(prefix + i + "@example.com"));
    }

    List<String> seen = new ArrayList<>();
    String path = "/v1.0/users?$top=2&$filter=startswith(userPrincipalName,'" + prefix + "')";
    int pages = 0;
    while (path != null) {
      Response page = admin().get(path.replace("'", "%27").replace(" ", "%20"));
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      page.json().get("value").forEach(user -> seen.add(user.get("id").stringValue()));
      JsonNode next = page.json().get("@odata.nextLink");
      path = next == null ? null : pathOf(next.stringValue());
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  default void listUsersWhenFilterEqOnDisplayNameAndSelectThenOnlyThoseProperties() {
    String upn = newUpn("erin");
    String id = createUser(upn);

    Response response = admin().get("/v1.0/users?$filter=displayName%20eq%20'" + upn + "'&$select=id,displayName");

    assertThat(response.status()).isEqualTo(200);
    JsonNode users = response.json().get("value");
    assertThat(users).hasSize(1);
    assertThat(users.get(0).propertyNames()).containsExactly("id", "displayName");
    assertThat(users.get(0).get("id").stringValue()).isEqualTo(id);
    Response byId = admin().get("/v1.0/users?$filter=id%20eq%20'" + id + "'");
    assertThat(byId.json().get("value")).hasSize(1);
  }

  @Test
  default void listUsersWhenQueryInvalidThenBadRequest() {
    assertThat(admin().get("/v1.0/users?$filter=mail%20eq%20'x'").status()).isEqualTo(400);
    assertThat(admin().get("/v1.0/users?$filter=startswith(displayName").status()).isEqualTo(400);
    assertThat(admin().get("/v1.0/users?$top=0").status()).isEqualTo(400);
    assertThat(admin().get("/v1.0/users?$top=abc").status()).isEqualTo(400);
    assertThat(admin().get("/v1.0/users?$select=password").status()).isEqualTo(400);
    assertThat(admin().get("/v1.0/users?$orderby=displayName").status()).isEqualTo(400);
    assertThat(admin().get("/v1.0/users?$skiptoken=!!!").status()).isEqualTo(400);
  }

  @Test
  default void updateUserWhenPatchedThenChangedAndAudited() {
    String upn = newUpn("frank");
    String id = createUser(upn);

    Response patched = admin().patch("/v1.0/users/" + upn, """
        {"displayName": "Frank Renamed", "accountEnabled": false}""");

    assertThat(patched.status()).isEqualTo(204);
    JsonNode user = admin().get("/v1.0/users/" + id).json();
    assertThat(user.get("displayName").stringValue()).isEqualTo("Frank Renamed");
    assertThat(user.get("accountEnabled").booleanValue()).isFalse();
    JsonNode audit = admin().get("/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName%20eq%20'Update%20user'")
        .json().get("value");
    assertThat(audit.valueStream().anyMatch(entry -> entry.at("/targetResources/0/id").stringValue().equals(id)))
        .isTrue();
  }

  @Test
  default void updateUserWhenPropertyHasWrongTypeThenBadRequestAndNothingChanges() {
    String id = createUser(newUpn("gina"));

    Response patched = admin().patch("/v1.0/users/" + id, """
        {"displayName": "Gina", "accountEnabled": "yes"}""");

    assertThat(patched.status()).isEqualTo(400);
    assertThat(patched.errorMessage()).contains("accountEnabled");
    assertThat(admin().get("/v1.0/users/" + id).json().get("displayName").stringValue()).isNotEqualTo("Gina");
  }

  @Test
  default void deleteUserWhenUserHasPassThenUserAndPassAreGone() {
    String upn = newUpn("hank");
    createUser(upn);
    assertThat(admin().post(passesOf(upn), "{}").status()).isEqualTo(201);

    assertThat(admin().delete("/v1.0/users/" + upn).status()).isEqualTo(204);

    assertThat(admin().get("/v1.0/users/" + upn).status()).isEqualTo(404);
    assertThat(admin().get(passesOf(upn)).status()).isEqualTo(404);
    assertThat(admin().delete("/v1.0/users/" + upn).status()).isEqualTo(404);
  }
}
