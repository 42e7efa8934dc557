package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.BrowserSignIn;
import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import dev.latchkey.cli.support.TestUsers;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LogCommandsTest {

  private Cli cli;

  @BeforeEach
  void signIn() {
    cli = Cli.against(LatchkeyServer.shared());
  }

  @Test
  void auditListSinceThenShowsThePassJustIssued() {
    String upn = TestUsers.create(cli, "audited");
    cli.run("tap", "new", "--user", upn);

    CliRun json = cli.run("audit", "list", "--since", "10m", "--top", "500", "-o", "json");
    CliRun table = cli.run("audit", "list", "--since", "10m");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json()).anySatisfy(entry -> {
      assertThat(entry.get("activityDisplayName").asString()).isEqualTo("Admin registered security info");
      assertThat(entry.get("targetResources").get(0).get("userPrincipalName").asString()).isEqualTo(upn);
    });
    assertThat(table.out()).contains("Admin registered security info");
  }

  @Test
  void auditListSinceTheFutureThenEmpty() {
    CliRun run = cli.run("audit", "list", "--since", Instant.now().plusSeconds(3600).toString(), "-o", "json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.json()).isEmpty();
  }

  @Test
  void auditListWhenSinceIsNeitherAgeNorTimeThenUsageExit2() {
    CliRun run = cli.run("audit", "list", "--since", "yesterday");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("neither an age such as 30m");
  }

  @Test
  void signinsListForUserThenShowsTheFailedAttempt() {
    String upn = TestUsers.create(cli, "signer");
    BrowserSignIn.withPass(LatchkeyServer.shared(), upn, "WrongPass");

    CliRun json = cli.run("signins", "list", "--user", upn, "--since", "1h", "-o", "json");
    CliRun table = cli.run("signins", "list", "--user", upn);

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json()).hasSize(1);
    JsonNode attempt = json.json().get(0);
    assertThat(attempt.get("userPrincipalName").asString()).isEqualTo(upn);
    assertThat(attempt.get("status").get("errorCode").asInt()).isNotZero();
    assertThat(table.out()).contains(upn).contains("failure: ");
  }
}
