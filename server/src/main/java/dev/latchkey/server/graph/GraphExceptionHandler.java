package dev.latchkey.server.graph;

import dev.latchkey.core.RuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Translates every failure of a Graph endpoint into the OData error envelope, in one place. No stack
 * trace reaches a client: an unexpected failure is logged with its request id and answered with a
 * message that quotes that id; an unreachable database is a 503 ({@link DatabaseOutage}).
 */
@RestControllerAdvice
class GraphExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(GraphExceptionHandler.class);

  private final GraphErrors errors;
  private final DatabaseOutage outage;

  GraphExceptionHandler(GraphErrors errors, DatabaseOutage outage) {
    this.errors = errors;
    this.outage = outage;
  }

  @ExceptionHandler(GraphException.class)
  ResponseEntity<Map<String, Object>> graph(GraphException e, HttpServletRequest request) {
    return answer(request, e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(RuleViolation.class)
  ResponseEntity<Map<String, Object>> rule(RuleViolation e, HttpServletRequest request) {
    return answer(request, HttpStatus.BAD_REQUEST, "badRequest", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    if (causedBy(e, BodySizeLimit.TooLargeException.class)) {
      return answer(request, HttpStatus.PAYLOAD_TOO_LARGE, "requestEntityTooLarge",
          "The request body is larger than 64 KiB; send a smaller one.");
    }
    return answer(request, HttpStatus.BAD_REQUEST, "badRequest",
        "The request body is not valid JSON. Send one JSON object, e.g. {\"lifetimeInMinutes\": 60}.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpServletRequest request) {
    return answer(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupportedMediaType",
        "Send the request body as JSON with the header 'Content-Type: application/json'.");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, Object>> notAcceptable(HttpServletRequest request) {
    return answer(request, HttpStatus.NOT_ACCEPTABLE, "notAcceptable",
        "This API answers with application/json only; accept it.");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e,
      HttpServletRequest request) {
    return answer(request, HttpStatus.METHOD_NOT_ALLOWED, "methodNotAllowed",
        e.getMethod() + " is not supported on " + request.getRequestURI() + "; use one of "
            + e.getSupportedHttpMethods() + ".");
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<Map<String, Object>> noRoute(HttpServletRequest request) {
    return answer(request, HttpStatus.NOT_FOUND, "resourceNotFound",
        "No resource at " + request.getRequestURI() + "; check the path against the API reference.");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> argument(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return answer(request, HttpStatus.BAD_REQUEST, "badRequest",
        "'" + e.getName() + "' has an invalid value.");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e,
      HttpServletRequest request) {
    return answer(request, HttpStatus.BAD_REQUEST, "badRequest",
        "The query parameter '" + e.getParameterName() + "' is required.");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<?> unexpected(Exception e, HttpServletRequest request) {
    String requestId = RequestIds.requestId(request);
    if (DatabaseOutage.isCause(e)) {
      log.warn("Request {} failed: the database is unavailable ({})", requestId, e.getClass().getSimpleName());
      return outage.answer(request);
    }
    log.error("Request {} {} {} failed", requestId, request.getMethod(), request.getRequestURI(), e);
    return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "generalException",
        "An internal error occurred. Quote request-id " + requestId + " when you report it.");
  }

  private ResponseEntity<Map<String, Object>> answer(HttpServletRequest request, HttpStatus status, String code,
      String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(errors.body(request, code, message));
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
