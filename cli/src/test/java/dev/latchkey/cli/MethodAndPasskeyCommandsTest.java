package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import dev.latchkey.cli.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MethodAndPasskeyCommandsTest {

  private Cli cli;

  @BeforeEach
  void signIn() {
    cli = Cli.against(LatchkeyServer.shared());
  }

  @Test
  void methodListWhenUserHoldsAPassThenListsItWithItsType() {
    String upn = TestUsers.create(cli, "methods");
    String passId = cli.run("tap", "new", "--user", upn, "-o", "json").json().get("id").asString();

    CliRun json = cli.run("method", "list", "--user", upn, "-o", "json");
    CliRun table = cli.run("method", "list", "--user", upn);

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json()).hasSize(1);
    assertThat(json.json().get(0).get("@odata.type").asString())
        .isEqualTo("#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    assertThat(table.out()).contains("temporaryAccessPass  " + passId).contains("EnabledByPolicy, until ");
  }

  @Test
  void passkeyListWhenUserHasNoneThenEmpty() {
    String upn = TestUsers.create(cli, "nopasskey");

    CliRun json = cli.run("passkey", "list", "--user", upn, "-o", "json");
    CliRun table = cli.run("passkey", "list", "--user", upn);

    assertThat(json.exitCode()).isZero();
    assertThat(json.json()).isEmpty();
    assertThat(table.out()).contains("displayName").contains("(none)");
  }

  @Test
  void passkeyRemoveWhenNoSuchPasskeyThenNotFoundExit4() {
    String upn = TestUsers.create(cli, "passkeyremove");

    CliRun run = cli.run("passkey", "remove", "--user", upn, "--id", "bm8tc3VjaC1rZXk");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).startsWith("latchkey: ");
  }

  @Test
  void methodListWhenUserUnknownThenNotFoundExit4() {
    assertThat(cli.run("method", "list", "--user", "ghost@example.com").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
