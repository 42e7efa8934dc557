package dev.latchkey.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running Latchkey over real HTTP, as a script or SDK would. */
public final class GraphClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String token;

  private GraphClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** A client without a token. */
  public static GraphClient anonymous(int port) {
    return new GraphClient("http://127.0.0.1:" + port, null);
  }

  /** A client that sends {@code token} as its bearer token. */
  public static GraphClient withToken(int port, String token) {
    return new GraphClient("http://127.0.0.1:" + port, token);
  }

  /** A client of the same server that sends {@code token} as its bearer token. */
  public GraphClient bearing(String bearerToken) {
    return new GraphClient(baseUrl, bearerToken);
  }

  /** A client with a token from the client-credentials grant. */
  public static GraphClient withClientCredentials(int port, String clientId, String clientSecret) {
    GraphClient anonymous = anonymous(port);
    Response token = anonymous.token(clientId, clientSecret, null);
    if (token.status() != 200) {
      throw new IllegalStateException("No token: " + token.status() + " " + token.text());
    }
    return new GraphClient(anonymous.baseUrl, token.json().get("access_token").stringValue());
  }

  /** {@code POST /oauth2/token} with client_secret_basic; {@code scope} may be null. */
  public Response token(String clientId, String clientSecret, String scope) {
    String credentials = Base64.getEncoder()
        .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope);
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
        .header("Authorization", "Basic " + credentials)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  public String token() {
    return token;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response patch(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Any request, for the cases the helpers above don't cover (other content types, raw bodies). */
  public Response send(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder);
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(null), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  /** A response: status, raw text, content type and headers. */
  public record Response(int status, String text, String contentType,
      java.util.Map<String, java.util.List<String>> headers) {

    public JsonNode json() {
      return JSON.readTree(text);
    }

    public String errorCode() {
      return json().path("error").path("code").stringValue();
    }

    public String errorMessage() {
      return json().path("error").path("message").stringValue();
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }
}
