package dev.latchkey.server.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.By;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A web application that signs people in through an OpenID Connect provider with Spring Security's OAuth2
 * client, used programmatically the way its login filter uses it: discovery, the authorization code flow
 * with state, nonce and PKCE ({@code S256}), the code redeemed with the client secret, the ID token checked
 * by signature (JWKS), {@code iss}, {@code aud}, {@code exp} and {@code nonce}, the person read from
 * userinfo, refresh, and RP-initiated logout. It listens on 127.0.0.1 and is reached as
 * {@code http://localhost:<port>}:
 * <dl>
 *   <dt>{@code /login}</dt><dd>sends the browser to the provider to sign in;</dd>
 *   <dt>{@code /callback}</dt><dd>the redirect URI: redeems the code and shows who signed in, or why not;</dd>
 *   <dt>{@code /logout}</dt><dd>sends the browser to the provider's {@code end_session_endpoint};</dd>
 *   <dt>{@code /signed-out}</dt><dd>where the provider sends the browser back after logout.</dd>
 * </dl>
 * It serves one person at a time and keeps what happened for the test to inspect.
 */
final class OidcRelyingParty implements AutoCloseable {

  static final By SIGNED_IN = By.id("rp-signed-in");
  static final By FAILED = By.id("rp-error");
  static final By SIGNED_OUT = By.id("rp-signed-out");

  /** What the application holds after a sign-in or a refresh; the ID token is validated. */
  record Tokens(OidcIdToken idToken, OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken) {}

  private final StringKeyGenerator secureKeys = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);
  private final OidcIdTokenDecoderFactory idTokenDecoders = new OidcIdTokenDecoderFactory();
  private final OidcAuthorizationCodeAuthenticationProvider codeFlow =
      new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(),
          new OidcUserService());
  private final RestClientRefreshTokenTokenResponseClient refreshClient = new RestClientRefreshTokenTokenResponseClient();
  private final Map<String, OAuth2AuthorizationRequest> pendingByState = new ConcurrentHashMap<>();
  private final List<URI> callbacks = new CopyOnWriteArrayList<>();
  private final AtomicReference<OAuth2LoginAuthenticationToken> signIn = new AtomicReference<>();
  private final AtomicReference<Tokens> current = new AtomicReference<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicReference<String> logoutState = new AtomicReference<>();
  private final AtomicReference<String> signedOutState = new AtomicReference<>();
  private final HttpServer server;
  private final String origin;
  private volatile ClientRegistration registration;
  private volatile URI lastAuthorizationRequest;

  private OidcRelyingParty(HttpServer server) {
    this.server = server;
    this.origin = "http://localhost:" + server.getAddress().getPort();
    codeFlow.setJwtDecoderFactory(idTokenDecoders);
    server.createContext("/login", this::login);
    server.createContext("/callback", this::callback);
    server.createContext("/logout", this::logout);
    server.createContext("/signed-out", this::signedOut);
  }

  /** Starts listening; {@link #discover} then names the provider and this application's credentials. */
  static OidcRelyingParty start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      OidcRelyingParty relyingParty = new OidcRelyingParty(server);
      server.start();
      return relyingParty;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the provider's {@code /.well-known/openid-configuration} and signs in as its client from now on. */
  void discover(String issuer, String clientId, String clientSecret) {
    registration = ClientRegistrations.fromIssuerLocation(issuer)
        .registrationId("latchkey")
        .clientId(clientId)
        .clientSecret(clientSecret)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .redirectUri(redirectUri())
        .scope("openid", "profile", "offline_access")
        .build();
  }

  ClientRegistration registration() {
    return Objects.requireNonNull(registration, "discover the provider first");
  }

  String redirectUri() {
    return origin + "/callback";
  }

  String postLogoutRedirectUri() {
    return origin + "/signed-out";
  }

  /** Where a person starts signing in to this application. */
  String loginUrl() {
    return origin + "/login";
  }

  /** Where a person signs out of this application, and of the provider. */
  String logoutUrl() {
    return origin + "/logout";
  }

  /** Every request that reached the redirect URI, with or without a code. */
  List<URI> callbacks() {
    return List.copyOf(callbacks);
  }

  /** The authorization request this application last sent the browser to. */
  URI lastAuthorizationRequest() {
    return lastAuthorizationRequest;
  }

  /** Why the last callback didn't sign anyone in; null when it did. */
  Exception failure() {
    return failure.get();
  }

  /** The person whose sign-in completed last, with the claims of the ID token and of userinfo. */
  OidcUser user() {
    return (OidcUser) completedSignIn().getPrincipal();
  }

  /** The tokens this application holds now: those of the last sign-in, or of the last refresh since. */
  Tokens tokens() {
    completedSignIn();
    return current.get();
  }

  /**
   * Uses the refresh token of {@code tokens} and validates the new ID token as at sign-in. The new tokens
   * become the ones this application holds, so logout names the newest ID token: the provider keeps only
   * that one with the authorization and accepts no other as {@code id_token_hint}.
   *
   * @throws OAuth2AuthorizationException when the provider refuses, e.g. {@code invalid_grant}
   */
  Tokens refresh(Tokens tokens) {
    OAuth2AccessTokenResponse response = refreshClient.getTokenResponse(
        new OAuth2RefreshTokenGrantRequest(registration(), tokens.accessToken(), tokens.refreshToken()));
    Object idToken = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
    Tokens refreshed = new Tokens(idToken == null ? tokens.idToken() : validIdToken(idToken.toString()),
        response.getAccessToken(), response.getRefreshToken());
    current.set(refreshed);
    return refreshed;
  }

  /** The claims of an access token, checked by signature against the provider's JWKS and by time. */
  Jwt accessTokenClaims(OAuth2AccessToken accessToken) {
    JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration().getProviderDetails().getJwkSetUri()).build();
    return decoder.decode(accessToken.getTokenValue());
  }

  /** The {@code state} the provider sent back to {@code /signed-out}; null until then. */
  String signedOutState() {
    return signedOutState.get();
  }

  /** The {@code state} this application sent with its logout request; null until then. */
  String logoutState() {
    return logoutState.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private OidcIdToken validIdToken(String value) {
    Jwt jwt = idTokenDecoders.createDecoder(registration()).decode(value);
    return new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
  }

  private OAuth2LoginAuthenticationToken completedSignIn() {
    OAuth2LoginAuthenticationToken completed = signIn.get();
    if (completed == null) {
      throw new IllegalStateException("No sign-in completed at the relying party", failure.get());
    }
    return completed;
  }

  /** As Spring's authorization request resolver does for OpenID Connect: a state, a nonce, PKCE S256. */
  private void login(HttpExchange exchange) throws IOException {
    ClientRegistration client = registration();
    String nonce = secureKeys.generateKey();
    OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.authorizationCode()
        .authorizationUri(client.getProviderDetails().getAuthorizationUri())
        .clientId(client.getClientId())
        .redirectUri(client.getRedirectUri())
        .scopes(client.getScopes())
        .state(secureKeys.generateKey())
        .attributes(attributes -> {
          attributes.put(OAuth2ParameterNames.REGISTRATION_ID, client.getRegistrationId());
          attributes.put(OidcParameterNames.NONCE, nonce);
        })
        .additionalParameters(parameters -> parameters.put(OidcParameterNames.NONCE, sha256(nonce)));
    OAuth2AuthorizationRequestCustomizers.withPkce().accept(builder);
    OAuth2AuthorizationRequest request = builder.build();
    pendingByState.put(request.getState(), request);
    lastAuthorizationRequest = URI.create(request.getAuthorizationRequestUri());
    redirect(exchange, request.getAuthorizationRequestUri());
  }

  /** Redeems the code as Spring's login filter does: state, redirect URI, token, ID token, nonce, userinfo. */
  private void callback(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    callbacks.add(uri);
    Map<String, String> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams().toSingleValueMap();
    OAuth2AuthorizationRequest request = query.get("state") == null ? null : pendingByState.remove(decode(query.get("state")));
    if (request == null) {
      fail(exchange, new IllegalStateException("A callback without a state this application sent: " + uri));
      return;
    }
    String code = query.get("code");
    OAuth2AuthorizationResponse response = (code == null
        ? OAuth2AuthorizationResponse.error(String.valueOf(query.get("error")))
            .errorDescription(query.get("error_description") == null ? null : decode(query.get("error_description")))
        : OAuth2AuthorizationResponse.success(decode(code)))
        .state(request.getState())
        .redirectUri(redirectUri())
        .build();
    try {
      OAuth2LoginAuthenticationToken completed = (OAuth2LoginAuthenticationToken) codeFlow.authenticate(
          new OAuth2LoginAuthenticationToken(registration(), new OAuth2AuthorizationExchange(request, response)));
      OidcUser user = (OidcUser) completed.getPrincipal();
      signIn.set(completed);
      current.set(new Tokens(user.getIdToken(), completed.getAccessToken(), completed.getRefreshToken()));
      failure.set(null);
      respond(exchange, 200, "<h1 id=\"rp-signed-in\">Signed in as " + HtmlUtils.htmlEscape(user.getPreferredUsername())
          + "</h1>");
    } catch (RuntimeException e) {
      fail(exchange, e);
    }
  }

  /** RP-initiated logout: the ID token as hint, a registered post-logout URI, and a state to check. */
  private void logout(HttpExchange exchange) throws IOException {
    Object endSession = registration().getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
    String state = secureKeys.generateKey();
    logoutState.set(state);
    redirect(exchange, UriComponentsBuilder.fromUriString(String.valueOf(endSession))
        .queryParam("id_token_hint", tokens().idToken().getTokenValue())
        .queryParam("post_logout_redirect_uri", postLogoutRedirectUri())
        .queryParam("state", state)
        .encode().build().toUriString());
  }

  private void signedOut(HttpExchange exchange) throws IOException {
    String state = UriComponentsBuilder.fromUri(exchange.getRequestURI()).build().getQueryParams().getFirst("state");
    signedOutState.set(state == null ? null : decode(state));
    signIn.set(null);
    current.set(null);
    respond(exchange, 200, "<h1 id=\"rp-signed-out\">Signed out</h1>");
  }

  private void fail(HttpExchange exchange, Exception e) throws IOException {
    failure.set(e);
    respond(exchange, 500, "<h1 id=\"rp-error\">" + HtmlUtils.htmlEscape(String.valueOf(e.getMessage())) + "</h1>");
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><title>Relying party</title></head><body>" + body
        + "</body></html>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, page.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(page);
    }
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** The nonce sent is the hash of the one kept, as Spring's resolver and its code-flow provider expect. */
  private static String sha256(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
