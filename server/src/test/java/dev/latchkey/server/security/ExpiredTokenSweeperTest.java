package dev.latchkey.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
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
  void sweepWhenAccessTokensExpiredThenTheirRecordsDeletedAndLiveOnesKept() {
    assertThat(rows()).as("every token is recorded").isPositive();
    assertThat(sweeper.sweep()).isZero();

    clock().advance(Duration.ofMinutes(61));
    assertThat(sweeper.sweep()).isPositive();
    assertThat(rows()).isZero();
  }

  private long rows() {
    return jdbc.sql("select count(*) from oauth2_authorization").query(Long.class).single();
  }
}
