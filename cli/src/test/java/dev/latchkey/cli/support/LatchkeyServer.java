package dev.latchkey.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Latchkey server for the CLI's tests: the packaged server jar run as a child process on a free
 * loopback port, with a data directory of its own and a known bootstrap client. One is shared by every
 * test class of the run (starting one costs seconds) and is stopped when the tests end.
 */
public final class LatchkeyServer implements AutoCloseable {

  public static final String CLIENT_ID = "cli-test-admin";
  public static final String CLIENT_SECRET = "cli-test-admin-secret-that-is-long-enough-0123456789";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static LatchkeyServer shared;

  private final Process process;
  private final int port;
  private final Path log;

  private LatchkeyServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The server of this test run, started on first use. */
  public static synchronized LatchkeyServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** {@code http://127.0.0.1:<port>}, the address the tests call. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code http://localhost:<port>}, the server's configured public base URL. */
  public String baseUrl() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static LatchkeyServer start() {
    Path jar = Path.of(System.getProperty("latchkey.server.jar", "../server/target/latchkey-server-0.1.0-SNAPSHOT.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No server jar at " + jar.toAbsolutePath()
          + ": build it first (mvn -pl cli -am verify packages the server before the CLI's tests).");
    }
    try {
      int port = freePort();
      Path dataDir = Files.createTempDirectory("latchkey-cli-test");
      Path log = Path.of("target", "latchkey-server-" + port + ".log").toAbsolutePath();
      Files.createDirectories(log.getParent());
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // the quick JIT tier and the serial collector halved the server's start on a loaded 2-core machine
          "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString(),
          "--server.port=" + port, "--server.address=127.0.0.1",
          "--latchkey.data-dir=" + dataDir, "--latchkey.base-url=http://localhost:" + port,
          "--latchkey.bootstrap.client-id=" + CLIENT_ID, "--latchkey.bootstrap.client-secret=" + CLIENT_SECRET);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      LatchkeyServer server = new LatchkeyServer(process, port, log);
      server.awaitHealthy();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
        .timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pause();
    }
    close();
    throw new IllegalStateException("The server did not become healthy within " + START_TIMEOUT + "; see " + log);
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
