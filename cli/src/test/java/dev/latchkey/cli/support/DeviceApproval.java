package dev.latchkey.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person answering {@code latchkey login} in a browser: types the code on the device page and chooses
 * Allow or Refuse on the consent page, over HTTP as a browser would (the server's own test does the same).
 */
public final class DeviceApproval {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private DeviceApproval() {}

  /**
   * Enters {@code userCode} in {@code browser} (signed in) and answers the consent page.
   *
   * @return where the browser lands: {@code /device?approved} or {@code /device?denied}
   */
  public static String answer(HttpClient browser, LatchkeyServer server, String userCode, boolean allow) {
    HttpResponse<String> codePage = get(browser, server, "/device?user_code=" + encode(userCode));
    List<String[]> code = new ArrayList<>();
    code.add(new String[] {"_csrf", csrfOf(codePage, "The device page")});
    code.add(new String[] {"user_code", userCode});
    HttpResponse<String> verify = post(browser, server, "/device/verify", code);
    String toVerification = location(verify);
    if (!toVerification.startsWith("/oauth2/device_verification?")) {
      throw new IllegalStateException("/device/verify answered " + verify.statusCode() + " to " + toVerification
          + "\n" + verify.body());
    }
    HttpResponse<String> toConsent = get(browser, server, toVerification);
    String consentPath = location(toConsent);
    if (!consentPath.startsWith("/device/consent?")) {
      throw new IllegalStateException("Device verification answered " + toConsent.statusCode() + " to "
          + consentPath + "\n" + toConsent.body());
    }
    Map<String, String> consent = query(consentPath);
    HttpResponse<String> page = get(browser, server, consentPath);
    List<String[]> form = new ArrayList<>();
    form.add(new String[] {"_csrf", csrfOf(page, "The consent page")});
    form.add(new String[] {"client_id", consent.get("client_id")});
    form.add(new String[] {"state", consent.get("state")});
    form.add(new String[] {"user_code", consent.get("user_code")});
    if (allow) {
      for (String scope : consent.getOrDefault("scope", "").split(" ")) {
        if (!scope.isBlank() && !"openid".equals(scope)) {
          form.add(new String[] {"scope", scope});
        }
      }
    }
    return location(post(browser, server, "/oauth2/device_verification", form));
  }

  private static String csrfOf(HttpResponse<String> page, String what) {
    Matcher csrf = CSRF.matcher(page.body());
    if (page.statusCode() != 200 || !csrf.find()) {
      throw new IllegalStateException(what + " answered " + page.statusCode() + "\n" + page.body());
    }
    return csrf.group(1);
  }

  private static HttpResponse<String> post(HttpClient browser, LatchkeyServer server, String path, List<String[]> form) {
    String body = form.stream().map(field -> encode(field[0]) + "=" + encode(field[1]))
        .collect(Collectors.joining("&"));
    return send(browser, HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpResponse<String> get(HttpClient browser, LatchkeyServer server, String pathAndQuery) {
    return send(browser, HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build());
  }

  private static HttpResponse<String> send(HttpClient browser, HttpRequest request) {
    try {
      return browser.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The redirect's path and query: the server's base URL may name another host than the tests call. */
  private static String location(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location").orElse("");
    URI uri = URI.create(location);
    return uri.getRawPath() == null ? location
        : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static Map<String, String> query(String pathAndQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1);
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.put(name, value);
    }
    return parameters;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
