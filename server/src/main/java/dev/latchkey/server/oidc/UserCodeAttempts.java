package dev.latchkey.server.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits how many wrong device codes one person may type: {@value #LIMIT} in {@link #WINDOW}. A user code
 * has about 34 bits (8 letters out of 20), so with this limit guessing someone else's code is hopeless.
 * Kept per node in memory: across N nodes a person gets N times the attempts, still hopeless.
 */
final class UserCodeAttempts {

  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  UserCodeAttempts(Clock clock) {
    this.clock = clock;
  }

  boolean blocked(String userId) {
    Deque<Instant> recent = failures.get(userId);
    if (recent == null) {
      return false;
    }
    synchronized (recent) {
      prune(recent);
      return recent.size() >= LIMIT;
    }
  }

  void failed(String userId) {
    Deque<Instant> recent = failures.computeIfAbsent(userId, id -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
    }
  }

  private void prune(Deque<Instant> recent) {
    Instant horizon = clock.instant().minus(WINDOW);
    while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
      recent.removeFirst();
    }
  }
}
