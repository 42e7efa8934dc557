package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import dev.latchkey.cli.support.TestUsers;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupCommandsTest {

  private Cli cli;

  @BeforeEach
  void signIn() {
    cli = Cli.against(LatchkeyServer.shared());
  }

  @Test
  void groupNewAndListThenTheGroupIsListed() {
    String name = "Wave " + UUID.randomUUID();

    CliRun created = cli.run("group", "new", "--display-name", name, "--description", "December", "-o", "json");
    CliRun listed = cli.run("group", "list", "--filter", "displayName eq '" + name + "'", "-o", "json");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.json().get("description").asString()).isEqualTo("December");
    assertThat(listed.json()).hasSize(1);
    assertThat(listed.json().get(0).get("id").asString()).isEqualTo(created.json().get("id").asString());
    assertThat(cli.run("group", "list").out()).contains(name);
  }

  @Test
  void addMemberByGroupNameThenMemberAndAddingTwiceIsAConflict() {
    String name = "Wave " + UUID.randomUUID();
    cli.run("group", "new", "--display-name", name);
    String upn = TestUsers.create(cli, "member");

    CliRun added = cli.run("group", "add-member", "--group", name, "--user", upn);
    CliRun members = cli.run("group", "members", "--group", name, "-o", "json");
    CliRun twice = cli.run("group", "add-member", "--group", name, "--user", upn);

    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(members.json()).extracting(user -> user.get("userPrincipalName").asString()).containsExactly(upn);
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(twice.err()).contains("is already a member of group");
  }

  @Test
  void removeMemberByGroupIdThenNoLongerMember() {
    String id = cli.run("group", "new", "--display-name", "Wave " + UUID.randomUUID(), "-o", "json").json()
        .get("id").asString();
    String upn = TestUsers.create(cli, "leaver");
    cli.run("group", "add-member", "--group", id, "--user", upn);

    CliRun removed = cli.run("group", "remove-member", "--group", id, "--user", upn);

    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    assertThat(cli.run("group", "members", "--group", id, "-o", "json").json()).isEmpty();
    assertThat(cli.run("group", "remove-member", "--group", id, "--user", upn).exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void addMemberWhenGroupNameUnknownThenNotFoundExit4() {
    CliRun run = cli.run("group", "add-member", "--group", "No such group " + UUID.randomUUID(), "--user", "x@example.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).contains("No group is named");
  }
}
