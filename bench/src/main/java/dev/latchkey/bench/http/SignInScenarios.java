package dev.latchkey.bench.http;

import dev.latchkey.bench.http.AuthorizationRequest.Client;
import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Set-up and the timed request(s) of the token and sign-in scenarios: {@code token} (client credentials),
 * {@code refresh} (rotating refresh tokens of code-flow sign-ins), {@code pass-signin},
 * {@code passkey-signin} (a software authenticator) and {@code code-flow} (a relying party's whole sign-in
 * of a person with a passkey). Each set-up goes through the same HTTP endpoints a
 * person or an application uses; each timed call checks that it really succeeded and throws a
 * {@link StepFailure} naming the step otherwise.
 */
final class SignInScenarios {

  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern PASS = Pattern.compile("\"temporaryAccessPass\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern APP_ID = Pattern.compile("\"appId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SECRET_TEXT = Pattern.compile("\"secretText\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern USER_ENTITY_ID = Pattern.compile("\"user\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ACR = Pattern.compile("\"acr\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern AMR = Pattern.compile("\"amr\"\\s*:\\s*(\\[[^]]*])");
  private static final Pattern REDIRECT_URL = Pattern.compile("\"redirectUrl\"\\s*:\\s*\"([^\"]+)\"");
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";
  /** The refresh scenario's code flows: a sign-in and a refresh token. */
  private static final String REFRESH_SCOPE = "openid offline_access";
  /** The code-flow scenario's: what a web application that only signs people in asks for. */
  private static final String SIGN_IN_SCOPE = "openid profile email";
  /** The longest pass the default policy allows: the sign-ins and the refresh tokens from them last this long. */
  static final int PASS_LIFETIME_MINUTES = 480;

  /** A seeded person: username and pass. */
  record Person(String upn, String pass) {}

  private final URI url;
  private final String origin;
  private final String hostHeader;
  private final LatchkeyApi api;
  private final int seedConcurrency;
  private final Duration timeout;
  private final PrintStream out;
  private final SecureRandom random = new SecureRandom();

  SignInScenarios(URI url, String origin, LatchkeyApi api, int seedConcurrency, Duration timeout, PrintStream out) {
    this.url = url;
    this.origin = origin;
    this.hostHeader = URI.create(origin).getRawAuthority();
    this.api = api;
    this.seedConcurrency = seedConcurrency;
    this.timeout = timeout;
    this.out = out;
  }

  String hostHeader() {
    return hostHeader;
  }

  // ---- token ----

  /** {@code POST /oauth2/token} with client credentials (HTTP Basic); 200 with an access token. */
  static LoadRun.Call token(String clientId, String clientSecret) {
    return token("/oauth2/token", clientId, clientSecret);
  }

