package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PolicyCommandsTest {

  private Cli cli;

  @BeforeEach
  void signIn() {
    cli = Cli.against(LatchkeyServer.shared());
  }

  @AfterEach
  void restoreDefaults() {
    assertThat(cli.run("policy", "tap", "set", "--min-lifetime", "60", "--default-lifetime", "60",
        "--max-lifetime", "480", "--length", "8", "--once", "false", "--include", "group:all_users",
        "--exclude", "none").exitCode()).isZero();
    assertThat(cli.run("policy", "fido2", "set", "--self-service", "true", "--attestation", "false",
        "--key-restriction", "off").exitCode()).isZero();
  }

  @Test
  void policyTapGetThenTheDefaults() {
    CliRun json = cli.run("policy", "tap", "get", "-o", "json");
    CliRun table = cli.run("policy", "tap", "get");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode policy = json.json();
    assertThat(policy.get("defaultLifetimeInMinutes").asInt()).isEqualTo(60);
    assertThat(policy.get("maximumLifetimeInMinutes").asInt()).isEqualTo(480);
    assertThat(table.out()).containsPattern("includeTargets: +group:all_users");
  }

  @Test
  void policyTapSetThenChangedAndNewPassesFollowIt() {
    CliRun set = cli.run("policy", "tap", "set", "--default-lifetime", "120", "--max-lifetime", "600", "--length", "12",
        "-o", "json");

    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.json().get("defaultLifetimeInMinutes").asInt()).isEqualTo(120);
    assertThat(set.json().get("maximumLifetimeInMinutes").asInt()).isEqualTo(600);
    assertThat(set.json().get("defaultLength").asInt()).isEqualTo(12);
    String upn = dev.latchkey.cli.support.TestUsers.create(cli, "policyfollower");
    JsonNode pass = cli.run("tap", "new", "--user", upn, "-o", "json").json();
    assertThat(pass.get("temporaryAccessPass").asString()).hasSize(12);
    assertThat(pass.get("lifetimeInMinutes").asInt()).isEqualTo(120);
  }

  @Test
  void policyTapSetWhenRangeInvalidThenRefusedExit1AndNothingChanges() {
    CliRun run = cli.run("policy", "tap", "set", "--min-lifetime", "500", "--max-lifetime", "100");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).startsWith("latchkey: ").doesNotContain("Exception");
    assertThat(cli.run("policy", "tap", "get", "-o", "json").json().get("minimumLifetimeInMinutes").asInt())
        .isEqualTo(60);
  }

  @Test
  void policyTapSetWithoutOptionsThenUsageExit2() {
    assertThat(cli.run("policy", "tap", "set").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void policyFido2GetAndSetThenChanged() {
    CliRun before = cli.run("policy", "fido2", "get", "-o", "json");
    CliRun set = cli.run("policy", "fido2", "set", "--self-service", "false", "--key-restriction", "block",
        "--aaguid", "cb69481e-8ff7-4039-93ec-0a2729a154a8", "-o", "json");
    CliRun table = cli.run("policy", "fido2", "get");

    assertThat(before.json().get("isSelfServiceRegistrationAllowed").asBoolean()).isTrue();
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.json().get("isSelfServiceRegistrationAllowed").asBoolean()).isFalse();
    assertThat(set.json().get("keyRestrictions").get("enforcementType").asString()).isEqualTo("block");
    assertThat(table.out()).containsPattern("keyRestrictions: +block cb69481e-8ff7-4039-93ec-0a2729a154a8");
  }
}
