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
final class KeyedSecretEncoder implements PasswordEncoder {

  private final KeyedHasher hasher;

  KeyedSecretEncoder(KeyedHasher hasher) {
    this.hasher = hasher;
  }

  static String format(KeyedHash hash) {
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

  @Override
  public boolean matches(CharSequence rawSecret, String encodedSecret) {
    KeyedHash stored = parse(encodedSecret);
    return rawSecret != null && stored != null && hasher.verify(rawSecret, stored);
  }

  @Override
  public boolean upgradeEncoding(String encodedSecret) {
    KeyedHash stored = parse(encodedSecret);
    return stored != null && hasher.isStale(stored);
  }
}
