package dev.latchkey.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.support.GraphClient.Response;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys in a real Chromium with a virtual authenticator: adding one on My Security Info, signing in
 * with it username-first and without a username, and the FIDO2 policy, the registration window, the
 * pass lock and deleting a passkey as the person sees them. WebAuthn takes the relying-party id and the
 * one allowed origin from {@code latchkey.base-url}, so this server listens on a port chosen before it
 * starts and is reached as {@code http://localhost:<port>}, the origin the browser reports.
 */
class BrowserPasskeyTest extends GraphApiSuite {

  private static final int PORT = freeLoopbackPort();
  private static final String ORIGIN = "http://localhost:" + PORT;
  private static final String FIDO2_POLICY =
      "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Fido2";
  private static final String FIDO2_DEFAULTS = """
      {"@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
       "isSelfServiceRegistrationAllowed": true, "isAttestationEnforced": false,
       "keyRestrictions": {"isEnforced": false, "enforcementType": "block", "aaGuids": []}}""";
  private static final By ADD_PASSKEY = By.xpath("//button[@type='submit'][normalize-space()='Add passkey']");
  private static final By REGISTER_STATUS = By.id("passkey-register-status");
  private static final Path TRUST_ANCHORS = temporaryDirectory("latchkey-trust-anchors");

  private static final String ATTESTATION_ENFORCED = """
      {"@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration", "isAttestationEnforced": true}""";

  @Autowired
  private JdbcClient jdbc;

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension();

  private boolean fido2PolicyChanged;

  @DynamicPropertySource
  static void h2OnLocalhost(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:mem:browser-passkey;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("server.port", () -> PORT);
    registry.add("latchkey.base-url", () -> ORIGIN);
    registry.add("latchkey.passkeys.trust-anchors", TRUST_ANCHORS::toString);
  }

  private static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port that was free a moment ago; the server binds it right after, before anything else asks. */
  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void removeTrustAnchors() throws IOException {
    try (Stream<Path> anchors = Files.list(TRUST_ANCHORS)) {
      for (Path anchor : anchors.toList()) {
        Files.delete(anchor);
      }
    }
  }

  @AfterEach
  void restoreFido2Policy() {
    if (fido2PolicyChanged) {
      Response restored = admin().patch(FIDO2_POLICY, FIDO2_DEFAULTS);
      assertThat(restored.status()).as(restored.text()).isEqualTo(204);
    }
  }

  @Test
  void passkeyWhenAddedAfterAPassThenListedByTheApiAndSignsInUsernameFirstAndWithoutAUsername() {
    assertThat(port).as("the server listens where the base URL points").isEqualTo(PORT);
    String upn = newUpn("passkey");
    String pass = issueOneTimePass(upn);
    Chromium browser = browserWithPasskeyAuthenticator();
    signInWithPass(browser, upn, pass);

    addPasskey(browser, "Blue YubiKey");

    assertThat(browser.textOf(By.xpath("//p[@role='status'][contains(., 'added')]"))).isEqualTo("Your passkey was added.");
    assertThat(browser.textOf(By.cssSelector("li.passkey strong"))).isEqualTo("Blue YubiKey");
    JsonNode passkey = onlyPasskeyOf(upn);
    assertThat(passkey.at("/displayName").stringValue()).isEqualTo("Blue YubiKey");
    assertThat(passkey.at("/@odata.type").stringValue()).isEqualTo("#microsoft.graph.fido2AuthenticationMethod");
    Response methods = admin().get("/v1.0/users/" + upn + "/authentication/methods");
    assertThat(methods.status()).as(methods.text()).isEqualTo(200);
    assertThat(methods.json().get("value")).anySatisfy(method -> {
      assertThat(method.at("/@odata.type").stringValue()).isEqualTo("#microsoft.graph.fido2AuthenticationMethod");
      assertThat(method.at("/id").stringValue()).isEqualTo(passkey.at("/id").stringValue());
    });
    signOut(browser);

    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/passkey");
    assertThat(browser.textOf(By.cssSelector("p.who"))).isEqualTo(upn);
    signInWithPasskey(browser);
    assertThat(browser.textOf(By.cssSelector("p.session"))).startsWith("Signed in with Passkey");
    signOut(browser);

    signInWithPasskey(browser);
    assertThat(browser.textOf(By.cssSelector("p.who"))).contains(upn);
    assertThat(browser.textOf(By.cssSelector("p.session"))).startsWith("Signed in with Passkey");
    List<JsonNode> passkeySignIns = signInsOf(upn).stream()
        .filter(signIn -> signIn.at("/authenticationDetails/0/authenticationMethod").stringValue().equals("Passkey (FIDO2)"))
        .toList();
    assertThat(passkeySignIns).hasSize(2).allSatisfy(signIn -> {
      assertThat(signIn.at("/status/errorCode").intValue()).isZero();
      assertThat(signIn.at("/authenticationDetails/0/succeeded").booleanValue()).isTrue();
      assertThat(signIn.at("/userId").stringValue()).isNotBlank();
    });
  }

  @Test
  void addPasskeyWhenTheRegistrationWindowHasClosedThenRefusedWithTheReasonAndNothingStored() {
    String upn = newUpn("late");
    String pass = issueOneTimePass(upn);
    Chromium browser = browserWithPasskeyAuthenticator();
    signInWithPass(browser, upn, pass);

    clock().advance(Duration.ofMinutes(11));
    browser.type(By.id("passkey-name"), "Too late");
    browser.visible(ADD_PASSKEY).click();

    assertThat(browser.textOf(REGISTER_STATUS)).isEqualTo("The time to add sign-in methods in this session is over. "
        + "Sign in again, or ask your administrator for a new pass.");
    assertThat(passkeysOf(upn)).isEmpty();
    browser.driver().navigate().refresh();
    assertThat(browser.driver().findElements(ADD_PASSKEY)).isEmpty();
  }

  @Test
  void securityInfoWhenSelfServiceRegistrationIsOffThenNoAddPasskeyAndTheReasonIsShown() {
    changeFido2Policy("""
        {"@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
         "isSelfServiceRegistrationAllowed": false}""");
    String upn = newUpn("noself");
    String pass = issueOneTimePass(upn);
    Chromium browser = chromium.launch();

    signInWithPass(browser, upn, pass);

    assertThat(browser.textOf(By.cssSelector("section.add p.error[role=alert]")))
        .isEqualTo("Your organization doesn't let people add passkeys themselves. Ask your administrator.");
    assertThat(browser.driver().findElements(ADD_PASSKEY)).isEmpty();
    assertThat(browser.driver().findElements(By.id("passkey-register"))).isEmpty();
  }

  @Test
  void addPasskeyWhenItsModelIsBlockedThenRefusedWithAVisibleErrorAndNothingStored() {
    String aaGuid = aaGuidOfTheVirtualAuthenticator();
    changeFido2Policy("""
        {"@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
         "keyRestrictions": {"isEnforced": true, "enforcementType": "block", "aaGuids": ["%s"]}}""".formatted(aaGuid));
    String upn = newUpn("blocked");
    String pass = issueOneTimePass(upn);
    Chromium browser = browserWithPasskeyAuthenticator();
    signInWithPass(browser, upn, pass);

    browser.type(By.id("passkey-name"), "Blocked model");
    browser.visible(ADD_PASSKEY).click();

    assertThat(browser.textOf(REGISTER_STATUS))
        .isEqualTo("This kind of security key isn't allowed by your organization. Try another key.");
    assertThat(browser.currentPath()).isEqualTo("/security-info");
    assertThat(passkeysOf(upn)).isEmpty();
  }

  @Test
  void deletePasskeyThroughTheApiWhenItSignedInThenThatSessionEnds() {
    String upn = newUpn("deleted");
    Chromium browser = browserWithPasskeyAuthenticator();
    registerPasskey(browser, upn, "Lost key");
    signOut(browser);
    signInWithPasskey(browser);

    Response deleted = admin().delete("/v1.0/users/" + upn + "/authentication/fido2Methods/"
        + onlyPasskeyOf(upn).at("/id").stringValue());

    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    browser.driver().navigate().refresh();
    browser.awaitPath("/signin?ended");
    assertThat(browser.textOf(By.cssSelector("p.notice"))).isEqualTo("Your session has ended. Sign in again.");
  }

  @Test
  void disableTheAccountWhenSignedInWithAPasskeyThenThatSessionEndsAtTheNextRequest() {
    String upn = newUpn("disabledsession");
    Chromium browser = browserWithPasskeyAuthenticator();
    registerPasskey(browser, upn, "Own key");
    signOut(browser);
    signInWithPasskey(browser);

    Response disabled = admin().patch("/v1.0/users/" + upn, "{\"accountEnabled\": false}");

    assertThat(disabled.status()).as(disabled.text()).isEqualTo(204);
    browser.driver().navigate().refresh();
    browser.awaitPath("/signin?ended");
  }

  @Test
  void springsOwnDeleteEndpointWhenTheOwnerCallsItThenRefusedAndThePasskeyStays() {
    String upn = newUpn("springdelete");
    Chromium browser = browserWithPasskeyAuthenticator();
    registerPasskey(browser, upn, "Kept key");
    String id = onlyPasskeyOf(upn).at("/id").stringValue();

    Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        var token = document.querySelector("meta[name='_csrf']").content;
        var header = document.querySelector("meta[name='_csrf_header']").content;
        var headers = {}; headers[header] = token;
        fetch('/webauthn/register/' + arguments[0], {method: 'DELETE', headers: headers, credentials: 'same-origin'})
          .then(function (r) { done(r.status); }, function () { done(-1); });""", id);

    assertThat(((Number) status).intValue()).as("an unaudited delete path stays closed").isEqualTo(403);
    assertThat(passkeysOf(upn)).hasSize(1);
  }

  @Test
  void signInWithPasskeyWhenAlreadySignedInThenTheCsrfTokenOfThePageBeforeIsRefused() {
    String upn = newUpn("passkeytoken");
    Chromium browser = browserWithPasskeyAuthenticator();
    registerPasskey(browser, upn, "Rotating key");
    browser.open(url("/signin"));
    String before = csrfTokenOf(browser);

    signInWithPasskey(browser);

    assertThat(signOutWith(browser, before)).as("the token from before the passkey sign-in").isEqualTo(403);
    assertThat(signOutWith(browser, csrfTokenOf(browser))).as("the page's own token").isEqualTo(200);
  }

  @Test
  void signInWithPasskeyWhenTenWrongPassesLockedPassSignInThenThePasskeyStillWorks() {
    String upn = newUpn("lockedpass");
    Chromium browser = browserWithPasskeyAuthenticator();
    registerPasskey(browser, upn, "Phone");
    signOut(browser);
    String newPass = issuePass(upn);
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/passkey");
    browser.visible(By.linkText("Use a Temporary Access Pass instead")).click();
    browser.awaitPath("/signin/pass");
    for (int i = 0; i < 10; i++) {
      enterPass(browser, "Wrong" + i + "Pass");
      assertPassRefused(browser);
    }
    enterPass(browser, newPass);
    assertPassRefused(browser);
    assertThat(signInsOf(upn).get(0).at("/status/failureReason").stringValue()).isEqualTo("PassSignInLocked");

    browser.open(url("/signin"));
    signInWithPasskey(browser);

    assertThat(browser.textOf(By.cssSelector("p.session"))).startsWith("Signed in with Passkey");
  }

  @Test
  void signInWithPasskeyWhenTheServersClockHasMovedThenLastUsedIsTheServersTime() {
    String upn = newUpn("lastused");
    Chromium browser = browserWithPasskeyAuthenticator();
    registerPasskey(browser, upn, "Desk key");
    signOut(browser);
    clock().advance(Duration.ofMinutes(50));
    Instant movedNow = clock().instant();

    signInWithPasskey(browser);

    Instant lastUsed = Instant.parse(browser.visible(By.cssSelector("li.passkey span.muted span time")).getAttribute("datetime"));
    assertThat(lastUsed).isBetween(movedNow.minusSeconds(1), clock().instant());
  }

  @Test
  void signInWithPasskeyWhenTheAccountIsDisabledThenRefusedAndTheSignInLogNamesTheAccount() {
    String upn = newUpn("disabledkey");
    Chromium browser = browserWithPasskeyAuthenticator();
    registerPasskey(browser, upn, "Old key");
    signOut(browser);
    Response disabled = admin().patch("/v1.0/users/" + upn, "{\"accountEnabled\": false}");
    assertThat(disabled.status()).as(disabled.text()).isEqualTo(204);

    browser.visible(By.id("passkey-signin")).click();

    assertThat(browser.textOf(By.id("passkey-status"))).contains("That passkey didn't work.");
    JsonNode failure = signInsOf(upn).get(0);
    assertThat(failure.at("/status/failureReason").stringValue()).isEqualTo("AccountDisabled");
    assertThat(failure.at("/userId").stringValue()).isNotBlank();
    assertThat(failure.at("/authenticationDetails/0/succeeded").booleanValue()).isFalse();
  }

  @Test
  void addPasskeyWhenAttestationIsNotEnforcedAndNoAnchorTrustsItThenAcceptedAsNotAttested() {
    String upn = newUpn("untrusted");
    Chromium browser = browserWithPasskeyAuthenticator();

    registerPasskey(browser, upn, "Any key");

    assertThat(onlyPasskeyOf(upn).at("/attestationLevel").stringValue()).isEqualTo("notAttested");
  }

  @Test
  void addPasskeyWhenAttestationIsEnforcedAndNoAnchorMatchesThenRefusedWithTheReasonAndNothingStored() {
    changeFido2Policy(ATTESTATION_ENFORCED);
    String upn = newUpn("noanchor");
    Chromium browser = browserWithPasskeyAuthenticator();
    signInWithPass(browser, upn, issueOneTimePass(upn));

    browser.type(By.id("passkey-name"), "Unknown maker");
    browser.visible(ADD_PASSKEY).click();

    assertThat(browser.textOf(REGISTER_STATUS)).isEqualTo("Your organization only accepts security keys from makers "
        + "it trusts, and this key's attestation isn't from one of them. Try another key, or ask your administrator.");
    assertThat(passkeysOf(upn)).isEmpty();
  }

  @Test
  void addPasskeyWhenAttestationIsEnforcedAndItsRootIsATrustAnchorThenAcceptedAsAttested() throws Exception {
    trustTheVirtualAuthenticatorsRoot();
    changeFido2Policy(ATTESTATION_ENFORCED);
    String upn = newUpn("trusted");
    Chromium browser = browserWithPasskeyAuthenticator();

    registerPasskey(browser, upn, "Trusted key");

    assertThat(onlyPasskeyOf(upn).at("/attestationLevel").stringValue()).isEqualTo("attested");
  }

  /**
   * Registers a probe passkey, takes the root of the certificate chain in its attestation statement from
   * the database and writes it, as PEM, to the trust-anchor directory the server reads at registration.
   */
  private void trustTheVirtualAuthenticatorsRoot() throws Exception {
    String upn = newUpn("anchorprobe");
    registerPasskey(browserWithPasskeyAuthenticator(), upn, "Probe");
    byte[] attestationObject = jdbc.sql("""
            select c.attestation_object from user_credentials c join user_entities e on e.id = c.user_entity_user_id
            join users u on u.id = e.name where u.upn_key = :upn""")
        .param("upn", upn.toLowerCase(java.util.Locale.ROOT)).query(byte[].class).single();
    AttestationObject object = new AttestationObjectConverter(new ObjectConverter()).convert(attestationObject);
    assertThat(object.getAttestationStatement()).as("Chromium's virtual authenticator attests with a certificate")
        .isInstanceOf(CertificateBaseAttestationStatement.class);
    List<X509Certificate> chain = ((CertificateBaseAttestationStatement) object.getAttestationStatement()).getX5c();
    X509Certificate root = chain.get(chain.size() - 1);
    assertThat(root.getIssuerX500Principal()).as("the chain ends at a self-signed root, %s", chain)
        .isEqualTo(root.getSubjectX500Principal());
    Files.writeString(TRUST_ANCHORS.resolve("virtual-authenticator.pem"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(root.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
  }

  private String url(String path) {
    return ORIGIN + path;
  }

  private Chromium browserWithPasskeyAuthenticator() {
    Chromium browser = chromium.launch();
    browser.addPasskeyAuthenticator();
    return browser;
  }

  private String issueOneTimePass(String upn) {
    createUser(upn);
    return issuePass(upn);
  }

  private String issuePass(String upn) {
    Response created = admin().post(passesOf(upn), "{\"isUsableOnce\": true}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  /** A new user signs in with a one-time pass and adds a passkey named {@code name}. */
  private void registerPasskey(Chromium browser, String upn, String name) {
    signInWithPass(browser, upn, issueOneTimePass(upn));
    addPasskey(browser, name);
  }

  private void signInWithPass(Chromium browser, String upn, String pass) {
    browser.open(url("/signin"));
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/pass");
    enterPass(browser, pass);
    browser.awaitPath("/security-info");
  }

  private static void enterPass(Chromium browser, String pass) {
    browser.type(By.id("pass"), pass);
    browser.submit("Sign in");
  }

  private static void assertPassRefused(Chromium browser) {
    browser.awaitPath("/signin/pass");
    assertThat(browser.textOf(By.cssSelector("p.error[role=alert]"))).isEqualTo(BrowserPassSignInTest.REFUSED);
  }

  /**
   * Names the passkey and presses "Add passkey"; the script runs the ceremony with the virtual
   * authenticator and reloads the page. When the page shows an error instead, that error is the failure.
   */
  private static void addPasskey(Chromium browser, String name) {
    browser.type(By.id("passkey-name"), name);
    browser.visible(ADD_PASSKEY).click();
    browser.await().ignoring(WebDriverException.class)
        .withMessage(() -> "the passkey to be added, but the page says '" + says(browser, REGISTER_STATUS) + "'")
        .until(driver -> browser.currentPath().equals("/security-info?added")
            || driver.findElement(REGISTER_STATUS).isDisplayed());
    assertThat(browser.currentPath()).as(() -> "after adding the passkey the page says '"
        + says(browser, REGISTER_STATUS) + "'").isEqualTo("/security-info?added");
  }

  /** Presses "Sign in with a passkey" on the page shown and lands on My Security Info. */
  private static void signInWithPasskey(Chromium browser) {
    browser.visible(By.id("passkey-signin")).click();
    browser.await().ignoring(WebDriverException.class)
        .withMessage(() -> "the passkey to sign in, but the page says '"
            + says(browser, By.id("passkey-status")) + "'")
        .until(driver -> browser.currentPath().equals("/security-info"));
    assertThat(browser.textOf(By.tagName("h1"))).isEqualTo("My Security Info");
  }

  /** The text of an element for a failure message, or what kept it from being read. */
  private static String says(Chromium browser, By locator) {
    try {
      return browser.driver().findElement(locator).getText();
    } catch (WebDriverException e) {
      return "(" + e.getClass().getSimpleName() + " on " + browser.currentPath() + ")";
    }
  }

  private static String csrfTokenOf(Chromium browser) {
    return (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("return document.querySelector(\"meta[name='_csrf']\").content");
  }

  /** Posts the sign-out with {@code token} from the page's script; the status at the end of the redirects. */
  private static int signOutWith(Chromium browser, String token) {
    Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        var body = new URLSearchParams(); body.append('_csrf', arguments[0]);
        fetch('/signout', {method: 'POST', body: body, credentials: 'same-origin'})
          .then(function (r) { done(r.status); }, function () { done(-1); });""", token);
    return ((Number) status).intValue();
  }

  private static void signOut(Chromium browser) {
    browser.submit("Sign out");
    browser.awaitPath("/signin?signedout");
  }

  private List<JsonNode> passkeysOf(String upn) {
    Response list = admin().get("/v1.0/users/" + upn + "/authentication/fido2Methods");
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    return list.json().get("value").valueStream().toList();
  }

  private JsonNode onlyPasskeyOf(String upn) {
    List<JsonNode> passkeys = passkeysOf(upn);
    assertThat(passkeys).hasSize(1);
    return passkeys.get(0);
  }

  /** The user's sign-ins, newest first. */
  private List<JsonNode> signInsOf(String upn) {
    Response log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'");
    assertThat(log.status()).as(log.text()).isEqualTo(200);
    return log.json().get("value").valueStream().toList();
  }

  /** Registers a passkey for a throwaway user and reads the model the API reports for it. */
  private String aaGuidOfTheVirtualAuthenticator() {
    String upn = newUpn("model");
    registerPasskey(browserWithPasskeyAuthenticator(), upn, "Probe");
    return onlyPasskeyOf(upn).at("/aaGuid").stringValue();
  }

  private void changeFido2Policy(String patch) {
    fido2PolicyChanged = true;
    Response changed = admin().patch(FIDO2_POLICY, patch);
    assertThat(changed.status()).as(changed.text()).isEqualTo(204);
  }
}
