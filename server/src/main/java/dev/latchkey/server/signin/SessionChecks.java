package dev.latchkey.server.signin;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The database half of {@link SessionGuard}: whether a pass or passkey session still stands, in one query
 * each (its user still exists and is enabled, and the pass or passkey it was started with is still theirs),
 * because the guard runs on every request of a signed-in session.
 */
@Repository
public class SessionChecks {

  private final JdbcClient jdbc;

  SessionChecks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean passSessionStands(String userId, String passId) {
    return jdbc.sql("""
            select count(*) from users u join temporary_access_passes p on p.user_id = u.id
            where u.id = :user and u.account_enabled = true and p.id = :pass""")
        .param("user", userId).param("pass", passId).query(Long.class).single() > 0;
  }

  public boolean passkeySessionStands(String userId, String credentialId) {
    return jdbc.sql("""
            select count(*) from users u join user_entities e on e.name = u.id
              join user_credentials c on c.user_entity_user_id = e.id
            where u.id = :user and u.account_enabled = true and c.credential_id = :credential""")
        .param("user", userId).param("credential", credentialId).query(Long.class).single() > 0;
  }
}
