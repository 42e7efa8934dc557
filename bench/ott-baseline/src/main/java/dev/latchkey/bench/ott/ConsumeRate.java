package dev.latchkey.bench.ott;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * The second, in-process figure of the baseline: {@code JdbcOneTimeTokenService.consume()} called directly
 * from {@code --threads} threads (one pooled connection each) on tokens it generated beforehand, no HTTP,
 * no session, no user lookup. Prints consumes per second over the measured window.
 *
 * <pre>
 * java -cp bench/ott-baseline/target/ott-baseline.jar -Dloader.main=dev.latchkey.bench.ott.ConsumeRate \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --url=jdbc:postgresql://127.0.0.1:55433/ott?user=latchkey --threads=16 --tokens=400000 --warmup=20 --duration=20
 * </pre>
 * The tables must exist: start the app once on that database (or run its {@code ott-baseline-schema.sql}).
 */
public final class ConsumeRate {

  private ConsumeRate() {}

  public static void main(String[] args) throws Exception {
    String url = option(args, "url", "jdbc:postgresql://127.0.0.1:55433/ott?user=latchkey");
    int threads = Integer.parseInt(option(args, "threads", "16"));
    int count = Integer.parseInt(option(args, "tokens", "400000"));
    Duration warmup = Duration.ofSeconds(Long.parseLong(option(args, "warmup", "20")));
    Duration duration = Duration.ofSeconds(Long.parseLong(option(args, "duration", "20")));
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl(url);
      pool.setMaximumPoolSize(threads);
      JdbcOneTimeTokenService service = new JdbcOneTimeTokenService(new JdbcTemplate(pool));
      try {
        long started = System.nanoTime();
        String[] tokens = TokenBatch.generate(service, count, 1000, Duration.ofHours(2), threads);
        System.out.printf(Locale.ROOT, "generated %d tokens in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        run(service, tokens, threads, warmup, duration);
      } finally {
        // The service starts its own (non-daemon) cleanup scheduler, which would keep the JVM alive.
        service.destroy();
      }
    }
  }

  private static void run(JdbcOneTimeTokenService service, String[] tokens, int threads, Duration warmup,
      Duration duration) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    LongAdder consumed = new LongAdder();
    LongAdder refused = new LongAdder();
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    long[] ranOutAt = {Long.MAX_VALUE};
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(workers.submit(() -> {
          long now;
          while ((now = System.nanoTime()) < end) {
            int i = next.getAndIncrement();
            if (i >= tokens.length) {
              synchronized (ranOutAt) {
                ranOutAt[0] = Math.min(ranOutAt[0], now);
              }
              return;
            }
            boolean won = service.consume(OneTimeTokenAuthenticationToken.unauthenticated(tokens[i])) != null;
            if (now >= measureFrom) {
              (won ? consumed : refused).increment();
            }
          }
        }));
      }
      for (Future<?> worker : done) {
        worker.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("A consumer failed", e.getCause());
    } finally {
      workers.shutdownNow();
    }
    double seconds = (Math.min(end, ranOutAt[0]) - measureFrom) / 1e9;
    if (seconds <= 0) {
      System.out.println("consume: the tokens ran out during the warm-up; pass a larger --tokens");
      return;
    }
    System.out.printf(Locale.ROOT, "consume: %d threads, %.1f s measured, %.1f consumes/s, %d refused%s%n", threads,
        seconds, consumed.sum() / seconds, refused.sum(),
        ranOutAt[0] != Long.MAX_VALUE ? " (ran out of tokens: pass a larger --tokens)" : "");
  }

  private static String option(String[] args, String name, String fallback) {
    String prefix = "--" + name + "=";
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    return fallback;
  }
}
