package dev.latchkey.bench.http;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one worker saw in the measured window, merged over workers at the end: the latency of every
 * success (HdrHistogram, microseconds), a count per HTTP status, and transport errors by exception type.
 * Not thread-safe: each worker has its own.
 */
final class LoadResult {

  private final int successStatus;
  private final Histogram latencyMicros = new Histogram(3);
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private long maxLagMicros;

  LoadResult(int successStatus) {
    this.successStatus = successStatus;
  }

  void response(int status, long latencyNanos) {
    statuses.merge(status, 1L, Long::sum);
    if (status == successStatus) {
      latencyMicros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
    }
  }

  void error(Exception e) {
    errors.merge(e instanceof StepFailure ? e.getMessage() : e.getClass().getSimpleName(), 1L, Long::sum);
  }

  /** How late an open-loop request left its scheduled time: the generator (or the server) fell behind. */
  void lag(long lagNanos) {
    maxLagMicros = Math.max(maxLagMicros, TimeUnit.NANOSECONDS.toMicros(lagNanos));
  }

  void add(LoadResult other) {
    latencyMicros.add(other.latencyMicros);
    other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
    other.errors.forEach((error, count) -> errors.merge(error, count, Long::sum));
    maxLagMicros = Math.max(maxLagMicros, other.maxLagMicros);
  }

  long successes() {
    return statuses.getOrDefault(successStatus, 0L);
  }

  /** Latency of successes at {@code percentile}, in ms; NaN when there was none. */
  double percentileMillis(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Requests that did not get the success status, transport errors included. */
  long failures() {
    return statuses.entrySet().stream().filter(e -> e.getKey() != successStatus).mapToLong(Map.Entry::getValue).sum()
        + errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** True when every request got the success status. */
  boolean clean() {
    return errors.isEmpty() && statuses.keySet().stream().allMatch(status -> status == successStatus);
  }

  /**
   * Prints the throughput over {@code measuredNanos}, the latency percentiles and every other outcome.
   *
   * @param openLoop latencies are then counted from each request's scheduled send time
   */
  void print(PrintStream out, long measuredNanos, boolean openLoop) {
    double seconds = measuredNanos / 1e9;
    long requests = statuses.values().stream().mapToLong(Long::longValue).sum()
        + errors.values().stream().mapToLong(Long::longValue).sum();
    out.printf(Locale.ROOT, "  measured    %.1f s, %d requests%n", seconds, requests);
    out.printf(Locale.ROOT, "  throughput  %.1f successes/s (status %d)%n", successes() / seconds, successStatus);
    if (latencyMicros.getTotalCount() > 0) {
      out.printf(Locale.ROOT, "  latency     p50 %s  p99 %s  p99.9 %s  max %s  mean %s ms (%s)%n",
          millis(latencyMicros.getValueAtPercentile(50)), millis(latencyMicros.getValueAtPercentile(99)),
          millis(latencyMicros.getValueAtPercentile(99.9)), millis(latencyMicros.getMaxValue()),
          millis((long) latencyMicros.getMean()),
          openLoop ? "from the scheduled send time" : "from the actual send time");
    }
    if (openLoop) {
      out.printf(Locale.ROOT, "  send lag    max %s ms behind schedule%n", millis(maxLagMicros));
    }
    Map<Integer, Long> others = new TreeMap<>(statuses);
    others.remove(successStatus);
    out.println("  other       " + (others.isEmpty() && errors.isEmpty() ? "none"
        : "statuses " + others + (errors.isEmpty() ? "" : ", transport errors " + errors)));
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }
}
