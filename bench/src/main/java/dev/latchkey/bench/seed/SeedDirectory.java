package dev.latchkey.bench.seed;

import dev.latchkey.bench.http.SeededUsers;
import dev.latchkey.core.hashing.HashingKey;
import dev.latchkey.core.hashing.KeyedHasher;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes users with a multi-use pass each straight into Latchkey's database, a million in minutes where the
 * API would take the better part of an hour. The rows are those the server writes for
 * {@code POST /v1.0/users} and {@code POST …/temporaryAccessPassMethods} with the default pass policy
 * (passes hashed under the server's own hashing key, so the server verifies them), without the audit
 * records of those calls, which no sign-in reads. The schema must exist: start the server once on the
 * empty database so that Flyway creates it. On H2, stop the server first (its file is locked while open).
 */
@Command(name = "seed-directory", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Writes users with a multi-use Temporary Access Pass each into Latchkey's database and a file "
        + "describing them for http-load --seeded-users.")
public final class SeedDirectory implements Callable<Integer> {

  @Option(names = "--jdbc-url", required = true, description = "The server's database, e.g. "
      + "jdbc:postgresql://127.0.0.1:55432/latchkey?user=latchkey or jdbc:h2:file:DATA_DIR/latchkey.")
  String jdbcUrl;

  @Option(names = "--users", required = true, description = "How many users to write.")
  long users;

  @Option(names = "--hashing-key", required = true, description = "The server's current hashing key as ID:BASE64, "
      + "the server configured with latchkey.hashing.keys.ID=BASE64 and latchkey.hashing.current-key-id=ID.")
  String hashingKey;

  @Option(names = "--out", required = true, description = "The file to write for http-load --seeded-users.")
  Path out;

  @Option(names = "--prefix", description = "User-name prefix (default: lkseed- and 8 random hex digits).")
  String prefix;

  @Option(names = "--lifetime", defaultValue = "480", description = "Pass lifetime in minutes; at most the "
      + "policy's maximum, or the server reads the pass as expired by policy (${DEFAULT-VALUE}).")
  int lifetimeMinutes;

  @Option(names = "--chunk", defaultValue = "50000", description = "Users per transaction (${DEFAULT-VALUE}).")
  int chunk;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SeedDirectory()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] passSeed = new byte[32];
    random.nextBytes(passSeed);
    String namePrefix = prefix != null ? prefix : "lkseed-" + HexFormat.of().formatHex(random.generateSeed(4));
    SeededUsers seeded = new SeededUsers(namePrefix, users, passSeed, 8);
    KeyedHasher hasher = new KeyedHasher(parseKey(hashingKey), List.of());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    SeedRows rows = new SeedRows(seeded, hasher, now, lifetimeMinutes);

    long started = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
      connection.setAutoCommit(false);
      boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      RowWriter writer = postgres ? new PostgresCopyWriter(connection) : new BatchInsertWriter(connection);
      for (long from = 0; from < users; from += chunk) {
        long to = Math.min(users, from + chunk);
        writer.write(rows, from, to);
        connection.commit();
        System.out.printf(Locale.ROOT, "%,d users written (%.0f/s)%n", to, to / seconds(started));
      }
      double written = seconds(started);
      System.out.printf(Locale.ROOT, "wrote %,d users with a pass each in %.1f s (%.0f users/s), prefix %s%n",
          users, written, users / written, namePrefix);
      if (postgres) {
        analyze(connection);
      }
    }
    seeded.write(out);
    System.out.println("described them in " + out + " (pass for user n derived from its seed; keep it private)");
    return 0;
  }

  /** Gives the planner statistics, as a directory that grew over time would have. */
  private static void analyze(Connection connection) throws SQLException {
    long started = System.nanoTime();
    connection.setAutoCommit(true);
    try (var statement = connection.createStatement()) {
      statement.execute("analyze users, temporary_access_passes");
    }
    System.out.printf(Locale.ROOT, "analyzed users and temporary_access_passes in %.1f s%n", seconds(started));
  }

  private static HashingKey parseKey(String idAndSecret) {
    String[] parts = idAndSecret.strip().split(":", 2);
    if (parts.length != 2) {
      throw new CommandLine.ParameterException(new CommandLine(new SeedDirectory()),
          "--hashing-key is ID:BASE64, e.g. bench:$(openssl rand -base64 32).");
    }
    return new HashingKey(parts[0], Base64.getDecoder().decode(parts[1]));
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
