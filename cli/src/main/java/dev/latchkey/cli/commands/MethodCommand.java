package dev.latchkey.cli.commands;

import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code latchkey method}: {@code Get-MgUserAuthenticationMethod}. */
@Command(name = "method", description = "Lists a user's sign-in methods.", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n", footer = "  latchkey method list --user alice@example.com")
public final class MethodCommand extends GraphCommand {

  private static final List<Column> COLUMNS = List.of(new Column("type", MethodCommand::type), Column.property("id"),
      new Column("details", MethodCommand::details), Column.property("createdDateTime"));

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists every method of the user: password, passkeys, pass (Get-MgUserAuthenticationMethod).",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey method list --user alice@example.com",
          "  latchkey method list --user alice@example.com --output json"})
  int list(@Option(names = "--user", required = true, paramLabel = "USER",
      description = "The user's id or userPrincipalName.") String user) {
    printer().list(graph().list(userPath(user) + "/authentication/methods", 0), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  /** {@code #microsoft.graph.fido2AuthenticationMethod} reads {@code fido2}. */
  private static String type(JsonNode method) {
    String type = Json.text(method, "@odata.type");
    return type == null ? null : type.replace("#microsoft.graph.", "").replace("AuthenticationMethod", "");
  }

  private static String details(JsonNode method) {
    if (method.has("methodUsabilityReason")) {
      return Json.text(method, "methodUsabilityReason") + ", until " + Passes.validUntil(method);
    }
    return Json.text(method, "displayName");
  }
}
