package dev.latchkey.server.graph;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@code request-id} (returned as a header and in error bodies, recorded in audit
 * entries) and echoes the caller's {@code client-request-id}, as Graph does. The id is in the logging MDC
 * ({@code requestId}) while the request runs, so every log line of the request carries it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

  private static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
  private static final int MAX_CLIENT_ID_LENGTH = 100;

  /** The id of this request, made on first use. */
  public static String requestId(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    if (id == null) {
      id = UUID.randomUUID().toString();
      request.setAttribute(ATTRIBUTE, id);
    }
    return id.toString();
  }

  /** The caller's {@code client-request-id} header, cut to 100 characters, or null. */
  public static String clientRequestId(HttpServletRequest request) {
    String id = request.getHeader("client-request-id");
    if (id == null || id.isBlank()) {
      return null;
    }
    return id.length() > MAX_CLIENT_ID_LENGTH ? id.substring(0, MAX_CLIENT_ID_LENGTH) : id;
  }

  /** The key of the request id in the logging MDC: every log line of a request carries it. */
  public static final String MDC_KEY = "requestId";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String requestId = requestId(request);
    response.setHeader("request-id", requestId);
    String clientRequestId = clientRequestId(request);
    if (clientRequestId != null) {
      response.setHeader("client-request-id", clientRequestId);
    }
    MDC.put(MDC_KEY, requestId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /** The error page a failure is forwarded to logs too, under the same request id. */
  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
