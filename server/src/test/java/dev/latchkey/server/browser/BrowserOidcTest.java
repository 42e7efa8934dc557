package dev.latchkey.server.browser;

import static dev.latchkey.server.browser.SignInPages.addPasskey;
import static dev.latchkey.server.browser.SignInPages.freeLoopbackPort;
import static dev.latchkey.server.browser.SignInPages.signInWithPass;
import static dev.latchkey.server.browser.SignInPages.signOut;
import static dev.latchkey.server.browser.SignInPages.usePasskey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.browser.OidcRelyingParty.Tokens;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.passkey.Passkey;
import dev.latchkey.server.passkey.PasskeyService;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Applications signing people in through Latchkey, in a real Chromium with a virtual authenticator: a
 * relying party built with Spring Security's OAuth2 client ({@link OidcRelyingParty}) discovers Latchkey,
 * runs the code flow with state, nonce and PKCE, validates the ID token, refreshes and logs out, while the
 * person signs in on Latchkey's pages. Latchkey listens where {@code latchkey.base-url} points, the
 * WebAuthn origin and the issuer; the relying party listens on a port of its own on the same host.
 */
class BrowserOidcTest extends GraphApiSuite {

  private static final int PORT = freeLoopbackPort();
  private static final String ORIGIN = "http://localhost:" + PORT;

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension();

  @Autowired
  private UserService users;
  @Autowired
  private PasskeyService passkeys;

  private final List<OidcRelyingParty> relyingParties = new ArrayList<>();

  @DynamicPropertySource
  static void h2OnLocalhost(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:mem:browser-oidc;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("server.port", () -> PORT);
    registry.add("latchkey.base-url", () -> ORIGIN);
  }

  @AfterEach
  void stopRelyingParties() {
    relyingParties.forEach(OidcRelyingParty::close);
    relyingParties.clear();
  }

  @Test
  void codeFlowWhenSignedInWithAPasskeyThenTheIdTokenSaysHowAReplayedRefreshRevokesTheFamilyAndLogoutEndsTheSession() {
    String upn = newUpn("rp-passkey");
    Chromium browser = browserWithPasskeyAuthenticator();
    signInWithPass(browser, ORIGIN, upn, issueOneTimePass(upn));
    addPasskey(browser, "Laptop");
    signOut(browser);
    OidcRelyingParty rp = registeredRelyingParty("phishing-resistant");
    Instant started = clock().instant().minusSeconds(1);

    browser.open(rp.loginUrl());
    browser.awaitPath("/signin");
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/passkey");
    usePasskey(browser);

    Tokens tokens = signedInAtTheRelyingParty(browser, rp);
    assertThat(UriComponentsBuilder.fromUri(rp.lastAuthorizationRequest()).build().getQueryParams())
        .containsKeys("state", "nonce", "code_challenge")
        .containsEntry("code_challenge_method", List.of("S256"));
    OidcIdToken idToken = tokens.idToken();
    assertThat(idToken.getIssuer()).hasToString(ORIGIN);
    assertThat(idToken.getAudience()).containsExactly(rp.registration().getClientId());
    assertThat(idToken.getNonce()).isNotBlank();
    assertThat(idToken.getClaimAsStringList("amr")).containsExactly(passkeyAmr(upn), "user", "mfa");
    assertThat(idToken.getClaimAsString("acr")).isEqualTo("phishing-resistant");
    assertThat(idToken.getAuthenticatedAt()).isBetween(started, clock().instant());
    assertThat(idToken.getPreferredUsername()).isEqualTo(upn);
    assertThat(rp.user().getUserInfo()).as("the person was read from userinfo").isNotNull();
    assertThat(rp.user().getUserInfo().getSubject()).isEqualTo(idToken.getSubject());
    assertThat(tokens.refreshToken()).isNotNull();

    Tokens refreshed = rp.refresh(tokens);

    assertThat(refreshed.refreshToken().getTokenValue()).isNotEqualTo(tokens.refreshToken().getTokenValue());
    assertThat(refreshed.accessToken().getTokenValue()).isNotEqualTo(tokens.accessToken().getTokenValue());
    assertThat(refreshed.idToken().getSubject()).isEqualTo(idToken.getSubject());
    assertThat(refreshed.idToken().getAuthenticatedAt()).isEqualTo(idToken.getAuthenticatedAt());
    assertThat(refreshed.idToken().getClaimAsStringList("amr")).isEqualTo(idToken.getClaimAsStringList("amr"));
    assertThat(refreshed.idToken().getClaimAsString("acr")).isEqualTo("phishing-resistant");
    assertThat(me(refreshed).status()).as("the refreshed access token works on the API").isEqualTo(200);

    assertRefreshRefused(rp, tokens);
    assertRefreshRefused(rp, refreshed);
    assertThat(me(refreshed).status()).as("the family's access token is revoked too").isEqualTo(401);

    browser.open(rp.logoutUrl());
    browser.await().withMessage(() -> "Latchkey to send the browser back to the post-logout URI, but the page is "
        + browser.driver().getCurrentUrl()).until(driver -> driver.getCurrentUrl().startsWith(rp.postLogoutRedirectUri()));
    assertThat(browser.textOf(OidcRelyingParty.SIGNED_OUT)).isEqualTo("Signed out");
    assertThat(rp.signedOutState()).isEqualTo(rp.logoutState());
    browser.open(ORIGIN + "/security-info");
    browser.awaitPath("/signin");
  }

