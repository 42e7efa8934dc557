package dev.latchkey.server.graph;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what the servlet container sends to {@code /error} (failures outside Spring MVC) with the OData
 * envelope instead of a default page; a failure to reach the database, e.g. while loading the session, is a
 * 503 ({@link DatabaseOutage}).
 */
@RestController
class GraphErrorController implements ErrorController {

  private final GraphErrors errors;
  private final DatabaseOutage outage;

  GraphErrorController(GraphErrors errors, DatabaseOutage outage) {
    this.errors = errors;
    this.outage = outage;
  }

  @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
  ResponseEntity<?> error(HttpServletRequest request) {
    if (DatabaseOutage.isCause((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
      return outage.answer(request);
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
    String message = status.is5xxServerError()
        ? "An internal error occurred. Quote request-id " + RequestIds.requestId(request) + " when you report it."
        : status.getReasonPhrase() + ".";
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(errors.body(request, status.is5xxServerError() ? "generalException" : "badRequest", message));
  }
}
