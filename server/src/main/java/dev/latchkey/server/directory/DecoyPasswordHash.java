package dev.latchkey.server.directory;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A hash of a random password, made by the same encoder as real ones, that a missing password is checked
 * against so that it costs what a wrong one does. Hashing it takes a bcrypt round (about 0.1 s while the JVM
 * is still cold), so it is computed on another thread from construction on rather than on the thread that
 * starts the application; the first check that needs it waits for it.
 */
final class DecoyPasswordHash {

  private final CompletableFuture<String> hash;

  DecoyPasswordHash(PasswordEncoder passwords) {
    this.hash = CompletableFuture.supplyAsync(() -> passwords.encode(UUID.randomUUID().toString()));
  }

  /** The encoded decoy, never null; no password a person could send matches it. */
  String value() {
    return hash.join();
  }
}
