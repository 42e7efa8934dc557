package dev.latchkey.cli.commands;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.Latchkey;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.output.Printer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that calls the Graph API shares: the client and the printer of the whole run. */
public abstract class GraphCommand {

  @Spec
  protected CommandSpec spec;

  /** The run's root command, holding the options that apply to every command. */
  protected Latchkey root() {
    return (Latchkey) spec.root().userObject();
  }

  protected GraphClient graph() {
    return root().graph();
  }

  protected Printer printer() {
    return root().printer();
  }

  /** {@code /users/{user}} with the id or userPrincipalName percent-encoded. */
  protected static String userPath(String user) {
    return "/users/" + GraphClient.segment(user);
  }

  /** Refuses a {@code --top} below 1. */
  protected static void requirePositive(int top) {
    if (top < 1) {
      throw new CliFailure(ExitCodes.USAGE, "--top must be 1 or more, not " + top + ".");
    }
  }

  /** One path segment, percent-encoded. */
  protected static String segment(String value) {
    return GraphClient.segment(value);
  }
}
