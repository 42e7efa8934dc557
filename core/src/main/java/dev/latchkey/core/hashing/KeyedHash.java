package dev.latchkey.core.hashing;

import java.util.Arrays;
import java.util.Objects;

/**
 * An HMAC-SHA-256 digest of a secret, with the id of the key it was made under.
 *
 * @param keyId the id of the {@link HashingKey} that made it
 * @param digest the 32-byte digest
 */
public record KeyedHash(String keyId, byte[] digest) {

  public KeyedHash {
    Objects.requireNonNull(keyId, "keyId");
    digest = Objects.requireNonNull(digest, "digest").clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyedHash hash && hash.keyId.equals(keyId) && Arrays.equals(hash.digest, digest);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "KeyedHash[keyId=" + keyId + "]";
  }
}
