package dev.latchkey.cli.commands;

import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code latchkey audit list}: {@code Get-MgAuditLogDirectoryAudit}. */
@Command(name = "audit", description = "Reads the audit log.", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n", footer = {"  latchkey audit list --since 24h"})
public final class AuditCommand extends GraphCommand {

  private static final List<Column> COLUMNS = List.of(Column.property("activityDateTime"),
      Column.property("activityDisplayName"), Column.property("result"),
      new Column("initiatedBy", AuditCommand::initiatedBy), new Column("targets", AuditCommand::targets));

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists audit entries, newest first (Get-MgAuditLogDirectoryAudit).",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey audit list", "  latchkey audit list --since 2h",
          "  latchkey audit list --since 2026-12-01T00:00Z --top 1000 --output json"})
  int list(
      @Option(names = "--since", paramLabel = "WHEN", converter = Times.SinceConverter.class,
          description = "Only entries from then on: an age (30m, 12h, 7d) or a time (2026-12-01T08:00Z).")
      Instant since,
      @Option(names = "--top", paramLabel = "N", defaultValue = "50", description = "At most N entries (default 50).")
      int top) {
    requirePositive(top);
    printer().list(graph().list("/auditLogs/directoryAudits" + query(top, "activityDateTime", since), top), COLUMNS);
    return ExitCodes.SUCCESS;
  }

  /** {@code ?$top=N[&$filter=<clause> and <clause>...]}, the time clause first when there is one. */
  static String query(int top, String timeProperty, Instant since, String... clauses) {
    List<String> filter = new ArrayList<>();
    if (since != null) {
      filter.add(timeProperty + " ge " + since);
    }
    filter.addAll(List.of(clauses));
    String query = "?$top=" + Math.min(top, 999);
    return filter.isEmpty() ? query : query + "&$filter=" + GraphClient.query(String.join(" and ", filter));
  }

  private static String initiatedBy(JsonNode entry) {
    JsonNode by = entry.path("initiatedBy");
    String user = Json.text(by.path("user"), "userPrincipalName");
    return user != null ? user : Json.text(by.path("app"), "displayName");
  }

  private static String targets(JsonNode entry) {
    List<String> targets = new ArrayList<>();
    for (JsonNode target : entry.path("targetResources")) {
      String name = Json.text(target, "userPrincipalName");
      targets.add(name != null ? name : Json.text(target, "displayName"));
    }
    return String.join(", ", targets);
  }
}