  /** The client-credentials call to the token endpoint at {@code path}: Latchkey's, or Keycloak's to compare. */
  static LoadRun.Call token(String path, String clientId, String clientSecret) {
    String headers = basic(clientId, clientSecret) + FORM;
    byte[] body = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);
    return (connection, n) -> {
      Response response = connection.send("POST", path, headers, body);
      if (response.status() == 200 && !ACCESS_TOKEN.matcher(response.text()).find()) {
        throw new StepFailure("POST " + path + " 200 without access_token");
      }
      return response;
    };
  }

  // ---- people with passes ----

  /** Creates {@code count} users, each with a multi-use pass of {@value #PASS_LIFETIME_MINUTES} minutes. */
  Person[] seedPeople(int count) throws IOException, InterruptedException {
    return seedPeople(count, false);
  }

  /**
   * Creates {@code count} users, each with a pass of {@value #PASS_LIFETIME_MINUTES} minutes, one-time when
   * {@code usableOnce}.
   */
  Person[] seedPeople(int count, boolean usableOnce) throws IOException, InterruptedException {
    String prefix = "lkbench-" + HexFormat.of().formatHex(random.generateSeed(4));
    Person[] people = new Person[count];
    long started = System.nanoTime();
    byte[] passRequest = ("{\"isUsableOnce\":" + usableOnce + ",\"lifetimeInMinutes\":" + PASS_LIFETIME_MINUTES + "}")
        .getBytes(StandardCharsets.UTF_8);
    LoadRun.inParallel(url, seedConcurrency, count, timeout, (connection, n) -> {
      String upn = prefix + "-" + n + "@bench.example.com";
      Response user = api.createUser(connection, upn, "Bench user " + n);
      expect(user, 201, "POST /v1.0/users");
      Response pass = api.createPass(connection, LatchkeyApi.id(user), passRequest);
      expect(pass, 201, "POST .../temporaryAccessPassMethods");
      people[(int) n] = new Person(upn, group(PASS, pass, "temporaryAccessPass"));
      return pass;
    });
    printRate("seeded", count, "users with a " + (usableOnce ? "one-time" : "multi-use") + " pass each (prefix "
        + prefix + ")", started);
    return people;
  }

  /** The pass in the answer to a pass creation. */
  static String passIn(Response created) throws IOException {
    return group(PASS, created, "temporaryAccessPass");
  }

  /**
   * A user of a directory written by {@code seed-directory.jar}, drawn uniformly at random from all of them,
   * so that a large directory is read as a real one is and not only through its cache-warm first rows.
   */
  static Person randomSeeded(SeededUsers seeded) {
    long n = ThreadLocalRandom.current().nextLong(seeded.count());
    return new Person(seeded.upn(n), seeded.pass(n));
  }

  /**
   * Signs {@code person} in with their pass as a browser does: {@code GET /signin} (its CSRF token: in a
   * cookie when {@code fromNothing}, else in the kept session), {@code POST /signin} with the username (302 to
   * the pass prompt),
   * {@code GET /signin/pass} when {@code fromNothing}, {@code POST /signin/pass} (302 away from the sign-in
   * pages, with a new session id). Returns the last response.
   */
  static Response passSignIn(Browser browser, HttpConnection connection, Person person, boolean fromNothing)
      throws IOException {
    if (fromNothing) {
      browser.clear();
    }
    toPassPrompt(browser, connection, person);
    if (fromNothing) {
      Response prompt = browser.get(connection, "/signin/pass");
      if (prompt.status() != 200) {
        throw StepFailure.of("GET /signin/pass", prompt);
      }
    }
    Response signIn = browser.form(connection, "/signin/pass", "pass", person.pass());
    if (signIn.status() != 302 || signIn.location() == null || signIn.location().contains("/signin")) {
      throw new StepFailure("POST /signin/pass " + signIn.status()
          + (signIn.status() == 302 ? " to " + signIn.location() : ""));
    }
    return signIn;
  }

  /**
   * The steps before the pass: {@code GET /signin} (every sign-in gives the session a new CSRF token, so the page
   * comes first even on a kept session), then {@code POST /signin} with the username, 302 to the pass prompt.
   */
  static void toPassPrompt(Browser browser, HttpConnection connection, Person person) throws IOException {
    Response page = browser.page(connection, "/signin");
    if (page.status() != 200) {
      throw StepFailure.of("GET /signin", page);
    }
    Response username = browser.form(connection, "/signin", "username", person.upn());
    if (username.status() != 302 || username.location() == null || !username.location().endsWith("/signin/pass")) {
      throw new StepFailure("POST /signin " + username.status() + " to " + username.location());
    }
  }

  /**
   * The pass sign-in call: by default each worker keeps one browser session and signs in again and again
   * (the sign-in page and two form posts per sign-in, as Spring's one-time-token login in
   * {@link #ottSignIns} fetches its page each time); with {@code fromNothing} every sign-in starts without a session (four
   * requests, as a browser arriving at the sign-in page). Sign-in {@code n} is {@code personFor(n)}'s.
   */
  static LoadRun.Call passSignIns(LongFunction<Person> personFor, String origin, boolean fromNothing) {
    ThreadLocal<Browser> browsers = new ThreadLocal<>();
    return (connection, n) -> {
      Browser browser = browsers.get();
      boolean fresh = fromNothing;
      if (browser == null) {
        browser = new Browser(origin);
        browsers.set(browser);
        fresh = true;
      }
      try {
        return passSignIn(browser, connection, personFor.apply(n), fresh);
      } catch (IOException | RuntimeException e) {
        browsers.remove();
        throw e;
      }
    };
  }

  // ---- passkeys ----

  /**
   * Registers one passkey per person over HTTP with a software authenticator: pass sign-in, My Security
   * Info's CSRF meta tags, {@code POST /webauthn/register/options}, a {@code none}-attestation credential,
   * {@code POST /webauthn/register}.
   */
  SoftwareAuthenticator[] registerPasskeys(Person[] people) throws IOException, InterruptedException {
    SoftwareAuthenticator[] authenticators = new SoftwareAuthenticator[people.length];
    String rpId = URI.create(origin).getHost();
    long started = System.nanoTime();
    LoadRun.inParallel(url, hostHeader, seedConcurrency, people.length, timeout, (connection, n) -> {
      Browser browser = new Browser(origin);
      passSignIn(browser, connection, people[(int) n], true);
      Response info = browser.page(connection, "/security-info");
      expect(info, 200, "GET /security-info");
      Response options = browser.json(connection, "/webauthn/register/options", null);
      expect(options, 200, "POST /webauthn/register/options");
      SoftwareAuthenticator authenticator;
      try {
        authenticator = new SoftwareAuthenticator(rpId, origin, random);
      } catch (GeneralSecurityException e) {
        throw new IOException(e);
      }
      String credential = authenticator.register(group(CHALLENGE, options, "challenge"),
          group(USER_ENTITY_ID, options, "user.id"));
      Response registered = browser.json(connection, "/webauthn/register",
          "{\"publicKey\":{\"credential\":" + credential + ",\"label\":\"bench\"}}");
      if (registered.status() != 200 || !registered.text().contains("\"success\":true")) {
        throw new IOException("POST /webauthn/register answered " + registered.status() + ": " + registered.text());
      }
      authenticators[(int) n] = authenticator;
      return registered;
    });
    printRate("registered", people.length, "passkeys (software authenticator, ES256, none attestation)", started);
    return authenticators;
  }

  /**
   * The passkey sign-in call, each from a new session as on the sign-in page: {@link #passkeySignIn}, 200 with
   * {@code "authenticated":true}.
   */
  static LoadRun.Call passkeySignIns(SoftwareAuthenticator[] authenticators, String origin) {
    ThreadLocal<Browser> browsers = ThreadLocal.withInitial(() -> new Browser(origin));
    return (connection, n) -> {
      Browser browser = browsers.get();
      browser.clear();
      return passkeySignIn(browser, connection, authenticators[(int) (n % authenticators.length)]);
    };
  }

  /**
   * Signs in with {@code authenticator}'s passkey on the browser's session: {@code GET /signin} (session and
   * CSRF token), {@code POST /webauthn/authenticate/options}, sign, {@code POST /login/webauthn}. Returns its
   * answer, a 200 with {@code "authenticated":true} and the {@code redirectUrl} to go on to. The sign-in page
   * is fetched every time because a passkey sign-in replaces the session's CSRF token.
   */
  static Response passkeySignIn(Browser browser, HttpConnection connection, SoftwareAuthenticator authenticator)
      throws IOException {
    Response page = browser.page(connection, "/signin");
    if (page.status() != 200) {
      throw StepFailure.of("GET /signin", page);
    }
    Response options = browser.json(connection, "/webauthn/authenticate/options", null);
    if (options.status() != 200) {
      throw StepFailure.of("POST /webauthn/authenticate/options", options);
    }
    Matcher challenge = CHALLENGE.matcher(options.text());
    if (!challenge.find()) {
      throw new StepFailure("POST /webauthn/authenticate/options without a challenge");
    }
    String assertion;
    try {
      assertion = authenticator.assertion(challenge.group(1));
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
    Response login = browser.json(connection, "/login/webauthn", assertion);
    if (login.status() != 200 || !login.text().contains("\"authenticated\":true")) {
      throw StepFailure.of("POST /login/webauthn", login);
    }
    return login;
  }

  // ---- Spring Security's one-time tokens (bench/ott-baseline, not Latchkey) ----

  /**
   * The baseline's sign-in, each token once, on one kept browser session per worker as {@code pass-signin}
   * does: {@code GET /login/ott} (Spring's default submit page, for the session's current CSRF token, which
   * Spring replaces at every sign-in) and {@code POST /login/ott} with {@code token} and {@code _csrf}: 302
   * away from the login pages.
   */
  static LoadRun.Call ottSignIns(String[] tokens, String origin) {
    ThreadLocal<Browser> browsers = ThreadLocal.withInitial(() -> new Browser(origin));
    return (connection, n) -> {
      Browser browser = browsers.get();
      try {
        Response page = browser.page(connection, "/login/ott");
        if (page.status() != 200) {
          throw StepFailure.of("GET /login/ott", page);
        }
        Response login = browser.form(connection, "/login/ott", "token", tokens[(int) n]);
        if (login.status() != 302 || login.location() == null || login.location().contains("/login")) {
          throw new StepFailure("POST /login/ott " + login.status()
              + (login.status() == 302 ? " to " + login.location() : ""));
        }
        return login;
      } catch (IOException | RuntimeException e) {
        browser.clear();
        throw e;
      }
    };
  }

  // ---- refresh ----

  // ---- applications and the code flow ----

  /**
   * Registers a confidential web application requiring {@code strength} ({@code mfa},
   * {@code passwordless} or {@code phishing-resistant}) and gives it a secret.
   */
  Client registerApplication(HttpConnection connection, String displayName, String strength) throws IOException {
    String redirectUri = origin + "/bench-callback";
    String body = "{\"displayName\":\"" + displayName + "\",\"web\":{\"redirectUris\":[\"" + redirectUri + "\"]},"
        + "\"requiredAuthenticationStrength\":\"" + strength + "\",\"delegatedPermissions\":[]}";
    Response created = api.post(connection, "/applications", body);
    expect(created, 201, "POST /v1.0/applications");
    Response password = api.post(connection, "/applications/" + LatchkeyApi.id(created) + "/addPassword",
        "{\"passwordCredential\":{\"displayName\":\"http-load\"}}");
    if (password.status() != 200 && password.status() != 201) {
      throw new IOException("POST .../addPassword answered " + password.status() + ": " + password.text());
    }
    return new Client(group(APP_ID, created, "appId"), group(SECRET_TEXT, password, "secretText"), redirectUri);
  }

  /**
   * Signs each person in with their pass, runs the authorization code flow with PKCE (S256) for
   * {@code client} (which must accept a pass, i.e. require {@code mfa}), and redeems the code: one refresh
   * token (one token family) per person.
   */
  String[] codeFlowRefreshTokens(Client client, Person[] people) throws IOException, InterruptedException {
    String[] refreshTokens = new String[people.length];
    long started = System.nanoTime();
    LoadRun.inParallel(url, hostHeader, seedConcurrency, people.length, timeout, (connection, n) -> {
      Browser browser = new Browser(origin);
      passSignIn(browser, connection, people[(int) n], true);
      AuthorizationRequest request = AuthorizationRequest.start(random);
      Response authorize = browser.get(connection, request.path(client, REFRESH_SCOPE));
      Response token = request.redeem(connection, client, request.code(authorize, client, "GET /oauth2/authorize"));
      refreshTokens[(int) n] = group(REFRESH_TOKEN, token, "refresh_token");
      return token;
    });
    printRate("signed in", people.length, "people through the code flow (pass, PKCE S256) and redeemed their codes",
        started);
    return refreshTokens;
  }

  /**
   * The complete code-flow sign-in of a person with a passkey, as the relying party {@code client} sees it,
   * from a browser without a session: {@code GET /oauth2/authorize} (PKCE S256, state, nonce) → 302 to the
   * sign-in page; {@link #passkeySignIn}; the continuation it answers with (the authorization request again)
   * → 302 to the redirect URI with a code and the same state; {@code POST /oauth2/token} with the code, the
   * verifier and the client secret → 200 with an access token and an ID token carrying the nonce (its
   * signature is checked once, by {@link #checkCodeFlow}). Returns the token answer.
   */
  static LoadRun.Call codeFlowSignIns(Client client, SoftwareAuthenticator[] authenticators, String origin,
      SecureRandom random) {
    ThreadLocal<Browser> browsers = ThreadLocal.withInitial(() -> new Browser(origin));
    return (connection, n) -> {
      Browser browser = browsers.get();
      browser.clear();
      AuthorizationRequest request = AuthorizationRequest.start(random);
      Response authorize = browser.get(connection, request.path(client, SIGN_IN_SCOPE));
      if (authorize.status() != 302 || !pathOf(authorize.location(), origin).equals("/signin")) {
        throw new StepFailure("GET /oauth2/authorize " + authorize.status() + " not to /signin");
      }
      Response login = passkeySignIn(browser, connection, authenticators[(int) (n % authenticators.length)]);
      Matcher next = REDIRECT_URL.matcher(login.text());
      if (!next.find() || !next.group(1).startsWith("/oauth2/authorize?")) {
        throw new StepFailure("POST /login/webauthn 200 without a way back to /oauth2/authorize");
      }
      Response back = browser.get(connection, next.group(1));
      Response tokens = request.redeem(connection, client, request.code(back, client, "GET /oauth2/authorize (back)"));
      request.idToken(tokens);
      return tokens;
    };
  }

  /**
   * Runs {@code codeFlow} once and checks what the load won't: that the ID token's signature verifies
   * against the server's JWKS ({@code GET /oauth2/jwks}). Prints its {@code acr} and {@code amr}, which say
   * how the person signed in.
   */
  void checkCodeFlow(LoadRun.Call codeFlow) throws IOException {
    try (HttpConnection connection = new HttpConnection(url, timeout, hostHeader)) {
      String idToken = AuthorizationRequest.idTokenIn(codeFlow.send(connection, 0));
      Response jwks = connection.send("GET", "/oauth2/jwks", "", null);
      expect(jwks, 200, "GET /oauth2/jwks");
      IdTokenSignature.verify(jwks.text(), idToken);
      String claims = new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]), StandardCharsets.UTF_8);
      Matcher acr = ACR.matcher(claims);
      Matcher amr = AMR.matcher(claims);
      out.println("checked one code-flow sign-in: its ID token verifies against /oauth2/jwks; acr "
          + (acr.find() ? acr.group(1) : "(none)") + ", amr " + (amr.find() ? amr.group(1) : "(none)"));
    } catch (GeneralSecurityException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The path of a redirect's {@code Location}, relative or absolute on {@code origin}; empty when elsewhere. */
  private static String pathOf(String location, String origin) {
    if (location == null) {
      return "";
    }
    if (location.startsWith(origin + "/")) {
      return location.substring(origin.length());
    }
    return location.startsWith("/") ? location : "";
  }

  // ---- refresh ----

  /**
   * The refresh call: {@code grant_type=refresh_token} with HTTP Basic, 200 with a new refresh token. Refresh
   * tokens rotate, and presenting a replaced one revokes the family, so each worker owns its families
   * (worker k of {@code workers} takes families k, k + workers, …) and always sends the token of the
   * family's last answer. A family whose refresh failed is lost, and each later turn on it counts as an error.
   */
  static LoadRun.Call refreshes(Client client, String[] refreshTokens, int workers) {
    String headers = basic(client.appId(), client.secret()) + FORM;
    AtomicInteger nextWorker = new AtomicInteger();
    ThreadLocal<int[]> turn = ThreadLocal.withInitial(() -> new int[] {nextWorker.getAndIncrement(), 0});
    return (connection, n) -> {
      int[] state = turn.get();
      int family = state[0] + workers * state[1];
      if (family >= refreshTokens.length) {
        state[1] = 0;
        family = state[0];
      }
      state[1]++;
      String refreshToken = refreshTokens[family];
      if (refreshToken == null) {
        throw new StepFailure("token family lost by an earlier failure");
      }
      refreshTokens[family] = null;
      Response response = connection.send("POST", "/oauth2/token", headers,
          ("grant_type=refresh_token&refresh_token=" + Browser.encode(refreshToken)).getBytes(StandardCharsets.US_ASCII));
      Matcher next = REFRESH_TOKEN.matcher(response.text());
      if (response.status() == 200) {
        if (!next.find()) {
          throw new StepFailure("POST /oauth2/token 200 without refresh_token");
        }
        refreshTokens[family] = next.group(1);
      }
      return response;
    };
  }

  // ---- helpers ----

  static String basic(String clientId, String clientSecret) {
    return "Authorization: Basic " + Base64.getEncoder().encodeToString(
        (Browser.encode(clientId) + ":" + Browser.encode(clientSecret)).getBytes(StandardCharsets.UTF_8)) + "\r\n";
  }

  private static String group(Pattern pattern, Response response, String what) throws IOException {
    Matcher matcher = pattern.matcher(response.text());
    if (!matcher.find()) {
      throw new IOException("No " + what + " in the response: " + response.text());
    }
    return matcher.group(1);
  }

  static void expect(Response response, int status, String request) throws IOException {
    if (response.status() != status) {
      throw new IOException(request + " answered " + response.status() + ": " + response.text());
    }
  }

  private void printRate(String verb, int count, String what, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    out.printf(Locale.ROOT, "%s %d %s in %.1f s (%.0f/s)%n", verb, count, what, seconds, count / seconds);
  }
}
