package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.BrowserSession.Page;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Signing in with a pass over HTTP: sessions, single use under concurrency, uniform failures, CSRF. */
public interface PassSignInContract extends ApiTest {

  String REFUSED = "That pass didn&#39;t work.";

  private String issue(String upn, String body) {
    createUser(upn);
    Response created = admin().post(passesOf(upn), body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  private static void assertSignedIn(Page page) {
    assertThat(page.status()).as(page.body()).isEqualTo(302);
    assertThat(page.location()).isEqualTo("/security-info");
  }

  @Test
  default void signInWhenPassRightThenMySecurityInfoWithANewSessionId() {
    String upn = newUpn("signin");
    String pass = issue(upn, "{}");
    BrowserSession browser = browser();
    browser.get("/signin");
    browser.post("/signin", Map.of("username", upn));
    String before = browser.sessionId();
    browser.get("/signin/pass");

    Page answer = browser.post("/signin/pass", Map.of("pass", "  " + pass + " "));

    assertSignedIn(answer);
    assertThat(browser.sessionId()).as("no session fixation").isNotNull().isNotEqualTo(before);
    Page info = browser.get("/security-info");
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.body()).contains("My Security Info").contains(upn).contains("You have no passkey yet")
        .containsPattern("data-until=\"\\d{4}-\\d\\d-\\d\\dT");
    assertThat(info.body()).doesNotContain(pass);
  }

  @Test
  default void signInWhenTheSessionIdFromBeforeIsReplayedThenItIsNotSignedIn() {
    String upn = newUpn("fixation");
    String pass = issue(upn, "{}");
    BrowserSession browser = browser();
    browser.get("/signin");
    browser.post("/signin", Map.of("username", upn));
    String before = browser.sessionId();

    assertSignedIn(browser.signInWithPass(upn, pass));

    Page replayed = browser().withSessionId(before).get("/security-info");
    assertThat(replayed.status()).as("the id from before the sign-in").isEqualTo(302);
    assertThat(replayed.location()).endsWith("/signin");
    assertThat(browser.get("/security-info").status()).as("the new id").isEqualTo(200);
  }

  @Test
  default void signInWhenFailuresThenASuccessThenTheCountStartsAgain() {
    String upn = newUpn("reset");
    String pass = issue(upn, "{\"isUsableOnce\": false, \"lifetimeInMinutes\": 60}");

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 9; i++) {
        assertThat(browser().signInWithPass(upn, "Wrong" + round + i + "xyz").body()).contains(REFUSED);
      }
      assertSignedIn(browser().signInWithPass(upn, pass));
    }
    JsonNode log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'&$top=50").json();
    assertThat(log.findValuesAsString("failureReason")).doesNotContain("PassSignInLockedAfterRepeatedFailures");
  }

  @Test
  default void securityInfoWhenNotSignedInThenSentToSignIn() {
    Page page = browser().get("/security-info");

    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/signin");
  }

  @Test
  default void signInWhenOneTimePassUsedTwiceThenSecondRefused() {
    String upn = newUpn("once");
    String pass = issue(upn, "{\"isUsableOnce\": true}");

    assertSignedIn(browser().signInWithPass(upn, pass));
    Page second = browser().signInWithPass(upn, pass);

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).contains(REFUSED);
    assertThat(admin().get(passesOf(upn)).json().at("/value/0/methodUsabilityReason").stringValue())
        .isEqualTo("OneTimeUsed");
  }

  @Test
  default void signInWhenMultiUsePassThenWorksUntilItExpires() {
    String upn = newUpn("multi");
    String pass = issue(upn, "{\"isUsableOnce\": false, \"lifetimeInMinutes\": 60}");

    assertSignedIn(browser().signInWithPass(upn, pass));
    assertSignedIn(browser().signInWithPass(upn, pass));
    clock().advance(Duration.ofMinutes(61));

    assertThat(browser().signInWithPass(upn, pass).body()).contains(REFUSED);
  }

  @Test
  default void signInWhenOneTimePassRacedBy20BrowsersFor100RoundsThenExactlyOneSessionEachRound() throws Exception {
    int rounds = 100;
    int browsers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(browsers);
    try {
      for (int round = 0; round < rounds; round++) {
        String upn = newUpn("race" + round);
        String pass = issue(upn, "{\"isUsableOnce\": true}");
        List<BrowserSession> sessions = new ArrayList<>();
        for (int i = 0; i < browsers; i++) {
          BrowserSession browser = browser();
          browser.get("/signin");
          browser.post("/signin", Map.of("username", upn));
          browser.get("/signin/pass");
          sessions.add(browser);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Page>> answers = new ArrayList<>();
        for (BrowserSession browser : sessions) {
          answers.add(pool.submit(() -> {
            start.await();
            return browser.post("/signin/pass", Map.of("pass", pass));
          }));
        }
        start.countDown();
        int signedIn = 0;
        for (Future<Page> answer : answers) {
          Page page = answer.get();
          assertThat(page.status()).as("never a server error").isIn(200, 302);
          signedIn += page.status() == 302 ? 1 : 0;
        }
        assertThat(signedIn).as("round " + round).isEqualTo(1);
        JsonNode log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'&$top=50").json();
        assertThat(log.get("value").valueStream().filter(e -> e.at("/status/errorCode").intValue() == 0).count())
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void signInWhenUnknownUserNoPassExpiredPassOrWrongPassThenTheSamePageAndTheTrueReasonLogged() {
    String noPass = newUpn("nopass");
    createUser(noPass);
    String expired = newUpn("expired");
    String expiredPass = issue(expired, "{\"lifetimeInMinutes\": 60}");
    clock().advance(Duration.ofMinutes(61));
    String wrong = newUpn("wrong");
    issue(wrong, "{}");
    String unknown = newUpn("unknown");

    List<String> bodies = new ArrayList<>();
    for (String[] attempt : new String[][] {{unknown, "Abcdefgh"}, {noPass, "Abcdefgh"}, {expired, expiredPass},
        {wrong, "Abcdefgh"}}) {
      Page page = browser().signInWithPass(attempt[0], attempt[1]);
      assertThat(page.status()).isEqualTo(200);
      bodies.add(page.body().replaceAll("(value|content)=\"[A-Za-z0-9_-]{40,}\"", "TOKEN").replace(attempt[0], "USER"));
    }

    assertThat(bodies).allMatch(body -> body.contains(REFUSED));
    assertThat(bodies.stream().distinct()).as("every failure reads the same").hasSize(1);
    assertThat(reasonLoggedFor(unknown)).isEqualTo("UserNotFound");
    assertThat(reasonLoggedFor(noPass)).isEqualTo("NoTemporaryAccessPass");
    assertThat(reasonLoggedFor(expired)).isEqualTo("TemporaryAccessPassExpired");
    assertThat(reasonLoggedFor(wrong)).isEqualTo("WrongTemporaryAccessPass");
  }

  @Test
  default void signInWhenUsernameTypedInAnotherCaseThenOnlyThatUsersOwnPassWorks() {
    String upn = newUpn("casing");
    String pass = issue(upn, "{\"isUsableOnce\": false}");
    String other = newUpn("casingother");
    String otherPass = issue(other, "{\"isUsableOnce\": false}");
    String typed = upn.toUpperCase(java.util.Locale.ROOT);

    Page withOthersPass = browser().signInWithPass(typed, otherPass);

    assertThat(withOthersPass.status()).isEqualTo(200);
    assertThat(withOthersPass.body()).contains(REFUSED);
    assertThat(reasonLoggedFor(upn)).isEqualTo("WrongTemporaryAccessPass");
    assertSignedIn(browser().signInWithPass(typed, pass));
  }

  @Test
  default void signInWhenTenWrongPassesThenLockedAndEvenTheRightPassRefusedUntilTheLockEnds() {
    String upn = newUpn("locked");
    String pass = issue(upn, "{}");

    for (int i = 0; i < 10; i++) {
      assertThat(browser().signInWithPass(upn, "Wrong" + i + "xyz").body()).contains(REFUSED);
    }
    Page whileLocked = browser().signInWithPass(upn, pass);

    assertThat(whileLocked.body()).contains(REFUSED);
    assertThat(reasonLoggedFor(upn)).isEqualTo("PassSignInLocked");
    JsonNode log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'&$top=50").json();
    assertThat(log.findValuesAsString("failureReason")).contains("PassSignInLockedAfterRepeatedFailures");

    clock().advance(Duration.ofMinutes(1).plusSeconds(1));
    assertSignedIn(browser().signInWithPass(upn, pass));
  }

  @Test
  default void signInWhenAnUnknownNameFailsTenTimesThenItLocksAsAnAccountDoesAndCostsTheSame() {
    String known = newUpn("lockknown");
    issue(known, "{}");
    String unknown = newUpn("lockunknown");

    for (String upn : List.of(known, unknown)) {
      for (int i = 0; i < 11; i++) {
        assertThat(browser().signInWithPass(upn, "Wrong" + i + "xyz").body()).contains(REFUSED);
      }
    }

    for (String upn : List.of(known, unknown)) {
      JsonNode log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'&$top=50").json();
      assertThat(log.findValuesAsString("failureReason")).as(upn)
          .containsOnlyOnce("PassSignInLockedAfterRepeatedFailures");
      assertThat(log.get("value")).as("ten failures, the lock, one locked refusal: " + upn).hasSize(12);
      assertThat(reasonLoggedFor(upn)).as(upn).isEqualTo("PassSignInLocked");
    }
  }

  @Test
  default void signInWhenPassInputOver64CharactersThenRefused() {
    String upn = newUpn("long");
    String pass = issue(upn, "{}");

    Page page = browser().signInWithPass(upn, pass + "x".repeat(60));

    assertThat(page.body()).contains(REFUSED);
    assertThat(reasonLoggedFor(upn)).isEqualTo("InputTooLong");
  }

  @Test
  default void signInWhenCsrfTokenMissingThenForbiddenAndNothingConsumed() {
    String upn = newUpn("csrf");
    String pass = issue(upn, "{\"isUsableOnce\": true}");
    BrowserSession browser = browser();
    browser.get("/signin");
    browser.post("/signin", Map.of("username", upn));

    Page forged = browser.postRaw("/signin/pass", Map.of("pass", pass));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(admin().get(passesOf(upn)).json().at("/value/0/isUsable").booleanValue()).isTrue();
  }

  @Test
  default void signInPageWhenOpenedWithoutASessionThenNoneIsStoredAndItsTokenIsInACookie() {
    Instant before = Instant.now().minusMillis(1);
    BrowserSession browser = browser();

    Page page = browser.get("/signin");

    assertThat(page.status()).isEqualTo(200);
    assertThat(browser.sessionId()).as("no session cookie").isNull();
    assertThat(sessionsCreatedSince(before)).as("no session row").isZero();
    assertThat(page.headers("Set-Cookie")).filteredOn(cookie -> cookie.startsWith(CSRF_COOKIE + "=")).singleElement()
        .satisfies(cookie -> assertThat(cookie).contains("Path=/").contains("HttpOnly").contains("SameSite=Lax"));
    assertThat(browser.csrfToken()).isNotBlank();
    assertThat(browser.post("/signin", Map.of("username", newUpn("cookie"))).status()).as("the username step").isEqualTo(302);
    assertThat(sessionsCreatedSince(before)).as("made by the username step").isEqualTo(1);
  }

  @Test
  default void signInWhenTheCsrfCookieIsMissingOrHoldsAnotherTokenThenForbidden() {
    String upn = newUpn("cookiecsrf");
    BrowserSession browser = browser();
    browser.get("/signin");
    BrowserSession other = browser();
    other.get("/signin");

    Page mismatched = browser.post("/signin", Map.of("username", upn, "_csrf", other.csrfToken()));
    Page withoutCookie = browser().postRaw("/signin", Map.of("username", upn, "_csrf", browser.csrfToken()));
    Page withoutToken = browser.postRaw("/signin", Map.of("username", upn));

    assertThat(mismatched.status()).as("another browser's token").isEqualTo(403);
    assertThat(withoutCookie.status()).as("the token without its cookie").isEqualTo(403);
    assertThat(withoutToken.status()).as("the cookie without the token").isEqualTo(403);
    assertThat(browser.sessionId()).isNull();
    assertThat(browser.post("/signin", Map.of("username", upn)).status()).as("the page's own token").isEqualTo(302);
  }

  @Test
  default void signedInWhenTheTokenFromBeforeTheSignInIsPresentedThenForbidden() {
    String upn = newUpn("stale");
    String pass = issue(upn, "{}");
    BrowserSession browser = browser();
    browser.get("/signin");
    String cookieBefore = browser.cookie(CSRF_COOKIE);
    String tokenBefore = browser.csrfToken();
    assertSignedIn(browser.signInWithPass(upn, pass));
    assertThat(browser.cookie(CSRF_COOKIE)).as("the sign-in removed the cookie").isNull();

    Page stale = browser.withCookie(CSRF_COOKIE, cookieBefore).post("/signout", Map.of("_csrf", tokenBefore));

    assertThat(stale.status()).isEqualTo(403);
    assertThat(stale.body()).as("a page that says why").contains("This page has expired").contains("Nothing was changed");
    assertThat(browser.cookie(CSRF_COOKIE)).as("the token is now in the session only").isNull();
    assertThat(browser.get("/security-info").status()).as("still signed in").isEqualTo(200);
    Page signedOut = browser.post("/signout", Map.of());
    assertThat(signedOut.status()).isEqualTo(302);
    assertThat(signedOut.location()).endsWith("/signin?signedout");
  }

  @Test
  default void signedInWhenAnotherSiteHasPlantedACsrfCookieAndItsTokenThenForbidden() {
    String upn = newUpn("planted");
    String pass = issue(upn, "{}");
    BrowserSession victim = browser();
    assertSignedIn(victim.signInWithPass(upn, pass));
    BrowserSession attacker = browser();
    attacker.get("/signin");

    Page planted = victim.withCookie(CSRF_COOKIE, attacker.cookie(CSRF_COOKIE))
        .post("/signout", Map.of("_csrf", attacker.csrfToken()));

    assertThat(planted.status()).isEqualTo(403);
    assertThat(victim.get("/security-info").status()).as("still signed in").isEqualTo(200);
  }

  @Test
  default void signInWhenAlreadySignedInThenTheCsrfTokenChangesToo() {
    String upn = newUpn("again");
    String pass = issue(upn, "{\"isUsableOnce\": false, \"lifetimeInMinutes\": 60}");
    BrowserSession browser = browser();
    assertSignedIn(browser.signInWithPass(upn, pass));
    browser.get("/security-info");
    String signedInToken = browser.csrfToken();

    assertSignedIn(browser.signInWithPass(upn, pass));

    assertThat(browser.cookie(CSRF_COOKIE)).as("a signed-in session's token is never in a cookie").isNull();
    Page stale = browser.post("/signout", Map.of("_csrf", signedInToken));
    assertThat(stale.status()).as("the token from before the second sign-in").isEqualTo(403);
    assertThat(browser.get("/security-info").status()).as("still signed in").isEqualTo(200);
  }

  @Test
  default void sessionWhenPassDeletedOrUserDisabledThenEndsAtTheNextRequest() {
    String upn = newUpn("ended");
    String pass = issue(upn, "{}");
    BrowserSession browser = browser();
    assertSignedIn(browser.signInWithPass(upn, pass));
    assertThat(browser.get("/security-info").status()).isEqualTo(200);
    String passId = admin().get(passesOf(upn)).json().at("/value/0/id").stringValue();

    admin().delete(passesOf(upn) + "/" + passId);

    Page after = browser.get("/security-info");
    assertThat(after.status()).isEqualTo(302);
    assertThat(after.location()).contains("/signin");
    assertThat(browser.get("/security-info").location()).endsWith("/signin");

    String other = newUpn("disabled");
    String otherPass = issue(other, "{}");
    BrowserSession second = browser();
    assertSignedIn(second.signInWithPass(other, otherPass));
    admin().patch("/v1.0/users/" + other, "{\"accountEnabled\": false}");
    assertThat(second.get("/security-info").status()).isEqualTo(302);
  }

  @Test
  default void sessionWhenPassExpiresThenSessionEndsWithIt() {
    String upn = newUpn("outlive");
    String pass = issue(upn, "{\"lifetimeInMinutes\": 60}");
    BrowserSession browser = browser();
    assertSignedIn(browser.signInWithPass(upn, pass));

    clock().advance(Duration.ofMinutes(60));

    assertThat(browser.get("/security-info").status()).isEqualTo(302);
  }

  @Test
  default void pagesWhenServedThenStrictHeadersAndAnHttpOnlySameSiteCookie() {
    BrowserSession browser = browser();
    Page page = browser.get("/signin");
    Page posted = browser.post("/signin", Map.of("username", "x@example.com"));

    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(String.join(";", posted.headers("Set-Cookie")) + String.join(";", page.headers("Set-Cookie")))
        .contains("LATCHKEY_SESSION").contains("HttpOnly").contains("SameSite=Lax");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("onclick");
  }

  @Test
  default void signInLogWhenReadThenGraphShaped() {
    String upn = newUpn("logged");
    String pass = issue(upn, "{}");
    browser().signInWithPass(upn, pass);

    Response log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'");

    assertThat(log.status()).isEqualTo(200);
    JsonNode entry = log.json().at("/value/0");
    assertThat(entry.get("@odata.type").stringValue()).isEqualTo("#microsoft.graph.signIn");
    assertThat(entry.at("/status/errorCode").intValue()).isZero();
    assertThat(entry.at("/authenticationDetails/0/authenticationMethod").stringValue()).isEqualTo("Temporary Access Pass");
    assertThat(entry.get("ipAddress").stringValue()).isEqualTo("127.0.0.1");
    assertThat(log.text()).doesNotContain(pass);
  }

  private String reasonLoggedFor(String upn) {
    Response log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'&$top=1");
    assertThat(log.status()).as(log.text()).isEqualTo(200);
    return log.json().at("/value/0/status/failureReason").stringValue();
  }
}
