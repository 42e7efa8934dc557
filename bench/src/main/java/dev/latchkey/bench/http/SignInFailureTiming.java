package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code signin-failures} scenario: whether a refused pass sign-in takes the same time whatever the
 * reason, as {@code PassSignIn} promises, so that an attacker can't tell from the timing which usernames
 * exist. Seeds a pool of accounts per {@link Kind}, gives every refused account a counted failure (and
 * the lock classes enough to pass the lock threshold) before the run, so that every class is timed in the
 * same steady throttle state, then sends attempts of all classes interleaved in a random order at a fixed
 * rate and times only {@code POST /signin/pass}, the step that checks the pass.
 */
final class SignInFailureTiming {

  /** What the server says to every refused pass, in its HTML ({@code '} may be escaped). */
  private static final String REFUSED = "That pass didn";
  /** Bootstrap resamples for each interval. */
  private static final int RESAMPLES = 2000;
  /** How long this thread's last {@code POST /signin/pass} took, in nanoseconds. */
  private static final ThreadLocal<Long> lastPassNanos = ThreadLocal.withInitial(() -> 0L);
  /** Accounts (or names) in each of the two classes past the lock threshold. */
  private static final int PAST_THRESHOLD_ACCOUNTS = 20;

  /** One class of attempt: who signs in and with what. */
  enum Kind {
    SIGNED_IN("right pass (control)", true),
    WRONG_PASS("wrong pass", false),
    NO_PASS("user without a pass", false),
    UNKNOWN_USER("unknown username", false),
    DISABLED("disabled account, right pass", false),
    NOT_YET_VALID("pass not yet valid, right pass", false),
    ONE_TIME_USED("used one-time pass, right pass", false),
    LOCKED("locked account, wrong pass", false, true),
    UNKNOWN_PAST_THRESHOLD("unknown username, failed past the lock threshold", false, true);

    final String label;
    final boolean succeeds;
    /** Whether the set-up fails each of its accounts up to the lock threshold. */
    final boolean pastThreshold;

    Kind(String label, boolean succeeds) {
      this(label, succeeds, false);
    }

    Kind(String label, boolean succeeds, boolean pastThreshold) {
      this.label = label;
      this.succeeds = succeeds;
      this.pastThreshold = pastThreshold;
    }

    String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final SignInScenarios scenarios;
  private final LatchkeyApi api;
  private final URI url;
  private final String origin;
  private final int seedConcurrency;
  private final Duration timeout;
  private final PrintStream out;
  private final SecureRandom random = new SecureRandom();
  private final Map<Kind, SignInScenarios.Person[]> pools = new EnumMap<>(Kind.class);
  private final Map<Kind, AtomicLong> turns = new EnumMap<>(Kind.class);
  private final Map<Kind, List<Long>> nanos = new EnumMap<>(Kind.class);
  private Kind[] schedule;
  private long firstMeasured;

  SignInFailureTiming(SignInScenarios scenarios, LatchkeyApi api, URI url, String origin, int seedConcurrency,
      Duration timeout, PrintStream out) {
    this.scenarios = scenarios;
    this.api = api;
    this.url = url;
    this.origin = origin;
    this.seedConcurrency = seedConcurrency;
    this.timeout = timeout;
    this.out = out;
    for (Kind kind : Kind.values()) {
      turns.put(kind, new AtomicLong());
      nanos.put(kind, new ArrayList<>());
    }
  }

