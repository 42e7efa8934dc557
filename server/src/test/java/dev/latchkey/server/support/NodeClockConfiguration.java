package dev.latchkey.server.support;

import dev.latchkey.server.config.DatabaseAlignedClock;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A cluster node's clock: the server's own database-aligned clock over a host clock that may be set off by
 * {@code test.node.host-clock-skew} (as a badly synchronised host would be), with a {@link MutableClock} on
 * top so that tests still move time.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NodeClockConfiguration {

  static final String HOST_CLOCK_SKEW = "test.node.host-clock-skew";

  @Bean
  @Primary
  MutableClock mutableClock(DataSource dataSource, @Value("${" + HOST_CLOCK_SKEW + ":PT0S}") Duration skew) {
    DatabaseAlignedClock aligned = new DatabaseAlignedClock(Clock.offset(Clock.systemUTC(), skew), dataSource);
    aligned.align();
    return new MutableClock(aligned);
  }
}
