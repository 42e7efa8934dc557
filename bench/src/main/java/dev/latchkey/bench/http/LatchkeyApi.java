package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few Latchkey requests the load harness sends, each over a connection the caller owns. */
final class LatchkeyApi {

  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final String JSON = "Content-Type: application/json\r\nAccept: application/json\r\n";
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  private final String root;
  private final String authorization;

  private LatchkeyApi(String root, String token) {
    this.root = root;
    this.authorization = "Authorization: Bearer " + token + "\r\n";
  }

  /**
   * Signs in with client credentials ({@code POST /oauth2/token}, HTTP Basic) and returns an API bound to the
   * token, which lasts an hour.
   */
  static LatchkeyApi signIn(URI base, HttpConnection connection, String clientId, String clientSecret)
      throws IOException {
    String basic = Base64.getEncoder().encodeToString(
        (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
    Response response = connection.send("POST", path(base) + "/oauth2/token",
        "Authorization: Basic " + basic + "\r\nContent-Type: application/x-www-form-urlencoded\r\n",
        "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII));
    Matcher token = ACCESS_TOKEN.matcher(response.text());
    if (response.status() != 200 || !token.find()) {
      throw new IOException("POST /oauth2/token answered " + response.status() + ": " + response.text()
          + "\nCheck --client-id and --client-secret (or LATCHKEY_BOOTSTRAP_CLIENT_ID/SECRET).");
    }
    return new LatchkeyApi(path(base) + "/v1.0", token.group(1));
  }

  /** {@code POST /v1.0/users}: a passwordless, enabled member. */
  Response createUser(HttpConnection connection, String userPrincipalName, String displayName) throws IOException {
    String body = "{\"accountEnabled\":true,\"displayName\":\"" + displayName + "\",\"userPrincipalName\":\""
        + userPrincipalName + "\"}";
    return connection.send("POST", root + "/users", authorization + JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code POST /v1.0/users/{user}/authentication/temporaryAccessPassMethods} with the policy's defaults. */
  Response createPass(HttpConnection connection, String user) throws IOException {
    return connection.send("POST", root + "/users/" + user + "/authentication/temporaryAccessPassMethods",
        authorization + JSON, EMPTY_OBJECT);
  }

  /** {@code POST /v1.0/users/{user}/authentication/temporaryAccessPassMethods} with the given JSON body. */
  Response createPass(HttpConnection connection, String user, byte[] body) throws IOException {
    return connection.send("POST", root + "/users/" + user + "/authentication/temporaryAccessPassMethods",
        authorization + JSON, body);
  }

  /** {@code POST /v1.0{path}} with a JSON body. */
  Response post(HttpConnection connection, String path, String json) throws IOException {
    return connection.send("POST", root + path, authorization + JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code PATCH /v1.0{path}} with a JSON body. */
  Response patch(HttpConnection connection, String path, String json) throws IOException {
    return connection.send("PATCH", root + path, authorization + JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code GET /v1.0/users/{user}/authentication/methods}. */
  Response listMethods(HttpConnection connection, String user) throws IOException {
    return connection.send("GET", root + "/users/" + user + "/authentication/methods", authorization + JSON, null);
  }

  /** The {@code id} of the entity in a response body. */
  static String id(Response response) throws IOException {
    Matcher id = ID.matcher(response.text());
    if (!id.find()) {
      throw new IOException("No id in the response: " + response.text());
    }
    return id.group(1);
  }

  private static String path(URI base) {
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
