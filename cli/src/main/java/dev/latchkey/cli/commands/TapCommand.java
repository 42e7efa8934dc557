package dev.latchkey.cli.commands;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.http.GraphResponse;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.Column;
import dev.latchkey.cli.output.OutputFormat;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code latchkey tap}: the {@code *-MgUserAuthenticationTemporaryAccessPassMethod} cmdlets. */
@Command(name = "tap", description = "Issue, read and delete Temporary Access Passes.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  latchkey tap new --user alice@example.com --once --lifetime 120",
        "  latchkey tap get --user alice@example.com",
        "  latchkey tap remove --user alice@example.com --id 1bc3..."})
public final class TapCommand extends GraphCommand {

  private static final String PASSES = "/authentication/temporaryAccessPassMethods";

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = {"Issues a pass (New-MgUserAuthenticationTemporaryAccessPassMethod). The pass is shown "
          + "this once only.", "A user holds one pass: while it is usable a new one is refused (exit 1) "
          + "unless --replace deletes it first."},
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey tap new --user alice@example.com",
          "  latchkey tap new --user alice@example.com --once --lifetime 120",
          "  latchkey tap new --user alice@example.com --start 2026-12-01T08:00Z --lifetime 480",
          "  latchkey tap new --user alice@example.com --replace --output json"})
  int create(
      @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or userPrincipalName.")
      String user,
      @Option(names = "--once", description = "A one-time pass, used up by its first sign-in.") boolean once,
      @Option(names = "--lifetime", paramLabel = "MINUTES",
          description = "How long the pass works, within the policy's range (default: the policy's).")
      Integer lifetime,
      @Option(names = "--start", paramLabel = "TIME", converter = Times.InstantConverter.class,
          description = "When the pass starts to work, e.g. 2026-12-01T08:00Z (default: now).")
      Instant start,
      @Option(names = "--replace", description = "Delete the user's current pass first, if there is one.")
      boolean replace) {
    if (replace) {
      for (JsonNode existing : graph().list(userPath(user) + PASSES, 0)) {
        graph().delete(userPath(user) + PASSES + "/" + Json.text(existing, "id"));
        root().environment().err().println("Deleted the existing pass " + Json.text(existing, "id") + " ("
            + Json.text(existing, "methodUsabilityReason") + ").");
      }
    }
    ObjectNode body = Json.object();
    if (once) {
      body.put("isUsableOnce", true);
    }
    if (lifetime != null) {
      body.put("lifetimeInMinutes", lifetime);
    }
    if (start != null) {
      body.put("startDateTime", start.toString());
    }
    GraphResponse response = graph().send("POST", userPath(user) + PASSES, body);
    if (response.status() == 409) {
      throw new CliFailure(ExitCodes.FAILED, response.errorMessage() + " Or run this again with --replace.");
    }
    JsonNode created = response.orThrow().body();
    String signInUrl = Passes.signInUrl(created, graph());
    printer().entity(created, List.of(new Column("user", pass -> user), Column.property("temporaryAccessPass"),
        Column.property("startDateTime"), new Column("endDateTime", Passes::validUntil),
        Column.property("isUsableOnce"), Column.property("isUsable"), Column.property("methodUsabilityReason"),
        new Column("signInUrl", pass -> signInUrl), Column.property("id")));
    if (printer().format() == OutputFormat.TABLE) {
      root().environment().err().println("The pass is shown this once only: hand it over now.");
    }
    return ExitCodes.SUCCESS;
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Shows the user's pass, or the one with --id (Get-MgUserAuthenticationTemporaryAccessPassMethod). "
          + "The pass itself can never be read again.",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey tap get --user alice@example.com",
          "  latchkey tap get --user alice@example.com --id 1bc3... --output json"})
  int get(
      @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or userPrincipalName.")
      String user,
      @Option(names = "--id", paramLabel = "ID", description = "The pass's id.") String id) {
    if (id == null) {
      printer().list(graph().list(userPath(user) + PASSES, 0), Passes.COLUMNS);
    } else {
      printer().entity(graph().get(userPath(user) + PASSES + "/" + segment(id)), Passes.COLUMNS);
    }
    return ExitCodes.SUCCESS;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Deletes a pass (Remove-MgUserAuthenticationTemporaryAccessPassMethod); sessions made with "
          + "it end.",
      footerHeading = "%nExamples:%n",
      footer = {"  latchkey tap remove --user alice@example.com --id 1bc3..."})
  int remove(
      @Option(names = "--user", required = true, paramLabel = "USER", description = "The user's id or userPrincipalName.")
      String user,
      @Option(names = "--id", required = true, paramLabel = "ID", description = "The pass's id.") String id) {
    graph().delete(userPath(user) + PASSES + "/" + segment(id));
    printer().note("Deleted pass " + id + " of " + user + ".");
    return ExitCodes.SUCCESS;
  }
}
