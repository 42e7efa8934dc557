package dev.latchkey.server.oidc;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * An authorization service that hands every call to another; each of Latchkey's decorators of Spring's store
 * ({@link HashedTokenValues}, {@link RefreshTokenFamilies}, {@link SelfContainedAppTokens}) overrides only
 * what it changes.
 */
abstract class AuthorizationServiceDecorator implements OAuth2AuthorizationService {

  protected final OAuth2AuthorizationService delegate;

  AuthorizationServiceDecorator(OAuth2AuthorizationService delegate) {
    this.delegate = delegate;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    delegate.save(authorization);
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    delegate.remove(authorization);
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    return delegate.findByToken(token, tokenType);
  }
}
