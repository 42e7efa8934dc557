package dev.latchkey.server.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotates the token-signing key every {@code latchkey.signing.rotate-after} (default 90 days) and drops a
 * replaced key once every token it signed has expired. Runs on every node: one makes the new key, and
 * every node reloads, so all sign with the newest key within {@code latchkey.signing.check-interval}.
 */
@Component
class SigningKeyRotation {

  /** Longer than any token a key signs (access and ID tokens live an hour at most). */
  static final Duration RETIRE_AFTER_REPLACED = Duration.ofHours(2);

  private final SigningKeys keys;
  private final Duration rotateAfter;
  private final Clock clock;

  SigningKeyRotation(SigningKeys keys, @Value("${latchkey.signing.rotate-after:P90D}") Duration rotateAfter,
      Clock clock) {
    this.keys = keys;
    this.rotateAfter = rotateAfter;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${latchkey.signing.check-interval:PT10M}", initialDelayString = "PT1M")
  void rotate() {
    keys.rotateIfOlderThan(rotateAfter);
    keys.retire(clock.instant().minus(RETIRE_AFTER_REPLACED));
    keys.reload();
  }
}
