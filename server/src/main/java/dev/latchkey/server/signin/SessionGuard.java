package dev.latchkey.server.signin;

import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.tap.PassService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a pass session on the first request after its pass expired or was deleted, or its user was
 * disabled or deleted. The checks read the database, so they hold on every node: an admin's change on
 * one node ends the session wherever its next request lands.
 */
class SessionGuard extends OncePerRequestFilter {

  private final PassService passes;
  private final UserService users;
  private final Clock clock;

  SessionGuard(PassService passes, UserService users, Clock clock) {
    this.passes = passes;
    this.users = users;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof PassSession session && !stillValid(session)) {
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
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean stillValid(PassSession session) {
    return clock.instant().isBefore(session.expiresAt())
        && passes.exists(session.passId())
        && users.findById(session.userId()).filter(user -> user.accountEnabled()).isPresent();
  }
}
