package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.security.ApiClients;
import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.latchkey.server.support.BrowserSession;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * With every logger of the server and its frameworks at TRACE, a whole issue-and-read cycle, sign-ins with
 * the pass (right and wrong), a password (set, right, wrong, changed), and a client registration with a
 * token request leave neither the pass, the password nor the client secret in the log output: the console,
 * and the log file.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.file.name=target/secrets-never-logged-test.log")
class SecretsNeverLoggedTest extends GraphApiSuite {

  private static final List<String> LOGGERS = List.of("org.springframework", "dev.latchkey", "org.apache",
      "com.zaxxer", "org.flywaydb");

  @Autowired
  LoggingSystem logging;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:secrets-never-logged;DB_CLOSE_DELAY=-1");
  }

  private static final String PASSWORD = "Logged-password-4812";
  private static final String NEW_PASSWORD = "Changed-password-9377";

  private BrowserSession.Page signInWithPassword(String upn, String password) {
    BrowserSession browser = browser();
    browser.get("/signin");
    browser.post("/signin", Map.of("username", upn));
    browser.get("/signin/password");
    return browser.post("/signin/password", Map.of("password", password));
  }

  @Test
  void issueAndReadCycleWhenEverythingLogsAtTraceThenNoPassOrSecretInTheOutput(CapturedOutput output)
      throws IOException {
    Path logFile = Path.of(System.getProperty("LOG_FILE"));
    long fileBefore = Files.exists(logFile) ? Files.size(logFile) : 0;
    LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.TRACE));
    String pass;
    ApiClients.Registered client;
    try {
      String upn = newUpn("logged");
      createUser(upn);
      Response created = admin().post(passesOf(upn), "{\"isUsableOnce\": false}");
      assertThat(created.status()).isEqualTo(201);
      pass = created.json().get("temporaryAccessPass").stringValue();
      String id = created.json().get("id").stringValue();
      assertThat(admin().get(passesOf(upn)).status()).isEqualTo(200);
      assertThat(admin().get(passesOf(upn) + "/" + id).status()).isEqualTo(200);
      assertThat(admin().get("/v1.0/users/" + upn + "/authentication/methods").status()).isEqualTo(200);
      assertThat(admin().get("/v1.0/auditLogs/directoryAudits").status()).isEqualTo(200);
      client = apiClients.register("logged client", List.of(Permissions.USER_READ_ALL));
      GraphClient app = GraphClient.withClientCredentials(port, client.clientId(), client.clientSecret());
      assertThat(app.get("/v1.0/users").status()).isEqualTo(200);
      assertThat(browser().signInWithPass(upn, pass).status()).as("signed in with the pass").isEqualTo(302);
      assertThat(browser().signInWithPass(upn, pass + "x").status()).as("a wrong pass").isEqualTo(200);
      assertThat(admin().delete(passesOf(upn) + "/" + id).status()).isEqualTo(204);
      String withPassword = newUpn("loggedpw");
      assertThat(admin().post("/v1.0/users", """
          {"accountEnabled": true, "displayName": "Logged", "userPrincipalName": "%s",
           "passwordProfile": {"password": "%s"}}""".formatted(withPassword, PASSWORD)).status()).isEqualTo(201);
      assertThat(signInWithPassword(withPassword, PASSWORD).location()).isEqualTo("/security-info");
      assertThat(signInWithPassword(withPassword, PASSWORD + "x").status()).as("a wrong password").isEqualTo(200);
      assertThat(admin().patch("/v1.0/users/" + withPassword, "{\"passwordProfile\": {\"password\": \"" + NEW_PASSWORD
          + "\"}}").status()).isEqualTo(204);
    } finally {
      LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }

    byte[] file = Files.readAllBytes(logFile);
    String fileLog = new String(file, (int) fileBefore, file.length - (int) fileBefore, StandardCharsets.UTF_8);
    for (String log : List.of(output.getAll(), fileLog)) {
      assertThat(log).as("the frameworks really logged the requests").contains("temporaryAccessPassMethods");
      assertThat(log.length()).isGreaterThan(10_000);
      assertThat(log).doesNotContain(pass);
      assertThat(log).doesNotContain(PASSWORD).doesNotContain(NEW_PASSWORD);
      assertThat(log).doesNotContain(client.clientSecret());
      assertThat(log).doesNotContain(ADMIN_SECRET);
    }
  }
}
