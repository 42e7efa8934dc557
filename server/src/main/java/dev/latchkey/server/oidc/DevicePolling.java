package dev.latchkey.server.oidc;

import dev.latchkey.server.persistence.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;

/**
 * RFC 8628's {@code slow_down}, which Spring Authorization Server leaves out: a device that polls the token
 * endpoint sooner than its interval after the previous poll is told to slow down, and its interval grows
 * by 5 seconds. Polls are recorded in the database, so polls spread over several nodes are counted alike.
 */
final class DevicePolling implements AuthenticationProvider {

  static final int INTERVAL_SECONDS = 5;

  private final AuthenticationProvider delegate;
  private final JdbcClient jdbc;
  private final Clock clock;

  DevicePolling(AuthenticationProvider delegate, JdbcClient jdbc, Clock clock) {
    this.delegate = delegate;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  static AuthenticationProvider around(AuthenticationProvider provider, JdbcClient jdbc, Clock clock) {
    return provider.supports(OAuth2DeviceCodeAuthenticationToken.class) ? new DevicePolling(provider, jdbc, clock)
        : provider;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (authentication instanceof OAuth2DeviceCodeAuthenticationToken device && device.getDeviceCode() != null) {
      String key = RefreshTokenFamilies.hash(device.getDeviceCode());
      Instant now = clock.instant();
      Optional<Poll> last = jdbc.sql("select last_poll_at, interval_seconds from device_polls where device_code_hash = :key")
          .param("key", key)
          .query((rs, row) -> new Poll(SqlTime.read(rs, "last_poll_at"), rs.getInt("interval_seconds"))).optional();
      if (last.isEmpty()) {
        record(key, now);
      } else if (now.isBefore(last.get().at().plus(Duration.ofSeconds(last.get().intervalSeconds())))) {
        jdbc.sql("update device_polls set last_poll_at = :at, interval_seconds = interval_seconds + 5 "
                + "where device_code_hash = :key")
            .param("at", SqlTime.bind(now)).param("key", key).update();
        throw new OAuth2AuthenticationException(new OAuth2Error("slow_down",
            "Poll at most every " + (last.get().intervalSeconds() + 5) + " seconds.", null));
      } else {
        jdbc.sql("update device_polls set last_poll_at = :at where device_code_hash = :key")
            .param("at", SqlTime.bind(now)).param("key", key).update();
      }
    }
    return delegate.authenticate(authentication);
  }

  private void record(String key, Instant now) {
    try {
      jdbc.sql("insert into device_polls (device_code_hash, last_poll_at, interval_seconds) values (:key, :at, :interval)")
          .param("key", key).param("at", SqlTime.bind(now)).param("interval", INTERVAL_SECONDS).update();
    } catch (DuplicateKeyException concurrentFirstPoll) {
      throw new OAuth2AuthenticationException(new OAuth2Error("slow_down",
          "Poll at most every " + INTERVAL_SECONDS + " seconds.", null));
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return delegate.supports(authentication);
  }

  private record Poll(Instant at, int intervalSeconds) {}
}
