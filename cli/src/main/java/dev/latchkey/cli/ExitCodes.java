package dev.latchkey.cli;

/** The exit codes scripts may rely on; each failure class has one. */
public final class ExitCodes {

  /** Everything asked for was done. */
  public static final int SUCCESS = 0;
  /** The server refused the request (400, 409, ...), or some rows of a bulk command failed. */
  public static final int FAILED = 1;
  /** The command line was wrong: unknown command or option, a missing or malformed value. */
  public static final int USAGE = 2;
  /** No credentials, credentials refused (401), or a token without the permission (403). */
  public static final int AUTH = 3;
  /** The user, group, pass or other object does not exist (404). */
  public static final int NOT_FOUND = 4;
  /** The server failed (5xx) or could not be reached. */
  public static final int SERVER_ERROR = 5;

  private ExitCodes() {}

  /** The exit code for an HTTP error status. */
  public static int forStatus(int status) {
    if (status == 401 || status == 403) {
      return AUTH;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    return status >= 500 ? SERVER_ERROR : FAILED;
  }
}