  /**
   * Seeds {@code perKind} accounts (or unknown names) per class and brings each into its state; the lock
   * classes get {@code lockoutThreshold} wrong passes each, the server's {@code latchkey.signin.lockout-threshold}.
   */
  void prepare(int perKind, int lockoutThreshold) throws IOException, InterruptedException {
    long started = System.nanoTime();
    // Past the threshold nothing more changes (a locked account's refusals aren't counted, and an unknown name's
    // only extend a lock nobody holds), so a few accounts do, and spare the set-up most of its failures.
    int pastThreshold = Math.min(perKind, PAST_THRESHOLD_ACCOUNTS);
    SignInScenarios.Person[] multiUse = scenarios.seedPeople(3 * perKind + pastThreshold);
    SignInScenarios.Person[] oneTime = scenarios.seedPeople(perKind, true);
    pools.put(Kind.SIGNED_IN, Arrays.copyOfRange(multiUse, 0, perKind));
    pools.put(Kind.WRONG_PASS, wrongPasses(Arrays.copyOfRange(multiUse, perKind, 2 * perKind)));
    SignInScenarios.Person[] disabled = Arrays.copyOfRange(multiUse, 2 * perKind, 3 * perKind);
    pools.put(Kind.LOCKED, wrongPasses(Arrays.copyOfRange(multiUse, 3 * perKind, 3 * perKind + pastThreshold)));
    pools.put(Kind.DISABLED, disabled);
    pools.put(Kind.ONE_TIME_USED, oneTime);
    String prefix = "lkbench-" + Long.toHexString(random.nextLong() >>> 32);
    // A typed pass that looks like a real one: someone else's.
    SignInScenarios.Person[] noPass = new SignInScenarios.Person[perKind];
    SignInScenarios.Person[] notYetValid = new SignInScenarios.Person[perKind];
    SignInScenarios.Person[] unknown = new SignInScenarios.Person[perKind];
    SignInScenarios.Person[] unknownPast = new SignInScenarios.Person[pastThreshold];
    String startTomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    byte[] laterPass = ("{\"isUsableOnce\":false,\"lifetimeInMinutes\":60,\"startDateTime\":\"" + startTomorrow + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    LoadRun.inParallel(url, seedConcurrency, perKind, timeout, (connection, n) -> {
      int i = (int) n;
      String typed = multiUse[i].pass();
      noPass[i] = new SignInScenarios.Person(created(connection, prefix + "-nopass-" + i), typed);
      String later = created(connection, prefix + "-later-" + i);
      Response pass = api.createPass(connection, later, laterPass);
      SignInScenarios.expect(pass, 201, "POST .../temporaryAccessPassMethods (starting tomorrow)");
      notYetValid[i] = new SignInScenarios.Person(later, SignInScenarios.passIn(pass));
      Response off = api.patch(connection, "/users/" + disabled[i].upn(), "{\"accountEnabled\":false}");
      SignInScenarios.expect(off, off.status() == 200 ? 200 : 204, "PATCH /v1.0/users/{upn} accountEnabled false");
      unknown[i] = new SignInScenarios.Person(prefix + "-nobody-" + i + "@bench.example.com", typed);
      if (i < pastThreshold) {
        unknownPast[i] = new SignInScenarios.Person(prefix + "-noone-" + i + "@bench.example.com", typed);
      }
      return off;
    });
    pools.put(Kind.NO_PASS, noPass);
    pools.put(Kind.NOT_YET_VALID, notYetValid);
    pools.put(Kind.UNKNOWN_USER, unknown);
    pools.put(Kind.UNKNOWN_PAST_THRESHOLD, unknownPast);
    // Use up each one-time pass, then count one failure on every account refused in the run, and
    // lockoutThreshold on the lock classes: the first failure on an account inserts its throttle row, later
    // ones update it, and every class should be timed doing the same.
    LoadRun.inParallel(url, scenarios.hostHeader(), seedConcurrency, perKind, timeout, (connection, n) -> {
      Browser browser = new Browser(origin);
      int i = (int) n;
      Response last = SignInScenarios.passSignIn(browser, connection, oneTime[i], true);
      for (Kind kind : Kind.values()) {
        SignInScenarios.Person[] pool = pools.get(kind);
        int attempts = kind.succeeds || i >= pool.length ? 0 : kind.pastThreshold ? lockoutThreshold : 1;
        for (int a = 0; a < attempts; a++) {
          last = attempt(browser, connection, kind, pool[i]);
        }
      }
      return last;
    });
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "prepared %d accounts or names for each of %d classes (%d for the two past the lock "
        + "threshold, %d failures each; the other refused classes 1 each) in %.1f s%n", perKind, Kind.values().length,
        pastThreshold, lockoutThreshold, seconds);
  }

