package dev.latchkey.server.signin;

import dev.latchkey.server.directory.PasswordPolicyService;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session on the first request after it stops being valid: past its end, its pass or passkey
 * deleted, its password changed or removed or no longer allowed by the password policy, or its user
 * disabled or deleted. The checks read the database, so an admin's change on one
 * node ends the session wherever its next request lands. Also refuses to start or finish a passkey
 * registration once the session's window for changing methods has closed.
 */
public class SessionGuard extends OncePerRequestFilter {

  static final Set<String> REGISTRATION = Set.of("/webauthn/register/options", "/webauthn/register");
  static final String WINDOW_CLOSED = "The time to add sign-in methods in this session is over. Sign in again, "
      + "or ask your administrator for a new pass.";

  private final SessionChecks checks;
  private final UserService users;
  private final PasswordPolicyService passwordPolicy;
  private final Clock clock;

  public SessionGuard(SessionChecks checks, UserService users, PasswordPolicyService passwordPolicy, Clock clock) {
    this.checks = checks;
    this.users = users;
    this.passwordPolicy = passwordPolicy;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof SignInSession session) {
      if (!stillValid(session)) {
        end(request, response);
        return;
      }
      if ("POST".equals(request.getMethod()) && REGISTRATION.contains(request.getServletPath())
          && !clock.instant().isBefore(session.registrationUntil())) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"success\":false,\"message\":\"" + WINDOW_CLOSED + "\"}");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private boolean stillValid(SignInSession session) {
    if (!clock.instant().isBefore(session.expiresAt())) {
      return false;
    }
    if (session instanceof PassSession pass) {
      return checks.passSessionStands(pass.userId(), pass.passId());
    }
    if (session instanceof PasskeySession passkey) {
      return checks.passkeySessionStands(passkey.userId(), passkey.credentialId());
    }
    PasswordSession password = (PasswordSession) session;
    Optional<User> user = users.findById(session.userId()).filter(User::accountEnabled);
    return user.isPresent() && user.get().hasPassword()
        && Objects.equals(password.passwordSetAt(), user.get().passwordSetAt()) && passwordPolicy.permits(user.get());
  }

  private static void end(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession httpSession = request.getSession(false);
    if (httpSession != null) {
      httpSession.invalidate();
    }
    SecurityContextHolder.clearContext();
    if ("GET".equals(request.getMethod())) {
      response.sendRedirect("/signin?ended");
    } else {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }
}
