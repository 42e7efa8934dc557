package dev.latchkey.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Where a person goes once signed in: back to the application or device that sent them to sign in, else
 * My Security Info. Only server code sets the destination (never a request parameter), and only to a path
 * on this server, so sign-in can't be turned into an open redirect.
 */
public final class SignInContinuation {

  private static final String ATTRIBUTE = SignInContinuation.class.getName();
  static final String DEFAULT = "/security-info";
  /** URL characters only: nothing that needs escaping in JSON or HTML. */
  private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9\\-._~:/?\\[\\]@!$&()*+,;=%]*");

  private SignInContinuation() {}

  /** Comes back to {@code path} (a path on this server, with its query) after the next sign-in. */
  public static void remember(HttpServletRequest request, String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//") || !SAFE.matcher(path).matches()) {
      throw new IllegalArgumentException("A continuation must be a path on this server");
    }
    request.getSession().setAttribute(ATTRIBUTE, path);
  }

  /** Whether a sign-in would continue somewhere other than My Security Info. */
  public static boolean pending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(ATTRIBUTE) != null;
  }

  /** Where to go after a successful sign-in; forgets it, so it is used once. */
  static String next(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return DEFAULT;
    }
    Object path = session.getAttribute(ATTRIBUTE);
    session.removeAttribute(ATTRIBUTE);
    return path == null ? DEFAULT : path.toString();
  }

  /** Asks the person to sign in again with a passkey, as {@code userPrincipalName}. */
  public static String passkeyStepUp(HttpServletRequest request, String userPrincipalName) {
    SignInController.UsernameStep.store(request.getSession(),
        new SignInController.UsernameStep(userPrincipalName, false));
    return "/signin/passkey";
  }
}
