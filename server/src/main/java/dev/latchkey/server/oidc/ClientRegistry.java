package dev.latchkey.server.oidc;

import dev.latchkey.core.strength.AuthenticationStrength;
import dev.latchkey.server.security.ApiClientRegistry;
import dev.latchkey.server.security.KeyedSecretEncoder;
import dev.latchkey.server.security.Permissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Every client the authorization server knows: the API clients of the client-credentials grant, the
 * registered applications, and Latchkey's own command-line client (a public client of the device grant).
 * Applications are read from the database on every lookup, so a change on one node holds on all.
 */
class ClientRegistry implements RegisteredClientRepository {

  /** The client id of Latchkey's command-line client. */
  static final String CLI_CLIENT_ID = "latchkey-cli";
  /** The client setting that carries an application's required authentication strength. */
  static final String STRENGTH_SETTING = "latchkey.requiredStrength";
  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
  static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(1);
  static final String OFFLINE_ACCESS = "offline_access";

  private final ApiClientRegistry apiClients;
  private final ApplicationService applications;

  ClientRegistry(ApiClientRegistry apiClients, ApplicationService applications) {
    this.apiClients = apiClients;
    this.applications = applications;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    apiClients.save(registeredClient);
  }

  @Override
  public RegisteredClient findById(String id) {
    return findByClientId(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    if (CLI_CLIENT_ID.equals(clientId)) {
      return commandLineClient();
    }
    RegisteredClient apiClient = apiClients.findByClientId(clientId);
    if (apiClient != null) {
      return apiClient;
    }
    return applications.findByAppId(clientId).map(this::toRegisteredClient).orElse(null);
  }

  /** The strength a client's users must have signed in with; empty for a client unknown here. */
  Optional<AuthenticationStrength> requiredStrength(String clientId) {
    RegisteredClient client = clientId == null ? null : findByClientId(clientId);
    if (client == null) {
      return Optional.empty();
    }
    String strength = client.getClientSettings().getSetting(STRENGTH_SETTING);
    return strength == null ? Optional.empty() : AuthenticationStrength.find(strength);
  }

  private RegisteredClient toRegisteredClient(Application application) {
    RegisteredClient.Builder client = RegisteredClient.withId(application.appId())
        .clientId(application.appId())
        .clientName(application.displayName())
        .clientIdIssuedAt(application.createdAt())
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUris(uris -> uris.addAll(application.redirectUris()))
        .postLogoutRedirectUris(uris -> uris.addAll(application.redirectUris()))
        .scopes(scopes -> {
          scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL, OFFLINE_ACCESS));
          scopes.addAll(application.delegatedPermissions());
        })
        .tokenSettings(tokenSettings());
    if (!application.redirectUris().isEmpty()) {
      client.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
    }
    if (application.publicClient()) {
      client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
          .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
          .clientSettings(clientSettings(application.requiredStrength(), true));
    } else {
      String secrets = applications.validPasswordsOf(application).stream()
          .map(password -> KeyedSecretEncoder.format(password.hash()))
          .collect(Collectors.joining(KeyedSecretEncoder.ALTERNATIVES));
      client.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
          .clientSecret(secrets.isEmpty() ? null : secrets)
          .clientSettings(clientSettings(application.requiredStrength(), false));
    }
    return client.build();
  }

  /**
   * Latchkey's command-line client: a public client of the device grant that acts for the admin who
   * approves it, with every Graph permission as a delegated scope (the admin's roles still bound it).
   * A pass is enough to approve it, so that a person with only a pass can set up a new device.
   */
  private static RegisteredClient commandLineClient() {
    return RegisteredClient.withId(CLI_CLIENT_ID)
        .clientId(CLI_CLIENT_ID)
        .clientName("Latchkey command-line client")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .scopes(scopes -> {
          scopes.add(OFFLINE_ACCESS);
          scopes.addAll(Permissions.ALL);
        })
        .clientSettings(clientSettings(AuthenticationStrength.MULTIFACTOR, true))
        .tokenSettings(tokenSettings())
        .build();
  }

  /**
   * Public clients can't prove who they are, so they need PKCE, and the person approves them every time
   * (for the device grant, that page is the defence against being talked into approving someone else's
   * code). Confidential clients are approved by the admin who registers them.
   */
  private static ClientSettings clientSettings(AuthenticationStrength strength, boolean publicClient) {
    return ClientSettings.builder()
        .requireProofKey(publicClient)
        .requireAuthorizationConsent(publicClient)
        .setting(STRENGTH_SETTING, strength.acr())
        .build();
  }

  private static TokenSettings tokenSettings() {
    return TokenSettings.builder()
        .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
        .refreshTokenTimeToLive(REFRESH_TOKEN_LIFETIME)
        .reuseRefreshTokens(false)
        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
        .deviceCodeTimeToLive(Duration.ofMinutes(10))
        .build();
  }
}
