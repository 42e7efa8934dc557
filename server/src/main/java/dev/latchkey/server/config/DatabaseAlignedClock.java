package dev.latchkey.server.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database's time, read from this host's clock plus a measured offset, so that every node sharing one
 * database decides expiry, locks and windows alike even when a host's clock is off. {@link #align()}
 * measures the offset (the best of three round trips, each read at its midpoint); between alignments time
 * runs at the host's rate and reading it costs no query. When the database can't be reached the last
 * offset stays in force.
 *
 * <p>Example: a host 5 minutes ahead measures an offset of about -5 minutes, and {@link #instant()} then
 * reads the database's time within a few milliseconds.
 */
public final class DatabaseAlignedClock extends Clock {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAlignedClock.class);
  private static final int SAMPLES = 3;
  private static final Duration WORTH_A_WARNING = Duration.ofSeconds(2);

  private final Clock host;
  private final JdbcClient jdbc;
  private volatile Duration offset = Duration.ZERO;

  /** A clock that reads {@code host} and aligns it to the database behind {@code dataSource}. */
  public DatabaseAlignedClock(Clock host, DataSource dataSource) {
    this.host = host;
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * Measures how far the database's clock is from the host's and uses that from now on.
   *
   * @return the offset now in force: database time minus host time
   */
  public Duration align() {
    try {
      Duration best = null;
      Duration bestRoundTrip = null;
      for (int i = 0; i < SAMPLES; i++) {
        Instant before = host.instant();
        Instant database = jdbc.sql("select current_timestamp").query(OffsetDateTime.class).single().toInstant();
        Instant after = host.instant();
        Duration roundTrip = Duration.between(before, after);
        if (bestRoundTrip == null || roundTrip.compareTo(bestRoundTrip) < 0) {
          bestRoundTrip = roundTrip;
          best = Duration.between(before.plus(roundTrip.dividedBy(2)), database);
        }
      }
      warnOnLargeChange(best);
      offset = best;
    } catch (RuntimeException unreachable) {
      log.warn("Could not read the database's time to align this node's clock ({}); keeping the offset {}",
          unreachable.getClass().getSimpleName(), offset);
    }
    return offset;
  }

  /** Database time minus host time, as last measured. */
  public Duration offset() {
    return offset;
  }

  private void warnOnLargeChange(Duration measured) {
    if (measured.abs().compareTo(WORTH_A_WARNING) > 0 && measured.minus(offset).abs().compareTo(WORTH_A_WARNING) > 0) {
      log.warn("This host's clock is {} {} the database's; Latchkey follows the database's time. Synchronise the "
          + "host's clock (NTP): sessions and tokens still follow the host's.", measured.abs(),
          measured.isNegative() ? "ahead of" : "behind");
    }
  }

  @Override
  public Instant instant() {
    return host.instant().plus(offset);
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
