package dev.latchkey.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Signing in with a pass, or a password, in a real Chromium: the pages, their script under the strict CSP,
 * the redirects and the messages a person actually sees. The HTTP-level rules are proven in {@code PassSignInContract};
 * this proves the browser gets through them.
 */
class BrowserPassSignInTest extends GraphApiSuite {

  static final String REFUSED = "That pass didn't work. Check it and try again, or ask your administrator for a new one.";
  private static final String PASSWORD = "Pat's password 2026";
  private static final String PASSWORD_POLICY =
      "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Password";
  private static final Pattern COUNTDOWN = Pattern.compile("(\\d+):([0-5]\\d)");

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension();

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:mem:browser-pass-signin;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  @Test
  void signInWhenOneTimePassThenMySecurityInfoWithARunningCountdownAndSignOutBackToSignIn() {
    String upn = newUpn("journey");
    String pass = issuePass(upn, "{\"isUsableOnce\": true}");
    Chromium browser = chromium.launch();

    browser.open(url("/"));
    browser.awaitPath("/signin");
    enterUsername(browser, upn);
    assertThat(browser.textOf(By.cssSelector("p.who"))).isEqualTo(upn);
    enterPass(browser, pass);

    browser.awaitPath("/security-info");
    assertThat(browser.textOf(By.tagName("h1"))).isEqualTo("My Security Info");
    assertThat(browser.textOf(By.cssSelector("p.who"))).contains(upn);
    assertThat(browser.textOf(By.cssSelector("p.banner"))).startsWith("You have no passkey yet");
    assertCountdownScriptRuns(browser);
    assertThat(browser.driver().getPageSource()).doesNotContain(pass);

    browser.submit("Sign out");
    browser.awaitPath("/signin?signedout");
    assertThat(browser.textOf(By.cssSelector("p.notice"))).isEqualTo("You have signed out.");
    browser.open(url("/security-info"));
    browser.awaitPath("/signin");
  }

  @Test
  void securityInfoWhenOneTimePassThenTheCountdownRunsTowardsTheServersDeadlineAndTheSessionEndIsShown() {
    String upn = newUpn("countdown");
    String pass = issuePass(upn, "{\"isUsableOnce\": true}");
    Chromium browser = chromium.launch();

    signIn(browser, upn, pass);

    browser.awaitPath("/security-info");
    assertCountdownRunsTowards(browser, registrationUntil(browser));
    assertThat(browser.textOf(By.cssSelector("p.session time"))).isNotBlank();
  }

  @Test
  void signInWhenOneTimePassUsedAgainThenTheUniformMessageOnThePage() {
    String upn = newUpn("twice");
    String pass = issuePass(upn, "{\"isUsableOnce\": true}");
    Chromium first = chromium.launch();
    signIn(first, upn, pass);
    first.awaitPath("/security-info");
    Chromium second = chromium.launch();

    signIn(second, upn, pass);

    assertRefused(second);
    assertThat(admin().get(passesOf(upn)).json().at("/value/0/methodUsabilityReason").stringValue())
        .isEqualTo("OneTimeUsed");
  }

  @Test
  void signInWhenMultiUsePassThenTwoBrowsersUntilItExpiresAndThenTheSessionEndsAndTheNextSignInIsRefused() {
    String upn = newUpn("multi");
    String pass = issuePass(upn, "{\"isUsableOnce\": false, \"lifetimeInMinutes\": 60}");
    Chromium first = chromium.launch();
    Chromium second = chromium.launch();
    signIn(first, upn, pass);
    first.awaitPath("/security-info");
    signIn(second, upn, pass);
    second.awaitPath("/security-info");
    first.driver().navigate().refresh();
    assertThat(first.textOf(By.tagName("h1"))).as("the first session still holds").isEqualTo("My Security Info");

    clock().advance(Duration.ofMinutes(61));

    first.driver().navigate().refresh();
    first.awaitPath("/signin?ended");
    assertThat(first.textOf(By.cssSelector("p.notice"))).isEqualTo("Your session has ended. Sign in again.");
    second.open(url("/security-info"));
    second.awaitPath("/signin?ended");
    signIn(first, upn, pass);
    assertRefused(first);
  }

