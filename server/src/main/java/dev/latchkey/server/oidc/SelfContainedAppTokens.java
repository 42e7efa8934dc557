package dev.latchkey.server.oidc;

import dev.latchkey.server.security.TokenClaims;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * API clients' tokens (client credentials) are not stored: each is a signed JWT that the API accepts by
 * signature and time alone, so a record per token was only written (a lookup and an insert with its claims
 * as JSON) and swept an hour later. Introspection and revocation still work as for a stored token: a token
 * not found in the store that verifies as one of our API-client tokens has its authorization rebuilt from
 * its claims; revoking it stores that authorization with the token invalidated, so introspection answers
 * inactive from then on, until the sweep deletes the record once the token has expired. Only the token's own
 * client may revoke it, as for a stored one.
 */
final class SelfContainedAppTokens extends AuthorizationServiceDecorator {

  private final Supplier<JwtDecoder> decoder;
  private final RegisteredClientRepository clients;

  /**
   * @param decoder the API's decoder (signature, issuer, time, retired keys), asked for on first use since
   *     its validators read this service
   */
  SelfContainedAppTokens(OAuth2AuthorizationService delegate, Supplier<JwtDecoder> decoder,
      RegisteredClientRepository clients) {
    super(delegate);
    this.decoder = decoder;
    this.clients = clients;
  }

  /** Stores every authorization but an API client's whose token stands: those are stored once revoked. */
  @Override
  public void save(OAuth2Authorization authorization) {
    boolean appToken = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
    OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
    if (appToken && access != null && !access.isInvalidated()) {
      return;
    }
    delegate.save(authorization);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    OAuth2Authorization found = delegate.findByToken(token, tokenType);
    if (found != null || token == null || (tokenType != null && !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType))) {
      return found;
    }
    return fromAppToken(token);
  }

  /** The authorization behind an API client's token that verifies, or null for any other text. */
  private OAuth2Authorization fromAppToken(String token) {
    Jwt jwt;
    try {
      jwt = decoder.get().decode(token);
    } catch (JwtException notOneOfOurs) {
      return null;
    }
    String clientId = jwt.getClaimAsString(TokenClaims.APP_ID);
    boolean appToken = "app".equals(jwt.getClaimAsString(TokenClaims.IDENTITY_TYPE))
        && jwt.getClaimAsString(UserTokenClaims.AUTHORIZATION_ID) == null && jwt.getId() != null;
    RegisteredClient client = appToken && clientId != null ? clients.findByClientId(clientId) : null;
    if (client == null || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
      return null;
    }
    List<String> scopeClaim = jwt.getClaimAsStringList(OAuth2TokenIntrospectionClaimNames.SCOPE);
    Set<String> scopes = scopeClaim == null ? Set.of() : new LinkedHashSet<>(scopeClaim);
    OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token,
        jwt.getIssuedAt(), jwt.getExpiresAt(), scopes);
    return OAuth2Authorization.withRegisteredClient(client)
        .id(jwt.getId())
        .principalName(jwt.getSubject())
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .authorizedScopes(scopes)
        .token(accessToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()))
        .build();
  }
}
