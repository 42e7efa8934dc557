package dev.latchkey.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The session repository answers Spring Session's look-up that follows a save from memory, and only that:
 * every other look-up, and every look-up in a later request, reads the database, so a session another node
 * ended is never taken for alive. The database here is a real H2 with Latchkey's schema; "another node" is
 * a second repository on the same database.
 */
class SessionLookupsTest {

  private JdbcIndexedSessionRepository database;
  private OutageTolerantSessions.Repository<Session> sessions;
  private JdbcIndexedSessionRepository otherNode;

  @BeforeEach
  void schema() {
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource("jdbc:h2:mem:session-lookups-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common").load().migrate();
    TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    database = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), transactions);
    sessions = new OutageTolerantSessions.Repository<>(database);
    otherNode = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), transactions);
  }

  @Test
  void findByIdWhenThisRequestJustSavedTheSessionThenAnsweredFromMemoryEvenIfTheRowWentMeanwhile() {
    String id = newSession();

    Object[] seen = inOneRequest(() -> {
      Session found = sessions.findById(id);
      found.setAttribute("step", "username");
      sessions.save(found);
      otherNode.deleteById(id);
      return new Object[] {found, sessions.findById(id)};
    });

    assertThat(seen[1]).as("the look-up after the save").isSameAs(seen[0]);
  }

  @Test
  void findByIdWhenTheSaveChangedTheIdThenTheOldIdIsGoneAndTheNewOneAnswered() {
    String id = newSession();

    Object[] seen = inOneRequest(() -> {
      Session found = sessions.findById(id);
      String newId = found.changeSessionId();
      sessions.save(found);
      return new Object[] {sessions.findById(id), sessions.findById(newId), found};
    });

    assertThat(seen[0]).as("the old id").isNull();
    assertThat(seen[1]).as("the new id").isSameAs(seen[2]);
  }

  @Test
  void findByIdWhenAnotherNodeEndedTheSessionBeforeThisRequestSavedThenTheDatabaseDecides() {
    String id = newSession();

    Object[] seen = inOneRequest(() -> {
      Session first = sessions.findById(id);
      otherNode.deleteById(id);
      return new Object[] {first, sessions.findById(id)};
    });

    assertThat(seen[0]).isNotNull();
    assertThat(seen[1]).as("nothing saved yet in this request, so the database answers").isNull();
  }

  @Test
  void findByIdWhenALaterRequestAsksAfterAnotherNodeEndedTheSessionThenNotFound() {
    String id = newSession();
    inOneRequest(() -> {
      sessions.save(sessions.findById(id));
      return null;
    });
    otherNode.deleteById(id);

    assertThat(inOneRequest(() -> sessions.findById(id))).isNull();
    assertThat(sessions.findById(id)).as("outside any request").isNull();
  }

  @Test
  void findByIdWhenTheRequestThatSavedItFailedThenNothingItRememberedOutlivesIt() {
    String id = newSession();
    try {
      inOneRequest(() -> {
        sessions.save(sessions.findById(id));
        throw new IllegalStateException("the request failed after saving");
      });
    } catch (IllegalStateException expected) {
      // the failure is the point
    }
    otherNode.deleteById(id);

    assertThat(sessions.findById(id)).as("on the same thread, after the failed request").isNull();
  }

  @Test
  void findByIdWhenThisRequestInvalidatedTheSessionThenGone() {
    String id = newSession();

    Object gone = inOneRequest(() -> {
      sessions.save(sessions.findById(id));
      sessions.deleteById(id);
      return sessions.findById(id);
    });

    assertThat(gone).isNull();
  }

  private String newSession() {
    Session session = sessions.createSession();
    session.setAttribute("created", true);
    sessions.save(session);
    return session.getId();
  }

  /** Runs {@code body} as one request does: inside the filter that scopes what the repository remembers. */
  private static <T> T inOneRequest(Supplier<T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    try {
      new OutageTolerantSessions.RequestScope().doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
          (request, response) -> result.set(body.get()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return result.get();
  }
}
