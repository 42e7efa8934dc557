package dev.latchkey.cli.http;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import tools.jackson.databind.JsonNode;

/**
 * One answer of the Graph API.
 *
 * @param status the HTTP status
 * @param body the JSON body; null for 204 or a body that isn't JSON
 */
public record GraphResponse(int status, JsonNode body) {

  /** True for a 2xx status. */
  public boolean succeeded() {
    return status >= 200 && status < 300;
  }

  /**
   * The server's own words for a failure: the OData {@code error.message}, or the status when the body has
   * none.
   */
  public String errorMessage() {
    JsonNode error = body == null ? null : body.get("error");
    String message = error == null ? null : Json.text(error, "message");
    return message != null ? message : "The server answered HTTP " + status + ".";
  }

  /** The OData {@code error.code}, such as {@code conflict}; null when there is none. */
  public String errorCode() {
    JsonNode error = body == null ? null : body.get("error");
    return error == null ? null : Json.text(error, "code");
  }

  /** This response when it succeeded; otherwise the failure, with the exit code for its status. */
  public GraphResponse orThrow() {
    if (!succeeded()) {
      throw new CliFailure(ExitCodes.forStatus(status), errorMessage());
    }
    return this;
  }
}
