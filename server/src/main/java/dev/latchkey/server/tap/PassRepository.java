package dev.latchkey.server.tap;

import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.core.pass.IssuedPass;
import dev.latchkey.core.pass.PassTerms;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserRows;
import dev.latchkey.server.persistence.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Passes in {@code temporary_access_passes}: at most one per user (a unique constraint), the secret as a
 * keyed hash only.
 */
@Repository
class PassRepository {

  private static final String COLUMNS =
      "id, user_id, created_at, start_at, lifetime_minutes, usable_once, consumed_at";

  private final JdbcClient jdbc;

  PassRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new pass.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the user already has a pass
   */
  void insert(IssuedPass pass, KeyedHash hash) {
    jdbc.sql("""
            insert into temporary_access_passes (id, user_id, key_id, pass_hash, created_at, start_at,
              lifetime_minutes, expires_at, usable_once, consumed_at)
            values (:id, :userId, :keyId, :hash, :createdAt, :startAt, :lifetime, :expiresAt, :usableOnce, null)""")
        .param("id", pass.id())
        .param("userId", pass.userId())
        .param("keyId", hash.keyId())
        .param("hash", hash.digest())
        .param("createdAt", SqlTime.bind(pass.createdAt()))
        .param("startAt", SqlTime.bind(pass.terms().start()))
        .param("lifetime", pass.terms().lifetimeInMinutes())
        .param("expiresAt", SqlTime.bind(pass.terms().end()))
        .param("usableOnce", pass.terms().usableOnce())
        .update();
  }

  /** Deletes the user's pass if it is used up or expired at {@code now}, so a new one can take its place. */
  void deleteSpent(String userId, Instant now) {
    jdbc.sql("""
            delete from temporary_access_passes
            where user_id = :userId and (consumed_at is not null or expires_at <= :now)""")
        .param("userId", userId)
        .param("now", SqlTime.bind(now))
        .update();
  }

  /** Deletes every pass that expired or was used before {@code cutoff}; returns how many. */
  int deleteSpentBefore(Instant cutoff) {
    return jdbc.sql("delete from temporary_access_passes where expires_at < :cutoff or consumed_at < :cutoff")
        .param("cutoff", SqlTime.bind(cutoff))
        .update();
  }

  Optional<IssuedPass> findByUser(String userId) {
    return jdbc.sql("select " + COLUMNS + " from temporary_access_passes where user_id = :userId")
        .param("userId", userId).query(PassRepository::map).optional();
  }

  /**
   * The user with this userPrincipalName (any case) and their pass with its keyed hash, in one query: a pass
   * sign-in needs both, and each round trip to the database costs more than the join. Empty when no user has
   * the name; a user without a pass comes with none.
   */
  Optional<UserWithPass> findUserWithPass(String userPrincipalName) {
    return jdbc.sql("select " + UserRows.columns("u.") + """
            , p.id as pass_id, p.created_at as pass_created_at, p.start_at, p.lifetime_minutes, p.usable_once,
              p.consumed_at, p.key_id, p.pass_hash
            from users u left join temporary_access_passes p on p.user_id = u.id
            where u.upn_key = :key""")
        .param("key", UserRows.upnKey(userPrincipalName))
        .query((rs, row) -> new UserWithPass(UserRows.read(rs), rs.getString("pass_id") == null
            ? Optional.empty()
            : Optional.of(new StoredPass(new IssuedPass(rs.getString("pass_id"), rs.getString("id"),
                SqlTime.read(rs, "pass_created_at"), new PassTerms(SqlTime.read(rs, "start_at"),
                    rs.getInt("lifetime_minutes"), rs.getBoolean("usable_once")), SqlTime.read(rs, "consumed_at")),
                new KeyedHash(rs.getString("key_id"), rs.getBytes("pass_hash"))))))
        .optional();
  }

  /**
   * Uses up a one-time pass: one conditional update whose row count decides the winner when two sign-ins
   * race. Returns false when the pass is already used, gone, or multi-use.
   */
  boolean consume(String passId, Instant at) {
    return jdbc.sql("""
            update temporary_access_passes set consumed_at = :at
            where id = :id and usable_once = true and consumed_at is null""")
        .param("at", SqlTime.bind(at))
        .param("id", passId)
        .update() == 1;
  }

  boolean exists(String passId) {
    return jdbc.sql("select count(*) from temporary_access_passes where id = :id").param("id", passId)
        .query(Long.class).single() > 0;
  }

  /** A pass with the keyed hash of its secret. */
  record StoredPass(IssuedPass pass, KeyedHash hash) {}

  /** A user with their pass, if they have one. */
  record UserWithPass(User user, Optional<StoredPass> pass) {}

  boolean delete(String userId, String passId) {
    return jdbc.sql("delete from temporary_access_passes where user_id = :userId and id = :id")
        .param("userId", userId).param("id", passId).update() == 1;
  }

  private static IssuedPass map(ResultSet rs, int row) throws SQLException {
    return new IssuedPass(rs.getString("id"), rs.getString("user_id"), SqlTime.read(rs, "created_at"),
        new PassTerms(SqlTime.read(rs, "start_at"), rs.getInt("lifetime_minutes"), rs.getBoolean("usable_once")),
        SqlTime.read(rs, "consumed_at"));
  }
}
