package dev.latchkey.server.oidc;

import java.time.Clock;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Decides whether an authorization code, device code or refresh token has expired by Latchkey's clock,
 * the one every other expiry is read from, before Spring's provider (which reads the system clock) does
 * the rest. A decorator rather than a provider of its own: a provider manager that hears "expired" from
 * one provider would still ask the next.
 */
final class ClockedExpiry implements AuthenticationProvider {

  private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
  private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

  private final AuthenticationProvider delegate;
  private final OAuth2AuthorizationService authorizations;
  private final Clock clock;

  ClockedExpiry(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations, Clock clock) {
    this.delegate = delegate;
    this.authorizations = authorizations;
    this.clock = clock;
  }

  /** Decorates the providers of the grants whose codes and tokens expire. */
  static AuthenticationProvider around(AuthenticationProvider provider, OAuth2AuthorizationService authorizations,
      Clock clock) {
    boolean expiring = provider.supports(OAuth2AuthorizationCodeAuthenticationToken.class)
        || provider.supports(OAuth2DeviceCodeAuthenticationToken.class)
        || provider.supports(OAuth2RefreshTokenAuthenticationToken.class);
    return expiring ? new ClockedExpiry(provider, authorizations, clock) : provider;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (authentication instanceof OAuth2AuthorizationCodeAuthenticationToken code) {
      refuseIfExpired(code.getCode(), CODE, OAuth2ErrorCodes.INVALID_GRANT);
    } else if (authentication instanceof OAuth2DeviceCodeAuthenticationToken device) {
      refuseIfExpired(device.getDeviceCode(), DEVICE_CODE, "expired_token");
    } else if (authentication instanceof OAuth2RefreshTokenAuthenticationToken refresh) {
      refuseIfExpired(refresh.getRefreshToken(), OAuth2TokenType.REFRESH_TOKEN, OAuth2ErrorCodes.INVALID_GRANT);
    }
    return delegate.authenticate(authentication);
  }

  private void refuseIfExpired(String value, OAuth2TokenType type, String errorCode) {
    OAuth2Authorization authorization = authorizations.findByToken(value, type);
    OAuth2Authorization.Token<OAuth2Token> token = authorization == null ? null : authorization.getToken(value);
    if (token != null && token.getToken().getExpiresAt() != null
        && !clock.instant().isBefore(token.getToken().getExpiresAt())) {
      throw new OAuth2AuthenticationException(new OAuth2Error(errorCode, "The " + type.getValue().replace('_', ' ')
          + " has expired.", null));
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return delegate.supports(authentication);
  }
}
