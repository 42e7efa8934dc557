package dev.latchkey.cli.commands;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code latchkey user}: {@code New-MgUser}, {@code Get-MgUser}, {@code Update-MgUser}, {@code Remove-MgUser}. */
@Command(name = "user", description = "Create, read, change and delete users.", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  latchkey user new --upn alice@example.com --display-name \"Alice Example\"",
        "  latchkey user list --upn-prefix alice",
        "  latchkey user set alice@example.com --enabled false"})
public final class UserCommand extends GraphCommand {

  static final List<Column> COLUMNS = List.of(Column.property("userPrincipalName"), Column.property("displayName"),
      Column.property("accountEnabled"), Column.property("userType"), Column.property("id"));

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Creates a user without a password (New-MgUser); issue a pass with `tap new` next.",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey user new --upn alice@example.com --display-name \"Alice Example\"",
          "  latchkey user new --upn guest@partner.example --display-name Guest --user-type Guest --disabled"})
  int create(
      @Option(names = "--upn", required = true, paramLabel = "UPN", description = "The userPrincipalName, e.g. alice@example.com.")
      String upn,
      @Option(names = "--display-name", required = true, paramLabel = "NAME") String displayName,
      @Option(names = "--mail-nickname", paramLabel = "NICKNAME") String mailNickname,
      @Option(names = "--user-type", paramLabel = "TYPE", description = "Member (default) or Guest.") String userType,
      @Option(names = "--disabled", description = "Create the account disabled.") boolean disabled) {
    ObjectNode body = Json.object().put("accountEnabled", !disabled).put("displayName", displayName)
        .put("userPrincipalName", upn);
    putIfGiven(body, "mailNickname", mailNickname);
    putIfGiven(body, "userType", userType);
    printer().entity(graph().post("/users", body), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Shows one user (Get-MgUser -UserId).",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey user get alice@example.com", "  latchkey user get 9da695a8-... --output json"})
  int get(@Parameters(paramLabel = "USER", description = "The user's id or userPrincipalName.") String user) {
    printer().entity(graph().get(userPath(user)), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists users (Get-MgUser), 100 unless --top or --all says otherwise.",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey user list", "  latchkey user list --upn-prefix alice --output csv",
          "  latchkey user list --filter \"displayName eq 'Alice Example'\" --all"})
  int list(
      @Option(names = "--upn-prefix", paramLabel = "PREFIX", description = "Only users whose userPrincipalName starts so.")
      String prefix,
      @Option(names = "--filter", paramLabel = "ODATA",
          description = "An OData $filter on userPrincipalName, displayName or id with eq or startswith.")
      String filter,
      @Option(names = "--top", paramLabel = "N", defaultValue = "100", description = "At most N users (default 100).")
      int top,
      @Option(names = "--all", description = "Every user, page after page.") boolean all) {
    requirePositive(top);
    if (prefix != null && filter != null) {
      throw new CliFailure(ExitCodes.USAGE, "Give --upn-prefix or --filter, not both.");
    }
    String odata = prefix == null ? filter : "startswith(userPrincipalName,'" + prefix.replace("'", "''") + "')";
    int limit = all ? 0 : top;
    String query = "?$top=" + (limit == 0 ? 999 : Math.min(limit, 999))
        + (odata == null ? "" : "&$filter=" + GraphClient.query(odata));
    printer().list(graph().list("/users" + query, limit), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Changes a user (Update-MgUser) and shows the result.",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey user set alice@example.com --display-name \"Alice Smith\"",
          "  latchkey user set alice@example.com --enabled false"})
  int set(
      @Parameters(paramLabel = "USER", description = "The user's id or userPrincipalName.") String user,
      @Option(names = "--upn", paramLabel = "UPN", description = "A new userPrincipalName.") String upn,
      @Option(names = "--display-name", paramLabel = "NAME") String displayName,
      @Option(names = "--mail-nickname", paramLabel = "NICKNAME") String mailNickname,
      @Option(names = "--user-type", paramLabel = "TYPE", description = "Member or Guest.") String userType,
      @Option(names = "--enabled", paramLabel = "true|false", arity = "1") Boolean enabled) {
    ObjectNode body = Json.object();
    putIfGiven(body, "userPrincipalName", upn);
    putIfGiven(body, "displayName", displayName);
    putIfGiven(body, "mailNickname", mailNickname);
    putIfGiven(body, "userType", userType);
    if (enabled != null) {
      body.put("accountEnabled", enabled);
    }
    if (body.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, "Nothing to change: give --display-name, --upn, --mail-nickname, "
          + "--user-type or --enabled.");
    }
    graph().patch(userPath(user), body);
    printer().entity(graph().get(userPath(upn != null ? upn : user)), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Deletes a user (Remove-MgUser), with their passes and passkeys.",
      footerHeading = "%nExamples:%n", footer = "  latchkey user remove alice@example.com")
  int remove(@Parameters(paramLabel = "USER", description = "The user's id or userPrincipalName.") String user) {
    graph().delete(userPath(user));
    printer().note("Deleted user " + user + ".");
    return ExitCodes.SUCCESS;
  }

  private static void putIfGiven(ObjectNode body, String property, String value) {
    if (value != null) {
      body.put(property, value);
    }
  }
}
