package dev.latchkey.server.oidc;

import java.time.Clock;
import dev.latchkey.server.persistence.SqlTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Refresh-token rotation with reuse detection (OAuth 2.0 Security BCP, section 4.14). Every refresh
 * replaces the refresh token; the replaced one is remembered by its hash. Presenting a replaced token
 * again means two parties hold the family, so the whole authorization is revoked: the thief's and the
 * owner's tokens both stop working and the person signs in again.
 */
final class RefreshTokenFamilies extends AuthorizationServiceDecorator {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenFamilies.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  RefreshTokenFamilies(OAuth2AuthorizationService delegate, JdbcClient jdbc, Clock clock) {
    super(delegate);
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    OAuth2Authorization.Token<OAuth2RefreshToken> replacing = authorization.getRefreshToken();
    if (replacing != null) {
      OAuth2Authorization existing = delegate.findById(authorization.getId());
      OAuth2Authorization.Token<OAuth2RefreshToken> replaced = existing == null ? null : existing.getRefreshToken();
      if (replaced != null && !HashedTokenValues.same(replaced.getToken().getTokenValue(),
          replacing.getToken().getTokenValue())) {
        jdbc.sql("insert into spent_refresh_tokens (token_hash, authorization_id, spent_at) values (:hash, :id, :at)")
            .param("hash", HashedTokenValues.stored(replaced.getToken().getTokenValue())
                .substring(HashedTokenValues.PREFIX.length()))
            .param("id", authorization.getId())
            .param("at", SqlTime.bind(clock.instant()))
            .update();
      }
    }
    delegate.save(authorization);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    OAuth2Authorization found = delegate.findByToken(token, tokenType);
    if (found == null && token != null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
      jdbc.sql("select authorization_id from spent_refresh_tokens where token_hash = :hash")
          .param("hash", hash(token)).query(String.class).optional()
          .ifPresent(this::revokeFamily);
    }
    return found;
  }

  /**
   * Revokes the family as the revocation endpoint revokes a refresh token: its refresh and access tokens
   * are marked invalid and the record stays. Deleting the record would forget the ID token too, and
   * RP-initiated logout finds the authorization by the ID token it gets as hint, so the application could no
   * longer sign the person out of Latchkey, which is what it does when its refresh fails.
   */
  private void revokeFamily(String authorizationId) {
    OAuth2Authorization family = delegate.findById(authorizationId);
    OAuth2Authorization.Token<OAuth2RefreshToken> current = family == null ? null : family.getRefreshToken();
    if (current != null && !current.isInvalidated()) {
      LOG.warn("A replaced refresh token was presented again; revoked authorization {} of client {} for user {}",
          authorizationId, family.getRegisteredClientId(), family.getPrincipalName());
      delegate.save(OAuth2Authorization.from(family).invalidate(current.getToken()).build());
    }
  }

  /** The SHA-256 in hex of a token a client presented, as spent tokens and device polls are keyed. */
  static String hash(String token) {
    return HashedTokenValues.digest(token).substring(HashedTokenValues.PREFIX.length());
  }
}
