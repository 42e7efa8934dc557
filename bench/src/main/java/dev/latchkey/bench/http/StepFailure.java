package dev.latchkey.bench.http;

import java.io.IOException;

/**
 * A step of a multi-request scenario answered something other than what a success looks like. Its
 * message (say, {@code "POST /signin/pass 200"}) is what the report counts, so keep it short and free of
 * per-request values.
 */
final class StepFailure extends IOException {

  StepFailure(String message) {
    super(message);
  }

  /** A failure named after the request and its status. */
  static StepFailure of(String request, HttpConnection.Response response) {
    return new StepFailure(request + " " + response.status());
  }
}
