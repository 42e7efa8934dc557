package dev.latchkey.cli.commands;

import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code latchkey signins list}: {@code Get-MgAuditLogSignIn}. */
@Command(name = "signins", description = "Reads the sign-in log.", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n", footer = {"  latchkey signins list --user alice@example.com --since 7d"})
public final class SignInsCommand extends GraphCommand {

  private static final List<Column> COLUMNS = List.of(Column.property("createdDateTime"),
      Column.property("userPrincipalName"), new Column("method", SignInsCommand::method),
      new Column("result", SignInsCommand::result), Column.property("ipAddress"));

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists sign-in attempts, newest first, with their true outcome (Get-MgAuditLogSignIn).",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey signins list", "  latchkey signins list --user alice@example.com --since 7d",
          "  latchkey signins list --since 1h --output csv"})
  int list(
      @Option(names = "--user", paramLabel = "UPN", description = "Only this userPrincipalName's sign-ins.") String user,
      @Option(names = "--since", paramLabel = "WHEN", converter = Times.SinceConverter.class,
          description = "Only attempts from then on: an age (30m, 12h, 7d) or a time (2026-12-01T08:00Z).")
      Instant since,
      @Option(names = "--top", paramLabel = "N", defaultValue = "50", description = "At most N attempts (default 50).")
      int top) {
    requirePositive(top);
    String query = user == null ? AuditCommand.query(top, "createdDateTime", since)
        : AuditCommand.query(top, "createdDateTime", since, "userPrincipalName eq '" + user.replace("'", "''") + "'");
    printer().list(graph().list("/auditLogs/signIns" + query, top), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  private static String method(JsonNode signIn) {
    JsonNode steps = signIn.path("authenticationDetails");
    return steps.isEmpty() ? null : Json.text(steps.get(0), "authenticationMethod");
  }

  private static String result(JsonNode signIn) {
    String reason = Json.text(signIn.path("status"), "failureReason");
    String code = Json.text(signIn.path("status"), "errorCode");
    return "0".equals(code) || code == null ? "success" : "failure: " + reason;
  }
}
