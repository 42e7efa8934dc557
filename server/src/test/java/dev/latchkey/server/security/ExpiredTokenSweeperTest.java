package dev.latchkey.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.support.GraphClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ExpiredTokenSweeperTest extends GraphApiSuite {

  @Autowired
  ExpiredTokenSweeper sweeper;
  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:token-sweeper;DB_CLOSE_DELAY=-1");
  }

  @Test
  void sweepWhenRevokedAccessTokensExpiredThenTheirRecordsDeletedAndLiveOnesKept() {
    String token = admin().token();
    assertThat(rows()).as("an API client's token is not recorded").isZero();
    Response revoked = anonymous().send(anonymous().request("/oauth2/revoke")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&client_id=" + ADMIN_ID
            + "&client_secret=" + ADMIN_SECRET)));
    assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
    assertThat(rows()).as("a revoked one is, for introspection to say so").isEqualTo(1);
    assertThat(sweeper.sweep()).isZero();

    clock().advance(Duration.ofMinutes(61));
    assertThat(sweeper.sweep()).isEqualTo(1);
    assertThat(rows()).isZero();
  }

  private long rows() {
    return jdbc.sql("select count(*) from oauth2_authorization").query(Long.class).single();
  }
}
