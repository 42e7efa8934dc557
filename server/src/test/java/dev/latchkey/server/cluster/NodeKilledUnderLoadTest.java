package dev.latchkey.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.BrowserSession.Page;
import dev.latchkey.server.support.ClusterNode;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import dev.latchkey.server.support.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node killed with {@code kill -9} in the middle of load, while the other node serves the same people:
 * no one-time pass is used twice, nothing is half written (a pass without its audit record, a used-up pass
 * without its sign-in record), and the surviving node carries on. The killed node runs in a JVM of its
 * own, so that the kill is real: no shutdown hook, no rollback, connections cut as they are.
 */
class NodeKilledUnderLoadTest {

  private static ClusterNode survivor;
  private static Process victim;
  private static int victimPort;

  @BeforeAll
  static void startNodes() throws Exception {
    String jdbcUrl = Postgres.newDatabase();
    survivor = ClusterNode.start(ClusterNode.properties("survivor", jdbcUrl, "https://latchkey.cluster.test"));
    victimPort = freePort();
    Map<String, String> settings = ClusterNode.properties("victim", jdbcUrl, "https://latchkey.cluster.test");
    settings.put("server.port", Integer.toString(victimPort));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", testClassPath(), ClusterNode.class.getName()));
    command.addAll(List.of(ClusterNode.arguments(settings)));
    Path log = Files.createDirectories(Path.of("target")).resolve("killed-node.log");
    victim = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitReady(GraphClient.anonymous(victimPort), Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopNodes() {
    if (victim != null) {
      victim.destroyForcibly();
    }
    if (survivor != null) {
      survivor.close();
    }
  }

  @Test
  void nodeWhenKilledMidLoadThenNoPassUsedTwiceNothingHalfWrittenAndTheOtherNodeCarriesOn() throws Exception {
    List<Callable<Outcome>> load = new ArrayList<>();
    List<String> signInUsers = new ArrayList<>();
    List<String> issueUsers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String upn = createUser();
      String pass = issuePass(upn);
      signInUsers.add(upn);
      BrowserSession onSurvivor = atPassPrompt(new BrowserSession(survivor.port()), upn);
      BrowserSession onVictim = atPassPrompt(new BrowserSession(victimPort), upn);
      load.add(() -> Outcome.of(true, () -> onVictim.post("/signin/pass", Map.of("pass", pass)).status()));
      load.add(() -> Outcome.of(false, () -> onSurvivor.post("/signin/pass", Map.of("pass", pass)).status()));
      String other = createUser();
      issueUsers.add(other);
      boolean viaVictim = i % 2 == 0;
      GraphClient client = viaVictim ? victimAdmin() : survivor.admin();
      load.add(() -> Outcome.of(viaVictim, () -> client.post(passesOf(other), "{\"isUsableOnce\": true}").status()));
    }

    CountDownLatch servedBeforeTheKill = new CountDownLatch(load.size() / 3);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (Callable<Outcome> call : load) {
      futures.add(workers.submit(() -> {
        try {
          return call.call();
        } finally {
          servedBeforeTheKill.countDown();
        }
      }));
    }
    assertThat(servedBeforeTheKill.await(60, TimeUnit.SECONDS)).isTrue();
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(victim.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(victim.waitFor(10, TimeUnit.SECONDS)).as("the victim died").isTrue();
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> future : futures) {
      outcomes.add(future.get());
    }
    workers.shutdown();

    assertThat(outcomes).filteredOn(outcome -> !outcome.viaVictim())
        .as("the surviving node answered every request it got").extracting(Outcome::status)
        .allMatch(status -> status == 200 || status == 201 || status == 302);
    assertThat(outcomes).filteredOn(outcome -> outcome.viaVictim() && outcome.status() < 0)
        .as("some requests to the victim were cut off").isNotEmpty();
    for (String upn : signInUsers) {
      String userId = userId(upn);
      boolean consumed = survivor.jdbc().sql("select consumed_at is not null from temporary_access_passes where user_id = :id")
          .param("id", userId).query(Boolean.class).single();
      int successes = count("select count(*) from sign_ins where succeeded and user_id = :id", userId);
      assertThat(successes).as(upn + ": one sign-in at most, and only with the pass used up").isEqualTo(consumed ? 1 : 0);
      assertThat(count("select count(*) from spring_session where principal_name = :id", userId)).isLessThanOrEqualTo(1);
    }
    for (String upn : issueUsers) {
      String userId = userId(upn);
      int passes = count("select count(*) from temporary_access_passes where user_id = :id", userId);
      int audits = count("select count(*) from directory_audits where activity_display_name = 'Admin registered security info' "
          + "and target_resources like '%' || :id || '%'", userId);
      assertThat(audits).as(upn + ": a pass is stored with its audit record or not at all").isEqualTo(passes);
    }

    String upn = createUser();
    String pass = issuePass(upn);
    assertThat(atPassPrompt(new BrowserSession(survivor.port()), upn).post("/signin/pass", Map.of("pass", pass)).status())
        .as("the survivor still signs people in").isEqualTo(302);
  }

  /** How a request ended: its status, or -1 when the connection failed (the node was gone). */
  record Outcome(boolean viaVictim, int status) {

    static Outcome of(boolean viaVictim, Callable<Integer> request) {
      try {
        return new Outcome(viaVictim, request.call());
      } catch (UncheckedIOException | IllegalStateException cutOff) {
        return new Outcome(viaVictim, -1);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static GraphClient victimAdmin;

  private static synchronized GraphClient victimAdmin() {
    if (victimAdmin == null) {
      victimAdmin = GraphClient.withClientCredentials(victimPort, ClusterNode.ADMIN_ID, ClusterNode.ADMIN_SECRET);
    }
    return victimAdmin;
  }

  private static String createUser() {
    String upn = "killed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Response created = survivor.admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "%s", "userPrincipalName": "%s"}""".formatted(upn, upn));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return upn;
  }

  private static String issuePass(String upn) {
    Response created = survivor.admin().post(passesOf(upn), "{\"isUsableOnce\": true}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("temporaryAccessPass").stringValue();
  }

  private static String passesOf(String upn) {
    return "/v1.0/users/" + upn + "/authentication/temporaryAccessPassMethods";
  }

  private static BrowserSession atPassPrompt(BrowserSession browser, String upn) {
    browser.get("/signin");
    Page next = browser.post("/signin", Map.of("username", upn));
    assertThat(next.location()).isEqualTo("/signin/pass");
    return browser;
  }

  private static String userId(String upn) {
    return survivor.jdbc().sql("select id from users where user_principal_name = :upn").param("upn", upn)
        .query(String.class).single();
  }

  private static int count(String sql, String id) {
    return survivor.jdbc().sql(sql).param("id", id).query(Integer.class).single();
  }

  /** The test class path: Surefire passes it in a property, the JVM's own may be a manifest-only jar. */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private static void awaitReady(GraphClient node, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        if (node.get("/actuator/health/readiness").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYetListening) {
        // still starting
      }
      assertThat(victim.isAlive()).as("the node process is running; see target/killed-node.log").isTrue();
      assertThat(System.nanoTime()).as("the node ready within " + patience).isLessThan(deadline);
      Thread.sleep(250);
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