  @Test
  void codeFlowWhenThePersonHasOnlyAPassAndTheApplicationIsPhishingResistantThenRegisterAPasskeyAndUseItFirst() {
    String upn = newUpn("rp-stepup");
    Chromium browser = browserWithPasskeyAuthenticator();
    signInWithPass(browser, ORIGIN, upn, issueOneTimePass(upn));
    OidcRelyingParty rp = registeredRelyingParty("phishing-resistant");

    browser.open(rp.loginUrl());

    browser.awaitPath("/security-info");
    assertThat(browser.textOf(By.id("passkey-required"))).contains("needs a passkey");
    assertThat(browser.driver().findElements(By.id("continue-with-passkey"))).isEmpty();
    assertThat(rp.callbacks()).as("no code reaches the application").isEmpty();

    addPasskey(browser, "Phone");
    browser.visible(By.id("continue-with-passkey")).click();
    browser.awaitPath("/signin/passkey");
    usePasskey(browser);

    OidcIdToken idToken = signedInAtTheRelyingParty(browser, rp).idToken();
    assertThat(rp.callbacks()).hasSize(1);
    assertThat(idToken.getClaimAsString("acr")).isEqualTo("phishing-resistant");
    assertThat(idToken.getClaimAsStringList("amr")).containsExactly(passkeyAmr(upn), "user", "mfa");
    assertThat(idToken.getPreferredUsername()).isEqualTo(upn);
  }