  @Test
  void signInWhenTenWrongPassesThenEvenTheRightPassIsRefusedAndTheLogSaysLocked() {
    String upn = newUpn("locked");
    String pass = issuePass(upn, "{}");
    Chromium browser = chromium.launch();
    browser.open(url("/signin"));
    enterUsername(browser, upn);

    for (int i = 0; i < 10; i++) {
      enterPass(browser, "Wrong" + i + "Pass");
      assertRefused(browser);
    }
    enterPass(browser, pass);

    assertRefused(browser);
    Response log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'");
    assertThat(log.status()).as(log.text()).isEqualTo(200);
    JsonNode newest = log.json().at("/value/0");
    assertThat(newest.at("/status/failureReason").stringValue()).isEqualTo("PassSignInLocked");
    assertThat(newest.at("/userPrincipalName").stringValue()).isEqualTo(upn);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private String issuePass(String upn, String body) {
    createUser(upn);
    Response created = admin().post(passesOf(upn), body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  @Test
  void signInWithPasswordWhenAllowedThenMySecurityInfoAndOnceThePolicyForbidsItThenRefused() {
    String upn = newUpn("password");
    Response created = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Pat Password", "userPrincipalName": "%s",
         "passwordProfile": {"password": "%s"}}""".formatted(upn, PASSWORD));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Chromium browser = chromium.launch();
    browser.open(url("/signin"));
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/password");
    assertThat(browser.driver().findElements(By.linkText("a Temporary Access Pass"))).hasSize(1);

    browser.type(By.id("password"), PASSWORD);
    browser.submit("Sign in");

    browser.awaitPath("/security-info");
    assertThat(browser.textOf(By.cssSelector("p.session"))).startsWith("Signed in with Password");
    assertThat(browser.driver().findElements(By.id("passkey-register"))).as("a password alone can't add methods")
        .isEmpty();
    browser.submit("Sign out");
    browser.awaitPath("/signin?signedout");

    Response forbidden = admin().patch(PASSWORD_POLICY, """
        {"@odata.type": "#microsoft.graph.passwordAuthenticationMethodConfiguration",
         "excludeTargets": [{"targetType": "user", "id": "%s"}]}""".formatted(created.json().get("id").stringValue()));
    assertThat(forbidden.status()).as(forbidden.text()).isEqualTo(204);
    try {
      browser.type(By.id("username"), upn);
      browser.submit("Next");
      browser.awaitPath("/signin/pass");
      assertThat(browser.driver().findElements(By.linkText("Use your password instead"))).isEmpty();
      browser.open(url("/signin/password"));
      browser.type(By.id("password"), PASSWORD);
      browser.submit("Sign in");

      browser.awaitPath("/signin/password");
      assertThat(browser.textOf(By.cssSelector("p.error[role=alert]")))
          .isEqualTo("That password didn't work. Check it and try again, or use another method.");
    } finally {
      admin().patch(PASSWORD_POLICY, """
          {"@odata.type": "#microsoft.graph.passwordAuthenticationMethodConfiguration", "excludeTargets": []}""");
    }
  }

  private void signIn(Chromium browser, String upn, String pass) {
    browser.open(url("/signin"));
    enterUsername(browser, upn);
    enterPass(browser, pass);
  }

  private static void enterUsername(Chromium browser, String upn) {
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/pass");
  }

  private static void enterPass(Chromium browser, String pass) {
    browser.type(By.id("pass"), pass);
    browser.submit("Sign in");
  }

  /** Still on the pass prompt, showing the one message every failure shows. */
  private static void assertRefused(Chromium browser) {
    browser.awaitPath("/signin/pass");
    assertThat(browser.textOf(By.cssSelector("p.error[role=alert]"))).isEqualTo(REFUSED);
  }

  /**
   * {@code countdown.js} is an external script, so this proves the strict CSP ({@code script-src 'self'})
   * lets it in: the browser fetched it, reported no CSP violation, and the script's timer picks up a
   * deadline the test gives the countdown five minutes ahead and writes the time left as m:ss.
   */
  private void assertCountdownScriptRuns(Chromium browser) {
    JavascriptExecutor page = (JavascriptExecutor) browser.driver();
    Object loaded = page.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(loaded).asString().contains(url("/js/countdown.js"));
    assertThat(browser.consoleLog()).doesNotContain("Content Security Policy");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    page.executeScript("document.querySelector('.countdown').dataset.until = arguments[0]", deadline.toString());
    assertCountdownRunsTowards(browser, deadline);
  }

  private static Instant registrationUntil(Chromium browser) {
    return Instant.parse(browser.visible(By.cssSelector(".countdown")).getAttribute("data-until"));
  }

  /**
   * The countdown shows m:ss within a second or two of the time left until {@code until} by this
   * machine's clock (which the browser shares), then ticks down. The first tick may still be due when the
   * page is read, so the wait is for a reading near the deadline, then for a smaller one.
   */
  private static void assertCountdownRunsTowards(Chromium browser, Instant until) {
    By countdown = By.cssSelector(".countdown");
    long[] shown = new long[1];
    browser.await().withMessage(() -> "the countdown to show the time left until " + until)
        .until(driver -> {
          shown[0] = secondsShown(driver.findElement(countdown).getText());
          long expected = Duration.between(Instant.now(), until).toSeconds();
          return shown[0] >= expected - 2 && shown[0] <= expected + 1;
        });
    browser.await().withMessage(() -> "the countdown to tick down from " + shown[0])
        .until(driver -> secondsShown(driver.findElement(countdown).getText()) < shown[0]);
  }

  private static long secondsShown(String text) {
    Matcher matcher = COUNTDOWN.matcher(text);
    assertThat(matcher.matches()).as("countdown '%s' reads m:ss", text).isTrue();
    return Long.parseLong(matcher.group(1)) * 60 + Long.parseLong(matcher.group(2));
  }
}
