package dev.latchkey.server.graph;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Timestamps as Graph writes them: ISO-8601 in UTC with {@code Z}. */
public final class GraphTime {

  private GraphTime() {}

  /** {@code 2022-06-02T16:21:09.765173Z}; null stays null. */
  public static String format(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
