package dev.latchkey.server.persistence;

import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Authentication method configurations, one row each, stored as their Graph JSON. Each capability owns
 * its own row ({@code TemporaryAccessPass}, {@code Fido2}).
 */
@Repository
public class MethodPolicyDocuments {

  private final JdbcClient jdbc;

  MethodPolicyDocuments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The stored document, or empty while the configuration still has its defaults. */
  public Optional<String> find(String id) {
    return jdbc.sql("select document from method_policies where id = :id").param("id", id).query(String.class)
        .optional();
  }

  /** The stored document, locked against concurrent changes until the transaction ends. */
  public Optional<String> findForUpdate(String id) {
    return jdbc.sql("select document from method_policies where id = :id for update").param("id", id)
        .query(String.class).optional();
  }

  public void save(String id, String document, Instant updatedAt) {
    int updated = jdbc.sql("update method_policies set document = :document, updated_at = :at where id = :id")
        .param("id", id).param("document", document).param("at", SqlTime.bind(updatedAt)).update();
    if (updated == 0) {
      try {
        jdbc.sql("insert into method_policies (id, document, updated_at) values (:id, :document, :at)")
            .param("id", id).param("document", document).param("at", SqlTime.bind(updatedAt)).update();
      } catch (DuplicateKeyException raced) {
        save(id, document, updatedAt);
      }
    }
  }
}
