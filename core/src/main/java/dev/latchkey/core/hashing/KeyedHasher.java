package dev.latchkey.core.hashing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes secrets (passes, client secrets) with HMAC-SHA-256 under a server key that the database never
 * holds, so that a dump alone can't be used to test guesses. New hashes use the current key; hashes made
 * under any of the older keys still verify, which lets keys rotate without invalidating what exists.
 * Thread-safe.
 */
public final class KeyedHasher {

  private static final String ALGORITHM = "HmacSHA256";

  private final HashingKey current;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(LinkedHashMap::new);

  /**
   * @param current the key that makes new hashes
   * @param older keys whose hashes must still verify; may be empty
   */
  public KeyedHasher(HashingKey current, List<HashingKey> older) {
    this.current = Objects.requireNonNull(current, "current");
    keys.put(current.id(), new SecretKeySpec(current.secret(), ALGORITHM));
    for (HashingKey key : older) {
      if (keys.putIfAbsent(key.id(), new SecretKeySpec(key.secret(), ALGORITHM)) != null) {
        throw new IllegalArgumentException("Two hashing keys share the id '" + key.id() + "'.");
      }
    }
  }

  /** The id of the key that makes new hashes. */
  public String currentKeyId() {
    return current.id();
  }

  /** The hash of {@code secret} under the current key. */
  public KeyedHash hash(CharSequence secret) {
    return new KeyedHash(current.id(), digest(current.id(), secret));
  }

  /**
   * Whether {@code candidate} is the secret behind {@code stored}, compared in constant time. A hash made
   * under a key this hasher doesn't hold never verifies.
   */
  public boolean verify(CharSequence candidate, KeyedHash stored) {
    if (!keys.containsKey(stored.keyId())) {
      return false;
    }
    return MessageDigest.isEqual(digest(stored.keyId(), candidate), stored.digest());
  }

  /**
   * The HMAC of {@code message} under the key {@code keyId}, for deriving purpose-bound keys (such as the
   * key that seals token-signing keys at rest) from a hashing key.
   *
   * @throws IllegalArgumentException when this hasher doesn't hold {@code keyId}
   */
  public KeyedHash hashUnder(String keyId, CharSequence message) {
    if (!keys.containsKey(keyId)) {
      throw new IllegalArgumentException("No hashing key has the id '" + keyId + "'.");
    }
    return new KeyedHash(keyId, digest(keyId, message));
  }

  /** Whether {@code stored} was made under an older key, so it should be rehashed when next verified. */
  public boolean isStale(KeyedHash stored) {
    return !stored.keyId().equals(current.id());
  }

  private byte[] digest(String keyId, CharSequence secret) {
    Mac mac = macs.get().computeIfAbsent(keyId, this::newMac);
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
    mac.update(bytes);
    return mac.doFinal();
  }

  private Mac newMac(String keyId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(keys.get(keyId));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
    }
  }
}
