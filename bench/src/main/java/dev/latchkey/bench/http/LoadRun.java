package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends numbered requests from a fixed number of connections, one thread each, for a warm-up and then a
 * measured window. Closed loop: each connection sends its next request as soon as the previous one is
 * answered, and latency is counted from the actual send. Open loop ({@code rate > 0}): request {@code n} is
 * due at {@code start + n / rate}; a free connection takes the next request and waits for its due time, and
 * latency is counted from that due time, so a server that stalls is charged for every request it held up
 * (no coordinated omission), as long as there are enough connections to keep up with the rate.
 */
final class LoadRun {

  /** Sends request number {@code n}; numbers start at 0 and are each sent once. */
  @FunctionalInterface
  interface Call {
    Response send(HttpConnection connection, long n) throws IOException;
  }

  /**
   * How to run.
   *
   * @param rate requests per second for an open loop; 0 for a closed loop
   * @param limit how many requests there are to send at most (the create scenario has one per seeded user)
   * @param hostHeader the {@code Host} header to send; null for the address connected to
   */
  record Plan(int connections, Duration warmup, Duration duration, double rate, long limit, int successStatus,
      Duration timeout, String hostHeader) {

    boolean openLoop() {
      return rate > 0;
    }
  }

  /**
   * What a run measured; {@code measuredNanos} is shorter than the plan's duration when requests ran out.
   * {@code generatorCores} is the CPU this process used while measuring, in cores (negative when the JVM
   * can't tell), to show how much of the machine the load generator took from the server. The two
   * {@link ProcStat.Sample}s are taken when measuring starts and when the last worker is done (null when the run
   * ended before measuring); {@code serverResidentKib} is the server's resident memory then (-1 without a server).
   */
  record Outcome(LoadResult result, long measuredNanos, boolean ranOut, double generatorCores,
      ProcStat.Sample measureStart, ProcStat.Sample measureEnd, long serverResidentKib) {}

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final URI base;
  private final Plan plan;
  private final Call call;
  private final long serverPid;
  private ProcStat.Sample measureStart;
  private ProcStat.Sample measureEnd;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong ranOutAt = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastMeasuredAnswer = new AtomicLong(Long.MIN_VALUE);
  private final LongAdder answered = new LongAdder();
  private long origin;
  private long measureFrom;
  private long end;

  private LoadRun(URI base, Plan plan, Call call, long serverPid) {
    this.base = base;
    this.plan = plan;
    this.call = call;
    this.serverPid = serverPid;
  }

  /**
   * Runs the plan to its end (or until the requests run out), prints progress to {@code progress}, and samples
   * the CPU of the server process {@code serverPid} (0 for none) and of the whole machine from {@code /proc}
   * over the measured window.
   */
  static Outcome run(URI base, Plan plan, Call call, PrintStream progress, long serverPid) throws InterruptedException {
    return new LoadRun(base, plan, call, serverPid).run(progress);
  }

