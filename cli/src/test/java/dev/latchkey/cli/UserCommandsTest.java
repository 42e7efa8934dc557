package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import dev.latchkey.cli.support.TestUsers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UserCommandsTest {

  private Cli cli;

  @BeforeEach
  void signIn() {
    cli = Cli.against(LatchkeyServer.shared());
  }

  @Test
  void userNewThenTheUserExistsEnabledWithoutPassword() {
    String upn = TestUsers.uniqueUpn("usernew");

    CliRun created = cli.run("user", "new", "--upn", upn, "--display-name", "New Person", "--mail-nickname", "newp",
        "-o", "json");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode user = created.json();
    assertThat(user.get("userPrincipalName").asString()).isEqualTo(upn);
    assertThat(user.get("accountEnabled").asBoolean()).isTrue();
    assertThat(user.get("mailNickname").asString()).isEqualTo("newp");
    CliRun methods = cli.run("method", "list", "--user", upn, "-o", "json");
    assertThat(methods.json()).isEmpty();
  }

  @Test
  void userNewWhenUpnTakenThenConflictExit1WithTheServersMessage() {
    String upn = TestUsers.create(cli, "userdup");

    CliRun again = cli.run("user", "new", "--upn", upn.toUpperCase(), "--display-name", "Again");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).isEqualTo("latchkey: Another user already has the userPrincipalName '"
        + upn.toUpperCase() + "'.\n");
  }

  @Test
  void userNewWhenUpnInvalidThenBadRequestExit1() {
    CliRun run = cli.run("user", "new", "--upn", "not-an-address", "--display-name", "Nobody");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("userPrincipalName 'not-an-address' is not valid");
  }

  @Test
  void userGetByUpnAndByIdThenTheSameUser() {
    String upn = TestUsers.create(cli, "userget");

    JsonNode byUpn = cli.run("user", "get", upn, "-o", "json").json();
    CliRun byId = cli.run("user", "get", byUpn.get("id").asString());

    assertThat(byId.exitCode()).isZero();
    assertThat(byId.out()).contains("userPrincipalName: " + upn);
  }

  @Test
  void userGetWhenUnknownThenNotFoundExit4() {
    CliRun run = cli.run("user", "get", "nobody-at-all@example.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).isEqualTo("latchkey: User 'nobody-at-all@example.com' does not exist.\n");
  }

  @Test
  void userListWithPrefixThenFollowsEveryPageInTableJsonAndCsv() {
    String prefix = TestUsers.uniqueUpn("list").replace("@example.com", "");
    List<String> upns = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      upns.add(prefix + "-" + i + "@example.com");
      assertThat(cli.run("user", "new", "--upn", upns.get(i), "--display-name", "List " + i).exitCode()).isZero();
    }

    CliRun json = cli.run("user", "list", "--upn-prefix", prefix, "--all", "-o", "json");
    CliRun firstTwo = cli.run("user", "list", "--upn-prefix", prefix, "--top", "2", "-o", "json");
    CliRun csv = cli.run("user", "list", "--upn-prefix", prefix, "-o", "csv");
    CliRun table = cli.run("user", "list", "--upn-prefix", prefix);

    assertThat(json.json()).extracting(user -> user.get("userPrincipalName").asString())
        .containsExactlyInAnyOrderElementsOf(upns);
    assertThat(firstTwo.json()).hasSize(2);
    assertThat(csv.out().lines()).hasSize(4)
        .first().isEqualTo("userPrincipalName,displayName,accountEnabled,userType,id");
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("userPrincipalName  ");
    assertThat(table.out()).contains(upns.get(0), upns.get(1), upns.get(2));
  }

  @Test
  void userListWithFilterThenOnlyMatches() {
    String upn = TestUsers.create(cli, "userfilter");

    CliRun run = cli.run("user", "list", "--filter", "userPrincipalName eq '" + upn + "'", "-o", "json");

    assertThat(run.json()).hasSize(1);
    assertThat(run.json().get(0).get("userPrincipalName").asString()).isEqualTo(upn);
  }

  @Test
  void userSetThenTheChangesShow() {
    String upn = TestUsers.create(cli, "userset");

    CliRun run = cli.run("user", "set", upn, "--display-name", "Renamed", "--enabled", "false", "-o", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json().get("displayName").asString()).isEqualTo("Renamed");
    assertThat(run.json().get("accountEnabled").asBoolean()).isFalse();
  }

  @Test
  void userSetWithoutChangesThenUsageExit2() {
    CliRun run = cli.run("user", "set", "anyone@example.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Nothing to change");
  }

  @Test
  void userRemoveThenGone() {
    String upn = TestUsers.create(cli, "userremove");

    CliRun removed = cli.run("user", "remove", upn);

    assertThat(removed.exitCode()).isZero();
    assertThat(removed.out()).isEqualTo("Deleted user " + upn + ".\n");
    assertThat(cli.run("user", "get", upn).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
