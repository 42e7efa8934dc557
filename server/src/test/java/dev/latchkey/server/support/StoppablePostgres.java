package dev.latchkey.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server of its own that a test can stop and start again, on the same loopback port and data
 * directory, so that clients keep their JDBC URL across the outage. Its files live under {@code target/}.
 */
public final class StoppablePostgres implements AutoCloseable {

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres server;

  private StoppablePostgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Initialises a new data directory (an empty one gets initdb) and starts the server on a free loopback port. */
  public static StoppablePostgres start() {
    try {
      Path workDir = Path.of("target", "embedded-postgres").toAbsolutePath();
      Files.createDirectories(workDir);
      StoppablePostgres postgres = new StoppablePostgres(Files.createTempDirectory(workDir, "stoppable"), freePort());
      postgres.server = postgres.launch();
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of the {@code postgres} database, valid across stops and starts. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** Stops the server (fast shutdown: open connections are cut, committed data stays). */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        server = null;
      }
    }
  }

  /** Starts the server again on the same port and data. */
  public synchronized void restart() {
    if (server == null) {
      server = launch();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private EmbeddedPostgres launch() {
    try {
      return EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(dataDir.getParent().toFile())
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start PostgreSQL in " + dataDir, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
