package dev.latchkey.cli;

/**
 * A failure the CLI reports with a message for a person and an exit code for a script, never a stack
 * trace. The message says what went wrong and, where it can, what to do next.
 */
public final class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** One of {@link ExitCodes}. */
  public int exitCode() {
    return exitCode;
  }
}
