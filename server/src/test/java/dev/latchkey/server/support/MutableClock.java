package dev.latchkey.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand: real time (or the time of another clock) plus an offset the test sets.
 * It keeps ticking, so entries made one after another stay in order, and a test jumps hours ahead without
 * sleeping.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
  private final Clock base;

  /** Real time plus the offset. */
  public MutableClock() {
    this(Clock.systemUTC());
  }

  /** The time of {@code base} plus the offset. */
  public MutableClock(Clock base) {
    this.base = base;
  }

  /** The clock this one adds its offset to. */
  public Clock base() {
    return base;
  }

  public void advance(Duration duration) {
    offset.updateAndGet(current -> current.plus(duration));
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
