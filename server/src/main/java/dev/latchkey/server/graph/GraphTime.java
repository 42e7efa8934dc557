package dev.latchkey.server.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps as Graph writes them: ISO-8601 in UTC with {@code Z}. */
public final class GraphTime {

  private GraphTime() {}

  /** A timestamp in a {@code $filter} or a {@code $skiptoken}, such as {@code 2026-11-28T00:00:00Z}. */
  public static Instant parseQueryValue(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw GraphException.badRequest("Invalid $filter: '" + value + "' is not a timestamp such as 2026-11-28T00:00:00Z.");
    }
  }

  /** {@code 2022-06-02T16:21:09.765173Z}; null stays null. */
  public static String format(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
