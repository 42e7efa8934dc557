package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.support.Cli;
import dev.latchkey.cli.support.CliRun;
import dev.latchkey.cli.support.LatchkeyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpAndCompletionTest {

  private final Cli cli = Cli.against(LatchkeyServer.shared());

  @Test
  void helpOfEveryCommandThenExit0WithExamples() {
    List<List<String>> commands = new ArrayList<>();
    collect(Latchkey.commandLine(new Environment(Map.of(), new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), false)), new ArrayList<>(), commands);

    assertThat(commands).hasSizeGreaterThan(25);
    // picocli reports a help text it can't format (a lone % in an example) on the process's stderr.
    ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
    try {
      for (List<String> command : commands) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        CliRun help = cli.run(args.toArray(String[]::new));
        assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
        assertThat(help.out()).as(String.join(" ", args)).contains("Usage: latchkey").contains("Examples:");
      }
    } finally {
      System.setErr(stderr);
    }
    assertThat(picocliWarnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }

  @Test
  void topLevelHelpThenListsTheExitCodes() {
    CliRun help = cli.run("--help");

    assertThat(help.out()).contains("Exit codes:").contains("3   authentication").contains("onboard");
  }

  @Test
  void completionBashThenAScriptThatCompletesEveryCommand() {
    CliRun run = cli.run("completion", "bash");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F").contains("tap").contains("onboard").contains("--replace");
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    into.add(path);
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      List<String> subPath = new ArrayList<>(path);
      subPath.add(sub.getKey());
      collect(sub.getValue(), subPath, into);
    }
  }
}
