package dev.latchkey.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>A client found is remembered for {@link #REMEMBERED}, so that a client asking for tokens many times a
 * second costs one query per interval rather than one per token. A change to a client (its secret or
 * permissions, which a node's start-up with changed bootstrap settings makes) therefore holds on every node
 * within that interval; a client not found is looked up again every time, so a new one works at once.
 */
public class ApiClientRegistry implements RegisteredClientRepository {

  /** The client setting that carries the client's permissions to the token customizer. */
  static final String PERMISSIONS_SETTING = "latchkey.permissions";
  /** Scopes that ask for every permission the client holds, as Graph's {@code .default} does. */
  static final Set<String> DEFAULT_SCOPES = Set.of(".default", "https://graph.microsoft.com/.default");
  static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
  static final Duration REMEMBERED = Duration.ofSeconds(2);

  private final ApiClientRepository clients;
  private final Clock clock;
  private final Cache<String, Found> remembered = Caffeine.newBuilder().maximumSize(10_000).build();

  public ApiClientRegistry(ApiClientRepository clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    clients.find(registeredClient.getClientId()).ifPresent(existing -> {
      var rehashed = KeyedSecretEncoder.parse(registeredClient.getClientSecret());
      if (rehashed != null && !rehashed.equals(existing.secretHash())) {
        clients.updateSecret(existing.clientId(), rehashed);
      }
    });
    remembered.invalidate(registeredClient.getClientId());
  }

  @Override
  public RegisteredClient findById(String id) {
    return findByClientId(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    Instant now = clock.instant();
    Found found = remembered.getIfPresent(clientId);
    if (found != null && found.freshAt(now)) {
      return found.client();
    }
    RegisteredClient client = clients.find(clientId).map(ApiClientRegistry::toRegisteredClient).orElse(null);
    if (client != null) {
      remembered.put(clientId, new Found(client, now));
    } else {
      remembered.invalidate(clientId);
    }
    return client;
  }

  /** A client as read at {@code readAt}; a clock set back since then makes it stale too. */
  private record Found(RegisteredClient client, Instant readAt) {
    boolean freshAt(Instant now) {
      return !now.isBefore(readAt) && now.isBefore(readAt.plus(REMEMBERED));
    }
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
