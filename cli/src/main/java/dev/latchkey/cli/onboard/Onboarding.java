package dev.latchkey.cli.onboard;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.commands.Passes;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.GraphResponse;
import dev.latchkey.cli.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Onboards rows in parallel: creates each user that doesn't exist yet, then issues them a pass. A user who
 * already holds a pass that is neither used up nor expired is left alone and reported as skipped (the
 * server refuses a second pass with 409), so running the same file again issues only what is missing.
 * Every row ends as one {@link RowResult}, written to the output file as soon as it is known.
 */
final class Onboarding {

  private final GraphClient graph;
  private final ObjectNode passRequest;
  private final PassesFile out;
  private final QrCodes qrCodes;

  /**
   * @param passRequest the body of every pass creation, e.g. {@code {"isUsableOnce": true}}
   * @param qrCodes where to write QR codes, or null for none
   */
  Onboarding(GraphClient graph, ObjectNode passRequest, PassesFile out, QrCodes qrCodes) {
    this.graph = graph;
    this.passRequest = passRequest;
    this.out = out;
    this.qrCodes = qrCodes;
  }

  /** Onboards every row with at most {@code parallel} requests in flight; returns the results in row order. */
  List<RowResult> run(List<InputRow> rows, int parallel, ProgressBar progress) {
    ExecutorService workers = Executors.newFixedThreadPool(parallel, runnable -> {
      Thread thread = new Thread(runnable, "onboard");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<RowResult>> pending = new ArrayList<>(rows.size());
      for (InputRow row : rows) {
        pending.add(workers.submit(() -> {
          RowResult result = onboard(row);
          out.write(result);
          progress.step();
          return result;
        }));
      }
      List<RowResult> results = new ArrayList<>(rows.size());
      for (Future<RowResult> result : pending) {
        results.add(result.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while onboarding", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Onboarding a row failed: " + e.getCause(), e.getCause());
    } finally {
      workers.shutdownNow();
    }
  }

  private RowResult onboard(InputRow row) {
    if (row.problem() != null) {
      return RowResult.failed(row, row.problem());
    }
    try {
      GraphResponse user = graph.send("POST", "/users", newUser(row));
      if (!user.succeeded() && user.status() != 409) {
        return RowResult.failed(row, user.errorMessage());
      }
      String path = "/users/" + GraphClient.segment(row.userPrincipalName())
          + "/authentication/temporaryAccessPassMethods";
      GraphResponse pass = graph.send("POST", path, passRequest);
      if (pass.status() == 409) {
        return RowResult.skipped(row, pass.errorMessage());
      }
      if (!pass.succeeded()) {
        return RowResult.failed(row, pass.errorMessage());
      }
      return issued(row, user.succeeded(), pass.body());
    } catch (CliFailure e) {
      return RowResult.failed(row, e.getMessage());
    }
  }

  /** The pass is recorded whatever happens to its QR code: it can't be shown again. */
  private RowResult issued(InputRow row, boolean created, JsonNode pass) {
    String signInUrl = Passes.signInUrl(pass, graph);
    String problem = null;
    if (qrCodes != null) {
      try {
        qrCodes.write(row.userPrincipalName(), signInUrl);
      } catch (IOException e) {
        problem = "the pass was issued, but its QR code could not be written: " + e.getMessage();
      }
    }
    return new RowResult(row, created ? RowResult.Status.CREATED : RowResult.Status.ISSUED,
        Json.text(pass, "temporaryAccessPass"), Json.text(pass, "startDateTime"), Passes.validUntil(pass),
        signInUrl, problem);
  }

  private static ObjectNode newUser(InputRow row) {
    ObjectNode user = Json.object().put("accountEnabled", true).put("displayName", row.displayName())
        .put("userPrincipalName", row.userPrincipalName());
    if (row.mailNickname() != null) {
      user.put("mailNickname", row.mailNickname());
    }
    return user;
  }
}
