package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a relying party keeps between sending a person to {@code /oauth2/authorize} and redeeming the code:
 * the {@code state}, the {@code nonce} and the PKCE verifier (S256), each 32 random bytes in base64url.
 * The steps that check an answer throw a {@link StepFailure} naming the request, so a load run counts them.
 *
 * @param state echoed by the server on the redirect back
 * @param nonce expected in the ID token
 * @param codeVerifier sent with the code; its SHA-256 goes out as the challenge
 */
record AuthorizationRequest(String state, String nonce, String codeVerifier) {

  /** An application that signs people in with the code flow: its client id, secret and redirect URI. */
  record Client(String appId, String secret, String redirectUri) {}

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
  private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ID_TOKEN = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern NONCE = Pattern.compile("\"nonce\"\\s*:\\s*\"([^\"]+)\"");
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";
  static final String TOKEN_REQUEST = "POST /oauth2/token (authorization_code)";

  /** A new request with fresh random values. */
  static AuthorizationRequest start(SecureRandom random) {
    return new AuthorizationRequest(randomValue(random), randomValue(random), randomValue(random));
  }

  /** The path and query of the authorization request for {@code client}, e.g. {@code scope} {@code "openid"}. */
  String path(Client client, String scope) {
    String challenge = B64URL.encodeToString(SoftwareAuthenticator.sha256(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
    return "/oauth2/authorize?response_type=code&client_id=" + Browser.encode(client.appId()) + "&redirect_uri="
        + Browser.encode(client.redirectUri()) + "&scope=" + Browser.encode(scope) + "&state=" + state
        + "&nonce=" + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256";
  }

  /**
   * The code from the server's answer to the authorization request: a 302 to exactly the client's redirect
   * URI, with a {@code code} and this request's {@code state}.
   *
   * @param request how the step is named in a failure, e.g. {@code "GET /oauth2/authorize"}
   */
  String code(Response answer, Client client, String request) throws StepFailure {
    String location = answer.location();
    if (answer.status() != 302 || location == null) {
      throw StepFailure.of(request, answer);
    }
    if (!location.startsWith(client.redirectUri() + "?")) {
      throw new StepFailure(request + " 302 elsewhere than the redirect URI");
    }
    Matcher code = CODE.matcher(location);
    Matcher returnedState = STATE.matcher(location);
    if (!code.find()) {
      throw new StepFailure(request + " 302 without a code");
    }
    if (!returnedState.find() || !returnedState.group(1).equals(state)) {
      throw new StepFailure(request + " 302 with another state");
    }
    return code.group(1);
  }

  /**
   * Redeems {@code code} at {@code POST /oauth2/token} with the verifier and the client's secret (HTTP
   * Basic); the answer must be a 200 with an access token.
   */
  Response redeem(HttpConnection connection, Client client, String code) throws IOException {
    String form = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + Browser.encode(client.redirectUri())
        + "&code_verifier=" + codeVerifier;
    Response tokens = connection.send("POST", "/oauth2/token", SignInScenarios.basic(client.appId(), client.secret())
        + FORM, form.getBytes(StandardCharsets.US_ASCII));
    if (tokens.status() != 200) {
      throw StepFailure.of(TOKEN_REQUEST, tokens);
    }
    if (!ACCESS_TOKEN.matcher(tokens.text()).find()) {
      throw new StepFailure(TOKEN_REQUEST + " 200 without access_token");
    }
    return tokens;
  }

  /**
   * The ID token of a token answer, after checking that its payload carries this request's nonce. The
   * signature is not checked here but once per run ({@link IdTokenSignature}): a relying party that got
   * the token straight from the token endpoint may rely on the channel (OpenID Connect Core 3.1.3.7), and
   * the load generator shares the server's cores.
   */
  String idToken(Response tokens) throws StepFailure {
    String idToken = idTokenIn(tokens);
    String[] parts = idToken.split("\\.");
    if (parts.length != 3) {
      throw new StepFailure(TOKEN_REQUEST + " 200 with a malformed id_token");
    }
    Matcher returnedNonce = NONCE.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    if (!returnedNonce.find() || !returnedNonce.group(1).equals(nonce)) {
      throw new StepFailure(TOKEN_REQUEST + " 200 with an id_token for another nonce");
    }
    return idToken;
  }

  /** The ID token of a token answer, unchecked. */
  static String idTokenIn(Response tokens) throws StepFailure {
    Matcher idToken = ID_TOKEN.matcher(tokens.text());
    if (!idToken.find()) {
      throw new StepFailure(TOKEN_REQUEST + " 200 without id_token");
    }
    return idToken.group(1);
  }

  private static String randomValue(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return B64URL.encodeToString(bytes);
  }
}
