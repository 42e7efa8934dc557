package dev.latchkey.server.oidc;

import dev.latchkey.server.persistence.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what the protocol can no longer use: people's authorizations whose longest-living credential
 * (refresh token, else access token, else code) has expired, replaced refresh tokens older than any refresh
 * token could be, and the poll records of device codes that expired. Idempotent, so every node may run it.
 */
@Component
public class AuthorizationSweeper {

  private final JdbcClient jdbc;
  private final Clock clock;

  AuthorizationSweeper(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${latchkey.tokens.sweep-interval:PT10M}", initialDelayString = "PT2M")
  public int sweep() {
    Instant now = clock.instant();
    int authorizations = jdbc.sql("""
            delete from oauth2_authorization
            where authorization_grant_type <> 'client_credentials'
              and coalesce(refresh_token_expires_at, access_token_expires_at, authorization_code_expires_at,
                           device_code_expires_at) < :now""")
        .param("now", SqlTime.bind(now))
        .update();
    int spent = jdbc.sql("delete from spent_refresh_tokens where spent_at < :cutoff")
        .param("cutoff", SqlTime.bind(now.minus(ClientRegistry.REFRESH_TOKEN_LIFETIME)))
        .update();
    int polls = jdbc.sql("delete from device_polls where last_poll_at < :cutoff")
        .param("cutoff", SqlTime.bind(now.minus(Duration.ofHours(1))))
        .update();
    return authorizations + spent + polls;
  }
}
