package dev.latchkey.cli.http;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OAuth 2.0 client credentials: {@code POST /oauth2/token} with the client authenticated by HTTP Basic.
 * The token is kept until a minute before it expires, so a long bulk run renews it on its own.
 */
public final class ClientCredentials implements TokenSource {

  private static final Duration MARGIN = Duration.ofSeconds(60);
  private static final String HINT = "Check LATCHKEY_CLIENT_ID and LATCHKEY_CLIENT_SECRET, --client-id and "
      + "--client-secret, or the config file.";

  private final HttpClient http;
  private final URI tokenEndpoint;
  private final String basic;
  private String token;
  private Instant renewAt = Instant.MIN;

  public ClientCredentials(HttpClient http, URI server, String clientId, String clientSecret) {
    this.http = http;
    this.tokenEndpoint = URI.create(GraphClient.root(server) + "/oauth2/token");
    this.basic = "Basic " + Base64.getEncoder().encodeToString(
        (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized String accessToken() {
    if (token == null || Instant.now().isAfter(renewAt)) {
      fetch();
    }
    return token;
  }

  private void fetch() {
    HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build();
    HttpResponse<String> response = Transport.send(http, request, tokenEndpoint);
    JsonNode body = parse(response);
    if (response.statusCode() == 200 && body != null && body.hasNonNull("access_token")) {
      token = body.get("access_token").asString();
      long lifetime = body.path("expires_in").asLong(300);
      renewAt = Instant.now().plusSeconds(lifetime).minus(MARGIN);
      return;
    }
    String error = Json.text(body, "error");
    if (response.statusCode() == 400 || response.statusCode() == 401) {
      throw new CliFailure(ExitCodes.AUTH, "The server refused the client credentials ("
          + (error == null ? "HTTP " + response.statusCode() : error) + "). " + HINT);
    }
    throw new CliFailure(ExitCodes.forStatus(response.statusCode()), "POST /oauth2/token answered HTTP "
        + response.statusCode() + (error == null ? "" : " (" + error + ")") + ".");
  }

  private static JsonNode parse(HttpResponse<String> response) {
    try {
      return response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
    } catch (JacksonException notJson) {
      return null;
    }
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
