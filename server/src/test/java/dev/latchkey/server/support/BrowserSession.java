package dev.latchkey.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as seen over HTTP: a cookie jar, forms posted with the CSRF token of the last page, redirects
 * not followed so tests can see them. For what a real browser must show, the Chromium tests exist.
 */
public final class BrowserSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private String base;
  private final Map<String, String> cookies = new ConcurrentHashMap<>();
  private final HttpClient http;
  private String csrf;
  private final Map<String, String> extraHeaders = new LinkedHashMap<>();

  public BrowserSession(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Sends every later request to the server on {@code port}, keeping the cookies: another node. */
  public BrowserSession moveTo(int port) {
    this.base = "http://127.0.0.1:" + port;
    return this;
  }

  /** Presents this session id from now on, as a browser replaying a stolen or old cookie would. */
  public BrowserSession withSessionId(String sessionId) {
    cookies.put("LATCHKEY_SESSION", sessionId);
    return this;
  }

  /** Presents this cookie from now on, as a cookie planted by another site would be. */
  public BrowserSession withCookie(String name, String value) {
    cookies.put(name, value);
    return this;
  }

  /** The value of the cookie {@code name}, or null. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** The CSRF token of the last page fetched, as its forms carry it. */
  public String csrfToken() {
    return csrf;
  }

  /** Sends this header with every request from now on. */
  public BrowserSession withHeader(String name, String value) {
    extraHeaders.put(name, value);
    return this;
  }

  /** A page as the server sent it. */
  public record Page(int status, String body, String location, Map<String, List<String>> headers) {

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public List<String> headers(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).toList();
    }
  }

  public Page get(String path) {
    Page page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /** Posts a form with the CSRF token of the last page fetched. */
  public Page post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (csrf != null) {
      fields.putIfAbsent("_csrf", csrf);
    }
    return postRaw(path, fields);
  }

  /** Posts a form exactly as given, without adding a CSRF token. */
  public Page postRaw(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    Page page = send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /** Username first, then the pass; returns the answer to the pass step. */
  public Page signInWithPass(String username, String pass) {
    get("/signin");
    post("/signin", Map.of("username", username));
    get("/signin/pass");
    return post("/signin/pass", Map.of("pass", pass));
  }

  /** The value of the session cookie, or null. */
  public String sessionId() {
    return cookies.get("LATCHKEY_SESSION");
  }

  private Page send(HttpRequest.Builder request) {
    try {
      extraHeaders.forEach(request::header);
      if (!cookies.isEmpty()) {
        request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("; ")));
      }
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        String name = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1).trim();
        if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return new Page(response.statusCode(), response.body(),
          response.headers().firstValue("Location").orElse(null), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