  @Test
  void codeFlowWhenTheApplicationNeedsOnlyMfaThenThePassSessionSignsInAndNoTokenOutlivesThePass() {
    String upn = newUpn("rp-mfa");
    createUser(upn);
    Response pass = admin().post(passesOf(upn), "{\"isUsableOnce\": false, \"lifetimeInMinutes\": 60}");
    assertThat(pass.status()).as(pass.text()).isEqualTo(201);
    Instant passEnds = Instant.parse(pass.json().get("startDateTime").stringValue())
        .plus(Duration.ofMinutes(pass.json().get("lifetimeInMinutes").intValue()));
    Chromium browser = chromium.launch();
    signInWithPass(browser, ORIGIN, upn, pass.json().get("temporaryAccessPass").stringValue());
    OidcRelyingParty rp = registeredRelyingParty("mfa");

    browser.open(rp.loginUrl());

    Tokens tokens = signedInAtTheRelyingParty(browser, rp);
    OidcIdToken idToken = tokens.idToken();
    assertThat(idToken.getClaimAsStringList("amr")).containsExactly("otp", "mfa");
    assertThat(idToken.getClaimAsString("acr")).isEqualTo("mfa");
    assertThat(idToken.getPreferredUsername()).isEqualTo(upn);
    Jwt accessToken = rp.accessTokenClaims(tokens.accessToken());
    assertThat(accessToken.getExpiresAt()).as("the access token ends no later than the pass")
        .isAfter(clock().instant()).isBeforeOrEqualTo(passEnds);
    assertThat(accessToken.getIssuedAt().plus(Duration.ofHours(1)))
        .as("an hour's token would outlive this pass, so the bound is what held it").isAfter(passEnds);
    assertThat(idToken.getExpiresAt()).isBeforeOrEqualTo(passEnds);
  }

  private Chromium browserWithPasskeyAuthenticator() {
    Chromium browser = chromium.launch();
    browser.addPasskeyAuthenticator();
    return browser;
  }

  private String issueOneTimePass(String upn) {
    createUser(upn);
    Response created = admin().post(passesOf(upn), "{\"isUsableOnce\": true}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  /**
   * A relying party registered through the Graph API as a confidential web application that requires
   * {@code strength}, with a client secret, its redirect URI and its post-logout URI.
   */
  private OidcRelyingParty registeredRelyingParty(String strength) {
    OidcRelyingParty rp = OidcRelyingParty.start();
    relyingParties.add(rp);
    Response created = admin().post("/v1.0/applications", """
        {"displayName": "Browser journey (%s)",
         "web": {"redirectUris": ["%s", "%s"]},
         "requiredAuthenticationStrength": "%s",
         "delegatedPermissions": []}""".formatted(strength, rp.redirectUri(), rp.postLogoutRedirectUri(), strength));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode application = created.json();
    Response secret = admin().post("/v1.0/applications/" + application.get("id").stringValue() + "/addPassword",
        "{\"passwordCredential\": {\"displayName\": \"browser journey\"}}");
    assertThat(secret.status()).as(secret.text()).isEqualTo(200);
    rp.discover(ORIGIN, application.get("appId").stringValue(), secret.json().get("secretText").stringValue());
    return rp;
  }

  /** Waits for the relying party's answer on its redirect URI and returns the tokens it holds. */
  private static Tokens signedInAtTheRelyingParty(Chromium browser, OidcRelyingParty rp) {
    browser.await().ignoring(WebDriverException.class)
        .withMessage(() -> "the relying party to sign the person in, but the browser is at "
            + browser.driver().getCurrentUrl() + " and the relying party says " + rp.failure())
        .until(driver -> !driver.findElements(OidcRelyingParty.SIGNED_IN).isEmpty()
            || !driver.findElements(OidcRelyingParty.FAILED).isEmpty());
    assertThat(rp.failure()).as("what the relying party refused").isNull();
    return rp.tokens();
  }

  /** {@code swk} for a passkey that can be synced, {@code hwk} for one bound to its device. */
  private String passkeyAmr(String upn) {
    List<Passkey> registered = passkeys.passkeysOf(users.get(upn));
    assertThat(registered).hasSize(1);
    return registered.get(0).backupEligible() ? "swk" : "hwk";
  }

  private static void assertRefreshRefused(OidcRelyingParty rp, Tokens tokens) {
    assertThatThrownBy(() -> rp.refresh(tokens))
        .isInstanceOfSatisfying(OAuth2AuthorizationException.class,
            refused -> assertThat(refused.getError().getErrorCode()).isEqualTo("invalid_grant"));
  }

  private Response me(Tokens tokens) {
    return GraphClient.withToken(port, tokens.accessToken().getTokenValue()).get("/v1.0/me/authentication/fido2Methods");
  }
}
