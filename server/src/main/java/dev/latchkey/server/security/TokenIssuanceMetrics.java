package dev.latchkey.server.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the answers of the token endpoint: {@code latchkey_tokens_total{grant_type, result}}, where
 * {@code result} is {@code issued} (200) or {@code refused}. The endpoint is a filter of the authorization
 * server, outside Spring MVC, so the HTTP metrics can't tell it apart; this sits in front of it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TokenIssuanceMetrics extends OncePerRequestFilter {

  private static final Set<String> GRANT_TYPES = Set.of("client_credentials", "authorization_code", "refresh_token",
      "urn:ietf:params:oauth:grant-type:device_code");

  private final MeterRegistry meters;

  TokenIssuanceMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !"/oauth2/token".equals(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      String grantType = request.getParameter("grant_type");
      Counter.builder("latchkey.tokens").description("Token endpoint answers by grant type and result")
          .tag("grant_type", GRANT_TYPES.contains(grantType) ? grantType : "other")
          .tag("result", response.getStatus() == HttpServletResponse.SC_OK ? "issued" : "refused")
          .register(meters).increment();
    }
  }
}
