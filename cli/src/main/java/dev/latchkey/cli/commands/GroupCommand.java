package dev.latchkey.cli.commands;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code latchkey group}: {@code New-MgGroup}, {@code Get-MgGroup} and the member cmdlets. */
@Command(name = "group", description = "Create and list groups, and manage their members.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  latchkey group new --display-name \"Onboarding wave 1\"",
        "  latchkey group add-member --group \"Onboarding wave 1\" --user alice@example.com"})
public final class GroupCommand extends GraphCommand {

  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
  private static final List<Column> COLUMNS = List.of(Column.property("displayName"), Column.property("description"),
      Column.property("id"), Column.property("createdDateTime"));

  @Command(name = "new", mixinStandardHelpOptions = true, description = "Creates a security group (New-MgGroup).",
      footerHeading = "%nExamples:%n",
      footer = "  latchkey group new --display-name \"Onboarding wave 1\" --description \"Starts in December\"")
  int create(
      @Option(names = "--display-name", required = true, paramLabel = "NAME") String displayName,
      @Option(names = "--description", paramLabel = "TEXT") String description) {
    ObjectNode body = Json.object().put("displayName", displayName);
    if (description != null) {
      body.put("description", description);
    }
    printer().entity(graph().post("/groups", body), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every group (Get-MgGroup -All).",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey group list", "  latchkey group list --filter \"startswith(displayName,'Onboarding')\""})
  int list(@Option(names = "--filter", paramLabel = "ODATA",
      description = "An OData $filter on displayName or id with eq or startswith.") String filter) {
    String query = "?$top=999" + (filter == null ? "" : "&$filter=" + GraphClient.query(filter));
    printer().list(graph().list("/groups" + query, 0), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "members", mixinStandardHelpOptions = true, description = "Lists a group's members (Get-MgGroupMember -All).",
      footerHeading = "%nExamples:%n", footer = "  latchkey group members --group \"Onboarding wave 1\"")
  int members(@Option(names = "--group", required = true, paramLabel = "GROUP",
      description = "The group's id or display name.") String group) {
    printer().list(graph().list("/groups/" + groupId(group) + "/members?$top=999", 0), UserCommand.COLUMNS);
    return ExitCodes.SUCCESS;
  }

  @Command(name = "add-member", mixinStandardHelpOptions = true,
      description = "Adds a user to a group (New-MgGroupMember).",
      footerHeading = "%nExamples:%n",
      footer = "  latchkey group add-member --group \"Onboarding wave 1\" --user alice@example.com")
  int addMember(
      @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group's id or display name.")
      String group,
      @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or userPrincipalName.")
      String user) {
    String groupId = groupId(group);
    String userId = Json.text(graph().get(userPath(user)), "id");
    ObjectNode reference = Json.object().put("@odata.id",
        GraphClient.root(graph().server()) + "/v1.0/directoryObjects/" + userId);
    graph().send("POST", "/groups/" + groupId + "/members/$ref", reference).orThrow();
    printer().note("Added " + user + " to group " + group + ".");
    return ExitCodes.SUCCESS;
  }

  @Command(name = "remove-member", mixinStandardHelpOptions = true,
      description = "Removes a user from a group (Remove-MgGroupMemberByRef).",
      footerHeading = "%nExamples:%n",
      footer = "  latchkey group remove-member --group \"Onboarding wave 1\" --user alice@example.com")
  int removeMember(
      @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group's id or display name.")
      String group,
      @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or userPrincipalName.")
      String user) {
    String groupId = groupId(group);
    String userId = Json.text(graph().get(userPath(user)), "id");
    graph().delete("/groups/" + groupId + "/members/" + segment(userId) + "/$ref");
    printer().note("Removed " + user + " from group " + group + ".");
    return ExitCodes.SUCCESS;
  }

  /** A group named by its id is used as is; one named by its display name must be the only one so named. */
  private String groupId(String group) {
    if (GUID.matcher(group).matches()) {
      return group;
    }
    List<JsonNode> named = graph().list("/groups?$top=2&$filter="
        + GraphClient.query("displayName eq '" + group.replace("'", "''") + "'"), 2);
    if (named.isEmpty()) {
      throw new CliFailure(ExitCodes.NOT_FOUND, "No group is named '" + group + "'.");
    }
    if (named.size() > 1) {
      throw new CliFailure(ExitCodes.USAGE, "More than one group is named '" + group + "': give its id "
          + "(latchkey group list).");
    }
    return Json.text(named.get(0), "id");
  }
}
