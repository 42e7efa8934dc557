package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;

/** Health with the database, pass metrics, and links that never come from request headers. */
public interface OperationsApiContract extends ApiTest {

  @Test
  default void healthWhenDatabaseUpThenUpWithDatabaseComponent() {
    Response health = anonymous().get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
    assertThat(health.json().at("/components/db/status").stringValue()).isEqualTo("UP");
    assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
  }

  @Test
  default void metricsWhenPassesIssuedAndDeletedThenCountersGrow() {
    double issuedBefore = counter("latchkey_passes_issued_total");
    double deletedBefore = counter("latchkey_passes_deleted_total");
    String upn = newUpn("metered");
    createUser(upn);
    String id = admin().post(passesOf(upn), "{}").json().get("id").stringValue();
    admin().delete(passesOf(upn) + "/" + id);

    assertThat(counter("latchkey_passes_issued_total")).isEqualTo(issuedBefore + 1);
    assertThat(counter("latchkey_passes_deleted_total")).isEqualTo(deletedBefore + 1);
  }

  @Test
  default void linksWhenForwardedHeadersSentThenStillFromConfiguredBaseUrl() {
    for (int i = 0; i < 2; i++) {
      createUser(newUpn("linked"));
    }

    Response page = admin().send(admin().request("/v1.0/users?$top=1")
        .header("X-Forwarded-Host", "attacker.example").header("X-Forwarded-Proto", "http")
        .header("Forwarded", "host=attacker.example;proto=http").GET());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().get("@odata.nextLink").stringValue()).startsWith(GraphApiSuite.BASE_URL + "/v1.0/users?");
    assertThat(page.json().get("@odata.context").stringValue()).startsWith(GraphApiSuite.BASE_URL);
    assertThat(page.text()).doesNotContain("attacker.example");
  }

  @Test
  default void metricsWhenPeopleSignInThenCountedByMethodAndResultWithPassesConsumedExpiredAndLocked() {
    String signIns = "latchkey_signins_total";
    String pass = "method=\"Temporary Access Pass\"";
    double succeeded = counter(signIns, pass, "result=\"success\"", "reason=\"none\"");
    double wrong = counter(signIns, pass, "result=\"failure\"", "reason=\"WrongTemporaryAccessPass\"");
    double consumed = counter("latchkey_passes_consumed_total");
    double expired = counter("latchkey_passes_expired_total");
    double locked = counter("latchkey_passes_locked_total");
    String once = newUpn("counted");
    createUser(once);
    String secret = admin().post(passesOf(once), "{\"isUsableOnce\": true}").json().get("temporaryAccessPass").stringValue();
    assertThat(browser().signInWithPass(once, secret).status()).isEqualTo(302);
    String late = newUpn("late");
    createUser(late);
    String lateSecret = admin().post(passesOf(late), "{\"lifetimeInMinutes\": 60}").json().get("temporaryAccessPass")
        .stringValue();
    clock().advance(java.time.Duration.ofMinutes(61));
    assertThat(browser().signInWithPass(late, lateSecret).status()).isEqualTo(200);
    String guessed = newUpn("guessed");
    createUser(guessed);
    for (int i = 0; i < 10; i++) {
      assertThat(browser().signInWithPass(guessed, "not-the-pass").status()).isEqualTo(200);
    }

    assertThat(counter(signIns, pass, "result=\"success\"", "reason=\"none\"")).isEqualTo(succeeded + 1);
    assertThat(counter(signIns, pass, "result=\"failure\"", "reason=\"WrongTemporaryAccessPass\""))
        .isEqualTo(wrong);
    assertThat(counter("latchkey_passes_consumed_total")).isEqualTo(consumed + 1);
    assertThat(counter("latchkey_passes_expired_total")).isEqualTo(expired + 1);
    assertThat(counter("latchkey_passes_locked_total")).isEqualTo(locked + 1);
    assertThat(counter(signIns, pass, "reason=\"NoTemporaryAccessPass\"")).isGreaterThanOrEqualTo(10);
  }

  @Test
  default void metricsWhenTokensAskedForThenCountedByGrantAndResultAndThePoolIsMeasured() {
    String tokens = "latchkey_tokens_total";
    double issued = counter(tokens, "grant_type=\"client_credentials\"", "result=\"issued\"");
    double refused = counter(tokens, "grant_type=\"client_credentials\"", "result=\"refused\"");

    assertThat(anonymous().token(GraphApiSuite.ADMIN_ID, GraphApiSuite.ADMIN_SECRET, null).status()).isEqualTo(200);
    assertThat(anonymous().token(GraphApiSuite.ADMIN_ID, "wrong-secret", null).status()).isEqualTo(401);

    assertThat(counter(tokens, "grant_type=\"client_credentials\"", "result=\"issued\"")).isEqualTo(issued + 1);
    assertThat(counter(tokens, "grant_type=\"client_credentials\"", "result=\"refused\"")).isEqualTo(refused + 1);
    String metrics = anonymous().get("/actuator/prometheus").text();
    assertThat(metrics).as("database pool saturation").contains("hikaricp_connections_active{",
        "hikaricp_connections_pending{", "hikaricp_connections_max{", "hikaricp_connections_acquire_seconds");
  }

  /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
  private double counter(String name, String... labels) {
    String metrics = anonymous().get("/actuator/prometheus").text();
    return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
