package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad input of every kind: the OData envelope, the right status, and never a stack trace. */
public interface ErrorApiContract extends ApiTest {

  @Test
  default void postWhenJsonMalformedThenBadRequest() {
    String upn = newUpn("zara");
    createUser(upn);

    Response response = admin().post(passesOf(upn), "{\"lifetimeInMinutes\": ");

    assertEnvelope(response, 400, "badRequest");
    assertThat(response.errorMessage()).contains("JSON");
  }

  @Test
  default void postWhenPropertyHasWrongTypeThenBadRequestNamingIt() {
    String upn = newUpn("abel");
    createUser(upn);

    Response lifetime = admin().post(passesOf(upn), "{\"lifetimeInMinutes\": \"sixty\"}");
    Response once = admin().post(passesOf(upn), "{\"isUsableOnce\": 1}");
    Response start = admin().post(passesOf(upn), "{\"startDateTime\": \"tomorrow\"}");
    Response array = admin().post(passesOf(upn), "[]");
    Response unknown = admin().post(passesOf(upn), "{\"temporaryAccessPass\": \"chosen\"}");

    assertEnvelope(lifetime, 400, "badRequest");
    assertThat(lifetime.errorMessage()).contains("lifetimeInMinutes");
    assertEnvelope(once, 400, "badRequest");
    assertThat(once.errorMessage()).contains("isUsableOnce");
    assertEnvelope(start, 400, "badRequest");
    assertThat(start.errorMessage()).contains("startDateTime");
    assertEnvelope(array, 400, "badRequest");
    assertEnvelope(unknown, 400, "badRequest");
    assertThat(admin().get(passesOf(upn)).json().get("value")).isEmpty();
  }

  @Test
  default void postWhenBodyOver64KiBThenPayloadTooLarge() {
    String upn = newUpn("bea");
    createUser(upn);
    String padding = "x".repeat(70 * 1024);

    Response declared = admin().post(passesOf(upn), "{\"padding\": \"" + padding + "\"}");
    Response chunked = admin().send(admin().request(passesOf(upn)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
            ("{\"padding\": \"" + padding + "\"}").getBytes(StandardCharsets.UTF_8)))));

    assertEnvelope(declared, 413, "requestEntityTooLarge");
    assertEnvelope(chunked, 413, "requestEntityTooLarge");
    assertThat(admin().get(passesOf(upn)).json().get("value")).isEmpty();
  }

  @Test
  default void postWhenContentTypeNotJsonThenUnsupportedMediaType() {
    String upn = newUpn("cy");
    createUser(upn);

    Response response = admin().send("POST", passesOf(upn), "text/plain", "{}".getBytes(StandardCharsets.UTF_8));

    assertEnvelope(response, 415, "unsupportedMediaType");
  }

  @Test
  default void requestWhenRouteUnknownThenNotFoundEnvelope() {
    assertEnvelope(admin().get("/v1.0/nothingHere"), 404, "resourceNotFound");
    assertEnvelope(admin().get("/v1.0/users/x@example.com/authentication/smsMethods"), 404, "resourceNotFound");
  }

  @Test
  default void requestWhenMethodNotAllowedThenMethodNotAllowedEnvelope() {
    assertEnvelope(admin().send("PUT", "/v1.0/users", "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
        405, "methodNotAllowed");
  }

  @Test
  default void errorWhenClientRequestIdSentThenEchoed() {
    Response response = admin().send(admin().request("/v1.0/users/not-a-guid").header("client-request-id", "abc-123").GET());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/error/innerError/client-request-id").stringValue()).isEqualTo("abc-123");
    assertThat(response.json().at("/error/innerError/request-id").stringValue()).isNotBlank();
    assertThat(response.json().at("/error/innerError/date").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
    assertThat(response.header("client-request-id")).isEqualTo("abc-123");
  }

  private static void assertEnvelope(Response response, int status, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.errorCode()).isEqualTo(code);
    assertThat(response.errorMessage()).isNotBlank();
    assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.latchkey");
  }
}
