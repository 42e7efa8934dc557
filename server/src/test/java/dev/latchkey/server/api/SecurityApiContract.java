package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tokens from {@code /oauth2/token} and the permission each route needs. */
public interface SecurityApiContract extends ApiTest {

  @Test
  default void callApiWhenNoTokenThenUnauthorizedEnvelope() {
    Response response = anonymous().get("/v1.0/users");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.errorCode()).isEqualTo("InvalidAuthenticationToken");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  default void callApiWhenTokenForgedThenUnauthorized() {
    String token = admin().token();
    String[] parts = token.split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    Response response = anonymous().send(anonymous().request("/v1.0/users").header("Authorization", "Bearer " + forged).GET());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("InvalidAuthenticationToken");
  }

  @Test
  default void tokenWhenSecretWrongThenRefused() {
    Response response = anonymous().token(GraphApiSuite.ADMIN_ID, "wrong-secret", null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("error").stringValue()).isEqualTo("invalid_client");
  }

  @Test
  default void tokenWhenIssuedThenCarriesGraphClaimsAndConfiguredIssuer() {
    JsonNode claims = claims(admin().token());

    assertThat(claims.get("iss").stringValue()).isEqualTo(GraphApiSuite.BASE_URL);
    assertThat(claims.get("idtyp").stringValue()).isEqualTo("app");
    assertThat(claims.get("appid").stringValue()).isEqualTo(GraphApiSuite.ADMIN_ID);
    assertThat(claims.get("roles").valueStream().map(JsonNode::stringValue).toList())
        .containsExactlyInAnyOrderElementsOf(Permissions.ALL);
  }

  @Test
  default void tokenWhenDefaultScopeAskedThenGranted() {
    Response response = anonymous().token(GraphApiSuite.ADMIN_ID, GraphApiSuite.ADMIN_SECRET,
        "https://graph.microsoft.com/.default");

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.json().get("token_type").stringValue()).isEqualTo("Bearer");
  }

  @Test
  default void tokenWhenNarrowScopeAskedThenOnlyThatPermission() {
    Response response = anonymous().token(GraphApiSuite.ADMIN_ID, GraphApiSuite.ADMIN_SECRET,
        Permissions.AUDIT_READ_ALL);

    assertThat(response.status()).isEqualTo(200);
    JsonNode claims = claims(response.json().get("access_token").stringValue());
    assertThat(claims.get("roles").valueStream().map(JsonNode::stringValue).toList())
        .containsExactly(Permissions.AUDIT_READ_ALL);
  }

  @Test
  default void appTokenWhenIntrospectedThenActiveWithItsClaimsUntilRevokedByItsClient() {
    String token = anonymous().token(GraphApiSuite.ADMIN_ID, GraphApiSuite.ADMIN_SECRET, Permissions.AUDIT_READ_ALL)
        .json().get("access_token").stringValue();

    JsonNode active = asAdminClient("/oauth2/introspect", Map.of("token", token)).json();
    assertThat(active.get("active").booleanValue()).as(active.toString()).isTrue();
    assertThat(active.get("client_id").stringValue()).isEqualTo(GraphApiSuite.ADMIN_ID);
    assertThat(active.get("token_type").stringValue()).isEqualTo("Bearer");
    assertThat(active.get("idtyp").stringValue()).isEqualTo("app");
    assertThat(active.get("sub").stringValue()).isEqualTo(GraphApiSuite.ADMIN_ID);
    assertThat(active.get("roles").valueStream().map(JsonNode::stringValue).toList())
        .containsExactly(Permissions.AUDIT_READ_ALL);
    assertThat(active.get("exp").longValue() - active.get("iat").longValue()).isEqualTo(3600);

    Response revoked = asAdminClient("/oauth2/revoke", Map.of("token", token, "token_type_hint", "access_token"));
    assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
    JsonNode inactive = asAdminClient("/oauth2/introspect", Map.of("token", token)).json();
    assertThat(inactive.get("active").booleanValue()).as("revoked: " + inactive).isFalse();
    assertThat(asAdminClient("/oauth2/revoke", Map.of("token", token)).status()).as("revoked again").isEqualTo(200);
    assertThat(asAdminClient("/oauth2/introspect", Map.of("token", token)).json().get("active").booleanValue())
        .isFalse();
  }

  @Test
  default void appTokenWhenForgedOrExpiredThenIntrospectedInactive() {
    String token = anonymous().token(GraphApiSuite.ADMIN_ID, GraphApiSuite.ADMIN_SECRET, null)
        .json().get("access_token").stringValue();
    String[] parts = token.split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    assertThat(asAdminClient("/oauth2/introspect", Map.of("token", forged)).json().get("active").booleanValue())
        .as("forged").isFalse();
    clock().advance(Duration.ofMinutes(62));
    assertThat(asAdminClient("/oauth2/introspect", Map.of("token", token)).json().get("active").booleanValue())
        .as("expired").isFalse();
  }

  /** A form posted to the authorization server as the bootstrap client ({@code client_secret_post}). */
  private Response asAdminClient(String path, Map<String, String> parameters) {
    Map<String, String> form = new HashMap<>(parameters);
    form.put("client_id", GraphApiSuite.ADMIN_ID);
    form.put("client_secret", GraphApiSuite.ADMIN_SECRET);
    return OidcSupport.post(anonymous(), path, form);
  }

  @Test
  default void readOnlyMethodsTokenWhenListingThenAllowedWhenCreatingThenForbidden() {
    String upn = newUpn("yuri");
    createUser(upn);
    GraphClient reader = clientWith(Permissions.METHODS_READ_ALL);

    assertThat(reader.get(passesOf(upn)).status()).isEqualTo(200);
    Response create = reader.post(passesOf(upn), "{}");
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.errorCode()).isEqualTo("accessDenied");
    assertThat(create.contentType()).startsWith("application/json");
    assertThat(reader.get("/v1.0/users").status()).isEqualTo(403);
    assertThat(reader.get("/v1.0/auditLogs/directoryAudits").status()).isEqualTo(403);
    assertThat(admin().get(passesOf(upn)).json().get("value")).isEmpty();
  }

  @Test
  default void permissionsWhenEachRouteCalledThenMatchingPermissionRequired() {
    GraphClient users = clientWith(Permissions.USER_READWRITE_ALL);
    GraphClient policyReader = clientWith(Permissions.POLICY_READ);
    GraphClient groups = clientWith(Permissions.GROUP_READWRITE_ALL);

    assertThat(users.get("/v1.0/users").status()).isEqualTo(200);
    assertThat(users.post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Z", "userPrincipalName": "%s"}""".formatted(newUpn("z"))).status())
        .isEqualTo(201);
    assertThat(users.get(tapPolicy()).status()).isEqualTo(403);
    assertThat(policyReader.get(tapPolicy()).status()).isEqualTo(200);
    assertThat(policyReader.patch(tapPolicy(), "{}").status()).isEqualTo(403);
    assertThat(groups.post("/v1.0/groups", "{\"displayName\": \"G\"}").status()).isEqualTo(201);
    assertThat(groups.get("/v1.0/users").status()).isEqualTo(403);
  }

  private static JsonNode claims(String token) {
    return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }
}
