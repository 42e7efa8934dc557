package dev.latchkey.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.browser.Chromium;
import dev.latchkey.server.browser.ChromiumExtension;
import dev.latchkey.server.config.DatabaseAlignedClock;
import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.BrowserSession.Page;
import dev.latchkey.server.support.ClusterNode;
import dev.latchkey.server.support.GraphClient.Response;
import dev.latchkey.server.support.RoutingProxy;
import dev.latchkey.server.support.StoppablePostgres;
import dev.latchkey.server.persistence.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Two Latchkey nodes on loopback ports sharing one real PostgreSQL, as a cluster behind a load balancer:
 * the one-pass rules, the throttle and the sign-in ceremonies hold across them; the node whose host clock is
 * five minutes ahead (node B) decides time like the other; and the database going away and coming back is
 * survived. People reach the cluster at one origin, a {@link RoutingProxy} in front of both nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesOnPostgresTest {

  static final Duration B_HOST_CLOCK_AHEAD = Duration.ofMinutes(5);

  static StoppablePostgres postgres;
  static RoutingProxy proxy;
  static ClusterNode a;
  static ClusterNode b;
  static ExecutorService pool;

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension();

  @BeforeAll
  static void startCluster() {
    postgres = StoppablePostgres.start();
    proxy = RoutingProxy.start();
    String origin = "http://localhost:" + proxy.port();
    a = ClusterNode.start(settings("node-a", origin));
    Map<String, String> b = settings("node-b", origin);
    b.put("test.node.host-clock-skew", B_HOST_CLOCK_AHEAD.toString());
    TwoNodesOnPostgresTest.b = ClusterNode.start(b);
    proxy.route(path -> a.port());
    pool = Executors.newFixedThreadPool(24);
  }

  private static Map<String, String> settings(String name, String origin) {
    Map<String, String> settings = ClusterNode.properties(name, postgres.jdbcUrl(), origin);
    settings.put("spring.datasource.hikari.connection-timeout", "1000");
    return settings;
  }

  @AfterAll
  static void stopCluster() {
    pool.shutdownNow();
    for (AutoCloseable closeable : new AutoCloseable[] {b, a, proxy, postgres}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception ignored) {
        // stopping everything anyway
      }
    }
  }

  @Test
  @Order(1)
  void signInWhenStartedOnOneNodeThenFinishesOnTheOtherAndTheSessionWorksOnBoth() {
    String upn = createUser(a);
    String pass = issuePass(b, upn, true);
    BrowserSession browser = a.browser();
    browser.get("/signin");
    assertThat(browser.moveTo(b.port()).post("/signin", Map.of("username", upn)).location())
        .as("node B takes the page's token, kept in a cookie by node A").isEqualTo("/signin/pass");

    browser.moveTo(a.port());
    Page prompt = browser.get("/signin/pass");
    assertThat(prompt.status()).isEqualTo(200);
    assertThat(prompt.body()).as("node A knows the username typed on node B").contains(upn);
    Page signedIn = browser.moveTo(b.port()).post("/signin/pass", Map.of("pass", pass));
    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.location()).isEqualTo("/security-info");

    for (ClusterNode node : List.of(a, b)) {
      Page info = browser.moveTo(node.port()).get("/security-info");
      assertThat(info.status()).as("My Security Info on " + node).isEqualTo(200);
      assertThat(info.body()).contains(upn);
    }
  }

  @Test
  @Order(2)
  void createPassWhen20RequestsForOneUserArriveThroughBothNodesAtOnceThenOnePass() throws Exception {
    String upn = createUser(a);
    List<Callable<Response>> creates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ClusterNode node = i % 2 == 0 ? a : b;
      creates.add(() -> node.admin().post(passesOf(upn), "{}"));
    }

    List<Integer> statuses = allAtOnce(creates).stream().map(Response::status).toList();

    assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    assertThat(statuses).filteredOn(status -> status == 409).hasSize(19);
    assertThat(a.admin().get(passesOf(upn)).json().get("value")).hasSize(1);
    assertThat(a.jdbc().sql("select count(*) from temporary_access_passes p join users u on u.id = p.user_id "
        + "where u.user_principal_name = :upn").param("upn", upn).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void failedAttemptsWhenSpreadOverBothNodesThenEachCountedOnceAndTheLockHoldsOnBoth() throws Exception {
    String upn = createUser(a);
    String userId = userId(upn);
    String pass = issuePass(a, upn, false);
    List<BrowserSession> guessers = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      guessers.add(atPassPrompt(i % 2 == 0 ? a : b, upn));
    }

    List<Page> refused = allAtOnce(guessers.stream()
        .<Callable<Page>>map(guesser -> () -> guesser.post("/signin/pass", Map.of("pass", "wrong-" + pass)))
        .toList());

    assertThat(refused).extracting(Page::status).containsOnly(200);
    assertThat(failures(upn)).as("nine failures counted once each").isEqualTo(9);
    assertThat(signInFailures(userId, "WrongTemporaryAccessPass")).isEqualTo(9);
    assertThat(atPassPrompt(b, upn).post("/signin/pass", Map.of("pass", "wrong-" + pass)).status()).isEqualTo(200);
    assertThat(failures(upn)).isEqualTo(10);
    assertThat(signInFailures(userId, "PassSignInLockedAfterRepeatedFailures")).isEqualTo(1);

    for (ClusterNode node : List.of(a, b)) {
      Page locked = atPassPrompt(node, upn).post("/signin/pass", Map.of("pass", pass));
      assertThat(locked.status()).as("the right pass on locked " + node).isEqualTo(200);
      assertThat(locked.location()).isNull();
    }
    assertThat(signInFailures(userId, "PassSignInLocked")).isEqualTo(2);
    assertThat(failures(upn)).as("attempts while locked don't count").isEqualTo(10);
  }

  @Test
  @Order(4)
  void oneTimePassWhenRedeemedThroughBothNodesAtOnceThen500RoundsOfExactlyOneSession() throws Exception {
    int rounds = 500;
    String upn = createUser(a);
    String userId = userId(upn);
    BrowserSession[] racers = {atPassPrompt(a, upn), atPassPrompt(b, upn)};
    Set<String> winningRequests = new HashSet<>();
    List<Integer> serverErrors = new ArrayList<>();

    for (int round = 0; round < rounds; round++) {
      String pass = issuePass(round % 2 == 0 ? a : b, upn, true);
      List<Page> answers = allAtOnce(List.of(
          () -> racers[0].post("/signin/pass", Map.of("pass", pass)),
          () -> racers[1].post("/signin/pass", Map.of("pass", pass))));

      answers.stream().map(Page::status).filter(status -> status >= 500).forEach(serverErrors::add);
      List<Integer> winners = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        if (answers.get(i).status() == 302) {
          assertThat(answers.get(i).location()).isEqualTo("/security-info");
          winners.add(i);
        } else {
          assertThat(answers.get(i).status()).as("the loser sees the refusal page").isEqualTo(200);
        }
      }
      assertThat(winners).as("round %d: exactly one session", round).hasSize(1);
      winningRequests.add(answers.get(winners.get(0)).header("request-id"));
      racers[winners.get(0)] = atPassPrompt(winners.get(0) == 0 ? a : b, upn);
    }

    assertThat(serverErrors).isEmpty();
    assertThat(winningRequests).hasSize(rounds);
    assertThat(a.jdbc().sql("select count(*) from spring_session where principal_name = :id").param("id", userId)
        .query(Integer.class).single()).as("one session per round").isEqualTo(rounds);
    List<String> successes = a.jdbc().sql("select correlation_id from sign_ins where user_id = :id and succeeded")
        .param("id", userId).query(String.class).list();
    assertThat(successes).as("one success in the sign-in log per round, from the winning request")
        .hasSize(rounds).containsExactlyInAnyOrderElementsOf(winningRequests);
    assertThat(signInFailures(userId, "TemporaryAccessPassAlreadyUsed")).isEqualTo(rounds);
  }

  @Test
  @Order(5)
  void expiryWhenNodeBsHostClockIsFiveMinutesAheadThenBothNodesDecideByTheDatabasesClock() {
    DatabaseAlignedClock alignedB = (DatabaseAlignedClock) b.clock().base();
    assertThat(alignedB.offset()).as("node B measured its host clock's lead")
        .isBetween(B_HOST_CLOCK_AHEAD.negated().minusSeconds(2), B_HOST_CLOCK_AHEAD.negated().plusSeconds(2));
    assertThat(Duration.between(a.clock().instant(), b.clock().instant()).abs()).isLessThan(Duration.ofSeconds(1));

    String upn = createUser(a);
    String userId = userId(upn);
    Response created = b.admin().post(passesOf(upn), "{\"lifetimeInMinutes\": 60, \"isUsableOnce\": false}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String pass = created.json().get("temporaryAccessPass").stringValue();
    assertThat(usability(a, upn)).as("a pass node B starts now is usable now on node A").isEqualTo("EnabledByPolicy");

    advanceBoth(Duration.ofMinutes(57));
    assertThat(usability(a, upn)).isEqualTo("EnabledByPolicy");
    assertThat(usability(b, upn)).as("3 minutes left, though B's host clock says 2 past").isEqualTo("EnabledByPolicy");
    assertThat(atPassPrompt(b, upn).post("/signin/pass", Map.of("pass", pass)).status()).isEqualTo(302);

    advanceBoth(Duration.ofMinutes(4));
    assertThat(usability(a, upn)).isEqualTo("Expired");
    assertThat(usability(b, upn)).isEqualTo("Expired");
    assertThat(atPassPrompt(a, upn).post("/signin/pass", Map.of("pass", pass)).status()).isEqualTo(200);
    assertThat(signInFailures(userId, "TemporaryAccessPassExpired")).isEqualTo(1);
  }

  @Test
  @Order(6)
  void passkeyWhenEachCeremonyStartsOnOneNodeAndFinishesOnTheOtherThenRegisteredAndSignsIn() {
    String upn = createUser(a);
    String pass = issuePass(a, upn, true);
    proxy.route(path -> path.startsWith("/webauthn/register/options") ? a.port() : b.port());
    Chromium browser = chromium.launch();
    browser.addPasskeyAuthenticator();

    browser.open(origin() + "/signin");
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/pass");
    browser.type(By.id("pass"), pass);
    browser.submit("Sign in");
    browser.awaitPath("/security-info");
    browser.type(By.id("passkey-name"), "Cluster key");
    browser.visible(By.xpath("//button[@type='submit'][normalize-space()='Add passkey']")).click();
    browser.await().ignoring(WebDriverException.class)
        .withMessage(() -> "the passkey to be added, but the page says '" + says(browser, By.id("passkey-register-status")) + "'")
        .until(driver -> browser.currentPath().equals("/security-info?added"));

    assertThat(proxy.routed()).contains(a.port() + " POST /webauthn/register/options", b.port() + " POST /webauthn/register");
    Response passkeys = a.admin().get("/v1.0/users/" + upn + "/authentication/fido2Methods");
    assertThat(passkeys.json().get("value")).singleElement()
        .satisfies(passkey -> assertThat(passkey.at("/displayName").stringValue()).isEqualTo("Cluster key"));

    proxy.route(path -> path.startsWith("/webauthn/authenticate/options") ? b.port() : a.port());
    browser.submit("Sign out");
    browser.awaitPath("/signin?signedout");
    browser.visible(By.id("passkey-signin")).click();
    browser.await().ignoring(WebDriverException.class)
        .withMessage(() -> "the passkey to sign in, but the page says '" + says(browser, By.id("passkey-status")) + "'")
        .until(driver -> browser.currentPath().equals("/security-info"));

    assertThat(browser.textOf(By.cssSelector("p.session"))).startsWith("Signed in with Passkey");
    assertThat(proxy.routed()).contains(b.port() + " POST /webauthn/authenticate/options", a.port() + " POST /login/webauthn");
    proxy.route(path -> a.port());
    assertThat(b.anonymous().get("/actuator/prometheus").text()).as("node B counted the registration it finished")
        .contains("latchkey_webauthn_ceremonies_total{ceremony=\"registration\",result=\"success\"} 1.0");
    assertThat(a.anonymous().get("/actuator/prometheus").text()).as("node A counted the sign-in it finished")
        .contains("latchkey_webauthn_ceremonies_total{ceremony=\"authentication\",result=\"success\"} 1.0");
  }

  @Test
  @Order(7)
  void sweepsWhenEveryNodeRunsThemAtOnceThenEachRowIsDeletedOnceAndNothingFails() throws Exception {
    for (int i = 0; i < 30; i++) {
      ClusterNode node = i % 2 == 0 ? a : b;
      String upn = createUser(node);
      String pass = issuePass(node, upn, true);
      if (i < 4) {
        assertThat(atPassPrompt(node, upn).post("/signin/pass", Map.of("pass", pass)).status()).isEqualTo(302);
      }
    }
    advanceBoth(Duration.ofDays(7).plusHours(3));
    Instant cutoff = a.clock().instant().minus(Duration.ofDays(7));
    int spentPasses = count("select count(*) from temporary_access_passes");
    int expiredTokens = a.jdbc().sql("select count(*) from oauth2_authorization "
            + "where authorization_grant_type = 'client_credentials' and access_token_expires_at < :now")
        .param("now", SqlTime.bind(a.clock().instant())).query(Integer.class).single();
    a.jdbc().sql("update spring_session set expiry_time = 0 where principal_name is not null").update();
    assertThat(spentPasses).isGreaterThanOrEqualTo(30);
    assertThat(count("select count(*) from spring_session where expiry_time = 0")).isGreaterThanOrEqualTo(4);

    List<Callable<Integer>> passSweeps = new ArrayList<>();
    List<Callable<Integer>> tokenSweeps = new ArrayList<>();
    List<Callable<Integer>> sessionSweeps = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ClusterNode node = i % 2 == 0 ? a : b;
      passSweeps.add(() -> ReflectionTestUtils.<Integer>invokeMethod(node.bean("passSweeper"), "sweepSpentBefore", cutoff));
      tokenSweeps.add(() -> ReflectionTestUtils.<Integer>invokeMethod(node.bean("expiredTokenSweeper"), "sweep"));
      sessionSweeps.add(() -> {
        ((JdbcIndexedSessionRepository) ReflectionTestUtils.getField(node.bean("sessionRepository"), "sessions"))
            .cleanUpExpiredSessions();
        return 0;
      });
    }
    List<Callable<Integer>> everything = new ArrayList<>(passSweeps);
    everything.addAll(tokenSweeps);
    everything.addAll(sessionSweeps);
    List<Integer> deleted = allAtOnce(everything);

    assertThat(deleted.subList(0, 6).stream().mapToInt(Integer::intValue).sum())
        .as("each spent pass deleted by exactly one sweep").isEqualTo(spentPasses);
    assertThat(deleted.subList(6, 12).stream().mapToInt(Integer::intValue).sum())
        .as("each expired token record deleted by exactly one sweep").isEqualTo(expiredTokens);
    assertThat(count("select count(*) from temporary_access_passes")).isZero();
    assertThat(count("select count(*) from spring_session where expiry_time = 0")).isZero();
  }

  @Test
  @Order(20)
  void databaseWhenStoppedUnderLoadThen503sNothingHalfDoneAndBothNodesRecoverWithoutRestart() throws Exception {
    List<String> signInUsers = new ArrayList<>();
    List<BrowserSession> signInBrowsers = new ArrayList<>();
    Map<String, String> passes = new java.util.HashMap<>();
    for (int i = 0; i < 10; i++) {
      ClusterNode node = i % 2 == 0 ? a : b;
      String upn = createUser(node);
      passes.put(upn, issuePass(node, upn, true));
      signInUsers.add(upn);
      signInBrowsers.add(atPassPrompt(node.browser().withHeader("Accept", "text/html"), upn));
    }
    List<String> issueUsers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      issueUsers.add(createUser(i % 2 == 0 ? a : b));
    }
    // Most of the load is in flight when the database stops, or served before; the last few requests are
    // sent once it has stopped, so that some are refused however fast the others were served.
    List<Callable<Attempt>> load = new ArrayList<>();
    List<Callable<Attempt>> afterTheStop = new ArrayList<>();
    for (int i = 0; i < issueUsers.size(); i++) {
      List<Callable<Attempt>> batch = i < issueUsers.size() - 2 ? load : afterTheStop;
      ClusterNode node = i % 2 == 0 ? a : b;
      String upn = issueUsers.get(i);
      batch.add(() -> Attempt.of("issue", upn, node.admin().post(passesOf(upn), "{\"isUsableOnce\": true}")));
      if (i % 2 == 0) {
        int k = i / 2;
        batch.add(() -> Attempt.of("signin", signInUsers.get(k),
            signInBrowsers.get(k).post("/signin/pass", Map.of("pass", passes.get(signInUsers.get(k))))));
      }
    }

    CountDownLatch servedBeforeTheOutage = new CountDownLatch(6);
    ExecutorService workers = Executors.newFixedThreadPool(6);
    List<Future<Attempt>> inFlight = new ArrayList<>();
    for (Callable<Attempt> attempt : load) {
      inFlight.add(workers.submit(() -> {
        try {
          return attempt.call();
        } finally {
          servedBeforeTheOutage.countDown();
        }
      }));
    }
    assertThat(servedBeforeTheOutage.await(60, TimeUnit.SECONDS)).isTrue();
    postgres.stop();
    for (Callable<Attempt> attempt : afterTheStop) {
      inFlight.add(workers.submit(attempt));
    }
    List<Attempt> attempts = new ArrayList<>();
    for (Future<Attempt> attempt : inFlight) {
      attempts.add(attempt.get());
    }
    workers.shutdown();

    for (ClusterNode node : List.of(a, b)) {
      Response api = node.admin().get("/v1.0/users?$top=1");
      assertThat(api.status()).as("the API on " + node + " while the database is down").isEqualTo(503);
      assertThat(api.contentType()).startsWith("application/json");
      assertThat(api.errorCode()).isEqualTo("serviceUnavailable");
      assertThat(api.header("Retry-After")).isEqualTo("5");
      assertThat(api.json().at("/error/innerError/request-id").stringValue()).isNotBlank();
      Page page = atPassPromptLater(node);
      assertThat(page.status()).as("a page on " + node + " while the database is down").isEqualTo(503);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.body()).contains("Latchkey is unavailable for a moment");
      assertThat(node.anonymous().get("/actuator/health/readiness").status()).isEqualTo(503);
      assertThat(node.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
    }
    assertThat(attempts).extracting(Attempt::status).as("no answer but success or 503")
        .allMatch(status -> status == 201 || status == 302 || status == 503 || status == 200);
    assertThat(attempts).filteredOn(attempt -> attempt.status() == 503 && attempt.kind().equals("issue"))
        .allMatch(attempt -> attempt.contentType().startsWith("application/json")
            && attempt.body().contains("serviceUnavailable"));
    assertThat(attempts).filteredOn(attempt -> attempt.status() == 503 && attempt.kind().equals("signin"))
        .allMatch(attempt -> attempt.contentType().startsWith("text/html")
            && attempt.body().contains("Latchkey is unavailable"));
    assertThat(attempts).filteredOn(attempt -> attempt.status() == 503).as("requests failed in the outage").isNotEmpty();
    assertThat(attempts).filteredOn(attempt -> attempt.status() != 503).as("requests served before it").isNotEmpty();

    postgres.restart();
    for (ClusterNode node : List.of(a, b)) {
      awaitReady(node);
    }

    for (Attempt attempt : attempts) {
      String userId = userId(attempt.upn());
      if (attempt.kind().equals("signin")) {
        Boolean consumed = a.jdbc().sql("select consumed_at is not null from temporary_access_passes where user_id = :id")
            .param("id", userId).query(Boolean.class).single();
        int successes = a.jdbc().sql("select count(*) from sign_ins where user_id = :id and succeeded")
            .param("id", userId).query(Integer.class).single();
        int sessions = a.jdbc().sql("select count(*) from spring_session where principal_name = :id")
            .param("id", userId).query(Integer.class).single();
        assertThat(successes).as("a success is logged if and only if the pass was used up").isEqualTo(consumed ? 1 : 0);
        assertThat(sessions).as("no session without its pass used up").isLessThanOrEqualTo(consumed ? 1 : 0);
        if (attempt.status() == 302) {
          assertThat(consumed).isTrue();
        }
      } else {
        List<String> passIds = a.jdbc().sql("select id from temporary_access_passes where user_id = :id")
            .param("id", userId).query(String.class).list();
        int audits = a.jdbc().sql("select count(*) from directory_audits where target_resources like :user "
                + "and activity_display_name = 'Admin registered security info'")
            .param("user", "%" + userId + "%").query(Integer.class).single();
        assertThat(audits).as("an audit record for each pass that was committed, none for one that wasn't")
            .isEqualTo(passIds.size());
        passIds.forEach(id -> assertThat(count("select count(*) from directory_audits where target_resources like '%"
            + id + "%'")).isEqualTo(1));
        if (attempt.status() == 201) {
          assertThat(passIds).hasSize(1);
        }
      }
    }

    for (ClusterNode node : List.of(a, b)) {
      String upn = createUser(node);
      String pass = issuePass(node, upn, true);
      assertThat(atPassPrompt(node, upn).post("/signin/pass", Map.of("pass", pass)).status())
          .as("signing in on " + node + " after the database came back").isEqualTo(302);
    }
  }

  record Attempt(String kind, String upn, int status, String contentType, String body) {

    static Attempt of(String kind, String upn, Response response) {
      return new Attempt(kind, upn, response.status(), String.valueOf(response.contentType()), response.text());
    }

    static Attempt of(String kind, String upn, Page page) {
      return new Attempt(kind, upn, page.status(), String.valueOf(page.header("Content-Type")), page.body());
    }
  }

  /** A person's browser that opens the sign-in page and types a username while the database is down. */
  private static Page atPassPromptLater(ClusterNode node) {
    BrowserSession browser = node.browser().withHeader("Accept", "text/html");
    Page first = browser.get("/signin");
    if (first.status() != 200) {
      return first;
    }
    return browser.post("/signin", Map.of("username", "someone@example.com"));
  }

  private static void awaitReady(ClusterNode node) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (node.anonymous().get("/actuator/health/readiness").status() != 200) {
      assertThat(System.nanoTime()).as(node + " ready again within 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  static int count(String sql) {
    return a.jdbc().sql(sql).query(Integer.class).single();
  }

  // ---------------------------------------------------------------------------------------------------

  static String origin() {
    return "http://localhost:" + proxy.port();
  }

  private static String says(Chromium browser, By locator) {
    try {
      return browser.driver().findElement(locator).getText();
    } catch (WebDriverException e) {
      return "(" + e.getClass().getSimpleName() + " on " + browser.currentPath() + ")";
    }
  }

  static String createUser(ClusterNode node) {
    String upn = "node-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Response created = node.admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "%s", "userPrincipalName": "%s"}""".formatted(upn, upn));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return upn;
  }

  static String userId(String upn) {
    return a.jdbc().sql("select id from users where user_principal_name = :upn").param("upn", upn)
        .query(String.class).single();
  }

  static String issuePass(ClusterNode node, String upn, boolean once) {
    Response created = node.admin().post(passesOf(upn), "{\"isUsableOnce\": " + once + "}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  static String passesOf(String upn) {
    return "/v1.0/users/" + upn + "/authentication/temporaryAccessPassMethods";
  }

  static String usability(ClusterNode node, String upn) {
    Response list = node.admin().get(passesOf(upn));
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    return list.json().at("/value/0/methodUsabilityReason").stringValue();
  }

  /** A browser on {@code node} that has typed the username and is asked for the pass. */
  static BrowserSession atPassPrompt(ClusterNode node, String upn) {
    return atPassPrompt(node.browser(), upn);
  }

  static BrowserSession atPassPrompt(BrowserSession browser, String upn) {
    browser.get("/signin");
    Page next = browser.post("/signin", Map.of("username", upn));
    assertThat(next.location()).isEqualTo("/signin/pass");
    return browser;
  }

  static int failures(String upn) {
    return a.jdbc().sql("select failures from pass_throttles where account_key = :key").param("key", upn)
        .query(Integer.class).single();
  }

  static int signInFailures(String userId, String reason) {
    return a.jdbc().sql("select count(*) from sign_ins where user_id = :id and failure_reason = :reason")
        .param("id", userId).param("reason", reason).query(Integer.class).single();
  }

  static void advanceBoth(Duration duration) {
    a.advance(duration);
    b.advance(duration);
  }

  /** Runs the calls together, released at one moment, and returns their results in order. */
  static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> call : calls) {
      futures.add(pool.submit(() -> {
        start.await();
        return call.call();
      }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }
}
