package dev.latchkey.server.signin;

import dev.latchkey.server.graph.DatabaseOutage;
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

/**
 * Lets a request that met the database unreachable still deliver its answer. Spring Session saves the
 * session, and looks it up again, while the response is being written; a failure there used to cut off the
 * page telling the person that Latchkey is unavailable. Once a request has met the outage
 * ({@link DatabaseOutage#SEEN}), here or anywhere else, its session is neither saved nor looked up again
 * (the first lookup that fails still fails the request, which is answered with 503), and a save that meets
 * it is dropped with a warning: without the database no session can be kept anyway, and the next request
 * finds out.
 */
@Component
class OutageTolerantSessions implements BeanPostProcessor {

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
      try {
        return sessions.findById(id);
      } catch (RuntimeException e) {
        if (DatabaseOutage.isCause(e)) {
          markOutageSeen();
        }
        throw e;
      }
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
    }

    @Override
    public Map<String, S> findByIndexNameAndIndexValue(String indexName, String indexValue) {
      return sessions.findByIndexNameAndIndexValue(indexName, indexValue);
    }
  }
}