  /**
   * The timed call: attempt {@code n} is of class {@code schedule[n]}, a random order in which every class
   * comes once in each block of {@code Kind.values().length}; within a class the accounts go round-robin.
   * Checks the answer (302 away from the sign-in pages for the control, the refusal page for the others)
   * and answers 200 when it was as expected.
   *
   * @param attempts how many attempts the run may send
   * @param warmupAttempts the attempts before the measured window (rate × warm-up), not recorded
   */
  LoadRun.Call call(int attempts, long warmupAttempts) {
    Kind[] kinds = Kind.values();
    schedule = new Kind[attempts];
    Random shuffle = new Random(random.nextLong());
    for (int block = 0; block < attempts; block += kinds.length) {
      Kind[] order = kinds.clone();
      for (int i = order.length - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        Kind swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      System.arraycopy(order, 0, schedule, block, Math.min(order.length, attempts - block));
    }
    firstMeasured = warmupAttempts;
    ThreadLocal<Browser> browsers = ThreadLocal.withInitial(() -> new Browser(origin));
    return (connection, n) -> {
      Kind kind = schedule[(int) n];
      SignInScenarios.Person[] pool = pools.get(kind);
      SignInScenarios.Person person = pool[(int) (turns.get(kind).getAndIncrement() % pool.length)];
      Browser browser = browsers.get();
      try {
        attempt(browser, connection, kind, person);
      } catch (IOException | RuntimeException e) {
        browser.clear();
        throw e;
      }
      long took = lastPassNanos.get();
      if (n >= firstMeasured) {
        List<Long> samples = nanos.get(kind);
        synchronized (samples) {
          samples.add(took);
        }
      }
      return new Response(200, new byte[0]);
    };
  }

  /**
   * One attempt on the browser's session: {@code GET /signin}, {@code POST /signin} with the username (302 to
   * the pass prompt), then {@code POST /signin/pass}, timed alone.
   */
  private static Response attempt(Browser browser, HttpConnection connection, Kind kind, SignInScenarios.Person person)
      throws IOException {
    SignInScenarios.toPassPrompt(browser, connection, person);
    long sent = System.nanoTime();
    Response signIn = browser.form(connection, "/signin/pass", "pass", person.pass());
    lastPassNanos.set(System.nanoTime() - sent);
    if (kind.succeeds) {
      if (signIn.status() != 302 || signIn.location() == null || signIn.location().contains("/signin")) {
        throw new StepFailure("POST /signin/pass " + signIn.status() + " (" + kind.cliName() + ")");
      }
    } else if (signIn.status() != 200 || !signIn.text().contains(REFUSED)) {
      throw new StepFailure("POST /signin/pass " + signIn.status() + " not refused (" + kind.cliName() + ")");
    }
    return signIn;
  }

  /**
   * Per class: count and percentiles of {@code POST /signin/pass}; each refusal class against
   * {@code wrong pass} (difference of medians with a bootstrap 95 % interval, and a two-sided Mann–Whitney U
   * test), and the two classes past the lock threshold against each other.
   */
  void print() {
    double[] reference = sorted(Kind.WRONG_PASS);
    out.println("POST /signin/pass only, ms from send to the whole answer; Δ = median − median of wrong pass, with a "
        + "bootstrap 95 % interval; p: Mann–Whitney U, two-sided");
    out.printf(Locale.ROOT, "  %-50s %6s %8s %8s %8s %28s %9s%n", "class", "n", "p50", "p90", "p99",
        "Δ median [95 % CI]", "p");
    for (Kind kind : Kind.values()) {
      double[] samples = sorted(kind);
      if (samples.length == 0) {
        out.printf(Locale.ROOT, "  %-50s %6d%n", kind.label, 0);
        continue;
      }
      String versus = "";
      if (kind != Kind.WRONG_PASS && reference.length > 0) {
        versus = comparison(samples, reference);
      }
      out.printf(Locale.ROOT, "  %-50s %6d %8.3f %8.3f %8.3f %s%n", kind.label, samples.length,
          Statistics.percentile(samples, 50) / 1e6, Statistics.percentile(samples, 90) / 1e6,
          Statistics.percentile(samples, 99) / 1e6, versus);
    }
    out.printf(Locale.ROOT, "  (%d comparisons: p below %.4f is significant at 5 %% after Bonferroni's correction)%n",
        Kind.values().length, 0.05 / Kind.values().length);
    double[] unknownPast = sorted(Kind.UNKNOWN_PAST_THRESHOLD);
    double[] locked = sorted(Kind.LOCKED);
    if (unknownPast.length > 0 && locked.length > 0) {
      out.printf(Locale.ROOT, "  %-50s %6s %8s %8s %8s %s%n", "unknown past threshold − locked account", "", "", "",
          "", comparison(unknownPast, locked));
    }
  }

  private String comparison(double[] samples, double[] reference) {
    Statistics.Interval delta = Statistics.medianDifference(samples, reference, RESAMPLES, new Random(random.nextLong()));
    return String.format(Locale.ROOT, "%+8.3f [%+8.3f, %+8.3f] %9.2g", delta.estimate() / 1e6, delta.low() / 1e6,
        delta.high() / 1e6, Statistics.mannWhitneyP(samples, reference));
  }

  private double[] sorted(Kind kind) {
    List<Long> samples = nanos.get(kind);
    double[] values;
    synchronized (samples) {
      values = samples.stream().mapToDouble(Long::doubleValue).toArray();
    }
    Arrays.sort(values);
    return values;
  }

  private String created(HttpConnection connection, String name) throws IOException {
    String upn = name + "@bench.example.com";
    SignInScenarios.expect(api.createUser(connection, upn, "Bench user"), 201, "POST /v1.0/users");
    return upn;
  }

  /** The same people, each typing their pass turned by one character: same length and alphabet, wrong. */
  private static SignInScenarios.Person[] wrongPasses(SignInScenarios.Person[] people) {
    return Arrays.stream(people)
        .map(p -> new SignInScenarios.Person(p.upn(), p.pass().substring(1) + p.pass().charAt(0)))
        .toArray(SignInScenarios.Person[]::new);
  }
}
