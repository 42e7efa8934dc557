package dev.latchkey.core.pass;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Makes new passes: uniformly random characters from an alphabet without look-alikes
 * ({@code 0 O o 1 l I} are left out), so a pass read aloud or typed from paper comes out right.
 * The 56 characters give log2(56) ≈ 5.8 bits each: an 8-character pass holds about 46 bits.
 */
public final class PassGenerator {

  /** Every character a pass can contain. */
  public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";

  private final SecureRandom random;

  public PassGenerator() {
    this(new SecureRandom());
  }

  public PassGenerator(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new pass of exactly {@code length} characters; {@code length} must be positive. */
  public String generate(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("A pass needs at least one character, not " + length + ".");
    }
    char[] pass = new char[length];
    for (int i = 0; i < length; i++) {
      pass[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(pass);
  }
}
