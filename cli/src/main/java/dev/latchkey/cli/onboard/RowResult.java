package dev.latchkey.cli.onboard;

import java.util.Locale;

/**
 * What became of one input row.
 *
 * @param row the input row
 * @param status what happened
 * @param pass the pass, only when one was issued; null otherwise
 * @param validFrom when the pass starts to work, or null
 * @param validUntil when it stops working, or null
 * @param signInUrl where to use it, or null
 * @param message the server's or the CLI's reason for a skip or a failure; null when all went well
 */
record RowResult(InputRow row, Status status, String pass, String validFrom, String validUntil, String signInUrl,
    String message) {

  /** The outcome of a row. */
  enum Status {
    /** The user was created and issued a pass. */
    CREATED,
    /** The user existed and was issued a pass. */
    ISSUED,
    /** The user already holds a pass that is neither used up nor expired: left alone. */
    SKIPPED,
    /** Nothing was issued; the message says why. */
    FAILED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static RowResult skipped(InputRow row, String message) {
    return new RowResult(row, Status.SKIPPED, null, null, null, null, message);
  }

  static RowResult failed(InputRow row, String message) {
    return new RowResult(row, Status.FAILED, null, null, null, null, message);
  }
}
