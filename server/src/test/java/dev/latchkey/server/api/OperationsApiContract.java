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

  private double counter(String name) {
    String metrics = anonymous().get("/actuator/prometheus").text();
    return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
