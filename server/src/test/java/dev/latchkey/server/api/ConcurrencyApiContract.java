package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One pass per user holds under concurrent creates; different users don't block each other. */
public interface ConcurrencyApiContract extends ApiTest {

  int PARALLEL = 20;

  @Test
  default void createPassWhen20ParallelRequestsForOneUserThenExactlyOnePassAnd19Conflicts() throws Exception {
    String upn = newUpn("race");
    createUser(upn);

    List<Integer> statuses = inParallel(i -> admin().post(passesOf(upn), "{}"));

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(PARALLEL - 1);
    assertThat(admin().get(passesOf(upn)).json().get("value")).hasSize(1);
  }

  @Test
  default void createPassWhen20ParallelRequestsForDifferentUsersThenAllSucceed() throws Exception {
    List<String> upns = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      upns.add(newUpn("crowd" + i));
      createUser(upns.get(i));
    }

    List<Integer> statuses = inParallel(i -> admin().post(passesOf(upns.get(i)), "{}"));

    assertThat(statuses).containsOnly(201);
  }

  private List<Integer> inParallel(java.util.function.IntFunction<Response> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        int index = i;
        results.add(pool.submit(() -> {
          start.await();
          return request.apply(index).status();
        }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> result : results) {
        statuses.add(result.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
