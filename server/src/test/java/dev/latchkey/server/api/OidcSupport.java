package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.BrowserSession.Page;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** A relying party's side of the protocol, over plain HTTP, for the OpenID Connect contract. */
final class OidcSupport {

  static final String REDIRECT_URI = "https://app.example.test/callback";
  private static final SecureRandom RANDOM = new SecureRandom();

  private OidcSupport() {}

  /** A registered application with its client id and, for a confidential one, a secret. */
  record App(String id, String clientId, String secret) {}

  static App register(GraphClient admin, String strength, boolean publicClient, String... permissions) {
    String permissionList = java.util.Arrays.stream(permissions).map(p -> "\"" + p + "\"")
        .collect(Collectors.joining(","));
    String platform = publicClient ? "publicClient" : "web";
    Response created = admin.post("/v1.0/applications", """
        {"displayName": "Test app", "%s": {"redirectUris": ["%s"]}, "isFallbackPublicClient": %s,
         "requiredAuthenticationStrength": "%s", "delegatedPermissions": [%s]}"""
        .formatted(platform, REDIRECT_URI, publicClient, strength, permissionList));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().get("id").stringValue();
    String clientId = created.json().get("appId").stringValue();
    if (publicClient) {
      return new App(id, clientId, null);
    }
    Response secret = admin.post("/v1.0/applications/" + id + "/addPassword", "{}");
    assertThat(secret.status()).as(secret.text()).isEqualTo(200);
    return new App(id, clientId, secret.json().get("secretText").stringValue());
  }

  /** A PKCE verifier and its S256 challenge. */
  record Pkce(String verifier, String challenge) {
    static Pkce create() {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static String authorizePath(App app, Pkce pkce, String scope, Map<String, String> extra) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", app.clientId());
    query.put("redirect_uri", REDIRECT_URI);
    query.put("scope", scope);
    query.put("state", "state-1");
    query.put("nonce", "nonce-1");
    if (pkce != null) {
      query.put("code_challenge", pkce.challenge());
      query.put("code_challenge_method", "S256");
    }
    query.putAll(extra);
    return "/oauth2/authorize?" + form(query);
  }

  /** Follows the browser's redirects on this server until it leaves it; returns the last location. */
  static String follow(BrowserSession browser, Page page) {
    Page current = page;
    for (int hops = 0; hops < 10 && current.status() == 302 && current.location().startsWith("/"); hops++) {
      current = browser.get(current.location());
    }
    assertThat(current.status()).as(current.body()).isEqualTo(302);
    return current.location();
  }

  static Map<String, String> queryOf(String location) {
    String query = URI.create(location).getRawQuery();
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      String[] parts = pair.split("=", 2);
      parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return parameters;
  }

  static Response token(GraphClient anonymous, App app, Map<String, String> parameters) {
    return asApp(anonymous, app, "/oauth2/token", parameters);
  }

  /** Revokes a token as {@code app}, which authenticates as it does at the token endpoint. */
  static Response revoke(GraphClient anonymous, App app, String token) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("token", token);
    if (app.secret() == null) {
      parameters.put("client_id", app.clientId());
    }
    return asApp(anonymous, app, "/oauth2/revoke", parameters);
  }

  /** Introspects a token as {@code app}. */
  static Response introspect(GraphClient anonymous, App app, String token) {
    return asApp(anonymous, app, "/oauth2/introspect", Map.of("token", token));
  }

  /** What the database would hold for {@code token} (the server's HashedTokenValues). */
  static String storedDigest(String token) {
    try {
      return "sha256:" + java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Response asApp(GraphClient anonymous, App app, String path, Map<String, String> parameters) {
    HttpRequest.Builder request = anonymous.request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
    if (app.secret() != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (app.clientId() + ":" + app.secret()).getBytes(StandardCharsets.UTF_8)));
    }
    return anonymous.send(request);
  }

  static Response redeem(GraphClient anonymous, App app, String code, Pkce pkce) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("grant_type", "authorization_code");
    parameters.put("code", code);
    parameters.put("redirect_uri", REDIRECT_URI);
    if (app.secret() == null) {
      parameters.put("client_id", app.clientId());
    }
    if (pkce != null) {
      parameters.put("code_verifier", pkce.verifier());
    }
    return token(anonymous, app, parameters);
  }

  static Response refresh(GraphClient anonymous, App app, String refreshToken) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("grant_type", "refresh_token");
    parameters.put("refresh_token", refreshToken);
    if (app.secret() == null) {
      parameters.put("client_id", app.clientId());
    }
    return token(anonymous, app, parameters);
  }

  static Response post(GraphClient anonymous, String path, Map<String, String> parameters) {
    return anonymous.send(anonymous.request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(parameters))));
  }

  /** The claims of a token after checking its signature against the server's published keys. */
  static Map<String, Object> verifiedClaims(GraphClient anonymous, String token) {
    try {
      JWKSet keys = JWKSet.parse(anonymous.get("/oauth2/jwks").text());
      SignedJWT jwt = SignedJWT.parse(token);
      JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
      assertThat(key).as("signing key published in the JWKS").isNotNull();
      assertThat(jwt.verify(verifier(jwt, key))).as("signature").isTrue();
      return jwt.getJWTClaimsSet().getClaims();
    } catch (Exception e) {
      throw new AssertionError("Not a valid signed token: " + e.getMessage(), e);
    }
  }

  static boolean signatureValid(GraphClient anonymous, String token) {
    try {
      JWKSet keys = JWKSet.parse(anonymous.get("/oauth2/jwks").text());
      SignedJWT jwt = SignedJWT.parse(token);
      JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
      return key != null && jwt.verify(verifier(jwt, key));
    } catch (Exception e) {
      return false;
    }
  }

  /** The {@code alg} of a signed token's header. */
  static String algorithmOf(String token) {
    try {
      return SignedJWT.parse(token).getHeader().getAlgorithm().getName();
    } catch (java.text.ParseException e) {
      throw new AssertionError("Not a signed token: " + e.getMessage(), e);
    }
  }

  /** A verifier for the token's algorithm: RS256 with an RSA key, ES256 with a P-256 key. */
  private static JWSVerifier verifier(SignedJWT jwt, JWK key) throws JOSEException {
    return key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
  }

  static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? null : value.stringValue();
  }

  static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
