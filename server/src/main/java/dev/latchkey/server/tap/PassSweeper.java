package dev.latchkey.server.tap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes passes that have been spent for longer than the retention period, so that admins still see an
 * expired or used pass for a while (it reads {@code Expired} or {@code OneTimeUsed}) and the table does
 * not grow without end. One idempotent statement: every node may run it at the same time.
 */
@Component
class PassSweeper {

  private static final Logger log = LoggerFactory.getLogger(PassSweeper.class);

  private final PassRepository passes;
  private final Clock clock;
  private final Duration retention;

  PassSweeper(PassRepository passes, Clock clock,
      @Value("${latchkey.passes.retention:P7D}") Duration retention) {
    this.passes = passes;
    this.clock = clock;
    this.retention = retention;
  }

  @Scheduled(fixedDelayString = "${latchkey.passes.sweep-interval:PT10M}", initialDelayString = "PT1M")
  void sweep() {
    int deleted = sweepSpentBefore(clock.instant().minus(retention));
    if (deleted > 0) {
      log.info("Swept {} passes spent more than {} ago", deleted, retention);
    }
  }

  /** Deletes passes expired or used before {@code cutoff}; returns how many. */
  int sweepSpentBefore(Instant cutoff) {
    return passes.deleteSpentBefore(cutoff);
  }
}
