package dev.latchkey.bench.http;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Users written straight into the database by {@code seed-directory.jar}, described by a small file the
 * load harness reads ({@code --seeded-users}): user {@code n} (0 ≤ n < count) is
 * {@code <prefix>-<n>@bench.example.com}, named {@code Bench user <n>}, and holds a multi-use pass derived
 * from {@code passSeed} and the user's name. Deriving the passes rather than listing them keeps a million
 * users to a four-line file that both sides agree on.
 *
 * @param prefix the user-name prefix, such as {@code lkseed-1a2b3c4d}
 * @param count how many users there are
 * @param passSeed the secret the passes are derived from, at least 16 bytes
 * @param passLength characters per pass (the pass policy's default length is 8)
 */
public record SeededUsers(String prefix, long count, byte[] passSeed, int passLength) {

  /** Every character a pass can contain: the server's {@code PassGenerator.ALPHABET}. */
  static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";

  public SeededUsers {
    Objects.requireNonNull(prefix, "prefix");
    if (count <= 0) {
      throw new IllegalArgumentException("A seeded directory needs at least one user, not " + count + ".");
    }
    if (passSeed.length < 16) {
      throw new IllegalArgumentException("The pass seed needs at least 16 bytes, not " + passSeed.length + ".");
    }
    if (passLength < 8 || passLength > 32) {
      throw new IllegalArgumentException("A seeded pass has 8 to 32 characters, not " + passLength + ".");
    }
    passSeed = passSeed.clone();
  }

  /** The userPrincipalName of user {@code n}. */
  public String upn(long n) {
    return prefix + "-" + n + "@bench.example.com";
  }

  /** The display name of user {@code n}, as the harness's own seeding names its users. */
  public String displayName(long n) {
    return "Bench user " + n;
  }

  /**
   * The pass of user {@code n}: HMAC-SHA-256 of the user name under the seed, each byte mapped onto the
   * pass alphabet. The slight bias of the mapping doesn't matter for a benchmark's passes.
   */
  public String pass(long n) {
    byte[] digest = mac().doFinal(upn(n).getBytes(StandardCharsets.UTF_8));
    char[] pass = new char[passLength];
    for (int i = 0; i < passLength; i++) {
      pass[i] = ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length());
    }
    return new String(pass);
  }

  /** Reads the file {@link #write} made. */
  public static SeededUsers read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return new SeededUsers(required(properties, "prefix", file), Long.parseLong(required(properties, "users", file)),
        Base64.getDecoder().decode(required(properties, "pass-seed", file)),
        Integer.parseInt(required(properties, "pass-length", file)));
  }

  /** Writes this description to {@code file}, readable only by its owner (it holds the pass seed). */
  public void write(Path file) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("prefix", prefix);
    properties.setProperty("users", Long.toString(count));
    properties.setProperty("pass-seed", Base64.getEncoder().encodeToString(passSeed));
    properties.setProperty("pass-length", Integer.toString(passLength));
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "Users seeded by seed-directory.jar; read by http-load --seeded-users");
    }
    file.toFile().setReadable(false, false);
    file.toFile().setReadable(true, true);
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(passSeed, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
    }
  }

  private static String required(Properties properties, String key, Path file) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(file + " has no '" + key + "': is it a file seed-directory.jar wrote?");
    }
    return value.strip();
  }
}
