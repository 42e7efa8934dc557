package dev.latchkey.cli.onboard;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.Environment;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.commands.GraphCommand;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.Json;
import dev.latchkey.cli.output.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code latchkey onboard}: creates the users of a CSV file that don't exist and issues each a pass. */
@Command(name = "onboard", mixinStandardHelpOptions = true,
    description = {"Onboards a CSV of people: creates the users that don't exist yet, issues each a Temporary "
        + "Access Pass, and writes the passes to a new CSV readable by you only.",
        "",
        "Input: UTF-8 CSV with a header line. Columns (any order, names ignoring case): userPrincipalName "
            + "(required), displayName (required), mailNickname (optional); other columns are ignored.",
        "Output columns: userPrincipalName, temporaryAccessPass, validFrom, validUntil, signInUrl, status "
            + "(created, issued, skipped, failed), message, line.",
        "",
        "Safe to run again with the same input: a user who already holds a pass that is neither used up nor "
            + "expired is reported as skipped, never replaced (use `tap new --replace` for that). Bad rows (a "
            + "missing field, a duplicate, an address the server refuses) are reported with the reason and "
            + "the others go on; the exit code is then 1."},
    footerHeading = "%nExamples:%n",
    footer = {"  latchkey onboard users.csv --out passes.csv",
        "  latchkey onboard users.csv --out passes.csv --qr-dir qr --once --lifetime 480",
        "  latchkey onboard users.csv --out passes-$(date +%%F).csv --parallel 16 --output json",
        "",
        "users.csv:",
        "  userPrincipalName,displayName,mailNickname",
        "  alice@example.com,Alice Example,alice",
        "  bob@example.com,\"Builder, Bob\","})
public final class OnboardCommand extends GraphCommand implements Callable<Integer> {

  private static final int LISTED = 20;

  @Parameters(paramLabel = "USERS.csv", description = "The people to onboard.")
  private Path input;

  @Option(names = "--out", required = true, paramLabel = "PASSES.csv",
      description = "Where to write the passes: a new file, created with mode 600; never overwritten.")
  private Path output;

  @Option(names = "--qr-dir", paramLabel = "DIR",
      description = "Also write <userPrincipalName>.png per user: a QR code of the sign-in URL (not of the pass).")
  private Path qrDirectory;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
      description = "Requests in flight at once, 1..64 (default 8).")
  private int parallel;

  @Option(names = "--once", description = "Issue one-time passes.")
  private boolean once;

  @Option(names = "--lifetime", paramLabel = "MINUTES", description = "The passes' lifetime (default: the policy's).")
  private Integer lifetime;

  @Override
  public Integer call() throws IOException {
    if (parallel < 1 || parallel > 64) {
      throw new CliFailure(ExitCodes.USAGE, "--parallel must be 1..64, not " + parallel + ".");
    }
    InputFile.Contents contents = InputFile.read(input);
    Environment environment = root().environment();
    if (!contents.ignoredColumns().isEmpty()) {
      environment.err().println("Ignoring the column(s) " + String.join(", ", contents.ignoredColumns()) + ".");
    }
    GraphClient graph = graph();
    graph.signIn();
    QrCodes qrCodes = qrDirectory == null ? null : QrCodes.in(qrDirectory);
    List<RowResult> results;
    long nanos;
    try (PassesFile out = PassesFile.create(output);
        ProgressBar progress = ProgressBar.start(environment.err(), contents.rows().size(), environment.terminal())) {
      results = new Onboarding(graph, passRequest(), out, qrCodes).run(contents.rows(), parallel, progress);
      nanos = progress.elapsed().toNanos();
    }
    report(results, nanos / 1e9);
    return results.stream().anyMatch(result -> result.status() == RowResult.Status.FAILED)
        ? ExitCodes.FAILED : ExitCodes.SUCCESS;
  }

  private ObjectNode passRequest() {
    ObjectNode request = Json.object();
    if (once) {
      request.put("isUsableOnce", true);
    }
    if (lifetime != null) {
      request.put("lifetimeInMinutes", lifetime);
    }
    return request;
  }

  private void report(List<RowResult> results, double seconds) {
    Map<RowResult.Status, Long> counts = results.stream()
        .collect(Collectors.groupingBy(RowResult::status, Collectors.counting()));
    Function<RowResult.Status, Long> count = status -> counts.getOrDefault(status, 0L);
    if (printer().format() == OutputFormat.TABLE) {
      PrintWriter out = root().environment().out();
      out.printf(Locale.ROOT, "Onboarded %d rows in %.1f s (%.0f rows/s): %d passes issued (%d to new users), %d skipped, "
              + "%d failed.%n", results.size(), seconds, results.size() / Math.max(seconds, 0.001),
          count.apply(RowResult.Status.CREATED) + count.apply(RowResult.Status.ISSUED),
          count.apply(RowResult.Status.CREATED), count.apply(RowResult.Status.SKIPPED),
          count.apply(RowResult.Status.FAILED));
      out.println("Passes: " + output + " (readable by you only)" + (qrDirectory == null ? "" : "; QR codes: "
          + qrDirectory));
      list(out, "Skipped (they already hold a pass):", results, RowResult.Status.SKIPPED);
      list(out, "Failed:", results, RowResult.Status.FAILED);
      return;
    }
    ObjectNode summary = Json.object().put("rows", results.size()).put("seconds", seconds)
        .put("created", count.apply(RowResult.Status.CREATED)).put("issued", count.apply(RowResult.Status.ISSUED))
        .put("skipped", count.apply(RowResult.Status.SKIPPED)).put("failed", count.apply(RowResult.Status.FAILED))
        .put("out", output.toString());
    ArrayNode problems = summary.putArray("problems");
    results.stream().filter(result -> result.message() != null).forEach(result -> problems.add(Json.object()
        .put("line", result.row().line()).put("userPrincipalName", result.row().userPrincipalName())
        .put("status", result.status().label()).put("message", result.message())));
    printer().json(summary);
  }

  private static void list(PrintWriter out, String title, List<RowResult> results, RowResult.Status status) {
    List<RowResult> listed = results.stream().filter(result -> result.status() == status).toList();
    if (listed.isEmpty()) {
      return;
    }
    out.println(title);
    listed.stream().limit(LISTED).forEach(result -> out.println("  line " + result.row().line() + "  "
        + result.row().userPrincipalName() + "  " + result.message()));
    if (listed.size() > LISTED) {
      out.println("  ... and " + (listed.size() - LISTED) + " more: every row is in the output file.");
    }
  }
}
