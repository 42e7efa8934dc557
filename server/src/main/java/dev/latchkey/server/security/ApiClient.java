package dev.latchkey.server.security;

import dev.latchkey.core.hashing.KeyedHash;
import java.time.Instant;
import java.util.List;

/**
 * An application that calls the API with OAuth 2.0 client credentials.
 *
 * @param clientId its public id
 * @param displayName a name for people and audit entries
 * @param secretHash the keyed hash of its secret; the secret itself is never stored
 * @param permissions the Graph application permissions it holds
 * @param createdAt when it was registered
 */
public record ApiClient(String clientId, String displayName, KeyedHash secretHash, List<String> permissions,
    Instant createdAt) {

  public ApiClient {
    permissions = List.copyOf(permissions);
  }
}
