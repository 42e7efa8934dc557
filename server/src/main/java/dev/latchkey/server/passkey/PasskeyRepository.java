package dev.latchkey.server.passkey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Latchkey's queries on Spring Security's WebAuthn tables ({@code user_entities}, {@code user_credentials}):
 * a user entity's name is the Latchkey user id.
 */
@Repository
class PasskeyRepository {

  private final JdbcClient jdbc;

  PasskeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Passkey> findByUser(String userId) {
    return jdbc.sql("""
            select c.credential_id, c.label, c.created, c.last_used, c.attestation_object, c.attestation_trusted, c.backup_eligible
            from user_credentials c join user_entities e on e.id = c.user_entity_user_id
            where e.name = :userId order by c.created, c.credential_id""")
        .param("userId", userId)
        .query(PasskeyRepository::map)
        .list();
  }

  Optional<Passkey> find(String userId, String credentialId) {
    return findByUser(userId).stream().filter(passkey -> passkey.id().equals(credentialId)).findFirst();
  }

  /** The Latchkey user id owning a user entity id (base64url), if any. */
  Optional<String> userIdOfEntity(String entityId) {
    return jdbc.sql("select name from user_entities where id = :id").param("id", entityId).query(String.class).optional();
  }

  Optional<String> ownerOf(String credentialId) {
    return jdbc.sql("""
            select e.name from user_credentials c join user_entities e on e.id = c.user_entity_user_id
            where c.credential_id = :id""").param("id", credentialId).query(String.class).optional();
  }

  void markAttested(String credentialId) {
    jdbc.sql("update user_credentials set attestation_trusted = true where credential_id = :id")
        .param("id", credentialId).update();
  }

  boolean delete(String userId, String credentialId) {
    return jdbc.sql("""
            delete from user_credentials where credential_id = :id
            and user_entity_user_id in (select e.id from user_entities e where e.name = :userId)""")
        .param("id", credentialId).param("userId", userId).update() == 1;
  }

  boolean rename(String userId, String credentialId, String label) {
    return jdbc.sql("""
            update user_credentials set label = :label where credential_id = :id
            and user_entity_user_id in (select e.id from user_entities e where e.name = :userId)""")
        .param("label", label).param("id", credentialId).param("userId", userId).update() == 1;
  }

  private static Passkey map(ResultSet rs, int row) throws SQLException {
    Webauthn4jAttestation.Attestation attestation = Webauthn4jAttestation.read(rs.getBytes("attestation_object"));
    return new Passkey(rs.getString("credential_id"), rs.getString("label"), instant(rs.getTimestamp("created")),
        instant(rs.getTimestamp("last_used")), attestation.aaGuid(), rs.getBoolean("attestation_trusted"), rs.getBoolean("backup_eligible"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
