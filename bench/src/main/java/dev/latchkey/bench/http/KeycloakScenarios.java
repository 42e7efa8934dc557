package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak's side of the comparison of issue 6, against a realm that {@code bench/keycloak.sh setup} made:
 * {@code keycloak-token} (client credentials at the realm's token endpoint, the same call as Latchkey's
 * {@code token}) and {@code keycloak-password-signin} (a browser's password sign-in from no session, up to the
 * redirect that carries the authorization code).
 */
final class KeycloakScenarios {

  /** The login form's target: absolute, with {@code &amp;} between its parameters. */
  private static final Pattern LOGIN_ACTION = Pattern.compile("<form id=\"kc-form-login\"[^>]*\\saction=\"([^\"]+)\"");
  private static final Pattern CODE = Pattern.compile("[?&]code=[^&]+");

  /**
   * A realm as {@code bench/keycloak.sh setup} prints it: users {@code userPrefix + 0} … {@code userPrefix +
   * (users - 1)} sharing {@code password}, and a code-flow client registered with {@code redirectUri}.
   */
  record Realm(String name, String browserClient, String redirectUri, String userPrefix, int users, String password) {

    String authorizationPath() {
      return "/realms/" + name + "/protocol/openid-connect/auth?client_id=" + Browser.encode(browserClient)
          + "&response_type=code&scope=openid&redirect_uri=" + Browser.encode(redirectUri);
    }
  }

  private KeycloakScenarios() {}

  /** The realm's token endpoint; the client-credentials call itself is Latchkey's {@code token} scenario's. */
  static String tokenPath(String realm) {
    return "/realms/" + realm + "/protocol/openid-connect/token";
  }

  /**
   * The password sign-in call, each from no session as a browser arriving: {@code GET} the authorization
   * endpoint (200, the login form and the cookies of a new authentication session), {@code POST} the form to
   * its action URL with username and password (302 to the redirect URI with a {@code code}). Round-robin over
   * the realm's users. {@code origin} is what the browser sends as {@code Origin} with the form.
   */
  static LoadRun.Call passwordSignIns(Realm realm, String origin) {
    String authorize = realm.authorizationPath();
    ThreadLocal<Browser> browsers = ThreadLocal.withInitial(() -> new Browser(origin));
    return (connection, n) -> {
      Browser browser = browsers.get();
      browser.clear();
      Response form = browser.page(connection, authorize + "&state=s" + n);
      if (form.status() != 200) {
        throw StepFailure.of("GET .../openid-connect/auth", form);
      }
      Matcher action = LOGIN_ACTION.matcher(form.text());
      if (!action.find()) {
        throw new StepFailure("GET .../openid-connect/auth 200 without the login form");
      }
      Response signIn = browser.form(connection, pathOf(action.group(1).replace("&amp;", "&")),
          "username", realm.userPrefix() + n % realm.users(), "password", realm.password(), "credentialId", "");
      String location = signIn.location();
      if (signIn.status() != 302 || location == null || !location.startsWith(realm.redirectUri())
          || !CODE.matcher(location).find()) {
        throw new StepFailure("POST .../login-actions/authenticate " + signIn.status()
            + (signIn.status() == 302 ? " without a code" : ""));
      }
      return signIn;
    };
  }

  /** The path and query of an absolute URL, to send on the connection the harness already holds. */
  private static String pathOf(String url) {
    URI uri = URI.create(url);
    return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /**
   * Sends one call and fails with what came back unless it succeeded: run before a measurement, so that a
   * set-up that cannot work stops with a reason instead of a window full of errors.
   */
  static void check(HttpConnection connection, LoadRun.Call call, int successStatus, String scenario)
      throws IOException {
    Response response = call.send(connection, 0);
    if (response.status() != successStatus) {
      String body = response.text();
      throw new IOException(scenario + ": the first call answered " + response.status() + ": "
          + body.substring(0, Math.min(body.length(), 500)));
    }
  }
}
