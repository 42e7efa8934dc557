package dev.latchkey.server.oidc;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Refuses a person's access token once its authorization no longer stands behind it: revoked (a replayed
 * authorization code or refresh token), signed out, or replaced by a refresh. Application tokens of the
 * client-credentials grant carry no authorization and are checked by signature and time alone.
 */
final class RevokedUserTokens implements OAuth2TokenValidator<Jwt> {

  private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
      "This token was revoked: sign in again.", null);

  private final OAuth2AuthorizationService authorizations;

  RevokedUserTokens(OAuth2AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt jwt) {
    String authorizationId = jwt.getClaimAsString(UserTokenClaims.AUTHORIZATION_ID);
    if (authorizationId == null) {
      return OAuth2TokenValidatorResult.success();
    }
    OAuth2Authorization authorization = authorizations.findById(authorizationId);
    OAuth2Authorization.Token<OAuth2AccessToken> current = authorization == null ? null : authorization.getAccessToken();
    boolean standing = current != null && !current.isInvalidated()
        && HashedTokenValues.same(current.getToken().getTokenValue(), jwt.getTokenValue());
    return standing ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(REVOKED);
  }
}
