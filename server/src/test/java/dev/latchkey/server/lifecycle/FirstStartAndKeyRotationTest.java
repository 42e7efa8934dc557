package dev.latchkey.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.server.LatchkeyApplication;
import dev.latchkey.server.security.ApiClients;
import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The server as an operator runs it: embedded H2 in files under a data directory, started, stopped and
 * started again.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartAndKeyRotationTest {

  private static final Pattern PRINTED = Pattern.compile("client id:\\s+(\\S+)\\s+client secret:\\s+(\\S+)");
  private static final Pattern ADMIN = Pattern.compile("sign in at:\\s+(\\S+)\\s+username:\\s+(\\S+)\\s+pass:\\s+(\\S+)");

  @TempDir
  Path dataDir;

  @Test
  void firstStartWhenNothingConfiguredThenBootstrapClientPrintedOnceAndKeyFileOwnerOnly(CapturedOutput output)
      throws Exception {
    String clientId;
    String secret;
    String pass;
    try (ConfigurableApplicationContext server = start(Map.of())) {
      Matcher printed = PRINTED.matcher(output.getOut());
      assertThat(printed.find()).as("the bootstrap credentials are printed").isTrue();
      clientId = printed.group(1);
      secret = printed.group(2);
      assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
      GraphClient admin = GraphClient.withClientCredentials(port(server), clientId, secret);
      admin.post("/v1.0/users", "{\"accountEnabled\": true, \"displayName\": \"A\", \"userPrincipalName\": \"a@example.com\"}");
      Response created = admin.post("/v1.0/users/a@example.com/authentication/temporaryAccessPassMethods", "{}");
      assertThat(created.status()).isEqualTo(201);
      pass = created.json().get("temporaryAccessPass").stringValue();

      Path keyFile = dataDir.resolve("hashing-key");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      String[] key = Files.readString(keyFile).trim().split(":");
      byte[] keyBytes = Base64.getDecoder().decode(key[1]);
      JdbcClient jdbc = server.getBean(JdbcClient.class);
      byte[] stored = jdbc.sql("select pass_hash from temporary_access_passes p join users u on u.id = p.user_id "
          + "where u.upn_key = 'a@example.com'").query(byte[].class).single();
      assertThat(stored).as("the stored hash is HMAC-SHA-256 of the pass under the file's key")
          .isEqualTo(hmac(keyBytes, pass));
      String dump = String.join("\n", jdbc.sql("script nodata").query(String.class).list())
          + String.join("\n", jdbc.sql("script").query(String.class).list());
      assertThat(dump).doesNotContain(pass).doesNotContain(secret).doesNotContain(key[1])
          .doesNotContainIgnoringCase(HexFormat.of().formatHex(keyBytes));
    }
    int printedBefore = countMatches(output.getOut());
    assertThat(ADMIN.matcher(output.getOut()).results().count()).as("the first administrator is printed once").isEqualTo(1);

    try (ConfigurableApplicationContext again = start(Map.of())) {
      assertThat(countMatches(output.getOut())).as("the second start prints nothing new").isEqualTo(printedBefore);
      assertThat(ADMIN.matcher(output.getOut()).results().count()).as("and creates no second administrator").isEqualTo(1);
      GraphClient admin = GraphClient.withClientCredentials(port(again), clientId, secret);
      Response list = admin.get("/v1.0/users/a@example.com/authentication/temporaryAccessPassMethods");
      assertThat(list.json().at("/value/0/isUsable").booleanValue()).as("tokens and passes survive a restart").isTrue();
    }
  }

  @Test
  void firstStartWhenDirectoryEmptyThenFirstAdministratorsPrintedPassSignsInOnce(CapturedOutput output) {
    try (ConfigurableApplicationContext server = start(Map.of())) {
      Matcher admin = ADMIN.matcher(output.getOut());
      assertThat(admin.find()).as("the first administrator and their pass are printed").isTrue();
      assertThat(admin.group(1)).as("built from latchkey.base-url").startsWith("http://localhost:").endsWith("/");
      String username = admin.group(2);
      String pass = admin.group(3);

      BrowserSession.Page first = new BrowserSession(port(server)).signInWithPass(username, pass);
      BrowserSession.Page second = new BrowserSession(port(server)).signInWithPass(username, pass);

      assertThat(first.status()).isEqualTo(302);
      assertThat(first.location()).isEqualTo("/security-info");
      assertThat(second.status()).as("the printed pass is one-time").isEqualTo(200);
      Integer passwords = server.getBean(JdbcClient.class)
          .sql("select count(*) from users where password_hash is not null").query(Integer.class).single();
      assertThat(passwords).as("the administrator has no password").isZero();
      String role = server.getBean(JdbcClient.class).sql("select r.role_definition_id from role_assignments r "
          + "join users u on u.id = r.principal_id where u.upn_key = :upn").param("upn", username)
          .query(String.class).single();
      assertThat(role).as("the administrator is a Global Administrator").isEqualTo("62e90394-69f5-4237-9190-012177145e10");
    }
  }

  @Test
  void startWhenBaseUrlIsPlainHttpBeyondLocalhostThenRefusedWithTheReason() {
    assertThatThrownBy(() -> start(Map.of("latchkey.base-url", "http://id.example.com")).close())
        .hasStackTraceContaining("use https");
  }

  @Test
  void rotateHashingKeyWhenOldKeyKeptForVerificationThenSecretsStillWorkAndAreRehashed() throws Exception {
    String k1 = Base64.getEncoder().encodeToString("k1-secret-k1-secret-k1-secret-k1".getBytes());
    String k2 = Base64.getEncoder().encodeToString("k2-secret-k2-secret-k2-secret-k2".getBytes());
    ApiClients.Registered client;
    try (ConfigurableApplicationContext server = start(Map.of("latchkey.hashing.keys.k1", k1))) {
      client = server.getBean(ApiClients.class).register("rotating", List.of(Permissions.USER_READ_ALL));
      assertThat(token(server, client).status()).isEqualTo(200);
    }

    Map<String, Object> both = new HashMap<>();
    both.put("latchkey.hashing.keys.k1", k1);
    both.put("latchkey.hashing.keys.k2", k2);
    both.put("latchkey.hashing.current-key-id", "k2");
    try (ConfigurableApplicationContext server = start(both)) {
      assertThat(token(server, client).status()).as("a secret hashed under k1 verifies").isEqualTo(200);
      String keyId = server.getBean(JdbcClient.class).sql("select secret_key_id from api_clients where client_id = :id")
          .param("id", client.clientId()).query(String.class).single();
      assertThat(keyId).as("verified secrets are rehashed under the current key").isEqualTo("k2");
    }

    try (ConfigurableApplicationContext server = start(Map.of("latchkey.hashing.keys.k2", k2))) {
      assertThat(token(server, client).status()).as("k1 can be retired after rehashing").isEqualTo(200);
    }
  }

  private ConfigurableApplicationContext start(Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>(extra);
    properties.put("server.port", "0");
    properties.put("server.address", "127.0.0.1");
    properties.put("latchkey.data-dir", dataDir.toString());
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(LatchkeyApplication.class).run(args);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static Response token(ConfigurableApplicationContext server, ApiClients.Registered client) {
    return GraphClient.anonymous(port(server)).token(client.clientId(), client.clientSecret(), null);
  }

  private static int countMatches(String text) {
    Matcher matcher = PRINTED.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static byte[] hmac(byte[] key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