  private Outcome run(PrintStream progress) throws InterruptedException {
    ExecutorService workers = Executors.newFixedThreadPool(plan.connections());
    try {
      origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      measureFrom = origin + plan.warmup().toNanos();
      end = measureFrom + plan.duration().toNanos();
      List<Future<LoadResult>> results = new ArrayList<>();
      for (int i = 0; i < plan.connections(); i++) {
        results.add(workers.submit(plan.openLoop() ? this::openLoop : this::closedLoop));
      }
      double generatorCores = reportProgress(results, progress);
      LoadResult total = new LoadResult(plan.successStatus());
      for (Future<LoadResult> result : results) {
        total.add(await(result));
      }
      return new Outcome(total, Math.max(0, measuredUntil() - measureFrom), ranOutAt.get() != Long.MAX_VALUE,
          generatorCores, measureStart, measureStart == null ? null : measureEnd,
          serverPid > 0 ? ProcStat.residentKib(serverPid) : -1);
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * The end of the measured window: the planned end, or earlier when the requests ran out; in an open loop,
   * later when the server answered the window's requests only after it, so throughput is what it achieved.
   */
  private long measuredUntil() {
    long until = Math.min(end, ranOutAt.get());
    return plan.openLoop() ? Math.max(until, lastMeasuredAnswer.get()) : until;
  }

  private LoadResult closedLoop() {
    LoadResult result = new LoadResult(plan.successStatus());
    try (HttpConnection connection = new HttpConnection(base, plan.timeout(), plan.hostHeader())) {
      long sent;
      while ((sent = System.nanoTime()) < end) {
        long n = next.getAndIncrement();
        if (n >= plan.limit()) {
          ranOutAt.accumulateAndGet(sent, Math::min);
          break;
        }
        send(connection, n, sent, result);
      }
    }
    return result;
  }

  private LoadResult openLoop() {
    LoadResult result = new LoadResult(plan.successStatus());
    double nanosPerRequest = 1e9 / plan.rate();
    try (HttpConnection connection = new HttpConnection(base, plan.timeout(), plan.hostHeader())) {
      while (true) {
        long n = next.getAndIncrement();
        long due = origin + Math.round(n * nanosPerRequest);
        if (due >= end) {
          break;
        }
        if (n >= plan.limit()) {
          ranOutAt.accumulateAndGet(due, Math::min);
          break;
        }
        long now;
        while ((now = System.nanoTime()) < due) {
          LockSupport.parkNanos(due - now);
        }
        if (due >= measureFrom) {
          result.lag(now - due);
        }
        send(connection, n, due, result);
      }
    }
    return result;
  }

  /** Sends request {@code n} and records it when it was due inside the measured window. */
  private void send(HttpConnection connection, long n, long due, LoadResult result) {
    boolean measured = due >= measureFrom;
    try {
      Response response = call.send(connection, n);
      long answeredAt = System.nanoTime();
      if (measured) {
        result.response(response.status(), answeredAt - due);
        lastMeasuredAnswer.accumulateAndGet(answeredAt, Math::max);
      }
    } catch (IOException | RuntimeException e) {
      if (measured) {
        result.error(e);
      }
    } finally {
      answered.increment();
    }
  }

  /** Prints progress until every worker is done; returns the CPU this process used while measuring. */
  private double reportProgress(List<Future<LoadResult>> results, PrintStream progress) throws InterruptedException {
    long every = PROGRESS_EVERY.toNanos();
    long nextReport = origin + every;
    long cpuAtStart = -1;
    long wallAtStart = 0;
    while (!results.stream().allMatch(Future::isDone)) {
      long now = System.nanoTime();
      if (cpuAtStart < 0 && now >= measureFrom) {
        cpuAtStart = processCpuNanos();
        wallAtStart = now;
        measureStart = ProcStat.Sample.take(serverPid);
      }
      if (now >= nextReport) {
        progress.printf(Locale.ROOT, "  %3d s  %s, %d answered%n", TimeUnit.NANOSECONDS.toSeconds(now - origin),
            now < measureFrom ? "warm-up" : "measuring", answered.sum());
        nextReport += every;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    long cpuAtEnd = processCpuNanos();
    measureEnd = ProcStat.Sample.take(serverPid);
    return cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : (double) (cpuAtEnd - cpuAtStart) / (System.nanoTime() - wallAtStart);
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private LoadResult await(Future<LoadResult> result) throws InterruptedException {
    try {
      return result.get(plan.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("A load worker failed", e);
    }
  }

  /**
   * Runs {@code task} for 0 … count-1 on {@code connections} connections and waits for all; the first
   * failure stops the rest and is thrown. For seeding, where every request must succeed.
   */
  static void inParallel(URI base, int connections, int count, Duration timeout, Call task)
      throws IOException, InterruptedException {
    inParallel(base, null, connections, count, timeout, task);
  }

  /** {@link #inParallel(URI, int, int, Duration, Call)} with a {@code Host} header of its own. */
  static void inParallel(URI base, String hostHeader, int connections, int count, Duration timeout, Call task)
      throws IOException, InterruptedException {
    AtomicLong nextIndex = new AtomicLong();
    ExecutorService workers = Executors.newFixedThreadPool(connections);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        Callable<Void> worker = () -> {
          try (HttpConnection connection = new HttpConnection(base, timeout, hostHeader)) {
            for (long n = nextIndex.getAndIncrement(); n < count; n = nextIndex.getAndIncrement()) {
              task.send(connection, n);
            }
          }
          return null;
        };
        done.add(workers.submit(worker));
      }
      for (Future<Void> worker : done) {
        try {
          worker.get();
        } catch (ExecutionException e) {
          nextIndex.set(count);
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      workers.shutdownNow();
    }
  }
}
