package dev.latchkey.cli.commands;

import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.output.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latchkey passkey}: the {@code *-MgUserAuthenticationFido2Method} cmdlets. */
@Command(name = "passkey", description = "List and delete a user's passkeys (FIDO2 methods).",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  latchkey passkey list --user alice@example.com",
        "  latchkey passkey remove --user alice@example.com --id yCi0..."})
public final class PasskeyCommand extends GraphCommand {

  private static final String PASSKEYS = "/authentication/fido2Methods";
  private static final List<Column> COLUMNS = List.of(Column.property("displayName"), Column.property("model"),
      Column.property("aaGuid"), Column.property("attestationLevel"), Column.property("createdDateTime"),
      Column.property("id"));

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the user's passkeys (Get-MgUserAuthenticationFido2Method).",
      footerHeading = "%nExamples:%n", footer = "  latchkey passkey list --user alice@example.com --output json")
  int list(@Option(names = "--user", required = true, paramLabel = "USER",
      description = "The user's id or userPrincipalName.") String user) {
    printer().list(graph().list(userPath(user) + PASSKEYS, 0), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Deletes a passkey (Remove-MgUserAuthenticationFido2Method); the sessions it made end.",
      footerHeading = "%nExamples:%n", footer = "  latchkey passkey remove --user alice@example.com --id yCi0...")
  int remove(
      @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or userPrincipalName.")
      String user,
      @Option(names = "--id", required = true, paramLabel = "ID", description = "The passkey's id (from passkey list).")
      String id) {
    graph().delete(userPath(user) + PASSKEYS + "/" + segment(id));
    printer().note("Deleted passkey " + id + " of " + user + ".");
    return ExitCodes.SUCCESS;
  }
}
