package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP load harness: signs in with client credentials, seeds users through the API under a prefix of
 * its own, then drives one scenario for a warm-up and a measured window and prints throughput, latency
 * percentiles and every status other than success. See BENCHMARKS.md for how the published numbers were
 * taken.
 */
@Command(name = "http-load", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measures Latchkey's pass creation or methods listing per second, with latency percentiles.")
public final class HttpLoad implements Callable<Integer> {

  /** How many creates per second a closed-loop create run is sized for when --users is not given. */
  private static final int CLOSED_LOOP_CREATES_PER_SECOND = 2500;
  private static final int METHODS_USERS = 1000;

  enum Address { ID, UPN }

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Latchkey's base URL (${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--client-id", defaultValue = "${env:LATCHKEY_BOOTSTRAP_CLIENT_ID}",
      description = "API client id (default: $LATCHKEY_BOOTSTRAP_CLIENT_ID).")
  String clientId;

  @Option(names = "--client-secret", defaultValue = "${env:LATCHKEY_BOOTSTRAP_CLIENT_SECRET}",
      description = "API client secret (default: $LATCHKEY_BOOTSTRAP_CLIENT_SECRET).")
  String clientSecret;

  @Option(names = "--scenario", defaultValue = "create",
      description = "create: POST .../temporaryAccessPassMethods, one per user; methods: GET .../authentication/methods "
          + "(${DEFAULT-VALUE}).")
  Scenario scenario;

  @Option(names = "--users", description = "Users to seed. Default: for create, enough for the whole run "
      + "(rate × (warm-up + duration), or " + CLOSED_LOOP_CREATES_PER_SECOND + "/s in a closed loop); for methods, "
      + METHODS_USERS + ", each with a pass.")
  Integer users;

  @Option(names = "--concurrency", defaultValue = "16",
      description = "Connections, one thread each; in an open loop also the most requests in flight (${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--duration", defaultValue = "30", description = "Measured seconds (${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds, not measured (${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--rate", defaultValue = "0",
      description = "Open loop at this many requests per second; 0 for a closed loop (${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--address", defaultValue = "id",
      description = "Address users in the path by id or upn (${DEFAULT-VALUE}).")
  Address address;

  @Option(names = "--seed-concurrency", defaultValue = "16", description = "Connections for seeding (${DEFAULT-VALUE}).")
  int seedConcurrency;

  @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for one response (${DEFAULT-VALUE}).")
  int timeoutSeconds;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new HttpLoad())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, command, parsed) -> {
          command.getErr().println("http-load: " + e.getMessage());
          return 2;
        })
        .execute(args));
  }

  /** Exit code 0 when every measured request succeeded, 1 when some did not, 2 on a setup failure. */
  @Override
  public Integer call() throws IOException, InterruptedException {
    if (clientId == null || clientSecret == null || clientId.isBlank() || clientSecret.isBlank()) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "Give --client-id and --client-secret, or set LATCHKEY_BOOTSTRAP_CLIENT_ID and LATCHKEY_BOOTSTRAP_CLIENT_SECRET.");
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    LatchkeyApi api;
    try (HttpConnection connection = new HttpConnection(url, timeout)) {
      api = LatchkeyApi.signIn(url, connection, clientId, clientSecret);
    }
    int userCount = users != null ? users : defaultUsers();
    String[] seeded = seed(api, userCount, timeout);

    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, scenario.reusesUsers() ? Long.MAX_VALUE : seeded.length,
        scenario.successStatus(), timeout);
    out.printf(Locale.ROOT, "%s, %s, %d connections, %d s warm-up + %d s measured, users by %s%n",
        scenario.name().toLowerCase(Locale.ROOT), plan.openLoop() ? String.format(Locale.ROOT, "open loop at %.0f/s", rate)
            : "closed loop", concurrency, warmupSeconds, durationSeconds, address.name().toLowerCase(Locale.ROOT));
    LoadRun.Outcome outcome = LoadRun.run(url, plan,
        (connection, n) -> scenario.send(api, connection, seeded[(int) (n % seeded.length)]), out);
    outcome.result().print(out, outcome.measuredNanos(), plan.openLoop());
    if (outcome.generatorCores() >= 0) {
      out.printf(Locale.ROOT, "  generator   %.2f cores of CPU while measuring (this process)%n", outcome.generatorCores());
    }
    if (outcome.ranOut()) {
      out.printf(Locale.ROOT, "  NOTE: all %d seeded users had a pass before the run ended; the numbers cover the "
          + "%.1f s before that. Pass a larger --users.%n", seeded.length, outcome.measuredNanos() / 1e9);
    }
    return outcome.result().clean() && !outcome.ranOut() && outcome.measuredNanos() > 0 ? 0 : 1;
  }

  private int defaultUsers() {
    if (scenario.reusesUsers()) {
      return METHODS_USERS;
    }
    double perSecond = rate > 0 ? rate : CLOSED_LOOP_CREATES_PER_SECOND;
    return (int) Math.ceil(perSecond * (warmupSeconds + durationSeconds) * 1.02) + concurrency;
  }

  /**
   * Creates {@code count} users named {@code lkbench-<random>-<n>@bench.example.com}, and a pass for each when
   * the scenario reads them; returns how each is addressed in a path.
   */
  private String[] seed(LatchkeyApi api, int count, Duration timeout)
      throws IOException, InterruptedException {
    String prefix = "lkbench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    String[] refs = new String[count];
    long started = System.nanoTime();
    LoadRun.inParallel(url, seedConcurrency, count, timeout, (connection, n) -> {
      String upn = prefix + "-" + n + "@bench.example.com";
      Response response = api.createUser(connection, upn, "Bench user " + n);
      expect(response, 201, "POST /v1.0/users");
      refs[(int) n] = address == Address.ID ? LatchkeyApi.id(response) : upn;
      return response;
    });
    printRate("seeded", count, "users (prefix " + prefix + ")", started);
    if (scenario.reusesUsers()) {
      started = System.nanoTime();
      LoadRun.inParallel(url, seedConcurrency, count, timeout, (connection, n) -> {
        Response response = api.createPass(connection, refs[(int) n]);
        expect(response, 201, "POST .../temporaryAccessPassMethods");
        return response;
      });
      printRate("issued", count, "passes to them", started);
    }
    return refs;
  }

  private void printRate(String verb, int count, String what, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    out.printf(Locale.ROOT, "%s %d %s in %.1f s (%.0f/s)%n", verb, count, what, seconds, count / seconds);
  }

  private static void expect(Response response, int status, String request) throws IOException {
    if (response.status() != status) {
      throw new IOException(request + " answered " + response.status() + ": " + response.text());
    }
  }
}
