package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.http.ClientCredentials;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.support.BrowserSignIn;
import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.DeviceApproval;
import dev.latchkey.cli.support.LatchkeyServer;
import dev.latchkey.cli.support.TestUsers;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code latchkey login} and {@code latchkey logout} against a real server: the device grant approved (or
 * refused) on the server's own pages as a person would, then commands that act as that person.
 */
class LoginTest {

  private static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
  private static final Pattern CODE = Pattern.compile("Code: ([A-Z]{4}-[A-Z]{4})");
  private static final Pattern TERMINAL_CODE = Pattern.compile("\n    ([A-Z]{4}-[A-Z]{4})\n");

  private final LatchkeyServer server = LatchkeyServer.shared();
  private final Cli admin = Cli.against(server);
  private Cli person;

  @BeforeEach
  void withoutClientCredentials() {
    person = Cli.against(server).withVariable("LATCHKEY_CLIENT_ID", null).withVariable("LATCHKEY_CLIENT_SECRET", null);
  }

  @Test
  void loginWhenApprovedThenOwnerOnlyLoginAndCommandsActAsThatPerson() throws IOException {
    String upn = newPerson("login-admin", true);

    CliRun login = login(upn, true);

    assertThat(login.exitCode()).as(login.toString()).isZero();
    assertThat(login.err()).contains("Verification URL: " + server.baseUrl() + "/device\n")
        .containsPattern("Code: [A-Z]{4}-[A-Z]{4}\n");
    assertThat(login.out()).startsWith("Signed in to " + server.url() + " as " + upn + ".\n");
    Path file = loginFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    assertThat(stored().getProperty("user")).isEqualTo(upn);
    assertThat(stored().getProperty("server")).isEqualTo(server.url());

    String made = TestUsers.uniqueUpn("made-by-a-person");
    CliRun created = person.run("user", "new", "--upn", made, "--display-name", "Made by a person");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode entry = auditEntryFor(made);
    assertThat(entry.path("initiatedBy").path("user").path("userPrincipalName").asString()).isEqualTo(upn);
  }

