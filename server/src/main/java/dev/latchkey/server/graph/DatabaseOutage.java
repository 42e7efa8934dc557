package dev.latchkey.server.graph;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The answer when the database can't be reached (stopped, restarting, connections cut): 503 with
 * {@code Retry-After}, as the OData envelope for the API and as a page for a person in a browser. Whatever
 * layer the failure surfaced in (a query, opening a transaction, a commit, loading the session), the
 * request ends with this instead of a 500. A failed commit or rollback counts: it means the connection broke.
 */
@Component
public class DatabaseOutage {

  /** Set on a request once it has met the database unreachable; its session is then left alone. */
  public static final String SEEN = DatabaseOutage.class.getName() + ".seen";
  static final String RETRY_AFTER_SECONDS = "5";
  static final String MESSAGE = "The directory database is unavailable; retry in a few seconds.";

  private final GraphErrors errors;
  private final String page;

  DatabaseOutage(GraphErrors errors) {
    this.errors = errors;
    this.page = readPage();
  }

  /** Whether {@code failure}, or anything that caused it, says the database can't be reached. */
  public static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
          || t instanceof TransientDataAccessException || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
          || t instanceof TransactionSystemException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  /** 503: a page when a person's browser asked for one, otherwise the OData envelope. */
  public ResponseEntity<?> answer(HttpServletRequest request) {
    request.setAttribute(SEEN, Boolean.TRUE);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", RETRY_AFTER_SECONDS);
    if (wantsPage(request)) {
      return response.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
    }
    return response.contentType(MediaType.APPLICATION_JSON)
        .body(errors.body(request, "serviceUnavailable", MESSAGE));
  }

  /** A browser navigating to a page (it accepts HTML), not a script or SDK calling the API. */
  static boolean wantsPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = forwarded != null ? forwarded.toString() : request.getRequestURI();
    return accept != null && accept.contains("text/html") && !path.startsWith("/v1.0/")
        && !path.startsWith("/beta/") && !path.startsWith("/oauth2/") && !path.startsWith("/actuator");
  }

  private static String readPage() {
    try (InputStream in = DatabaseOutage.class.getResourceAsStream("/pages/unavailable.html")) {
      if (in == null) {
        throw new IllegalStateException("pages/unavailable.html is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
