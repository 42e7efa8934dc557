package dev.latchkey.cli.http;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) for Latchkey's own public client {@code latchkey-cli},
 * and the refresh of the tokens it gives: the client has no secret and names itself by {@code client_id}.
 */
public final class DeviceGrant {

  /** Latchkey's built-in public client for the command line. */
  public static final String CLIENT_ID = "latchkey-cli";
  static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
  private static final int SLOW_DOWN_SECONDS = 5;

  private final HttpClient http;
  private final URI server;

  public DeviceGrant(HttpClient http, URI server) {
    this.http = http;
    this.server = server;
  }

  /**
   * What the device authorization endpoint answered.
   *
   * @param deviceCode the code this client polls with (secret)
   * @param userCode the code the person types, like {@code BCDF-GHJK}
   * @param verificationUri where the person types it
   * @param verificationUriComplete the same page with the code filled in, or null
   * @param interval how long to wait between polls
   * @param expiresAt when the codes stop working
   */
  public record Authorization(String deviceCode, String userCode, String verificationUri,
      String verificationUriComplete, Duration interval, Instant expiresAt) {}

  /**
   * Tokens for the person.
   *
   * @param accessToken the access token
   * @param refreshToken the refresh token, or null when the server gave none
   * @param expiresIn how long the access token lasts
   */
  public record Tokens(String accessToken, String refreshToken, Duration expiresIn) {

    /** Who the access token is for: its {@code upn} claim, read without checking the signature; or null. */
    public String user() {
      return userOf(accessToken);
    }
  }

  /** Waits between polls; tests may wait less. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** {@code POST /oauth2/device_authorization} for {@code scope}. */
  public Authorization start(String scope) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", CLIENT_ID);
    form.put("scope", scope);
    OAuthForm.Answer answer = OAuthForm.post(http, endpoint("/oauth2/device_authorization"), form);
    if (answer.status() == 200 && answer.text("device_code") != null && answer.text("user_code") != null) {
      long interval = answer.body().path("interval").asLong(5);
      long expiresIn = answer.body().path("expires_in").asLong(600);
      return new Authorization(answer.text("device_code"), answer.text("user_code"),
          answer.text("verification_uri"), answer.text("verification_uri_complete"),
          Duration.ofSeconds(Math.max(interval, 1)), Instant.now().plusSeconds(expiresIn));
    }
    if ("invalid_scope".equals(answer.error())) {
      throw new CliFailure(ExitCodes.USAGE, "The server refused the scope '" + scope + "' ("
          + answer.describe() + "). Name Graph permissions such as User.ReadWrite.All.");
    }
    if ("invalid_client".equals(answer.error()) || "unauthorized_client".equals(answer.error())
        || answer.status() == 404 || answer.status() == 401) {
      throw new CliFailure(ExitCodes.AUTH, "The server at " + server + " doesn't offer sign-in for the "
          + "command line (" + answer.describe() + "). Use an API client's credentials instead: "
          + "LATCHKEY_CLIENT_ID and LATCHKEY_CLIENT_SECRET.");
    }
    throw failure("POST /oauth2/device_authorization", answer);
  }

  /**
   * Polls the token endpoint until the person approves or refuses, or the code expires, waiting the
   * interval before each poll and 5 seconds longer from each {@code slow_down} on.
   *
   * @throws CliFailure exit code 3 when the person refused or the code expired
   */
  public Tokens await(Authorization authorization, Sleeper sleeper) {
    Duration interval = authorization.interval();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", DEVICE_CODE);
    form.put("device_code", authorization.deviceCode());
    form.put("client_id", CLIENT_ID);
    while (true) {
      if (Instant.now().plus(interval).isAfter(authorization.expiresAt())) {
        throw expired();
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCodes.AUTH, "Interrupted while waiting for the sign-in; nothing was stored.");
      }
      OAuthForm.Answer answer = OAuthForm.post(http, endpoint("/oauth2/token"), form);
      if (answer.status() == 200) {
        return tokens(answer, "POST /oauth2/token");
      }
      String error = answer.error();
      if ("authorization_pending".equals(error)) {
        continue;
      }
      if ("slow_down".equals(error)) {
        interval = interval.plusSeconds(SLOW_DOWN_SECONDS);
        continue;
      }
      if ("access_denied".equals(error)) {
        throw new CliFailure(ExitCodes.AUTH, "The sign-in was refused on the device page; nothing was stored.");
      }
      if ("expired_token".equals(error)) {
        throw expired();
      }
      throw failure("POST /oauth2/token", answer);
    }
  }

  /**
   * Trades a refresh token for new tokens; the answer's refresh token replaces the one given.
   *
   * @return the tokens, or null when the server no longer accepts the refresh token ({@code invalid_grant})
   */
  public Tokens refresh(String refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_id", CLIENT_ID);
    OAuthForm.Answer answer = OAuthForm.post(http, endpoint("/oauth2/token"), form);
    if (answer.status() == 200) {
      return tokens(answer, "POST /oauth2/token");
    }
    if ("invalid_grant".equals(answer.error())) {
      return null;
    }
    throw failure("POST /oauth2/token (refresh)", answer);
  }

  /**
   * Revokes a refresh token (RFC 7009), which ends the whole login on the server.
   *
   * @return true when the server answered that the token is revoked (also for a token it no longer knew)
   */
  public boolean revoke(String refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", refreshToken);
    form.put("token_type_hint", "refresh_token");
    form.put("client_id", CLIENT_ID);
    return OAuthForm.post(http, endpoint("/oauth2/revoke"), form).status() == 200;
  }

  /** The {@code upn} (else {@code preferred_username}, else {@code sub}) of a JWT, unverified; null if none. */
  static String userOf(String jwt) {
    String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try {
      JsonNode claims = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
          StandardCharsets.UTF_8));
      for (String claim : new String[] {"upn", "preferred_username", "sub"}) {
        String value = Json.text(claims, claim);
        if (value != null && !value.isBlank()) {
          return value;
        }
      }
      return null;
    } catch (IllegalArgumentException | JacksonException notAJwt) {
      return null;
    }
  }

  private Tokens tokens(OAuthForm.Answer answer, String request) {
    String accessToken = answer.text("access_token");
    if (accessToken == null) {
      throw new CliFailure(ExitCodes.SERVER_ERROR, request + " answered 200 without an access_token.");
    }
    return new Tokens(accessToken, answer.text("refresh_token"),
        Duration.ofSeconds(answer.body().path("expires_in").asLong(300)));
  }

  private CliFailure expired() {
    return new CliFailure(ExitCodes.AUTH, "The code expired before the sign-in was approved; nothing was "
        + "stored. Run latchkey login again.");
  }

  private CliFailure failure(String request, OAuthForm.Answer answer) {
    int code = answer.status() >= 500 ? ExitCodes.SERVER_ERROR
        : answer.status() == 401 || answer.status() == 403 ? ExitCodes.AUTH : ExitCodes.FAILED;
    return new CliFailure(code, request + " answered HTTP " + answer.status() + " (" + answer.describe() + ").");
  }

  private URI endpoint(String path) {
    return URI.create(GraphClient.root(server) + path);
  }
}
