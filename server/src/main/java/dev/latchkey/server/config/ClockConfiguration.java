package dev.latchkey.server.config;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The one clock every rule reads time from: the database's, so that all nodes agree (see
 * {@link DatabaseAlignedClock}). Tests replace it with one they move.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  DatabaseAlignedClock clock(DataSource dataSource) {
    DatabaseAlignedClock clock = new DatabaseAlignedClock(Clock.systemUTC(), dataSource);
    clock.align();
    return clock;
  }

  /** Re-measures the offset now and then, so that a host clock drifting or being corrected is followed. */
  @Bean
  ClockAlignment clockAlignment(DatabaseAlignedClock clock) {
    return new ClockAlignment(clock);
  }

  static final class ClockAlignment {

    private final DatabaseAlignedClock clock;

    ClockAlignment(DatabaseAlignedClock clock) {
      this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${latchkey.clock.align-interval:PT1M}", initialDelayString = "${latchkey.clock.align-interval:PT1M}")
    void align() {
      clock.align();
    }
  }
}
