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
    description = "Measures Latchkey's pass creations, methods listings, tokens, refreshes, pass sign-ins, passkey "
        + "sign-ins or complete code-flow sign-ins with passkeys per second, with latency percentiles.")
public final class HttpLoad implements Callable<Integer> {

  /** How many creates per second a closed-loop create run is sized for when --users is not given. */
  private static final int CLOSED_LOOP_CREATES_PER_SECOND = 2500;
  private static final int METHODS_USERS = 1000;
  private static final int PASS_SIGNIN_USERS = 1000;
  private static final int PASSKEY_SIGNIN_USERS = 200;

  enum Address { ID, UPN }

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Latchkey's base URL (${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--client-id", defaultValue = "${env:LATCHKEY_BOOTSTRAP_CLIENT_ID}",
      description = "API client id (default: $LATCHKEY_BOOTSTRAP_CLIENT_ID).")
  String clientId;

  @Option(names = "--client-secret", defaultValue = "${env:LATCHKEY_BOOTSTRAP_CLIENT_SECRET}",
      description = "API client secret (default: $LATCHKEY_BOOTSTRAP_CLIENT_SECRET).")
  String clientSecret;

  @Option(names = "--scenario", defaultValue = "create", converter = Scenario.Converter.class,
      description = "create: POST .../temporaryAccessPassMethods, one per user; methods: GET .../authentication/methods; "
          + "token: POST /oauth2/token (client credentials); refresh: POST /oauth2/token (refresh_token, rotating); "
          + "pass-signin: POST /signin + POST /signin/pass with multi-use passes; passkey-signin: GET /signin + "
          + "POST /webauthn/authenticate/options + POST /login/webauthn with a software authenticator; code-flow: "
          + "GET /oauth2/authorize (PKCE S256, state, nonce) from no session, that passkey sign-in, back to "
          + "/oauth2/authorize for the code, POST /oauth2/token (authorization_code) for the ID token, for an "
          + "application requiring phishing-resistant sign-ins (${DEFAULT-VALUE}).")
  Scenario scenario;

  @Option(names = "--users", description = "Users to seed. Default: for create, enough for the whole run "
      + "(rate × (warm-up + duration), or " + CLOSED_LOOP_CREATES_PER_SECOND + "/s in a closed loop); for methods, "
      + METHODS_USERS + ", each with a pass; pass-signin " + PASS_SIGNIN_USERS + ", passkey-signin and code-flow "
      + PASSKEY_SIGNIN_USERS + " (each with a multi-use pass, and a passkey for the passkey scenarios); refresh: one per "
      + "connection (each a token family from a code-flow sign-in; at least --concurrency); token: none.")
  Integer users;

  @Option(names = "--origin", description = "The server's latchkey.base-url, sent as Host and Origin by the "
      + "browser scenarios and named in passkey client data (default: http://localhost:<port of --url>). The "
      + "connection still goes to --url.")
  URI origin;

  @Option(names = "--fresh-session", description = "pass-signin: start every sign-in without a session, as a "
      + "browser arriving: GET /signin, POST /signin, GET /signin/pass, POST /signin/pass. Default: each connection "
      + "keeps its browser session and signs in again with the two form posts.")
  boolean freshSession;

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
    if (!scenario.adminApi()) {
      return runSignInScenario(api, timeout);
    }
    int userCount = users != null ? users : defaultUsers();
    String[] seeded = seed(api, userCount, timeout);

    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, scenario.reusesUsers() ? Long.MAX_VALUE : seeded.length,
        scenario.successStatus(), timeout, null);
    out.printf(Locale.ROOT, "%s, %s, %d connections, %d s warm-up + %d s measured, users by %s%n",
        scenario.cliName(), plan.openLoop() ? String.format(Locale.ROOT, "open loop at %.0f/s", rate)
            : "closed loop", concurrency, warmupSeconds, durationSeconds, address.name().toLowerCase(Locale.ROOT));
    LoadRun.Call call = scenario == Scenario.CREATE
        ? (connection, n) -> api.createPass(connection, seeded[(int) (n % seeded.length)])
        : (connection, n) -> api.listMethods(connection, seeded[(int) (n % seeded.length)]);
    LoadRun.Outcome outcome = LoadRun.run(url, plan, call, out);
    return report(outcome, plan, seeded.length);
  }

  /** The token and sign-in scenarios: their own set-up, then the same run and report. */
  private int runSignInScenario(LatchkeyApi api, Duration timeout) throws IOException, InterruptedException {
    URI browserOrigin = origin != null ? origin : URI.create("http://localhost:" + (url.getPort() == -1 ? 80 : url.getPort()));
    String originText = browserOrigin.toString().replaceAll("/+$", "");
    SignInScenarios scenarios = new SignInScenarios(url, originText, api, seedConcurrency, timeout, out);
    LoadRun.Call call;
    String detail;
    switch (scenario) {
      case TOKEN -> {
        call = SignInScenarios.token(clientId, clientSecret);
        detail = "client credentials of " + clientId + ", HTTP Basic";
      }
      case REFRESH -> {
        int families = users != null ? users : concurrency;
        if (families < concurrency) {
          throw new CommandLine.ParameterException(new CommandLine(this),
              "refresh needs at least one token family (--users) per connection (--concurrency).");
        }
        SignInScenarios.Person[] people = scenarios.seedPeople(families);
        AuthorizationRequest.Client client;
        try (HttpConnection connection = new HttpConnection(url, timeout)) {
          client = scenarios.registerApplication(connection, "http-load refresh", "mfa");
        }
        call = SignInScenarios.refreshes(client, scenarios.codeFlowRefreshTokens(client, people), concurrency);
        detail = families + " token families, each rotated by one connection";
      }
      case PASS_SIGNIN -> {
        SignInScenarios.Person[] people = scenarios.seedPeople(users != null ? users : PASS_SIGNIN_USERS);
        call = SignInScenarios.passSignIns(people, originText, freshSession);
        detail = people.length + " users round-robin, " + (freshSession
            ? "each sign-in from a new session (GET /signin, POST /signin, GET /signin/pass, POST /signin/pass)"
            : "each connection re-signing in on its session (POST /signin, POST /signin/pass)")
            + "; the server needs latchkey.signin.address-failures raised above the run's failures";
      }
      case PASSKEY_SIGNIN -> {
        SignInScenarios.Person[] people = scenarios.seedPeople(users != null ? users : PASSKEY_SIGNIN_USERS);
        call = SignInScenarios.passkeySignIns(scenarios.registerPasskeys(people), originText);
        detail = people.length + " passkeys round-robin, origin " + originText;
      }
      case CODE_FLOW -> {
        SignInScenarios.Person[] people = scenarios.seedPeople(users != null ? users : PASSKEY_SIGNIN_USERS);
        SoftwareAuthenticator[] passkeys = scenarios.registerPasskeys(people);
        AuthorizationRequest.Client client;
        try (HttpConnection connection = new HttpConnection(url, timeout)) {
          client = scenarios.registerApplication(connection, "http-load code-flow", "phishing-resistant");
        }
        call = SignInScenarios.codeFlowSignIns(client, passkeys, originText, new SecureRandom());
        scenarios.checkCodeFlow(call);
        detail = people.length + " passkeys round-robin, origin " + originText + ", application " + client.appId()
            + " (phishing-resistant)";
      }
      default -> throw new IllegalStateException(scenario.name());
    }
    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, Long.MAX_VALUE, scenario.successStatus(), timeout,
        scenarios.hostHeader());
    out.printf(Locale.ROOT, "%s, %s, %d connections, %d s warm-up + %d s measured; %s%n", scenario.cliName(),
        plan.openLoop() ? String.format(Locale.ROOT, "open loop at %.0f/s", rate) : "closed loop", concurrency,
        warmupSeconds, durationSeconds, detail);
    return report(LoadRun.run(url, plan, call, out), plan, Integer.MAX_VALUE);
  }

  private int report(LoadRun.Outcome outcome, LoadRun.Plan plan, int seededUsers) {
    outcome.result().print(out, outcome.measuredNanos(), plan.openLoop());
    if (outcome.generatorCores() >= 0) {
      out.printf(Locale.ROOT, "  generator   %.2f cores of CPU while measuring (this process)%n", outcome.generatorCores());
    }
    if (outcome.ranOut()) {
      out.printf(Locale.ROOT, "  NOTE: all %d seeded users had a pass before the run ended; the numbers cover the "
          + "%.1f s before that. Pass a larger --users.%n", seededUsers, outcome.measuredNanos() / 1e9);
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
