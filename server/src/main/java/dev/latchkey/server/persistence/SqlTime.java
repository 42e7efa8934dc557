package dev.latchkey.server.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from {@code timestamp with time zone} columns the same way on H2 and PostgreSQL. The
 * PostgreSQL driver can't bind an {@link Instant} directly; both drivers bind an {@link OffsetDateTime}.
 */
public final class SqlTime {

  private SqlTime() {}

  /** The value to bind for {@code instant}; null stays null. */
  public static OffsetDateTime bind(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** The instant in {@code column}, or null when the column is null. */
  public static Instant read(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
