package dev.latchkey.server.graph;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the OData error envelope, for controllers and for the filters that answer before a controller
 * runs (authentication, body size, unknown routes).
 */
@Component
public class GraphErrors {

  private final JsonMapper json;
  private final Clock clock;

  public GraphErrors(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** The envelope for a failure of this request. */
  public Map<String, Object> body(HttpServletRequest request, String code, String message) {
    Map<String, Object> innerError = new LinkedHashMap<>();
    innerError.put("date", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.SECONDS).toString());
    innerError.put("request-id", RequestIds.requestId(request));
    innerError.put("client-request-id", RequestIds.clientRequestId(request));
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("innerError", innerError);
    return Map.of("error", error);
  }

  /** Writes the envelope straight to the response, for code that runs outside Spring MVC. */
  public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
      String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), body(request, code, message));
  }
}
