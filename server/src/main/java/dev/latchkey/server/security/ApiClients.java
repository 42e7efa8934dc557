package dev.latchkey.server.security;

import dev.latchkey.core.hashing.KeyedHasher;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers API clients and checks nothing else: the token endpoint authenticates them. */
@Service
public class ApiClients {

  /** 256 bits, base64url: 43 characters. */
  private static final int SECRET_BYTES = 32;

  private final ApiClientRepository repository;
  private final KeyedHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApiClients(ApiClientRepository repository, KeyedHasher hasher, Clock clock) {
    this.repository = repository;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** A new client with a generated id and secret; the secret is returned here only. */
  @Transactional
  public Registered register(String displayName, List<String> permissions) {
    String clientId = UUID.randomUUID().toString();
    String secret = newSecret();
    repository.insert(new ApiClient(clientId, displayName, hasher.hash(secret), permissions,
        clock.instant().truncatedTo(ChronoUnit.MICROS)));
    return new Registered(clientId, secret);
  }

  /**
   * Makes sure a client with this id and secret exists with these permissions, for installs that choose
   * their own credentials. Returns true when the client was created.
   */
  @Transactional
  public boolean ensure(String clientId, String secret, String displayName, List<String> permissions) {
    Optional<ApiClient> existing = repository.find(clientId);
    if (existing.isEmpty()) {
      repository.insert(new ApiClient(clientId, displayName, hasher.hash(secret), permissions,
          clock.instant().truncatedTo(ChronoUnit.MICROS)));
      return true;
    }
    if (!hasher.verify(secret, existing.get().secretHash())) {
      repository.updateSecret(clientId, hasher.hash(secret));
    }
    if (!existing.get().permissions().containsAll(permissions)) {
      repository.updatePermissions(clientId, permissions);
    }
    return false;
  }

  public boolean none() {
    return repository.isEmpty();
  }

  private String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A client just registered, with the only copy of its secret. */
  public record Registered(String clientId, String clientSecret) {}
}
