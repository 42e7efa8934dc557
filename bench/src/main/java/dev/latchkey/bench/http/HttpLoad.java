package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
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
        + "sign-ins or complete code-flow sign-ins with passkeys per second, with latency percentiles; or, for "
        + "comparison, Keycloak's tokens and password sign-ins, and sign-ins with Spring Security's one-time tokens on "
        + "bench/ott-baseline.")
public final class HttpLoad implements Callable<Integer> {

  /** How many creates per second a closed-loop create run is sized for when --users is not given. */
  private static final int CLOSED_LOOP_CREATES_PER_SECOND = 2500;
  private static final int METHODS_USERS = 1000;
  private static final int PASS_SIGNIN_USERS = 1000;
  private static final int PASSKEY_SIGNIN_USERS = 200;
  private static final int KEYCLOAK_USERS = 1000;
  /** How many one-time sign-ins per second a {@code pass-signin --one-time} run is sized for without --users. */
  private static final int ONE_TIME_SIGNINS_PER_SECOND = 1000;

  /** signin-failures: the most refusals one account of a class below the lock threshold takes in a run. */
  private static final int FAILURES_PER_ACCOUNT = 4;

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
          + "pass-signin: POST /signin + POST /signin/pass with multi-use passes (or --one-time); passkey-signin: "
          + "GET /signin + POST /webauthn/authenticate/options + POST /login/webauthn with a software authenticator; "
          + "code-flow: GET /oauth2/authorize (PKCE S256, state, nonce) from no session, that passkey sign-in, back to "
          + "/oauth2/authorize for the code, POST /oauth2/token (authorization_code) for the ID token, for an "
          + "application requiring phishing-resistant sign-ins; "
          + "keycloak-token and keycloak-password-signin: Keycloak's token endpoint (client credentials) and its "
          + "login form, against a realm made by bench/keycloak.sh; ott-signin: GET /login/ott + POST /login/ott on "
          + "bench/ott-baseline with the --tokens file; signin-failures: pass sign-ins refused for each reason "
          + "(wrong pass, no pass, unknown username, disabled account, pass not yet valid, used one-time pass, locked "
          + "account, unknown username past the lock threshold) and a right pass, interleaved at random in an open "
          + "loop (--rate), POST /signin/pass timed per class (${DEFAULT-VALUE}).")
  Scenario scenario;

  @Option(names = "--users", description = "Users to seed. Default: for create, enough for the whole run "
      + "(rate × (warm-up + duration), or " + CLOSED_LOOP_CREATES_PER_SECOND + "/s in a closed loop); for methods, "
      + METHODS_USERS + ", each with a pass; pass-signin " + PASS_SIGNIN_USERS + ", passkey-signin and code-flow "
      + PASSKEY_SIGNIN_USERS + " (each with a multi-use pass, and a passkey for the passkey scenarios); pass-signin "
      + "--one-time: one per sign-in, " + ONE_TIME_SIGNINS_PER_SECOND + "/s × (warm-up + duration); refresh: one per "
      + "connection (each a token family from a code-flow sign-in; at least --concurrency); token: none; "
      + "keycloak-password-signin: how many of the realm's users to go round (" + KEYCLOAK_USERS + "); "
      + "signin-failures: accounts per class (enough that none fails more than " + FAILURES_PER_ACCOUNT
      + " times in the run).")
  Integer users;

  @Option(names = "--origin", description = "The server's latchkey.base-url, sent as Host and Origin by the "
      + "browser scenarios and named in passkey client data (default: http://localhost:<port of --url>). The "
      + "connection still goes to --url.")
  URI origin;

  @Option(names = "--fresh-session", description = "pass-signin: start every sign-in without a session, as a "
      + "browser arriving: GET /signin, POST /signin, GET /signin/pass, POST /signin/pass. Default: each connection "
      + "keeps its browser session and signs in again: the sign-in page, then the two form posts.")
  boolean freshSession;

  @Option(names = "--seeded-users", description = "pass-signin and methods: instead of seeding over HTTP, use the "
      + "users seed-directory.jar wrote into the database, described by this file, each request for one of them "
      + "drawn uniformly at random (methods addresses them by userPrincipalName).")
  Path seededUsers;

  @Option(names = "--one-time", description = "pass-signin: one-time passes, each person signing in once (the "
      + "server's conditional update uses the pass up); the run stops early if --users runs out. Default: multi-use "
      + "passes, round-robin.")
  boolean oneTime;

  @Option(names = "--lockout-threshold", defaultValue = "10", description = "signin-failures: the server's "
      + "latchkey.signin.lockout-threshold, the wrong passes that lock the locked class's accounts (${DEFAULT-VALUE}).")
  int lockoutThreshold;

  @Option(names = "--tokens", description = "ott-signin: the file of one-time token values, one a line, that "
      + "bench/ott-baseline wrote at start-up (ott-baseline.token-file); each is used once.")
  Path tokenFile;

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

  @Option(names = "--server-pid", defaultValue = "0", description = "The server's process (the JVM): its CPU per "
      + "success and resident memory, and the machine's CPU, are read from /proc over the measured window.")
  long serverPid;

  @Option(names = "--realm", defaultValue = "bench", description = "Keycloak scenarios: the realm (${DEFAULT-VALUE}).")
  String realm;

  @Option(names = "--browser-client", defaultValue = "bench-web",
      description = "keycloak-password-signin: the code-flow client (${DEFAULT-VALUE}).")
  String browserClient;

  @Option(names = "--redirect-uri", defaultValue = "http://localhost/bench-callback",
      description = "keycloak-password-signin: the browser client's redirect URI (${DEFAULT-VALUE}).")
  String redirectUri;

  @Option(names = "--user-prefix", defaultValue = "bench-user-",
      description = "keycloak-password-signin: usernames are this and 0, 1, … (${DEFAULT-VALUE}).")
  String userPrefix;

  @Option(names = "--password", defaultValue = "${env:KEYCLOAK_BENCH_PASSWORD}",
      description = "keycloak-password-signin: the users' password (default: $KEYCLOAK_BENCH_PASSWORD).")
  String password;

  private final PrintStream out = System.out;
  private SignInFailureTiming failureTiming;

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
    if (scenario.keycloak()) {
      return runKeycloakScenario(Duration.ofSeconds(timeoutSeconds));
    }
    if (scenario == Scenario.OTT_SIGNIN) {
      return runOttSignIn(Duration.ofSeconds(timeoutSeconds));
    }
    if (clientId == null || clientSecret == null || clientId.isBlank() || clientSecret.isBlank()) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "Give --client-id and --client-secret, or set LATCHKEY_BOOTSTRAP_CLIENT_ID and LATCHKEY_BOOTSTRAP_CLIENT_SECRET.");
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    LatchkeyApi api;
    try (HttpConnection connection = new HttpConnection(url, timeout)) {
      api = LatchkeyApi.signIn(url, connection, clientId, clientSecret);
    }
    SeededUsers directory = seededUsers == null ? null : SeededUsers.read(seededUsers);
    if (directory != null && scenario != Scenario.PASS_SIGNIN && scenario != Scenario.METHODS) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--seeded-users works with --scenario pass-signin or methods, not " + scenario.cliName() + ".");
    }
    if (!scenario.adminApi()) {
      return runSignInScenario(api, directory, timeout);
    }
    if (directory != null) {
      return runSeededMethods(api, directory, timeout);
    }
    int userCount = users != null ? users : defaultUsers();
    String[] seeded = seed(api, userCount, timeout);

    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, scenario.reusesUsers() ? Long.MAX_VALUE : seeded.length,
        scenario.successStatus(), timeout, null);
    announce(plan, "users by " + address.name().toLowerCase(Locale.ROOT));
    LoadRun.Call call = scenario == Scenario.CREATE
        ? (connection, n) -> api.createPass(connection, seeded[(int) (n % seeded.length)])
        : (connection, n) -> api.listMethods(connection, seeded[(int) (n % seeded.length)]);
    LoadRun.Outcome outcome = LoadRun.run(url, plan, call, out, serverPid);
    return report(outcome, plan, seeded.length);
  }

  /** {@code methods} for users of a seeded directory, each request for one drawn at random. */
  private int runSeededMethods(LatchkeyApi api, SeededUsers seeded, Duration timeout)
      throws IOException, InterruptedException {
    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, Long.MAX_VALUE, scenario.successStatus(), timeout, null);
    announce(plan, String.format(Locale.ROOT, "%,d seeded users (%s) at random, by upn", seeded.count(),
        seeded.prefix()));
    LoadRun.Call call = (connection, n) ->
        api.listMethods(connection, seeded.upn(ThreadLocalRandom.current().nextLong(seeded.count())));
    return report(LoadRun.run(url, plan, call, out, serverPid), plan, Integer.MAX_VALUE);
  }

  /** The token and sign-in scenarios: their own set-up, then the same run and report. */
  private int runSignInScenario(LatchkeyApi api, SeededUsers seeded, Duration timeout)
      throws IOException, InterruptedException {
    URI browserOrigin = origin != null ? origin : URI.create("http://localhost:" + (url.getPort() == -1 ? 80 : url.getPort()));
    String originText = browserOrigin.toString().replaceAll("/+$", "");
    SignInScenarios scenarios = new SignInScenarios(url, originText, api, seedConcurrency, timeout, out);
    LoadRun.Call call;
    String detail;
    long limit = Long.MAX_VALUE;
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
        if (seeded != null) {
          if (oneTime) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--one-time seeds its own users; it can't be combined with --seeded-users (multi-use passes).");
          }
          call = SignInScenarios.passSignIns(n -> SignInScenarios.randomSeeded(seeded), originText, freshSession);
          detail = String.format(Locale.ROOT, "%,d seeded users (%s) at random, ", seeded.count(), seeded.prefix());
        } else {
          int count = users != null ? users
              : oneTime ? ONE_TIME_SIGNINS_PER_SECOND * (warmupSeconds + durationSeconds) + concurrency
              : PASS_SIGNIN_USERS;
          SignInScenarios.Person[] people = scenarios.seedPeople(count, oneTime);
          // A one-time pass is used up by its sign-in, so sign-in n is person n's and the run stops at the last.
          call = oneTime
              ? SignInScenarios.passSignIns(n -> people[(int) n], originText, freshSession)
              : SignInScenarios.passSignIns(n -> people[(int) (n % people.length)], originText, freshSession);
          limit = oneTime ? people.length : Long.MAX_VALUE;
          detail = people.length + (oneTime ? " users, each one-time pass once, " : " users round-robin, ");
        }
        detail += (freshSession
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
      case SIGNIN_FAILURES -> {
        if (rate <= 0) {
          throw new CommandLine.ParameterException(new CommandLine(this),
              "signin-failures needs --rate: an open loop well below saturation, so that queueing doesn't hide the "
                  + "differences it looks for.");
        }
        int attempts = (int) Math.ceil(rate * (warmupSeconds + durationSeconds)) + concurrency;
        int classes = SignInFailureTiming.Kind.values().length;
        int perKind = users != null ? users : (int) Math.ceil((double) attempts / classes / FAILURES_PER_ACCOUNT);
        if (1 + Math.ceil((double) attempts / classes / perKind) >= lockoutThreshold) {
          throw new CommandLine.ParameterException(new CommandLine(this), "--users " + perKind + " would fail "
              + "accounts up to the lock threshold " + lockoutThreshold + "; give more.");
        }
        failureTiming = new SignInFailureTiming(scenarios, api, url, originText, seedConcurrency, timeout, out);
        failureTiming.prepare(perKind, lockoutThreshold);
        call = failureTiming.call(attempts, Math.round(rate * warmupSeconds));
        limit = attempts;
        detail = perKind + " accounts per class round-robin, " + classes + " classes in random order, each attempt "
            + "GET /signin, POST /signin, POST /signin/pass on the connection's kept session; the server needs "
            + "latchkey.signin.address-failures above the run's failures";
      }
      default -> throw new IllegalStateException(scenario.name());
    }
    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, limit, scenario.successStatus(), timeout,
        scenarios.hostHeader());
    announce(plan, detail);
    int status = report(LoadRun.run(url, plan, call, out, serverPid), plan, (int) Math.min(limit, Integer.MAX_VALUE));
    if (failureTiming != null) {
      failureTiming.print();
    }
    return status;
  }

  /** Keycloak's scenarios: nothing to seed (bench/keycloak.sh did), one checked call, then the same run and report. */
  private int runKeycloakScenario(Duration timeout) throws IOException, InterruptedException {
    LoadRun.Call call;
    String detail;
    if (scenario == Scenario.KEYCLOAK_TOKEN) {
      if (clientId == null || clientSecret == null || clientId.isBlank() || clientSecret.isBlank()) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "keycloak-token needs --client-id and --client-secret of the realm's service client.");
      }
      call = SignInScenarios.token(KeycloakScenarios.tokenPath(realm), clientId, clientSecret);
      detail = "client credentials of " + clientId + ", HTTP Basic, realm " + realm;
    } else {
      if (password == null || password.isBlank()) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "keycloak-password-signin needs --password (or KEYCLOAK_BENCH_PASSWORD) of the realm's users.");
      }
      int userCount = users != null ? users : KEYCLOAK_USERS;
      String originText = url.toString().replaceAll("/+$", "");
      call = KeycloakScenarios.passwordSignIns(
          new KeycloakScenarios.Realm(realm, browserClient, redirectUri, userPrefix, userCount, password), originText);
      detail = userCount + " users round-robin (" + userPrefix + "N), each sign-in from no session: GET "
          + ".../openid-connect/auth, POST the login form; realm " + realm + ", client " + browserClient;
    }
    try (HttpConnection connection = new HttpConnection(url, timeout)) {
      KeycloakScenarios.check(connection, call, scenario.successStatus(), scenario.cliName());
    }
    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, Long.MAX_VALUE, scenario.successStatus(), timeout, null);
    announce(plan, detail);
    return report(LoadRun.run(url, plan, call, out, serverPid), plan, Integer.MAX_VALUE);
  }

  /** The baseline: Spring Security's one-time tokens on bench/ott-baseline, no Latchkey API involved. */
  private int runOttSignIn(Duration timeout) throws IOException, InterruptedException {
    if (tokenFile == null) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "ott-signin needs --tokens, the file bench/ott-baseline wrote its tokens to.");
    }
    String[] tokens = Files.readAllLines(tokenFile).stream().filter(line -> !line.isBlank())
        .toArray(String[]::new);
    String originText = (origin != null ? origin : url).toString().replaceAll("/+$", "");
    LoadRun.Plan plan = new LoadRun.Plan(concurrency, Duration.ofSeconds(warmupSeconds),
        Duration.ofSeconds(durationSeconds), rate, tokens.length, scenario.successStatus(), timeout, null);
    announce(plan, tokens.length + " tokens from " + tokenFile + ", each once");
    return report(LoadRun.run(url, plan, SignInScenarios.ottSignIns(tokens, originText), out, serverPid), plan,
        tokens.length);
  }

  /** The run's first line: scenario, loop, connections, timing, and what it works on. */
  private void announce(LoadRun.Plan plan, String detail) {
    out.printf(Locale.ROOT, "%s, %s, %d connections, %d s warm-up + %d s measured; %s%n", scenario.cliName(),
        plan.openLoop() ? String.format(Locale.ROOT, "open loop at %.0f/s", rate) : "closed loop", concurrency,
        warmupSeconds, durationSeconds, detail);
  }

  private int report(LoadRun.Outcome outcome, LoadRun.Plan plan, int seededUsers) {
    outcome.result().print(out, outcome.measuredNanos(), plan.openLoop());
    printServerCpu(outcome);
    if (outcome.generatorCores() >= 0) {
      out.printf(Locale.ROOT, "  generator   %.2f cores of CPU while measuring (this process)%n", outcome.generatorCores());
    }
    if (outcome.ranOut()) {
      out.printf(Locale.ROOT, "  NOTE: all %d seeded users (or tokens) were used before the run ended; the numbers "
          + "cover the %.1f s before that. Pass a larger --users (or more tokens).%n", seededUsers,
          outcome.measuredNanos() / 1e9);
    }
    return outcome.result().clean() && !outcome.ranOut() && outcome.measuredNanos() > 0 ? 0 : 1;
  }

  /**
   * With --server-pid: the server's CPU per success and its resident memory, and how the machine's busy cores
   * split between server, generator and everything else (a run where "others" took much is not a clean
   * measurement), then all of it again on one {@code record} line for scripts.
   */
  private void printServerCpu(LoadRun.Outcome outcome) {
    ProcStat.Sample start = outcome.measureStart();
    ProcStat.Sample end = outcome.measureEnd();
    if (serverPid <= 0 || start == null || end == null || start.serverNanos() < 0 || end.serverNanos() < 0) {
      return;
    }
    double wall = end.wallNanos() - start.wallNanos();
    double server = end.serverNanos() - start.serverNanos();
    double generator = end.generatorNanos() - start.generatorNanos();
    double others = end.machineNanos() - start.machineNanos() - server - generator;
    LoadResult result = outcome.result();
    long successes = result.successes();
    double serverMillisPerSuccess = successes == 0 ? Double.NaN : server / successes / 1e6;
    double generatorMillisPerSuccess = successes == 0 ? Double.NaN : generator / successes / 1e6;
    double residentMib = outcome.serverResidentKib() / 1024.0;
    out.printf(Locale.ROOT,
        "  server      pid %d: %.2f cores, %.3f ms of CPU per success; resident %.0f MiB at the end%n", serverPid,
        server / wall, serverMillisPerSuccess, residentMib);
    out.printf(Locale.ROOT, "  machine     %.2f cores busy: server %.2f, generator %.2f, others %.2f (/proc)%n",
        (server + generator + others) / wall, server / wall, generator / wall, others / wall);
    out.printf(Locale.ROOT, "  record      scenario=%s rate=%.1f p50=%.2f p99=%.2f server_cpu_ms=%.3f "
        + "generator_cpu_ms=%.3f server_cores=%.2f others_cores=%.2f server_rss_mib=%.0f failures=%d%n",
        scenario.cliName(), successes / (outcome.measuredNanos() / 1e9), result.percentileMillis(50),
        result.percentileMillis(99), serverMillisPerSuccess, generatorMillisPerSuccess, server / wall, others / wall,
        residentMib, result.failures());
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
