package dev.latchkey.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets a public client (no secret) use the device grant, refresh its tokens and revoke them, which Spring
 * Authorization Server allows only with PKCE: the device authorization request, the device-code and refresh
 * token requests and the revocation request name the client by {@code client_id} alone. What makes this safe is elsewhere: the
 * person approves the device on a page that names the client, and refresh tokens rotate with reuse
 * detection.
 */
final class PublicClientAuthentication implements AuthenticationConverter, AuthenticationProvider {

  private static final String MARKER = PublicClientAuthentication.class.getName();
  private static final Set<String> GRANTS = Set.of(AuthorizationGrantType.DEVICE_CODE.getValue(),
      AuthorizationGrantType.REFRESH_TOKEN.getValue());

  private final RegisteredClientRepository clients;
  private final String deviceAuthorizationPath;
  private final String revocationPath;

  PublicClientAuthentication(RegisteredClientRepository clients, String deviceAuthorizationPath,
      String revocationPath) {
    this.clients = clients;
    this.deviceAuthorizationPath = deviceAuthorizationPath;
    this.revocationPath = revocationPath;
  }

  @Override
  public Authentication convert(HttpServletRequest request) {
    String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
    String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
    boolean applies = deviceAuthorizationPath.equals(request.getServletPath())
        || revocationPath.equals(request.getServletPath())
        || (grantType != null && GRANTS.contains(grantType));
    if (!applies || clientId == null || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null
        || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
      return null;
    }
    if (request.getParameterValues(OAuth2ParameterNames.CLIENT_ID).length != 1) {
      throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
    }
    return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, Map.of(MARKER, true));
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
    if (!client.getAdditionalParameters().containsKey(MARKER)) {
      return null;
    }
    RegisteredClient registered = clients.findByClientId(client.getPrincipal().toString());
    if (registered == null || !registered.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
      throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
    }
    return new OAuth2ClientAuthenticationToken(registered, ClientAuthenticationMethod.NONE, null);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
