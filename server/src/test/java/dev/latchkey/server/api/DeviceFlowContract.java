package dev.latchkey.server.api;

import static dev.latchkey.server.api.OidcSupport.post;
import static dev.latchkey.server.api.OidcSupport.queryOf;
import static dev.latchkey.server.api.OidcSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.BrowserSession.Page;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device grant with Latchkey's command-line client: approve, refuse, slow down, expire, guess. */
public interface DeviceFlowContract extends ApiTest {

  String CLI = "latchkey-cli";
  String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private Response startDevice() {
    Response started = post(anonymous(), "/oauth2/device_authorization",
        Map.of("client_id", CLI, "scope", "User.Read.All offline_access"));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return started;
  }

  private Response poll(String deviceCode) {
    return post(anonymous(), "/oauth2/token",
        Map.of("grant_type", DEVICE_CODE_GRANT, "device_code", deviceCode, "client_id", CLI));
  }

  private BrowserSession signedIn() {
    String upn = newUpn("device");
    createUser(upn);
    Response pass = admin().post(passesOf(upn), "{}");
    BrowserSession browser = browser();
    browser.signInWithPass(upn, pass.json().get("temporaryAccessPass").stringValue());
    return browser;
  }

  /** Types {@code typed} on the device page and sends its form. */
  private static Page verifyCode(BrowserSession browser, String typed) {
    browser.get("/device");
    return browser.post("/device/verify", Map.of("user_code", typed));
  }

  /** Types the code on the device page and answers the consent page; returns where the browser lands. */
  private String approve(BrowserSession browser, String userCode, boolean allow) {
    Page verify = verifyCode(browser, userCode.toLowerCase().replace("-", " "));
    assertThat(verify.location()).as(verify.body()).startsWith("/oauth2/device_verification?user_code=");
    Page toConsent = browser.get(verify.location());
    assertThat(toConsent.location()).as(toConsent.body()).contains("/device/consent?");
    Map<String, String> consent = queryOf(toConsent.location());
    Page page = browser.get(toConsent.location().substring(toConsent.location().indexOf("/device/consent")));
    assertThat(page.body()).contains("Latchkey command-line client").contains(userCode);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", consent.get("client_id"));
    form.put("state", consent.get("state"));
    form.put("user_code", consent.get("user_code"));
    if (allow) {
      form.put("scope", "User.Read.All");
    }
    return browser.post("/oauth2/device_verification", form).location();
  }

