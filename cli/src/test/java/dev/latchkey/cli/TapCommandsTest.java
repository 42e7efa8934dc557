package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import dev.latchkey.cli.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TapCommandsTest {

  private Cli cli;

  @BeforeEach
  void signIn() {
    cli = Cli.against(LatchkeyServer.shared());
  }

  @Test
  void tapNewWhenUserExistsThenPrintsThePassOnceWithItsSignInUrl() {
    String upn = TestUsers.create(cli, "tapnew");

    CliRun run = cli.run("tap", "new", "--user", upn, "--once", "--lifetime", "120");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("temporaryAccessPass: +[A-Za-z0-9]{8}\\n")
        .contains("signInUrl:", LatchkeyServer.shared().baseUrl() + "/signin")
        .containsPattern("isUsableOnce: +true");
    assertThat(run.err()).contains("shown this once only");
  }

  @Test
  void tapNewWithJsonOutputThenTheGraphEntityWithTheRequestedTerms() {
    String upn = TestUsers.create(cli, "tapjson");
    Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);

    CliRun run = cli.run("tap", "new", "--user", upn, "--lifetime", "90", "--start", start.toString(),
        "--output", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode pass = run.json();
    assertThat(pass.get("@odata.type").asString()).isEqualTo("#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    assertThat(pass.get("temporaryAccessPass").asString()).hasSize(8);
    assertThat(pass.get("lifetimeInMinutes").asInt()).isEqualTo(90);
    assertThat(Instant.parse(pass.get("startDateTime").asString())).isEqualTo(start);
    assertThat(pass.get("isUsableOnce").asBoolean()).isFalse();
    assertThat(pass.get("methodUsabilityReason").asString()).isEqualTo("NotYetValid");
    assertThat(pass.has("@odata.context")).isFalse();
  }

  @Test
  void tapNewWhenUserHoldsAUsablePassThenRefusedWithTheServersMessageAndExit1() {
    String upn = TestUsers.create(cli, "tapconflict");
    assertThat(cli.run("tap", "new", "--user", upn).exitCode()).isZero();

    CliRun second = cli.run("tap", "new", "--user", upn);

    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(second.err()).startsWith("latchkey: User '" + upn + "' already has a Temporary Access Pass")
        .contains("--replace").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(second.out()).isEmpty();
  }

  @Test
  void tapNewWithReplaceWhenUserHoldsAUsablePassThenDeletesItAndIssuesANewOne() {
    String upn = TestUsers.create(cli, "tapreplace");
    String first = cli.run("tap", "new", "--user", upn, "-o", "json").json().get("id").asString();

    CliRun replaced = cli.run("tap", "new", "--user", upn, "--replace", "-o", "json");

    assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
    assertThat(replaced.err()).contains("Deleted the existing pass " + first);
    String second = replaced.json().get("id").asString();
    JsonNode passes = cli.run("tap", "get", "--user", upn, "-o", "json").json();
    assertThat(passes).hasSize(1);
    assertThat(passes.get(0).get("id").asString()).isEqualTo(second).isNotEqualTo(first);
  }

  @Test
  void tapNewWhenLifetimeOutsideThePolicyThenTheServersReasonAndExit1() {
    String upn = TestUsers.create(cli, "taplifetime");

    CliRun run = cli.run("tap", "new", "--user", upn, "--lifetime", "5000");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("Invalid LifetimeInMinutes specified. The valid range between 60 and 480.");
  }

  @Test
  void tapNewWhenUserUnknownThenNotFoundExit4() {
    CliRun run = cli.run("tap", "new", "--user", TestUsers.uniqueUpn("ghost"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).contains("does not exist");
  }

  @Test
  void tapNewWhenStartIsNotATimeThenUsageExit2() {
    CliRun run = cli.run("tap", "new", "--user", "someone@example.com", "--start", "tomorrow");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'tomorrow' is not a time such as 2026-12-01T08:00Z");
  }

  @Test
  void tapGetThenListsThePassWithoutItsSecretAndGetByIdReadsOne() {
    String upn = TestUsers.create(cli, "tapget");
    String id = cli.run("tap", "new", "--user", upn, "-o", "json").json().get("id").asString();

    CliRun list = cli.run("tap", "get", "--user", upn, "-o", "json");
    CliRun one = cli.run("tap", "get", "--user", upn, "--id", id, "-o", "json");
    CliRun table = cli.run("tap", "get", "--user", upn);

    assertThat(list.json()).hasSize(1);
    assertThat(list.json().get(0).get("temporaryAccessPass").isNull()).isTrue();
    assertThat(one.json().get("id").asString()).isEqualTo(id);
    assertThat(one.json().get("isUsable").asBoolean()).isTrue();
    assertThat(table.out()).contains(id).contains("EnabledByPolicy");
  }

  @Test
  void tapRemoveThenThePassIsGoneAndRemovingItAgainIsNotFound() {
    String upn = TestUsers.create(cli, "tapremove");
    String id = cli.run("tap", "new", "--user", upn, "-o", "json").json().get("id").asString();

    CliRun removed = cli.run("tap", "remove", "--user", upn, "--id", id);
    CliRun again = cli.run("tap", "remove", "--user", upn, "--id", id);

    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    assertThat(removed.out()).contains("Deleted pass " + id);
    assertThat(cli.run("tap", "get", "--user", upn, "-o", "json").json()).isEmpty();
    assertThat(again.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
