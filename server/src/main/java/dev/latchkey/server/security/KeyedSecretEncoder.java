package dev.latchkey.server.security;

import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.core.hashing.KeyedHasher;
import java.util.Base64;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's view of the keyed hash for client secrets: {@code keyId$base64(HMAC)}. A client
 * secret is 256 random bits, so a slow password hash would add nothing but latency; a keyed hash keeps a
 * database dump useless without the server key.
 */
public final class KeyedSecretEncoder implements PasswordEncoder {

  /** Separates the hashes of several secrets that are valid at once. */
  public static final String ALTERNATIVES = ",";

  private final KeyedHasher hasher;

  public KeyedSecretEncoder(KeyedHasher hasher) {
    this.hasher = hasher;
  }

  public static String format(KeyedHash hash) {
    return hash.keyId() + "$" + Base64.getEncoder().encodeToString(hash.digest());
  }

  static KeyedHash parse(String encoded) {
    int separator = encoded == null ? -1 : encoded.indexOf('$');
    if (separator <= 0) {
      return null;
    }
    try {
      return new KeyedHash(encoded.substring(0, separator), Base64.getDecoder().decode(encoded.substring(separator + 1)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String encode(CharSequence rawSecret) {
    return format(hasher.hash(rawSecret));
  }

  /**
   * Whether the secret matches the stored hash, or any of several hashes joined by {@link #ALTERNATIVES}
   * (an application may hold more than one valid secret while it rotates them).
   */
  @Override
  public boolean matches(CharSequence rawSecret, String encodedSecret) {
    if (rawSecret == null || encodedSecret == null) {
      return false;
    }
    boolean matched = false;
    for (String alternative : encodedSecret.split(ALTERNATIVES)) {
      KeyedHash stored = parse(alternative);
      matched |= stored != null && hasher.verify(rawSecret, stored);
    }
    return matched;
  }

  @Override
  public boolean upgradeEncoding(String encodedSecret) {
    if (encodedSecret == null || encodedSecret.contains(ALTERNATIVES)) {
      return false;
    }
    KeyedHash stored = parse(encodedSecret);
    return stored != null && hasher.isStale(stored);
  }
}
