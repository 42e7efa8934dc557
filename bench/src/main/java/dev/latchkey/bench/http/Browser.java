package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser keeps between requests, for the sign-in scenarios: its cookies (Latchkey's session is
 * {@code LATCHKEY_SESSION}), the CSRF token of the last page it read, and the {@code Origin} it sends. It
 * rides on a connection the caller owns, one browser per worker at a time.
 */
final class Browser {

  private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\"(?:\\s+type=\"hidden\")?\\s+value=\"([^\"]+)\"");
  private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
  private static final Pattern META_CSRF_HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";
  private static final String JSON = "Content-Type: application/json\r\nAccept: application/json\r\n";

  private final String origin;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrfToken;
  private String csrfHeader = "X-CSRF-TOKEN";

  /** @param origin the page's origin, e.g. {@code http://localhost:8080} */
  Browser(String origin) {
    this.origin = origin;
  }

  /** Forgets cookies and the CSRF token: the next request starts a new session. */
  void clear() {
    cookies.clear();
    csrfToken = null;
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  /** GET a page, and remember the CSRF token it carries (hidden form field or meta tag). */
  Response page(HttpConnection connection, String path) throws IOException {
    Response response = send(connection, "GET", path, "Accept: text/html\r\n", null);
    if (response.status() == 200) {
      String html = response.text();
      Matcher meta = META_CSRF.matcher(html);
      Matcher hidden = HIDDEN_CSRF.matcher(html);
      if (meta.find()) {
        csrfToken = meta.group(1);
        Matcher header = META_CSRF_HEADER.matcher(html);
        if (header.find()) {
          csrfHeader = header.group(1);
        }
      } else if (hidden.find()) {
        csrfToken = hidden.group(1);
      }
    }
    return response;
  }

  /** POST a form; {@code fields} alternate name and value; the CSRF token is added. */
  Response form(HttpConnection connection, String path, String... fields) throws IOException {
    StringBuilder body = new StringBuilder(128);
    for (int i = 0; i < fields.length; i += 2) {
      body.append(i == 0 ? "" : "&").append(fields[i]).append('=').append(encode(fields[i + 1]));
    }
    if (csrfToken != null) {
      body.append(fields.length == 0 ? "" : "&").append("_csrf=").append(encode(csrfToken));
    }
    return send(connection, "POST", path, FORM, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** POST JSON (or nothing, for null) with the CSRF token in its header, as passkeys.js does. */
  Response json(HttpConnection connection, String path, String json) throws IOException {
    String headers = csrfToken == null ? JSON : JSON + csrfHeader + ": " + csrfToken + "\r\n";
    return send(connection, "POST", path, headers, json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
  }

  /** GET without reading a CSRF token (a redirect followed, an authorization request). */
  Response get(HttpConnection connection, String path) throws IOException {
    return send(connection, "GET", path, "", null);
  }

  private Response send(HttpConnection connection, String method, String path, String headers, byte[] body)
      throws IOException {
    StringBuilder head = new StringBuilder(256).append(headers);
    if (!method.equals("GET")) {
      head.append("Origin: ").append(origin).append("\r\n");
    }
    if (!cookies.isEmpty()) {
      head.append("Cookie: ");
      boolean first = true;
      for (Map.Entry<String, String> cookie : cookies.entrySet()) {
        head.append(first ? "" : "; ").append(cookie.getKey()).append('=').append(cookie.getValue());
        first = false;
      }
      head.append("\r\n");
    }
    Response response = connection.send(method, path, head.toString(), body);
    for (String cookie : response.setCookies()) {
      int equals = cookie.indexOf('=');
      if (equals > 0) {
        String name = cookie.substring(0, equals).trim();
        String value = cookie.substring(equals + 1).trim();
        if (value.isEmpty()) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
    }
    return response;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
