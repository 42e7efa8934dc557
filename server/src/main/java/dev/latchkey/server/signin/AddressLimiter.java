package dev.latchkey.server.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per client address, against spraying guesses across many accounts: past
 * {@code addressFailures} failures within {@code addressWindow}, the address is answered 429 until the
 * oldest failure leaves the window. Counted per node, in memory.
 */
@Component
class AddressLimiter {

  private final SignInProperties properties;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  AddressLimiter(SignInProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** When the address may try again, or null when it may try now. */
  Instant blockedUntil(String address, Instant now) {
    Deque<Instant> recent = failures.get(address);
    if (recent == null) {
      return null;
    }
    synchronized (recent) {
      prune(recent, now);
      if (recent.size() < properties.addressFailures()) {
        return null;
      }
      return recent.peekFirst().plus(properties.addressWindow());
    }
  }

  void recordFailure(String address, Instant now) {
    Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent, now);
      recent.addLast(now);
    }
  }

  @Scheduled(fixedDelay = 60_000)
  void forgetQuietAddresses() {
    Instant now = clock.instant();
    failures.entrySet().removeIf(entry -> {
      synchronized (entry.getValue()) {
        prune(entry.getValue(), now);
        return entry.getValue().isEmpty();
      }
    });
  }

  private void prune(Deque<Instant> recent, Instant now) {
    Instant horizon = now.minus(properties.addressWindow());
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
      recent.removeFirst();
    }
  }
}
