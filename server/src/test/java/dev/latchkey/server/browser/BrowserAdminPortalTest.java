package dev.latchkey.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.api.RoleApiContract;
import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.GraphClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The admin portal in a real Chromium: an admin signs in with their passkey, creates a user, issues a pass
 * and reads it once, the pass works, the policy editor refuses a broken range, the audit viewer shows it
 * all, and the role rules of the API hold on the pages, forged requests included.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrowserAdminPortalTest extends GraphApiSuite {

  private static final int PORT = freeLoopbackPort();
  private static final String ORIGIN = "http://localhost:" + PORT;

  private static final List<String> LOGGERS = List.of("org.springframework", "dev.latchkey", "org.apache",
      "org.thymeleaf");

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension();

  @Autowired
  LoggingSystem logging;

  @DynamicPropertySource
  static void h2OnLocalhost(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:browser-admin;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("server.port", () -> PORT);
    registry.add("latchkey.base-url", () -> ORIGIN);
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void adminWhenSignedInWithPasskeyThenCreatesAUserIssuesAPassShownOnceThatWorksAndIsAudited(CapturedOutput output) {
    String adminUpn = newUpn("portal-admin");
    Chromium browser = adminWithPasskey(adminUpn, RoleApiContract.GLOBAL_ADMIN);
    String upn = newUpn("onboarded");

    browser.visible(By.id("new-user")).click();
    browser.type(By.id("userPrincipalName"), upn);
    browser.type(By.id("displayName"), "Onboarded <b>Person</b>");
    browser.submit("Create user");
    assertThat(browser.textOf(By.tagName("h1"))).isEqualTo("Onboarded <b>Person</b>");
    assertThat(browser.textOf(By.id("upn"))).isEqualTo(upn);

    browser.visible(By.id("issue-pass")).click();
    assertThat(browser.driver().findElement(By.id("lifetimeInMinutes")).getAttribute("value"))
        .as("the policy's default lifetime is preselected").isEqualTo("60");
    browser.visible(By.id("isUsableOnce")).click();
    LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.TRACE));
    String pass;
    try {
      browser.submit("Issue pass");
      pass = browser.textOf(By.id("pass"));
    } finally {
      LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }
    assertThat(output.getAll()).as("the frameworks logged the request").contains("/admin/users/");
    assertThat(output.getAll()).as("but not the pass").doesNotContain(pass);

    assertThat(pass).hasSize(8);
    assertThat(browser.driver().getCurrentUrl()).doesNotContain(pass);
    assertThat(browser.textOf(By.cssSelector("p.banner"))).contains("shown this once only");
    assertThat(browser.visible(By.id("copy-pass")).isDisplayed()).as("the copy script ran under the CSP").isTrue();
    assertThat(browser.textOf(By.id("signin-url"))).isEqualTo(ORIGIN + "/signin");
    assertThat(browser.driver().findElement(By.cssSelector("img.qr")).getAttribute("src"))
        .startsWith("data:image/png;base64,");
    assertThat(((Number) ((JavascriptExecutor) browser.driver())
        .executeScript("return document.querySelector('img.qr').naturalWidth")).intValue())
        .as("the QR code is an image the page may show under its CSP").isPositive();
    browser.open(ORIGIN + "/admin/users/" + upn);
    assertThat(browser.textOf(By.id("method-pass"))).contains("one-time").contains("EnabledByPolicy");
    assertThat(browser.driver().getPageSource()).as("the pass is never shown again").doesNotContain(pass);
    assertThat(admin().get(passesOf(upn)).json().at("/value/0/temporaryAccessPass").isNull()).isTrue();

    Chromium person = chromium.launch();
    signInWithPass(person, upn, pass);
    assertThat(person.textOf(By.tagName("h1"))).isEqualTo("My Security Info");

    browser.open(ORIGIN + "/admin/audit?user=" + adminUpn);
    List<String> activities = browser.driver().findElements(By.cssSelector("#audit-entries td.activity")).stream()
        .map(cell -> cell.getText()).toList();
    assertThat(activities).as("newest first, after the admin's own passkey")
        .containsExactly("Admin registered security info", "Add user", "User registered security info");
    assertThat(browser.textOf(By.cssSelector("#audit-entries td.target"))).isEqualTo(upn);
  }

  @Test
  void tapPolicyEditorWhenTheRangeIsBrokenThenRefusedWithTheReasonNextToTheFieldAndNothingChanges() {
    Chromium browser = adminWithPasskey(newUpn("policy-admin"), RoleApiContract.AUTH_POLICY_ADMIN);
    browser.open(ORIGIN + "/admin/policies/tap");

    browser.type(By.id("minimumLifetimeInMinutes"), "500");
    browser.type(By.id("maximumLifetimeInMinutes"), "100");
    browser.submit("Save policy");

    assertThat(browser.textOf(By.id("minimumLifetimeInMinutes-error")))
        .isEqualTo("minimumLifetimeInMinutes (500) must not be greater than maximumLifetimeInMinutes (100).");
    assertThat(browser.driver().findElement(By.id("minimumLifetimeInMinutes")).getAttribute("value")).isEqualTo("500");
    JsonNode policy = admin().get(tapPolicy()).json();
    assertThat(policy.get("minimumLifetimeInMinutes").intValue()).isEqualTo(60);
    assertThat(policy.get("maximumLifetimeInMinutes").intValue()).isEqualTo(480);

    browser.type(By.id("defaultLength"), "eight");
    browser.submit("Save policy");
    assertThat(browser.textOf(By.id("defaultLength-error"))).contains("whole number");
  }

  @Test
  void authenticationAdminWhenViewingAnAdminThenNoIssuePassButtonAndAForgedPostIsRefused() {
    String targetUpn = newUpn("protected");
    String targetId = createUser(targetUpn);
    assign(RoleApiContract.USER_ADMIN, targetId);
    String plainUpn = newUpn("plain");
    createUser(plainUpn);
    Chromium browser = adminWithPasskey(newUpn("helpdesk"), RoleApiContract.AUTH_ADMIN);

    browser.open(ORIGIN + "/admin/users/" + plainUpn);
    assertThat(browser.driver().findElements(By.id("issue-pass"))).as("a non-admin may get a pass").hasSize(1);
    browser.open(ORIGIN + "/admin/users/" + targetId);
    assertThat(browser.textOf(By.id("admin-roles"))).contains("User Administrator");
    assertThat(browser.driver().findElements(By.id("issue-pass"))).isEmpty();

    int status = postFromThePage(browser, "/admin/users/" + targetId + "/pass", "lifetimeInMinutes=60", true);

    assertThat(status).isEqualTo(403);
    browser.open(ORIGIN + "/admin/users/" + targetId + "/pass");
    assertThat(browser.textOf(By.tagName("h1"))).isEqualTo("Not allowed");
    assertThat(browser.textOf(By.id("refusal"))).contains("Privileged Authentication Administrator");
    assertThat(admin().get(passesOf(targetId)).json().get("value")).isEmpty();
  }

  @Test
  void portalPostWhenTheCsrfTokenIsMissingThenRefusedAndWithItAccepted() {
    Chromium browser = adminWithPasskey(newUpn("csrf-admin"), RoleApiContract.USER_ADMIN);
    String upn = newUpn("csrf");
    String form = "userPrincipalName=" + upn + "&displayName=Csrf&accountEnabled=true";

    assertThat(postFromThePage(browser, "/admin/users", form, false)).isEqualTo(403);
    assertThat(admin().get("/v1.0/users/" + upn).status()).isEqualTo(404);

    assertThat(postFromThePage(browser, "/admin/users", form, true)).isEqualTo(200);
    assertThat(admin().get("/v1.0/users/" + upn).status()).isEqualTo(200);
  }

  @Test
  void portalWhenTheSessionCameFromAPassThenRefusedEvenForAGlobalAdministrator() {
    String upn = newUpn("pass-admin");
    String id = createUser(upn);
    assign(RoleApiContract.GLOBAL_ADMIN, id);
    BrowserSession session = new BrowserSession(port);
    assertThat(session.signInWithPass(upn, issuePass(upn)).location()).isEqualTo("/security-info");

    assertThat(session.get("/security-info").status()).isEqualTo(200);
    assertThat(session.get("/admin/users").status()).isEqualTo(403);
    assertThat(session.post("/admin/users", Map.of("userPrincipalName", newUpn("nope"), "displayName", "Nope"))
        .status()).isEqualTo(403);
  }

  @Test
  void helpdeskWhenManagingAUserThenFindsEditsGroupsDeletesTheirPasskeyAndPassAndReadsTheirSignIns() {
    String prefix = "managed-" + UUID.randomUUID().toString().substring(0, 6);
    String upn = prefix + "@example.com";
    Chromium member = chromium.launch();
    member.addPasskeyAuthenticator();
    createUser(upn);
    signInWithPass(member, upn, issuePass(upn));
    addPasskey(member);
    issuePass(upn);
    String groupId = admin().post("/v1.0/groups", "{\"displayName\": \"Wave 1\"}").json().get("id").stringValue();
    Chromium browser = adminWithPasskey(newUpn("manager"), RoleApiContract.GLOBAL_ADMIN);

    for (int i = 0; i < 26; i++) {
      createUser(prefix + "-" + i + "@example.com");
    }
    browser.type(By.id("q"), prefix);
    browser.submit("Search");
    assertThat(browser.driver().findElements(By.cssSelector("#users tbody tr"))).as("one page").hasSize(25);
    browser.visible(By.id("next-page")).click();
    assertThat(browser.driver().findElements(By.cssSelector("#users tbody tr"))).as("the rest").hasSize(2);
    assertThat(browser.driver().findElements(By.id("next-page"))).isEmpty();
    browser.type(By.id("q"), upn);
    browser.submit("Search");
    assertThat(browser.driver().findElements(By.cssSelector("#users tbody tr"))).hasSize(1);
    browser.visible(By.linkText(upn)).click();
    browser.visible(By.id("edit-user")).click();
    browser.type(By.id("displayName"), "Renamed Member");
    browser.submit("Save");
    assertThat(browser.textOf(By.tagName("h1"))).isEqualTo("Renamed Member");
    new Select(browser.visible(By.id("groupId"))).selectByValue(groupId);
    browser.submit("Add to group");
    assertThat(browser.textOf(By.id("groups"))).isEqualTo("Wave 1");
    assertThat(browser.driver().findElements(By.cssSelector("#recent-sign-ins tbody tr"))).hasSize(1);
    assertThat(browser.textOf(By.cssSelector("#recent-sign-ins tbody tr"))).contains("Temporary Access Pass")
        .contains("success");

    browser.submit("Delete passkey");
    assertThat(browser.textOf(By.cssSelector("p.notice"))).isEqualTo("The passkey was deleted.");
    browser.submit("Delete pass");
    assertThat(browser.textOf(By.cssSelector("p.notice"))).isEqualTo("The pass was deleted.");

    assertThat(admin().get("/v1.0/users/" + upn + "/authentication/methods").json().get("value")).isEmpty();
    assertThat(admin().get("/v1.0/groups/" + groupId + "/members").json().at("/value/0/userPrincipalName")
        .stringValue()).isEqualTo(upn);
    browser.open(ORIGIN + "/admin/signins?user=" + upn + "&result=success&activity=Temporary+Access+Pass");
    assertThat(browser.driver().findElements(By.cssSelector("#sign-ins tbody tr"))).hasSize(1);
    browser.open(ORIGIN + "/admin/signins?user=" + upn + "&result=failure");
    assertThat(browser.textOf(By.cssSelector("#sign-ins tbody tr"))).isEqualTo("Nothing matches.");
    browser.open(ORIGIN + "/admin/audit?activity=Admin+deleted+security+info&user=");
    assertThat(browser.textOf(By.cssSelector("#audit-entries td.target"))).isEqualTo(upn);
  }

  @Test
  void portalWhenThePersonHoldsNoRoleThenRefusedWithTheReason() {
    Chromium browser = chromium.launch();
    browser.addPasskeyAuthenticator();
    String upn = newUpn("norole");
    createUser(upn);
    signInWithPass(browser, upn, issuePass(upn));
    addPasskey(browser);
    signInAgainWithPasskey(browser);

    assertThat(browser.driver().findElements(By.id("admin-portal"))).as("no link without a role").isEmpty();
    browser.open(ORIGIN + "/admin/users");

    assertThat(browser.textOf(By.tagName("h1"))).isEqualTo("Not allowed");
    assertThat(browser.textOf(By.id("refusal"))).contains("admin role");
  }

  /** A new user holding {@code roleId}, signed in with a passkey, on the portal's users page. */
  private Chromium adminWithPasskey(String upn, String roleId) {
    String id = createUser(upn);
    assign(roleId, id);
    Chromium browser = chromium.launch();
    browser.addPasskeyAuthenticator();
    signInWithPass(browser, upn, issuePass(upn));
    addPasskey(browser);
    assertThat(browser.driver().findElements(By.id("admin-portal"))).as("not for a pass session").isEmpty();
    signInAgainWithPasskey(browser);
    browser.visible(By.id("admin-portal")).click();
    browser.awaitPath("/admin/users");
    assertThat(browser.textOf(By.id("signed-in-as"))).isEqualTo(upn);
    return browser;
  }

  private static void addPasskey(Chromium browser) {
    browser.type(By.id("passkey-name"), "Key");
    browser.visible(By.xpath("//button[@type='submit'][normalize-space()='Add passkey']")).click();
    browser.await().ignoring(WebDriverException.class)
        .until(driver -> browser.currentPath().equals("/security-info?added"));
  }

  private static void signInAgainWithPasskey(Chromium browser) {
    browser.submit("Sign out");
    browser.awaitPath("/signin?signedout");
    browser.visible(By.id("passkey-signin")).click();
    browser.await().ignoring(WebDriverException.class)
        .until(driver -> browser.currentPath().equals("/security-info"));
  }

  private void assign(String roleId, String userId) {
    Response assigned = admin().post("/v1.0/roleManagement/directory/roleAssignments", """
        {"roleDefinitionId": "%s", "principalId": "%s", "directoryScopeId": "/"}""".formatted(roleId, userId));
    assertThat(assigned.status()).as(assigned.text()).isEqualTo(201);
  }

  private String issuePass(String upn) {
    Response created = admin().post(passesOf(upn), "{\"isUsableOnce\": true}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  private static void signInWithPass(Chromium browser, String upn, String pass) {
    browser.open(ORIGIN + "/signin");
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/pass");
    browser.type(By.id("pass"), pass);
    browser.submit("Sign in");
    browser.awaitPath("/security-info");
  }

  /**
   * Posts a form from the current page with {@code fetch}, as a forged or scripted request would, with or
   * without the page's CSRF token; returns the status after redirects.
   */
  private static int postFromThePage(Chromium browser, String path, String form, boolean withCsrf) {
    Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        var body = arguments[1];
        if (arguments[2]) {
          body += '&_csrf=' + encodeURIComponent(document.querySelector("meta[name='_csrf']").content);
        }
        fetch(arguments[0], {method: 'POST', body: body, credentials: 'same-origin',
            headers: {'Content-Type': 'application/x-www-form-urlencoded'}})
          .then(function (r) { done(r.status); }, function () { done(-1); });""", path, form, withCsrf);
    return ((Number) status).intValue();
  }
}
