package dev.latchkey.server.signin;

import dev.latchkey.server.graph.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request that met the database unreachable still deliver its answer. Spring Session saves the
 * session, and looks it up again, while the response is being written; a failure there used to cut off the
 * page telling the person that Latchkey is unavailable. Once a request has met the outage
 * ({@link DatabaseOutage#SEEN}), here or anywhere else, its session is neither saved nor looked up again
 * (the first lookup that fails still fails the request, which is answered with 503), and a save that meets
 * it is dropped with a warning: without the database no session can be kept anyway, and the next request
 * finds out.
 *
 * <p>It also spares a look-up its round trip when it comes right after a save in the same request: each time
 * Spring Session commits the session (when a redirect commits the response, and again as its filter ends)
 * it saves it and then reads the requested session again only to compare its id with the saved one's, and a
 * session this request has just written is answered from memory (under its new id when the sign-in changed
 * it, and as gone under its old one). Any other lookup reads the database, so a session ended on another node
 * is never taken for alive. That lookup comes after the last filter that binds the request to the thread has
 * returned, so what the request saved is kept by {@link RequestScope}, a filter just outside Spring
 * Session's, and forgotten when the request ends.
 */
@Component
class OutageTolerantSessions implements BeanPostProcessor {

  private static final ThreadLocal<Remembered> REQUEST = new ThreadLocal<>();

  /**
   * What one request learnt about sessions: those it found, by the id it asked for, and those it saved or
   * deleted, by id (null for gone).
   */
  private record Remembered(Map<String, Session> found, Map<String, Session> saved) {}

  private static final Logger log = LoggerFactory.getLogger(OutageTolerantSessions.class);

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    return bean instanceof JdbcIndexedSessionRepository sessions ? new Repository<>(sessions) : bean;
  }

  /** The JDBC repository, with a save that survives an unreachable database. */
  static final class Repository<S extends Session> implements FindByIndexNameSessionRepository<S> {

    private final FindByIndexNameSessionRepository<S> sessions;

    @SuppressWarnings("unchecked")
    Repository(JdbcIndexedSessionRepository sessions) {
      this.sessions = (FindByIndexNameSessionRepository<S>) (FindByIndexNameSessionRepository<?>) sessions;
    }

    @Override
    public S createSession() {
      return sessions.createSession();
    }

    @Override
    public void save(S session) {
      if (outageSeen()) {
        log.warn("A session was not saved: the database is unavailable");
        return;
      }
      try {
        sessions.save(session);
        remember(session);
      } catch (RuntimeException e) {
        if (!DatabaseOutage.isCause(e)) {
          throw e;
        }
        markOutageSeen();
        log.warn("A session could not be saved: the database is unavailable ({})", e.getClass().getSimpleName());
      }
    }

    @Override
    public S findById(String id) {
      if (outageSeen()) {
        return null;
      }
      Remembered request = REQUEST.get();
      if (request != null && request.saved().containsKey(id)) {
        return cast(request.saved().get(id));
      }
      try {
        S found = sessions.findById(id);
        if (found != null && request != null) {
          request.found().put(id, found);
        }
        return found;
      } catch (RuntimeException e) {
        if (DatabaseOutage.isCause(e)) {
          markOutageSeen();
        }
        throw e;
      }
    }

    /**
     * Notes a session this request saved, under its id, and as gone under the id it was read by if the
     * save changed it.
     */
    private void remember(S session) {
      Remembered request = REQUEST.get();
      if (request == null) {
        return;
      }
      request.found().forEach((readAs, same) -> {
        if (same == session && !readAs.equals(session.getId())) {
          request.saved().put(readAs, null);
        }
      });
      request.saved().put(session.getId(), session);
    }

    /** Only sessions of this repository are remembered, so one read back is of its type. */
    @SuppressWarnings("unchecked")
    private S cast(Session session) {
      return (S) session;
    }

    private static boolean outageSeen() {
      RequestAttributes request = RequestContextHolder.getRequestAttributes();
      return request != null && request.getAttribute(DatabaseOutage.SEEN, RequestAttributes.SCOPE_REQUEST) != null;
    }

    private static void markOutageSeen() {
      RequestAttributes request = RequestContextHolder.getRequestAttributes();
      if (request != null) {
        request.setAttribute(DatabaseOutage.SEEN, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
      }
    }

    @Override
    public void deleteById(String id) {
      sessions.deleteById(id);
      Remembered request = REQUEST.get();
      if (request != null) {
        request.saved().put(id, null);
      }
    }

    @Override
    public Map<String, S> findByIndexNameAndIndexValue(String indexName, String indexValue) {
      return sessions.findByIndexNameAndIndexValue(indexName, indexValue);
    }
  }

  /**
   * Keeps what the session repository learns during one request, from before Spring Session's filter
   * starts until after it has saved the session; registered just outside that filter.
   */
  static final class RequestScope extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      REQUEST.set(new Remembered(new HashMap<>(), new HashMap<>()));
      try {
        chain.doFilter(request, response);
      } finally {
        REQUEST.remove();
      }
    }
  }
}
