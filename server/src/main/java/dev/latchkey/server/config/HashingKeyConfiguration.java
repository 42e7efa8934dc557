package dev.latchkey.server.config;

import dev.latchkey.core.hashing.HashingKey;
import dev.latchkey.core.hashing.KeyedHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's hashing keys: from configuration when given (every node of a cluster must share them),
 * otherwise from {@code <data-dir>/hashing-key}, created on first start readable by its owner only. The
 * database never holds a hashing key.
 */
@Configuration(proxyBeanMethods = false)
class HashingKeyConfiguration {

  static final String KEY_FILE = "hashing-key";
  private static final Logger log = LoggerFactory.getLogger(HashingKeyConfiguration.class);

  @Bean
  KeyedHasher keyedHasher(LatchkeyProperties properties) {
    LatchkeyProperties.Hashing hashing = properties.hashing();
    if (hashing.keys().isEmpty()) {
      return new KeyedHasher(keyFromDataDir(properties.dataDir()), List.of());
    }
    return fromConfiguration(hashing);
  }

  private static KeyedHasher fromConfiguration(LatchkeyProperties.Hashing hashing) {
    String currentId = hashing.currentKeyId();
    if (currentId == null && hashing.keys().size() == 1) {
      currentId = hashing.keys().keySet().iterator().next();
    }
    if (currentId == null || !hashing.keys().containsKey(currentId)) {
      throw new IllegalStateException("latchkey.hashing.current-key-id must name one of the keys under "
          + "latchkey.hashing.keys " + hashing.keys().keySet() + ".");
    }
    HashingKey current = null;
    List<HashingKey> older = new ArrayList<>();
    for (Map.Entry<String, String> entry : hashing.keys().entrySet()) {
      HashingKey key = new HashingKey(entry.getKey(), decode(entry.getKey(), entry.getValue()));
      if (entry.getKey().equals(currentId)) {
        current = key;
      } else {
        older.add(key);
      }
    }
    return new KeyedHasher(current, older);
  }

  private static byte[] decode(String id, String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("latchkey.hashing.keys." + id + " is not base64; generate one with "
          + "'openssl rand -base64 32'.");
    }
  }

  private static HashingKey keyFromDataDir(Path dataDir) {
    Path file = dataDir.resolve(KEY_FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        createKeyFile(file);
      }
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(":", 2);
      if (parts.length != 2) {
        throw new IllegalStateException(file + " is damaged: it should hold one line 'keyId:base64secret'.");
      }
      return new HashingKey(parts[0], Base64.getDecoder().decode(parts[1]));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create the hashing key " + file, e);
    }
  }

  private static void createKeyFile(Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String line = "k1:" + Base64.getEncoder().encodeToString(secret) + "\n";
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      return;
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    log.info("Created the hashing key {} (owner-only). Back it up with the database: without it, no "
        + "existing pass or client secret verifies.", file.toAbsolutePath());
  }
}
