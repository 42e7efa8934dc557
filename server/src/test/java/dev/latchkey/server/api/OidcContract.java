package dev.latchkey.server.api;

import static dev.latchkey.server.api.OidcSupport.REDIRECT_URI;
import static dev.latchkey.server.api.OidcSupport.authorizePath;
import static dev.latchkey.server.api.OidcSupport.follow;
import static dev.latchkey.server.api.OidcSupport.queryOf;
import static dev.latchkey.server.api.OidcSupport.redeem;
import static dev.latchkey.server.api.OidcSupport.refresh;
import static dev.latchkey.server.api.OidcSupport.text;
import static dev.latchkey.server.api.OidcSupport.verifiedClaims;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.OidcSupport.App;
import dev.latchkey.server.api.OidcSupport.Pkce;
import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.BrowserSession.Page;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenID Connect over plain HTTP: the code flow with PKCE, tokens, refresh rotation and the refusals. */
public interface OidcContract extends ApiTest {

  private String passFor(String upn, String body) {
    createUser(upn);
    Response created = admin().post(passesOf(upn), body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  /** Signs a new person in with a pass in a new browser, which then starts the flow at {@code authorize}. */
  private String codeFor(App app, Pkce pkce, Map<String, String> extra) {
    return codeFor(app, pkce, "openid profile offline_access", extra);
  }

  private String codeFor(App app, Pkce pkce, String scope, Map<String, String> extra) {
    String upn = newUpn("oidc");
    String pass = passFor(upn, "{}");
    BrowserSession browser = browser();
    Page first = browser.get(authorizePath(app, pkce, scope, extra));
    assertThat(first.status()).isEqualTo(302);
    assertThat(first.location()).as("not signed in: sent to sign in").endsWith("/signin");
    Page signedIn = browser.signInWithPass(upn, pass);
    assertThat(signedIn.location()).as("back to the authorization request").startsWith("/oauth2/authorize?");
    String callback = follow(browser, signedIn);
    assertThat(callback).startsWith(REDIRECT_URI + "?");
    Map<String, String> query = queryOf(callback);
    assertThat(query).containsEntry("state", "state-1").containsKey("code");
    return query.get("code");
  }

  @Test
  default void signInWhenTheAuthorizationRequestMadeTheSessionThenOnlyItsOwnCsrfTokenCountsAndSigningInReplacesIt() {
    App app = OidcSupport.register(admin(), "mfa", false, "User.Read.All");
    String upn = newUpn("oidccsrf");
    String pass = passFor(upn, "{}");
    BrowserSession victim = browser();
    assertThat(victim.get(authorizePath(app, Pkce.create(), "openid", Map.of())).location()).endsWith("/signin");
    assertThat(victim.sessionId()).as("the request to come back to is kept in a session").isNotNull();
    victim.get("/signin");
    String tokenBefore = victim.csrfToken();
    BrowserSession attacker = browser();
    attacker.get("/signin");

    Page planted = victim.withCookie(CSRF_COOKIE, attacker.cookie(CSRF_COOKIE))
        .post("/signin", Map.of("username", newUpn("attacker"), "_csrf", attacker.csrfToken()));
    assertThat(planted.status()).as("a cookie and token planted by another site").isEqualTo(403);

    Page signedIn = victim.signInWithPass(upn, pass);
    assertThat(signedIn.location()).startsWith("/oauth2/authorize?");
    Page stale = victim.post("/signout", Map.of("_csrf", tokenBefore));
    assertThat(stale.status()).as("the session's token from before the sign-in").isEqualTo(403);
  }

  @Test
  default void discoveryWhenFetchedThenIssuerEndpointsAndS256Only() {
    JsonNode discovery = anonymous().get("/.well-known/openid-configuration").json();
    assertThat(text(discovery, "issuer")).isEqualTo(GraphApiSuite.BASE_URL);
    assertThat(text(discovery, "authorization_endpoint")).isEqualTo(GraphApiSuite.BASE_URL + "/oauth2/authorize");
    assertThat(text(discovery, "jwks_uri")).isEqualTo(GraphApiSuite.BASE_URL + "/oauth2/jwks");
    assertThat(text(discovery, "userinfo_endpoint")).isEqualTo(GraphApiSuite.BASE_URL + "/userinfo");
    assertThat(text(discovery, "end_session_endpoint")).isEqualTo(GraphApiSuite.BASE_URL + "/connect/logout");
    assertThat(text(discovery, "device_authorization_endpoint"))
        .isEqualTo(GraphApiSuite.BASE_URL + "/oauth2/device_authorization");
    assertThat(discovery.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
    assertThat(anonymous().get("/oauth2/jwks").json().get("keys").size()).isPositive();
  }

  @Test
  default void codeFlowWhenPassSessionMeetsMfaThenTokensSayHowAndRefreshRotates() {
    App app = OidcSupport.register(admin(), "mfa", false, "User.Read.All");
    Pkce pkce = Pkce.create();
    String code = codeFor(app, pkce, "openid profile offline_access User.Read.All", Map.of());

    // Stamped by a clock ahead of the host's, as on a node whose host clock trails the database's.
    clock().advance(Duration.ofMinutes(3));
    Response tokens = redeem(anonymous(), app, code, pkce);
    clock().advance(Duration.ofMinutes(-3));

    assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
    Map<String, Object> id = verifiedClaims(anonymous(), text(tokens.json(), "id_token"));
    assertThat(id.get("iss")).isEqualTo(GraphApiSuite.BASE_URL);
    assertThat(id.get("aud")).isEqualTo(List.of(app.clientId()));
    assertThat(id.get("nonce")).isEqualTo("nonce-1");
    assertThat(id.get("amr")).isEqualTo(List.of("otp", "mfa"));
    assertThat(id.get("acr")).isEqualTo("mfa");
    assertThat(id.get("auth_time")).isInstanceOf(Number.class);
    assertThat(OidcSupport.algorithmOf(text(tokens.json(), "id_token"))).as("whatever signs access tokens")
        .isEqualTo("RS256");
    String accessToken = text(tokens.json(), "access_token");
    Map<String, Object> access = verifiedClaims(anonymous(), accessToken);
    assertThat(access).containsEntry("idtyp", "user").containsEntry("scp", "User.Read.All")
        .containsEntry("oid", id.get("sub"));
    Response me = anonymous().bearing(accessToken).get("/v1.0/me/authentication/temporaryAccessPassMethods");
    assertThat(me.status()).as(me.text()).isEqualTo(200);
    Response userInfo = anonymous().bearing(accessToken).get("/userinfo");
    assertThat(userInfo.status()).as(userInfo.text()).isEqualTo(200);
    assertThat(text(userInfo.json(), "sub")).isEqualTo(id.get("sub"));

    String firstRefresh = text(tokens.json(), "refresh_token");
    Response refreshed = refresh(anonymous(), app, firstRefresh);
    assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
    String secondRefresh = text(refreshed.json(), "refresh_token");
    assertThat(secondRefresh).isNotNull().isNotEqualTo(firstRefresh);
    assertThat(verifiedClaims(anonymous(), text(refreshed.json(), "id_token")).get("amr")).isEqualTo(List.of("otp", "mfa"));

    Response replayed = refresh(anonymous(), app, firstRefresh);
    assertThat(replayed.status()).isEqualTo(400);
    assertThat(text(replayed.json(), "error")).isEqualTo("invalid_grant");
    Response afterReplay = refresh(anonymous(), app, secondRefresh);
    assertThat(afterReplay.status()).as("the whole family is revoked").isEqualTo(400);
    Response revokedAccess = anonymous().bearing(text(refreshed.json(), "access_token")).get("/v1.0/me/authentication/temporaryAccessPassMethods");
    assertThat(revokedAccess.status()).as("access tokens of the family are refused").isEqualTo(401);
  }

  @Test
  default void tokensWhenIssuedAndRefreshedThenTheDatabaseHoldsNoneOfThem() {
    App app = OidcSupport.register(admin(), "mfa", false, "User.Read.All");
    Pkce pkce = Pkce.create();
    String code = codeFor(app, pkce, "openid profile offline_access User.Read.All", Map.of());
    Response tokens = redeem(anonymous(), app, code, pkce);
    assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
    Response refreshed = refresh(anonymous(), app, text(tokens.json(), "refresh_token"));
    assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);

    String stored = storedAuthorizations();

    assertThat(stored).as("what a copy of the database would give away")
        .doesNotContain(code, text(tokens.json(), "access_token"), text(tokens.json(), "refresh_token"),
            text(refreshed.json(), "access_token"), text(refreshed.json(), "refresh_token"))
        .contains("sha256:");
    String accessToken = text(refreshed.json(), "access_token");
    String refreshToken = text(refreshed.json(), "refresh_token");
    Response me = anonymous().bearing(accessToken).get("/v1.0/me/authentication/temporaryAccessPassMethods");
    assertThat(me.status()).as("the stored digest still stands behind the token: " + me.text()).isEqualTo(200);
    assertThat(OidcSupport.introspect(anonymous(), app, accessToken).json().get("active").booleanValue()).isTrue();
    assertThat(OidcSupport.introspect(anonymous(), app, refreshToken).json().get("active").booleanValue()).isTrue();

    // Someone holding a copy of the database presents what it holds.
    String refreshDigest = OidcSupport.storedDigest(refreshToken);
    assertThat(stored).contains(refreshDigest);
    assertThat(refresh(anonymous(), app, refreshDigest).status()).as("a digest refreshes nothing").isEqualTo(400);
    assertThat(OidcSupport.introspect(anonymous(), app, refreshDigest).json().get("active").booleanValue()).isFalse();
    assertThat(OidcSupport.introspect(anonymous(), app, OidcSupport.storedDigest(accessToken)).json()
        .get("active").booleanValue()).isFalse();
    assertThat(OidcSupport.revoke(anonymous(), app, refreshDigest).status()).isEqualTo(200);
    assertThat(OidcSupport.introspect(anonymous(), app, refreshToken).json().get("active").booleanValue())
        .as("revoking the digest revoked nothing").isTrue();

    Response revoked = OidcSupport.revoke(anonymous(), app, refreshToken);
    assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
    assertThat(refresh(anonymous(), app, refreshToken).status()).as("revoked by what the application holds")
        .isEqualTo(400);
    assertThat(OidcSupport.introspect(anonymous(), app, refreshToken).json().get("active").booleanValue()).isFalse();
    assertThat(anonymous().bearing(accessToken).get("/v1.0/me/authentication/temporaryAccessPassMethods").status())
        .as("and the access token with it").isEqualTo(401);
  }

  @Test
  default void tokensWhenPassEndsBeforeTheirLifetimeThenEndWithThePass() {
    App app = OidcSupport.register(admin(), "mfa", false);
    String upn = newUpn("short");
    Instant start = clock().instant();
    String pass = passFor(upn, "{\"lifetimeInMinutes\": 60}");
    clock().advance(Duration.ofMinutes(10));
    Pkce pkce = Pkce.create();
    BrowserSession browser = browser();
    browser.get(authorizePath(app, pkce, "openid offline_access", Map.of()));
    String code = queryOf(follow(browser, browser.signInWithPass(upn, pass))).get("code");

    Response tokens = redeem(anonymous(), app, code, pkce);

    assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
    Instant passEnds = start.plus(Duration.ofMinutes(60));
    Date accessExpires = (Date) verifiedClaims(anonymous(), text(tokens.json(), "access_token")).get("exp");
    Date idExpires = (Date) verifiedClaims(anonymous(), text(tokens.json(), "id_token")).get("exp");
    assertThat(accessExpires.toInstant()).isBeforeOrEqualTo(passEnds.plusSeconds(1));
    assertThat(idExpires.toInstant()).isBeforeOrEqualTo(passEnds.plusSeconds(1));
    assertThat(tokens.json().get("expires_in").asLong()).isLessThanOrEqualTo(Duration.ofMinutes(50).toSeconds() + 1);
  }

  @Test
  default void authorizeWhenPhishingResistantRequiredAndPassSessionThenNoCodeButPasskeyRegistration() {
    App app = OidcSupport.register(admin(), "phishing-resistant", false);
    String upn = newUpn("weak");
    String pass = passFor(upn, "{}");
    BrowserSession browser = browser();
    browser.get(authorizePath(app, Pkce.create(), "openid", Map.of()));

    Page afterSignIn = browser.get(browser.signInWithPass(upn, pass).location());

    assertThat(afterSignIn.status()).isEqualTo(302);
    assertThat(afterSignIn.location()).isEqualTo("/security-info");
    assertThat(browser.get("/security-info").body()).contains("needs a passkey");
  }

  @Test
  default void authorizeWhenAcrValuesAskMoreThanTheAppThenStepUpRequired() {
    App app = OidcSupport.register(admin(), "mfa", false);
    String upn = newUpn("acr");
    String pass = passFor(upn, "{}");
    BrowserSession browser = browser();
    browser.get(authorizePath(app, Pkce.create(), "openid", Map.of("acr_values", "phishing-resistant")));

    Page afterSignIn = browser.get(browser.signInWithPass(upn, pass).location());

    assertThat(afterSignIn.location()).isEqualTo("/security-info");
  }

  @Test
  default void authorizeWhenPromptLoginThenSignInAgainEvenWithASession() {
    App app = OidcSupport.register(admin(), "mfa", false);
    String upn = newUpn("prompt");
    String pass = passFor(upn, "{}");
    BrowserSession browser = browser();
    browser.signInWithPass(upn, pass);

    Page prompted = browser.get(authorizePath(app, Pkce.create(), "openid", Map.of("prompt", "login")));
    Page maxAgeZero = browser.get(authorizePath(app, Pkce.create(), "openid", Map.of("max_age", "0")));
    Page plain = browser.get(authorizePath(app, Pkce.create(), "openid", Map.of()));

    assertThat(prompted.location()).endsWith("/signin");
    assertThat(maxAgeZero.location()).endsWith("/signin");
    assertThat(plain.location()).startsWith(REDIRECT_URI + "?code=");
  }

  @Test
  default void authorizeWhenRedirectUriUnregisteredOrOnlyAPrefixThenRefusedWithoutRedirect() {
    App app = OidcSupport.register(admin(), "mfa", false);
    String upn = newUpn("redirect");
    BrowserSession browser = browser();
    browser.signInWithPass(upn, passFor(upn, "{}"));
    String good = authorizePath(app, Pkce.create(), "openid", Map.of());

    for (String bad : List.of("https://evil.example.test/callback", REDIRECT_URI + "/more", REDIRECT_URI + "x",
        "https://app.example.test/")) {
      Page refused = browser.get(good.replace(java.net.URLEncoder.encode(REDIRECT_URI, java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.location()).as(bad).isNull();
    }
  }

  @Test
  default void publicClientWhenPkceMissingOrPlainThenRefused() {
    App app = OidcSupport.register(admin(), "mfa", true);
    String upn = newUpn("pkce");
    BrowserSession browser = browser();
    browser.signInWithPass(upn, passFor(upn, "{}"));

    Page missing = browser.get(authorizePath(app, null, "openid", Map.of()));
    Page plain = browser.get(authorizePath(app, null, "openid",
        Map.of("code_challenge", "a".repeat(43), "code_challenge_method", "plain")));

    assertThat(missing.location()).contains("error=invalid_request").doesNotContain("code=");
    assertThat(plain.location()).contains("error=invalid_request").doesNotContain("code=");
  }

  @Test
  default void tokenWhenVerifierMissingOrWrongThenInvalidGrant() {
    App app = OidcSupport.register(admin(), "mfa", false);
    Pkce pkce = Pkce.create();
    String code = codeFor(app, pkce, Map.of());

    Response wrongVerifier = redeem(anonymous(), app, code, Pkce.create());

    assertThat(wrongVerifier.status()).isEqualTo(400);
    assertThat(text(wrongVerifier.json(), "error")).isEqualTo("invalid_grant");
  }

  @Test
  default void tokenWhenClientSecretWrongThenInvalidClient() {
    App app = OidcSupport.register(admin(), "mfa", false);
    Pkce pkce = Pkce.create();
    String code = codeFor(app, pkce, Map.of());

    Response refused = redeem(anonymous(), new App(app.id(), app.clientId(), app.secret() + "x"), code, pkce);

    assertThat(refused.status()).isEqualTo(401);
    assertThat(text(refused.json(), "error")).isEqualTo("invalid_client");
    assertThat(redeem(anonymous(), app, code, pkce).status()).as("the code still works for the real client").isEqualTo(200);
  }

  @Test
  default void tokenWhenCodeRedeemedTwiceThenSecondFailsAndFirstTokensRevoked() {
    App app = OidcSupport.register(admin(), "mfa", false, "User.Read.All");
    Pkce pkce = Pkce.create();
    String code = codeFor(app, pkce, Map.of());
    Response first = redeem(anonymous(), app, code, pkce);
    assertThat(first.status()).isEqualTo(200);
    GraphClient firstCaller = anonymous().bearing(text(first.json(), "access_token"));
    assertThat(firstCaller.get("/v1.0/me/authentication/temporaryAccessPassMethods").status()).isEqualTo(200);

    Response second = redeem(anonymous(), app, code, pkce);

    assertThat(second.status()).isEqualTo(400);
    assertThat(text(second.json(), "error")).isEqualTo("invalid_grant");
    assertThat(firstCaller.get("/v1.0/me/authentication/temporaryAccessPassMethods").status()).as("the first access token is revoked").isEqualTo(401);
    assertThat(refresh(anonymous(), app, text(first.json(), "refresh_token")).status())
        .as("and so is the first refresh token").isEqualTo(400);
  }

  @Test
  default void tokenWhenCodeExpiredThenInvalidGrant() {
    App app = OidcSupport.register(admin(), "mfa", false);
    Pkce pkce = Pkce.create();
    String code = codeFor(app, pkce, Map.of());
    clock().advance(Duration.ofMinutes(6));
    try {
      Response expired = redeem(anonymous(), app, code, pkce);
      assertThat(expired.status()).isEqualTo(400);
      assertThat(text(expired.json(), "error")).isEqualTo("invalid_grant");
    } finally {
      clock().advance(Duration.ofMinutes(-6));
    }
  }

  @Test
  default void idTokenWhenTamperedThenSignatureFails() {
    App app = OidcSupport.register(admin(), "mfa", false);
    Pkce pkce = Pkce.create();
    String idToken = text(redeem(anonymous(), app, codeFor(app, pkce, Map.of()), pkce).json(), "id_token");
    String[] parts = idToken.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
        .replace("\"acr\":\"mfa\"", "\"acr\":\"phishing-resistant\"");
    String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];

    assertThat(payload).contains("phishing-resistant");
    assertThat(OidcSupport.signatureValid(anonymous(), idToken)).isTrue();
    assertThat(OidcSupport.signatureValid(anonymous(), tampered)).isFalse();
  }

  @Test
  default void sweepWhenRefreshTokensExpiredThenAuthorizationsGoneAndRefreshRefused() {
    App app = OidcSupport.register(admin(), "mfa", false);
    Pkce pkce = Pkce.create();
    Response tokens = redeem(anonymous(), app, codeFor(app, pkce, Map.of()), pkce);
    sweepAuthorizations();
    Response refreshed = refresh(anonymous(), app, text(tokens.json(), "refresh_token"));
    assertThat(refreshed.status()).as("a live authorization survives the sweep").isEqualTo(200);
    String refreshToken = text(refreshed.json(), "refresh_token");

    clock().advance(Duration.ofDays(2));
    try {
      assertThat(sweepAuthorizations()).isPositive();
    } finally {
      clock().advance(Duration.ofDays(-2));
    }
    assertThat(text(refresh(anonymous(), app, refreshToken).json(), "error"))
        .as("the swept authorization is gone, though the clock is back").isEqualTo("invalid_grant");
  }
}
