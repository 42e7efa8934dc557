package dev.latchkey.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in on the server's own sign-in pages, as a browser would, so that the sign-in log has an entry. */
public final class BrowserSignIn {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private BrowserSignIn() {}

  /** Types {@code username}, then {@code pass}; returns the status of the pass form's answer. */
  public static int withPass(LatchkeyServer server, String username, String pass) {
    return signIn(newBrowser(), server, username, pass);
  }

  /**
   * A browser (cookies kept, redirects not followed) signed in with {@code pass}.
   *
   * @throws IllegalStateException when the pass form isn't answered with a redirect
   */
  public static HttpClient signedIn(LatchkeyServer server, String username, String pass) {
    HttpClient browser = newBrowser();
    int status = signIn(browser, server, username, pass);
    if (status != 302 && status != 303) {
      throw new IllegalStateException("Signing in as " + username + " answered HTTP " + status);
    }
    return browser;
  }

  private static HttpClient newBrowser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private static int signIn(HttpClient browser, LatchkeyServer server, String username, String pass) {
    try {
      String usernamePage = get(browser, server.url() + "/signin");
      post(browser, server.url() + "/signin", "username=" + form(username) + "&_csrf=" + form(csrf(usernamePage)));
      String passPage = get(browser, server.url() + "/signin/pass");
      return post(browser, server.url() + "/signin/pass", "pass=" + form(pass) + "&_csrf=" + form(csrf(passPage)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String get(HttpClient browser, String url) throws IOException, InterruptedException {
    return browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static int post(HttpClient browser, String url, String form) throws IOException, InterruptedException {
    return browser.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String csrf(String page) {
    Matcher token = CSRF.matcher(page);
    if (!token.find()) {
      throw new IllegalStateException("No CSRF token on the page:\n" + page);
    }
    return token.group(1);
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
