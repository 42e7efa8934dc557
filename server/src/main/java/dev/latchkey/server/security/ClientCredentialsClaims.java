package dev.latchkey.server.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Access tokens of the client-credentials grant carry Graph's claims: {@code idtyp=app}, {@code appid},
 * and {@code roles} with the permissions asked for (all the client holds for {@code .default} or no
 * scope).
 */
public final class ClientCredentialsClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  @Override
  public void customize(JwtEncodingContext context) {
    if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return;
    }
    List<String> held = context.getRegisteredClient().getClientSettings()
        .getSetting(ApiClientRegistry.PERMISSIONS_SETTING);
    Set<String> asked = context.getAuthorizedScopes();
    boolean everything = asked.isEmpty() || asked.stream().anyMatch(ApiClientRegistry.DEFAULT_SCOPES::contains);
    List<String> roles = held.stream().filter(p -> everything || asked.contains(p))
        .collect(Collectors.toCollection(ArrayList::new));
    context.getClaims()
        .claim(TokenClaims.IDENTITY_TYPE, "app")
        .claim(TokenClaims.APP_ID, context.getRegisteredClient().getClientId())
        .claim(TokenClaims.APP_DISPLAY_NAME, context.getRegisteredClient().getClientName())
        .claim(TokenClaims.ROLES, roles);
  }
}
