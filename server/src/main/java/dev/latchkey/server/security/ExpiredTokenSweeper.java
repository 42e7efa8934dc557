package dev.latchkey.server.security;

import dev.latchkey.server.persistence.SqlTime;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the authorization server's records of client-credential tokens once their access tokens have
 * expired: nothing can use or revoke them any more. Only revoked ones are recorded (see
 * {@code SelfContainedAppTokens}). Idempotent, so every node may run it at once.
 */
@Component
class ExpiredTokenSweeper {

  private final JdbcClient jdbc;
  private final Clock clock;

  ExpiredTokenSweeper(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${latchkey.tokens.sweep-interval:PT10M}", initialDelayString = "PT1M")
  int sweep() {
    return jdbc.sql("""
            delete from oauth2_authorization
            where authorization_grant_type = 'client_credentials' and access_token_expires_at < :now""")
        .param("now", SqlTime.bind(clock.instant()))
        .update();
  }
}
