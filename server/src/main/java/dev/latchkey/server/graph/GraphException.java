package dev.latchkey.server.graph;

import org.springframework.http.HttpStatus;

/**
 * A failure answered with the OData error envelope: an HTTP status, a stable machine code and a message
 * that tells the caller what to do.
 */
public final class GraphException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  public GraphException(HttpStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static GraphException badRequest(String message) {
    return new GraphException(HttpStatus.BAD_REQUEST, "badRequest", message);
  }

  public static GraphException notFound(String message) {
    return new GraphException(HttpStatus.NOT_FOUND, "itemNotFound", message);
  }

  public static GraphException conflict(String message) {
    return new GraphException(HttpStatus.CONFLICT, "conflict", message);
  }

  public static GraphException accessDenied(String message) {
    return new GraphException(HttpStatus.FORBIDDEN, "accessDenied", message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
