package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /applications}: registration, validation, client secrets shown once, audit. */
public interface ApplicationApiContract extends ApiTest {

  @Test
  default void createApplicationWhenMinimalThenPhishingResistantByDefaultAndAudited() {
    Response created = admin().post("/v1.0/applications", """
        {"displayName": "Payroll", "web": {"redirectUris": ["https://payroll.example.test/signin-oidc"]}}""");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode app = created.json();
    assertThat(app.get("@odata.type").stringValue()).isEqualTo("#microsoft.graph.application");
    assertThat(app.get("appId").stringValue()).isNotEqualTo(app.get("id").stringValue());
    assertThat(app.get("requiredAuthenticationStrength").stringValue()).isEqualTo("phishing-resistant");
    assertThat(app.get("isFallbackPublicClient").booleanValue()).isFalse();
    assertThat(app.at("/web/redirectUris/0").stringValue()).isEqualTo("https://payroll.example.test/signin-oidc");
    String id = app.get("id").stringValue();
    assertThat(admin().get("/v1.0/applications/" + id).json().get("displayName").stringValue()).isEqualTo("Payroll");
    assertThat(admin().get("/v1.0/applications").text()).contains(id);
    assertThat(admin().get("/v1.0/auditLogs/directoryAudits").text()).contains("Add application").contains(id);
  }

  @Test
  default void createApplicationWhenInvalidThenBadRequestSayingWhatToDo() {
    Response plainHttp = admin().post("/v1.0/applications", """
        {"displayName": "Bad", "web": {"redirectUris": ["http://app.example.test/cb"]}}""");
    Response fragment = admin().post("/v1.0/applications", """
        {"displayName": "Bad", "web": {"redirectUris": ["https://app.example.test/cb#x"]}}""");
    Response strength = admin().post("/v1.0/applications", """
        {"displayName": "Bad", "requiredAuthenticationStrength": "gold"}""");
    Response permission = admin().post("/v1.0/applications", """
        {"displayName": "Bad", "delegatedPermissions": ["Directory.AccessAsUser.All"]}""");
    Response noName = admin().post("/v1.0/applications", "{}");

    assertThat(plainHttp.status()).isEqualTo(400);
    assertThat(plainHttp.errorMessage()).contains("must use https");
    assertThat(fragment.errorMessage()).contains("without a fragment");
    assertThat(strength.errorMessage()).contains("phishing-resistant");
    assertThat(permission.errorMessage()).contains("not a Graph permission");
    assertThat(noName.errorMessage()).contains("displayName is required");
    assertThat(admin().post("/v1.0/applications", """
        {"displayName": "Local dev", "web": {"redirectUris": ["http://localhost:3000/cb"]}}""").status())
        .as("loopback http is allowed").isEqualTo(201);
  }

  @Test
  default void addPasswordWhenCalledThenSecretShownOnceAndOnlyItsHintLater() {
    String id = admin().post("/v1.0/applications", "{\"displayName\": \"Secretive\"}").json().get("id").stringValue();

    Response added = admin().post("/v1.0/applications/" + id + "/addPassword",
        "{\"passwordCredential\": {\"displayName\": \"ci\"}}");

    assertThat(added.status()).as(added.text()).isEqualTo(200);
    String secret = added.json().get("secretText").stringValue();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
    assertThat(added.json().get("hint").stringValue()).isEqualTo(secret.substring(0, 3));
    String read = admin().get("/v1.0/applications/" + id).text();
    assertThat(read).doesNotContain(secret).contains("\"secretText\":null").contains("\"displayName\":\"ci\"");
    assertThat(admin().get("/v1.0/auditLogs/directoryAudits").text()).doesNotContain(secret);

    String keyId = added.json().get("keyId").stringValue();
    assertThat(admin().post("/v1.0/applications/" + id + "/removePassword", "{\"keyId\": \"" + keyId + "\"}").status())
        .isEqualTo(204);
    assertThat(admin().get("/v1.0/applications/" + id).json().get("passwordCredentials").size()).isZero();
  }

  @Test
  default void addPasswordWhenPublicClientThenRefused() {
    String id = admin().post("/v1.0/applications", "{\"displayName\": \"Phone\", \"isFallbackPublicClient\": true}")
        .json().get("id").stringValue();

    Response refused = admin().post("/v1.0/applications/" + id + "/addPassword", "{}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorMessage()).contains("public client");
  }

  @Test
  default void updateAndDeleteApplicationWhenDoneThenChangedThenGone() {
    String id = admin().post("/v1.0/applications", "{\"displayName\": \"Old\"}").json().get("id").stringValue();

    assertThat(admin().patch("/v1.0/applications/" + id, "{\"displayName\": \"New\", \"requiredAuthenticationStrength\": \"mfa\"}")
        .status()).isEqualTo(204);
    JsonNode changed = admin().get("/v1.0/applications/" + id).json();
    assertThat(changed.get("displayName").stringValue()).isEqualTo("New");
    assertThat(changed.get("requiredAuthenticationStrength").stringValue()).isEqualTo("mfa");
    assertThat(admin().delete("/v1.0/applications/" + id).status()).isEqualTo(204);
    assertThat(admin().get("/v1.0/applications/" + id).status()).isEqualTo(404);
  }

  @Test
  default void applicationsWhenSignedInPersonHasNoRoleThenForbiddenEvenWithTheScope() {
    String upn = newUpn("norole");
    String id = createUser(upn);

    Response refused = asUser(id, upn, "Application.ReadWrite.All").post("/v1.0/applications",
        "{\"displayName\": \"Sneaky\"}");
    Response listing = asUser(id, upn, "Application.ReadWrite.All").get("/v1.0/applications");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorMessage()).contains("Global Administrator");
    assertThat(listing.status()).isEqualTo(403);
  }

  @Test
  default void applicationsWhenTokenLacksPermissionThenForbidden() {
    assertThat(clientWith("User.Read.All").get("/v1.0/applications").status()).isEqualTo(403);
    assertThat(clientWith("Application.Read.All").post("/v1.0/applications", "{\"displayName\": \"x\"}").status())
        .isEqualTo(403);
  }
}
