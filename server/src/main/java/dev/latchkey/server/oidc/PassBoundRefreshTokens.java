package dev.latchkey.server.oidc;

import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** Refresh tokens that end no later than the pass behind the sign-in, and none once it has ended. */
final class PassBoundRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

  private final OAuth2TokenGenerator<OAuth2RefreshToken> delegate;

  PassBoundRefreshTokens(OAuth2TokenGenerator<OAuth2RefreshToken> delegate) {
    this.delegate = delegate;
  }

  @Override
  public OAuth2RefreshToken generate(OAuth2TokenContext context) {
    if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
      return null;
    }
    OAuth2RefreshToken token = delegate.generate(context);
    if (token == null || !(context.getPrincipal() instanceof OidcPrincipal principal)
        || principal.passEndsAt() == null) {
      return token;
    }
    Instant passEnds = principal.passEndsAt();
    if (!passEnds.isAfter(token.getIssuedAt())) {
      return null;
    }
    return token.getExpiresAt() != null && token.getExpiresAt().isAfter(passEnds)
        ? new OAuth2RefreshToken(token.getTokenValue(), token.getIssuedAt(), passEnds) : token;
  }
}
