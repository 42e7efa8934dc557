package dev.latchkey.server.security;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Spring Authorization Server's view of Latchkey's API clients: each may use the client-credentials
 * grant with {@code client_secret_basic} or {@code client_secret_post}. Clients are registered through
 * Latchkey, never through this interface; {@link #save} only stores a secret rehashed under a newer key.
 */
public class ApiClientRegistry implements RegisteredClientRepository {

  /** The client setting that carries the client's permissions to the token customizer. */
  static final String PERMISSIONS_SETTING = "latchkey.permissions";
  /** Scopes that ask for every permission the client holds, as Graph's {@code .default} does. */
  static final Set<String> DEFAULT_SCOPES = Set.of(".default", "https://graph.microsoft.com/.default");
  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

  private final ApiClientRepository clients;

  public ApiClientRegistry(ApiClientRepository clients) {
    this.clients = clients;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    clients.find(registeredClient.getClientId()).ifPresent(existing -> {
      var rehashed = KeyedSecretEncoder.parse(registeredClient.getClientSecret());
      if (rehashed != null && !rehashed.equals(existing.secretHash())) {
        clients.updateSecret(existing.clientId(), rehashed);
      }
    });
  }

  @Override
  public RegisteredClient findById(String id) {
    return findByClientId(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    return clients.find(clientId).map(ApiClientRegistry::toRegisteredClient).orElse(null);
  }

  private static RegisteredClient toRegisteredClient(ApiClient client) {
    return RegisteredClient.withId(client.clientId())
        .clientId(client.clientId())
        .clientName(client.displayName())
        .clientSecret(KeyedSecretEncoder.format(client.secretHash()))
        .clientIdIssuedAt(client.createdAt())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scopes(scopes -> {
          scopes.addAll(DEFAULT_SCOPES);
          scopes.addAll(client.permissions());
        })
        .clientSettings(ClientSettings.withSettings(Map.of(PERMISSIONS_SETTING, client.permissions())).build())
        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
        .build();
  }
}
