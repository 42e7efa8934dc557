package dev.latchkey.server.oidc;

import java.time.Clock;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Looks up a pending device authorization by the user code a person typed, by Latchkey's clock. */
final class DeviceCodes {

  private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

  private final OAuth2AuthorizationService authorizations;
  private final RegisteredClientRepository clients;
  private final Clock clock;

  DeviceCodes(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, Clock clock) {
    this.authorizations = authorizations;
    this.clients = clients;
    this.clock = clock;
  }

  /** The client id of the device authorization awaiting this user code, if one is still active. */
  Optional<String> clientOf(String userCode) {
    if (userCode == null || userCode.isBlank() || userCode.length() > 32) {
      return Optional.empty();
    }
    OAuth2Authorization authorization = authorizations.findByToken(userCode.strip(), USER_CODE);
    OAuth2Authorization.Token<OAuth2UserCode> code = authorization == null ? null
        : authorization.getToken(OAuth2UserCode.class);
    if (code == null || code.isInvalidated() || !clock.instant().isBefore(code.getToken().getExpiresAt())) {
      return Optional.empty();
    }
    return Optional.ofNullable(clients.findById(authorization.getRegisteredClientId()))
        .map(client -> client.getClientId());
  }
}