  @Test
  void refreshTokensRotateAndEachIsWrittenBackThenReplayingAnOldOneEndsTheLogin() throws Exception {
    String upn = newPerson("rotation", true);
    assertThat(login(upn, true).exitCode()).isZero();
    String first = stored().getProperty("refresh-token");

    CliRun one = person.run("user", "list", "--top", "1", "-o", "json");
    String second = stored().getProperty("refresh-token");
    CliRun two = person.run("user", "get", upn, "-o", "json");
    String third = stored().getProperty("refresh-token");

    assertThat(one.exitCode()).as(one.toString()).isZero();
    assertThat(two.exitCode()).as(two.toString()).isZero();
    assertThat(two.json().get("userPrincipalName").asString()).isEqualTo(upn);
    assertThat(second).isNotEqualTo(first);
    assertThat(third).isNotEqualTo(second).isNotEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loginFile()))).isEqualTo("rw-------");
    try (var files = Files.list(loginFile().getParent())) {
      assertThat(files.map(path -> path.getFileName().toString())).as("no temporary files left")
          .containsExactlyInAnyOrder("login", "login.lock");
    }

    assertThat(refresh(first)).as("a replaced refresh token is refused").isEqualTo(400);
    CliRun ended = person.run("user", "list");

    assertThat(ended.exitCode()).as(ended.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(ended.err()).contains("has ended").contains("Run latchkey login");
  }

  @Test
  void personWithoutRolesIsRefusedExit3ButClientCredentialsStillWinOverTheLogin() {
    String upn = newPerson("no-roles", false);
    assertThat(login(upn, true).exitCode()).isZero();

    CliRun reads = person.run("user", "get", upn, "-o", "json");
    CliRun refused = person.run("audit", "list");
    CliRun asClient = person.withVariable("LATCHKEY_CLIENT_ID", LatchkeyServer.CLIENT_ID)
        .withVariable("LATCHKEY_CLIENT_SECRET", LatchkeyServer.CLIENT_SECRET).run("audit", "list", "--top", "1");

    assertThat(reads.exitCode()).as("anyone may read the directory: " + reads).isZero();
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(refused.err()).startsWith("latchkey: ").contains("role").doesNotContain("\tat ");
    assertThat(asClient.exitCode()).as(asClient.toString()).isZero();
  }

  @Test
  void loginOnATerminalWhenRefusedThenExit3AndNothingStored() {
    String upn = newPerson("refuses", false);
    person = person.onTerminal();

    CliRun refused = login(upn, false, TERMINAL_CODE);

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(refused.err()).contains("open this page in a browser").contains("\n    " + server.baseUrl() + "/device\n")
        .contains("sign in there with your Temporary Access Pass or passkey")
        .contains("latchkey: The sign-in was refused on the device page; nothing was stored.");
    assertThat(loginFile()).doesNotExist();
  }

  @Test
  void logoutDeletesTheLoginThenCommandsAskForALogin() {
    String upn = newPerson("logout", true);
    assertThat(login(upn, true).exitCode()).isZero();
    String refreshToken = dev.latchkey.cli.config.StoredLogin.read(loginFile()).orElseThrow().refreshToken();

    CliRun logout = person.run("logout");

    assertThat(logout.exitCode()).as(logout.toString()).isZero();
    assertThat(logout.out()).startsWith("Signed out of " + server.url() + " (" + upn + "): deleted " + loginFile())
        .contains("The server revoked the login");
    assertThat(new dev.latchkey.cli.http.DeviceGrant(dev.latchkey.cli.http.GraphClient.httpClient(),
        java.net.URI.create(server.url())).refresh(refreshToken)).as("the revoked token is refused").isNull();
    assertThat(loginFile()).doesNotExist();
    CliRun after = person.run("user", "list");
    assertThat(after.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(after.err()).contains("Not signed in. Run latchkey login");
    assertThat(person.run("logout").out()).startsWith("Not signed in: there is no login at ");
  }

  @Test
  void loginWhenAnotherServerIsNamedThenRefusedExit3NamingBoth() throws IOException {
    Files.createDirectories(loginFile().getParent());
    Files.writeString(loginFile(), "server=http://127.0.0.1:9\nrefresh-token=whatever\n");
    Files.setPosixFilePermissions(loginFile(), PosixFilePermissions.fromString("rw-------"));

    CliRun run = person.run("user", "list");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(run.err()).contains("Signed in to http://127.0.0.1:9, not to " + server.url());
  }

  @Test
  void loginFileReadableByOthersThenRefusedExit3() throws IOException {
    Files.createDirectories(loginFile().getParent());
    Files.writeString(loginFile(), "server=" + server.url() + "\nrefresh-token=whatever\n");
    Files.setPosixFilePermissions(loginFile(), PosixFilePermissions.fromString("rw-r--r--"));

    CliRun run = person.run("user", "list");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(run.err()).contains("others may read or change it").contains("chmod 600");
  }

  /** Runs {@code latchkey login} and answers the device page as {@code upn}, signed in with a new pass. */
  private CliRun login(String upn, boolean allow) {
    return login(upn, allow, CODE);
  }

  private CliRun login(String upn, boolean allow, Pattern code) {
    String pass = admin.run("tap", "new", "--user", upn, "-o", "json").json().get("temporaryAccessPass").asString();
    Cli.Running login = person.start("login");
    String userCode = login.awaitErr(code, Duration.ofSeconds(30));
    HttpClient browser = BrowserSignIn.signedIn(server, upn, pass);
    assertThat(DeviceApproval.answer(browser, server, userCode, allow))
        .endsWith(allow ? "/device?approved" : "/device?denied");
    return login.await(Duration.ofSeconds(60));
  }

  /** A new user; with the Global Administrator role when {@code globalAdministrator}. */
  private String newPerson(String name, boolean globalAdministrator) {
    String upn = TestUsers.create(admin, name);
    if (globalAdministrator) {
      String id = admin.run("user", "get", upn, "-o", "json").json().get("id").asString();
      ObjectNode assignment = Json.object().put("roleDefinitionId", GLOBAL_ADMINISTRATOR).put("principalId", id)
          .put("directoryScopeId", "/");
      bootstrapGraph().post("/roleManagement/directory/roleAssignments", assignment);
    }
    return upn;
  }

  private GraphClient bootstrapGraph() {
    HttpClient http = GraphClient.httpClient();
    URI url = URI.create(server.url());
    return new GraphClient(url, new ClientCredentials(http, url, LatchkeyServer.CLIENT_ID,
        LatchkeyServer.CLIENT_SECRET), http);
  }

  private JsonNode auditEntryFor(String target) {
    for (JsonNode entry : admin.run("audit", "list", "--top", "50", "-o", "json").json()) {
      for (JsonNode resource : entry.path("targetResources")) {
        if (target.equals(resource.path("userPrincipalName").asString(""))) {
          return entry;
        }
      }
    }
    throw new AssertionError("No audit entry names " + target);
  }

  /** Presents {@code refreshToken} to the token endpoint as the CLI would; returns the status. */
  private int refresh(String refreshToken) throws IOException, InterruptedException {
    String form = "grant_type=refresh_token&client_id=latchkey-cli&refresh_token="
        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(server.url() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private Path loginFile() {
    return person.configDirectory().resolve("login");
  }

  private Properties stored() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(loginFile())));
    return properties;
  }
}
