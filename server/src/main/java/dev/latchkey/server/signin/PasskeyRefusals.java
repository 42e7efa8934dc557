package dev.latchkey.server.signin;

import dev.latchkey.server.passkey.PasskeyPolicyException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a passkey ceremony that the FIDO2 policy refuses with 403 and the reason, as
 * {@code {"success": false, "message": "…"}}, which the page's script shows to the person. Spring
 * Security's WebAuthn filters let the refusal propagate, so without this it would reach the servlet
 * container and come back as a 500 that says nothing about what to do.
 */
final class PasskeyRefusals extends OncePerRequestFilter {

  private final JsonMapper json;

  PasskeyRefusals(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (PasskeyPolicyException refusal) {
      if (response.isCommitted()) {
        throw refusal;
      }
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write(json.writeValueAsString(Map.of("success", false, "message", refusal.getMessage())));
    }
  }
}
