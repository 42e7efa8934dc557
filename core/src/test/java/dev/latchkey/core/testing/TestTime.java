package dev.latchkey.core.testing;

import java.time.Instant;

/** The one instant the core tests call "now"; nothing reads the wall clock. */
public final class TestTime {

  public static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  private TestTime() {
  }
}
