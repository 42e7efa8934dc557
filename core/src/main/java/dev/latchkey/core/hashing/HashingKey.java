package dev.latchkey.core.hashing;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret key for keyed hashing, with the id that hashes made under it carry.
 *
 * @param id a short name of letters, digits, '-', '_' or '.', such as {@code k1} or {@code 2026-11}
 * @param secret at least 32 random bytes
 */
public record HashingKey(String id, byte[] secret) {

  public static final int MINIMUM_SECRET_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  public HashingKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("A hashing key id is 1 to 32 letters, digits, '.', '-' or '_'; '"
          + id + "' is not.");
    }
    if (secret.length < MINIMUM_SECRET_BYTES) {
      throw new IllegalArgumentException("Hashing key '" + id + "' has " + secret.length
          + " bytes; it needs at least " + MINIMUM_SECRET_BYTES + ".");
    }
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HashingKey key && key.id.equals(id) && Arrays.equals(key.secret, secret);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "HashingKey[id=" + id + "]";
  }
}