  @Test
  default void deviceFlowWhenApprovedThenPendingSlowDownThenDelegatedTokens() {
    Response started = startDevice();
    String deviceCode = text(started.json(), "device_code");
    String userCode = text(started.json(), "user_code");
    assertThat(text(started.json(), "verification_uri")).isEqualTo(GraphApiSuite.BASE_URL + "/device");

    Response pending = poll(deviceCode);
    Response tooFast = poll(deviceCode);
    assertThat(text(pending.json(), "error")).isEqualTo("authorization_pending");
    assertThat(text(tooFast.json(), "error")).isEqualTo("slow_down");
    clock().advance(Duration.ofSeconds(10));
    assertThat(text(poll(deviceCode).json(), "error")).as("waited the grown interval").isEqualTo("authorization_pending");

    assertThat(approve(signedIn(), userCode, true)).endsWith("/device?approved");
    clock().advance(Duration.ofSeconds(15));
    Response tokens = poll(deviceCode);

    assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
    Map<String, Object> access = OidcSupport.verifiedClaims(anonymous(), text(tokens.json(), "access_token"));
    assertThat(access).containsEntry("idtyp", "user").containsEntry("scp", "User.Read.All");
    assertThat(access.get("amr")).isEqualTo(java.util.List.of("otp", "mfa"));
    assertThat(text(tokens.json(), "refresh_token")).isNotNull();
    Response refreshed = post(anonymous(), "/oauth2/token", Map.of("grant_type", "refresh_token",
        "refresh_token", text(tokens.json(), "refresh_token"), "client_id", CLI));
    assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
    String current = text(refreshed.json(), "refresh_token");
    Response revoked = post(anonymous(), "/oauth2/revoke",
        Map.of("token", current, "token_type_hint", "refresh_token", "client_id", CLI));
    assertThat(revoked.status()).as("a public client revokes its own refresh token: " + revoked.text()).isEqualTo(200);
    assertThat(post(anonymous(), "/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", current,
        "client_id", CLI)).status()).as("a revoked refresh token is refused").isEqualTo(400);
    clock().advance(Duration.ofSeconds(15));
    assertThat(poll(deviceCode).status()).as("a device code is used once").isEqualTo(400);
  }

  @Test
  default void deviceFlowWhenRefusedThenAccessDenied() {
    Response started = startDevice();

    assertThat(approve(signedIn(), text(started.json(), "user_code"), false)).endsWith("/device?denied");

    Response denied = poll(text(started.json(), "device_code"));
    assertThat(denied.status()).isEqualTo(400);
    assertThat(text(denied.json(), "error")).isIn("access_denied", "expired_token");
  }

  @Test
  default void deviceFlowWhenCodeExpiredThenExpiredToken() {
    Response started = startDevice();
    clock().advance(Duration.ofMinutes(11));
    try {
      Response expired = poll(text(started.json(), "device_code"));
      assertThat(expired.status()).isEqualTo(400);
      assertThat(text(expired.json(), "error")).isEqualTo("expired_token");
      Page verify = verifyCode(signedIn(), text(started.json(), "user_code"));
      assertThat(verify.status()).isEqualTo(200);
      assertThat(verify.body()).contains("isn&#39;t valid or has expired");
    } finally {
      clock().advance(Duration.ofMinutes(-11));
    }
  }

  @Test
  default void devicePageWhenOpenedWithTheCodeThenTheCodeIsFilledIn() {
    Page page = browser().get("/device?user_code=bcdfghjk");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("value=\"BCDF-GHJK\"");
  }

  @Test
  default void deviceVerifyWhenTenWrongCodesThenThrottled() {
    BrowserSession browser = signedIn();
    for (int attempt = 0; attempt < 10; attempt++) {
      Page wrong = verifyCode(browser, "BBBB-BBB" + (char) ('B' + attempt));
      assertThat(wrong.status()).isEqualTo(200);
      assertThat(wrong.body()).contains("isn&#39;t valid");
    }

    Page throttled = verifyCode(browser, "CCCC-CCCC");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotNull();
  }

  @Test
  default void deviceVerifyWhenOpenedAsALinkThenTheCodeIsFilledInAndNothingIsCounted() {
    BrowserSession browser = signedIn();
    for (int attempt = 0; attempt < 12; attempt++) {
      Page link = browser.get("/device/verify?user_code=dddd-ddd" + (char) ('b' + attempt));
      assertThat(link.status()).isEqualTo(302);
      assertThat(link.location()).isEqualTo("/device?user_code=DDDD-DDD" + (char) ('B' + attempt));
    }

    Page typed = verifyCode(browser, "DDDD-DDDD");

    assertThat(typed.status()).as("links another site opens count nothing").isEqualTo(200);
    assertThat(typed.body()).contains("isn&#39;t valid");
  }

  @Test
  default void deviceVerifyWhenPostedWithoutItsCsrfTokenThenRefusedAndNothingCounted() {
    BrowserSession browser = signedIn();
    for (int attempt = 0; attempt < 12; attempt++) {
      Page forged = browser.postRaw("/device/verify", Map.of("user_code", "FFFF-FFF" + (char) ('B' + attempt)));
      assertThat(forged.status()).isEqualTo(403);
    }

    assertThat(verifyCode(browser, "FFFF-FFFF").status()).isEqualTo(200);
  }

  @Test
  default void deviceVerifyWhenNotSignedInThenSignInFirstAndComeBack() {
    Response started = startDevice();
    String upn = newUpn("later");
    createUser(upn);
    String pass = admin().post(passesOf(upn), "{}").json().get("temporaryAccessPass").stringValue();
    BrowserSession browser = browser();

    Page verify = verifyCode(browser, text(started.json(), "user_code"));
    assertThat(verify.location()).endsWith("/signin");
    Page signedIn = browser.signInWithPass(upn, pass);

    assertThat(signedIn.location()).isEqualTo("/device?user_code=" + text(started.json(), "user_code"));
    assertThat(browser.get(signedIn.location()).body()).as("the code filled in, to confirm")
        .contains("value=\"" + text(started.json(), "user_code") + "\"");
  }
}
