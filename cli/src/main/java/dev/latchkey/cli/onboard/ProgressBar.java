package dev.latchkey.cli.onboard;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar with rate and time left, redrawn on one terminal line a few times a second. Drawn only
 * when a person is at a terminal; otherwise (a pipe, a file, CI) it stays silent.
 */
final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;

  private ProgressBar(PrintWriter err, long total, boolean draw) {
    this.err = err;
    this.total = total;
    this.ticker = draw ? Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "progress");
      thread.setDaemon(true);
      return thread;
    }) : null;
    if (ticker != null) {
      ticker.scheduleAtFixedRate(this::draw, 0, 200, TimeUnit.MILLISECONDS);
    }
  }

  /** A bar on {@code err} when {@code terminal}; a silent counter otherwise. */
  static ProgressBar start(PrintWriter err, long total, boolean terminal) {
    return new ProgressBar(err, total, terminal);
  }

  /** Counts one more row done. */
  void step() {
    done.incrementAndGet();
  }

  /** How long since the start. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      draw();
      err.println();
      err.flush();
    }
  }

  private synchronized void draw() {
    err.print("\r" + render(done.get(), total, elapsed()));
    err.flush();
  }

  /** One line such as {@code [#########.....]  4210/10000  42%  352/s  ETA 0:16}. */
  static String render(long done, long total, Duration elapsed) {
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    double seconds = elapsed.toNanos() / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta = rate > 0 && done < total ? clock(Math.round((total - done) / rate)) : done >= total ? "0:00" : "--:--";
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]  " + done + "/" + total + "  "
        + (total == 0 ? 100 : 100 * done / total) + "%  " + Math.round(rate) + "/s  ETA " + eta;
  }

  private static String clock(long seconds) {
    return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
