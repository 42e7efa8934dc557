package dev.latchkey.cli.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import dev.latchkey.cli.support.TestUsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Onboards 1,000 people with bad rows mixed in, then runs the same file again. The tests run in order:
 * the second run checks what the first left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardCommandTest {

  private static final int PEOPLE = 1000;

  @TempDir
  static Path directory;
  private Cli cli;
  private Path users;
  private String prefix;
  private String holder;
  private String holderPassId;
  private String existing;

  @BeforeAll
  void writeTheInput() throws IOException {
    cli = Cli.against(LatchkeyServer.shared());
    prefix = "ob-" + UUID.randomUUID().toString().substring(0, 8);
    holder = TestUsers.create(cli, "holder");
    holderPassId = cli.run("tap", "new", "--user", holder, "-o", "json").json().get("id").asString();
    existing = TestUsers.create(cli, "existing");
    List<String> lines = new ArrayList<>();
    lines.add("userPrincipalName,displayName,mailNickname,department");
    for (int i = 0; i < PEOPLE; i++) {
      lines.add(prefix + "-" + i + "@example.com,Person " + i + ",p" + i + ",Sales");
    }
    lines.add("\"" + prefix + "-quoted@example.com\",\"Builder, Bob\",,Sales");
    lines.add(holder + ",Holder,,Sales");
    lines.add(existing + ",Existing,,Sales");
    lines.add("bad@@example.com,Bad Address,,Sales");
    lines.add(prefix + "-5@example.com,Person 5 again,,Sales");
    lines.add(prefix + "-nodisplay@example.com,,,Sales");
    lines.add(",No Address,,Sales");
    lines.add(prefix + "-short@example.com,Too Short");
    users = directory.resolve("users.csv");
    Files.write(users, lines);
  }

  @Test
  @Order(1)
  void onboardThenIssuesPassesToEveryGoodRowAndReportsEveryBadOneWithItsReason() throws IOException {
    Path out = directory.resolve("passes.csv");
    Path qr = directory.resolve("qr");

    CliRun run = cli.run("onboard", users.toString(), "--out", out.toString(), "--qr-dir", qr.toString(),
        "--parallel", "8");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Map<Integer, List<String>> byLine = byLine(out);
    assertThat(byLine).hasSize(PEOPLE + 8);
    assertThat(statuses(byLine)).containsEntry("created", (long) PEOPLE + 1).containsEntry("issued", 1L)
        .containsEntry("skipped", 1L).containsEntry("failed", 5L);
    for (int i = 0; i < PEOPLE; i++) {
      List<String> row = byLine.get(i + 2);
      assertThat(row.get(0)).isEqualTo(prefix + "-" + i + "@example.com");
      assertThat(row.get(1)).matches("[A-Za-z0-9]{8}");
      assertThat(Duration.between(Instant.parse(row.get(2)), Instant.parse(row.get(3)))).isEqualTo(Duration.ofHours(1));
      assertThat(row.get(4)).isEqualTo(LatchkeyServer.shared().baseUrl() + "/signin");
    }
    assertThat(byLine.get(PEOPLE + 4).get(5)).isEqualTo("issued");
    assertThat(byLine.get(PEOPLE + 3)).satisfies(row -> {
      assertThat(row.get(1)).isEmpty();
      assertThat(row.get(5)).isEqualTo("skipped");
      assertThat(row.get(6)).contains("already has a Temporary Access Pass");
    });
    assertThat(byLine.get(PEOPLE + 5).get(6)).contains("userPrincipalName 'bad@@example.com' is not valid");
    assertThat(byLine.get(PEOPLE + 6).get(6)).isEqualTo("duplicate: line 7 has the same userPrincipalName");
    assertThat(byLine.get(PEOPLE + 7).get(6)).isEqualTo("missing displayName");
    assertThat(byLine.get(PEOPLE + 8).get(6)).isEqualTo("missing userPrincipalName");
    assertThat(byLine.get(PEOPLE + 9).get(6)).isEqualTo("the row has 2 fields where the header has 4");
    assertThat(run.out()).contains("Onboarded " + (PEOPLE + 8) + " rows").contains(PEOPLE + 2 + " passes issued")
        .contains("1 skipped, 5 failed").contains("duplicate: line 7 has the same userPrincipalName");
    assertThat(run.err()).contains("Ignoring the column(s) department.").doesNotContain("ETA");
    assertThat(Files.list(qr).count()).isEqualTo(PEOPLE + 2);
    Path png = qr.resolve(prefix + "-0@example.com.png");
    assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(Files.getPosixFilePermissions(png)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    JsonNode quoted = cli.run("user", "get", prefix + "-quoted@example.com", "-o", "json").json();
    assertThat(quoted.get("displayName").asString()).isEqualTo("Builder, Bob");
    assertThat(cli.run("user", "get", prefix + "-7@example.com", "-o", "json").json().get("mailNickname").asString())
        .isEqualTo("p7");
  }

  @Test
  @Order(2)
  void onboardAgainWithTheSameFileThenReplacesNothingAndSkipsEveryoneWhoHoldsAPass() throws IOException {
    Path out = directory.resolve("passes-again.csv");
    String passOfPerson3 = cli.run("tap", "get", "--user", prefix + "-3@example.com", "-o", "json").json()
        .get(0).get("id").asString();

    CliRun run = cli.run("onboard", users.toString(), "--out", out.toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    JsonNode summary = run.json();
    assertThat(summary.get("skipped").asInt()).isEqualTo(PEOPLE + 3);
    assertThat(summary.get("created").asInt() + summary.get("issued").asInt()).isZero();
    assertThat(summary.get("failed").asInt()).isEqualTo(5);
    Map<Integer, List<String>> again = byLine(out);
    assertThat(again).hasSize(PEOPLE + 8);
    assertThat(again.values()).allSatisfy(row -> assertThat(row.get(1)).isEmpty());
    assertThat(cli.run("tap", "get", "--user", prefix + "-3@example.com", "-o", "json").json().get(0).get("id")
        .asString()).isEqualTo(passOfPerson3);
    assertThat(cli.run("tap", "get", "--user", holder, "-o", "json").json().get(0).get("id").asString())
        .isEqualTo(holderPassId);
  }

  @Test
  @Order(3)
  void onboardWhenTheOutputFileExistsThenRefusedExit2AndTheFileIsUntouched() throws IOException {
    Path out = directory.resolve("passes.csv");
    byte[] before = Files.readAllBytes(out);

    CliRun run = cli.run("onboard", users.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("already exists and may hold passes that can't be shown again");
    assertThat(Files.readAllBytes(out)).isEqualTo(before);
  }

  @Test
  @Order(4)
  void onboardWhenTheHeaderLacksARequiredColumnThenUsageExit2AndNoOutputFile() throws IOException {
    Path input = directory.resolve("no-display-name.csv");
    Files.writeString(input, "userPrincipalName,department\nx@example.com,Sales\n");
    Path out = directory.resolve("never.csv");

    CliRun run = cli.run("onboard", input.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("has no displayName column");
    assertThat(out).doesNotExist();
  }

  /** The output rows by the input line they came from. */
  private static Map<Integer, List<String>> byLine(Path out) throws IOException {
    CsvReader csv = new CsvReader(new BufferedReader(new StringReader(Files.readString(out))));
    assertThat(csv.next().fields()).isEqualTo(PassesFile.HEADER);
    Map<Integer, List<String>> rows = new HashMap<>();
    for (CsvReader.Record record = csv.next(); record != null; record = csv.next()) {
      assertThat(rows.put(Integer.parseInt(record.fields().get(7)), record.fields())).isNull();
    }
    return rows;
  }

  private static Map<String, Long> statuses(Map<Integer, List<String>> rows) {
    return rows.values().stream().collect(Collectors.groupingBy(row -> row.get(5), Collectors.counting()));
  }
}
