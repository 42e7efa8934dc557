package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignInAndUsageTest {

  private Cli cli;

  @BeforeEach
  void signIn() {
    cli = Cli.against(LatchkeyServer.shared());
  }

  @Test
  void whenSecretWrongThenAuthExit3WithWhatToCheck() {
    CliRun run = cli.withVariable("LATCHKEY_CLIENT_SECRET", "not-the-secret").run("user", "list");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(run.err()).isEqualTo("latchkey: The server refused the client credentials (invalid_client). Check "
        + "LATCHKEY_CLIENT_ID and LATCHKEY_CLIENT_SECRET, --client-id and --client-secret, or the config file.\n");
  }

  @Test
  void whenFlagGivenThenItWinsOverTheEnvironment() {
    CliRun run = cli.run("user", "list", "--client-secret", "not-the-secret");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
  }

  @Test
  void whenNoCredentialsAnywhereThenAuthExit3NamingTheConfigFile() {
    CliRun run = cli.withVariable("LATCHKEY_CLIENT_ID", null).withVariable("LATCHKEY_CLIENT_SECRET", null)
        .run("user", "list");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(run.err()).contains("Not signed in. Run latchkey login").contains("LATCHKEY_CLIENT_ID")
        .contains(cli.configDirectory().resolve("config").toString());
  }

  @Test
  void whenCredentialsOnlyInAnOwnerOnlyConfigFileThenUsed() throws IOException {
    Cli fromFile = withConfigFile("rw-------");

    CliRun run = fromFile.run("user", "list", "--top", "1", "-o", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json()).hasSize(1);
  }

  @Test
  void whenConfigFileReadableByOthersThenItsSecretIsRefusedExit3() throws IOException {
    Cli fromFile = withConfigFile("rw-r--r--");

    CliRun run = fromFile.run("user", "list");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(run.err()).contains("others may read or change it").contains("chmod 600");
  }

  @Test
  void whenServerUnreachableThenServerErrorExit5() {
    CliRun run = cli.run("user", "list", "--server", "http://127.0.0.1:9");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR);
    assertThat(run.err()).startsWith("latchkey: Can't reach the Latchkey server at http://127.0.0.1:9")
        .doesNotContain("\tat ");
  }

  @Test
  void whenServerIsNotAUrlThenUsageExit2() {
    CliRun run = cli.run("user", "list", "--server", "localhost");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not an http:// or https:// URL");
  }

  @Test
  void whenCommandOrOptionUnknownOrValueMissingThenUsageExit2() {
    assertThat(cli.run("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("user", "list", "--bogus").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("tap", "new").err()).contains("Missing required option: '--user=USER'");
    assertThat(cli.run("tap", "new").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("user", "list", "--output", "yaml").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("tap", "new", "--user", "a@example.com", "--lifetime", "soon").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run().exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  private Cli withConfigFile(String permissions) throws IOException {
    Cli fromFile = cli.withVariable("LATCHKEY_CLIENT_ID", null).withVariable("LATCHKEY_CLIENT_SECRET", null)
        .withVariable("LATCHKEY_SERVER", null);
    Path file = fromFile.configDirectory().resolve("config");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "server=" + LatchkeyServer.shared().url() + "\nclient-id=" + LatchkeyServer.CLIENT_ID
        + "\nclient-secret=" + LatchkeyServer.CLIENT_SECRET + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return fromFile;
  }
}
