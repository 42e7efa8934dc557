package dev.latchkey.cli.support;

import dev.latchkey.cli.http.Json;
import tools.jackson.databind.JsonNode;

/**
 * What one run of the CLI did.
 *
 * @param exitCode its exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record CliRun(int exitCode, String out, String err) {

  /** Standard output read as JSON. */
  public JsonNode json() {
    return Json.MAPPER.readTree(out);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
