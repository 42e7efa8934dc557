package dev.latchkey.bench.ott;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeTokenService;

/** Generates many tokens through the service itself, each its own insert, on several threads. */
final class TokenBatch {

  private TokenBatch() {}

  /**
   * Returns {@code count} token values for users {@code bench-0} … {@code bench-(users-1)}, round-robin,
   * each valid for {@code lifetime}.
   */
  static String[] generate(OneTimeTokenService service, int count, int users, Duration lifetime, int threads)
      throws InterruptedException {
    String[] values = new String[count];
    AtomicInteger next = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(workers.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            values[i] = service.generate(new GenerateOneTimeTokenRequest(username(i % users), lifetime)).getTokenValue();
          }
        }));
      }
      for (Future<?> worker : done) {
        worker.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Generating tokens failed", e.getCause());
    } finally {
      workers.shutdownNow();
    }
    return values;
  }

  static String username(int n) {
    return "bench-" + n;
  }
}
