package dev.latchkey.server.directory;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.persistence.SqlTime;
import dev.latchkey.server.persistence.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. UPNs are unique ignoring case, through the lower-cased {@code upn_key}. */
@Repository
class UserRepository {

  private static final String COLUMNS = UserRows.columns("");

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(User user, String passwordHash) {
    jdbc.sql("""
            insert into users (id, user_principal_name, upn_key, display_name, mail_nickname, user_type,
              account_enabled, password_hash, password_set_at, created_at)
            values (:id, :upn, :upnKey, :displayName, :mailNickname, :userType, :enabled, :passwordHash,
              :passwordSetAt, :createdAt)""")
        .param("id", user.id())
        .param("upn", user.userPrincipalName())
        .param("upnKey", upnKey(user.userPrincipalName()))
        .param("displayName", user.displayName())
        .param("mailNickname", user.mailNickname())
        .param("userType", user.userType())
        .param("enabled", user.accountEnabled())
        .param("passwordHash", passwordHash)
        .param("passwordSetAt", SqlTime.bind(user.passwordSetAt()))
        .param("createdAt", SqlTime.bind(user.createdAt()))
        .update();
  }

  void update(User user) {
    jdbc.sql("""
            update users set user_principal_name = :upn, upn_key = :upnKey, display_name = :displayName,
              mail_nickname = :mailNickname, user_type = :userType, account_enabled = :enabled
            where id = :id""")
        .param("id", user.id())
        .param("upn", user.userPrincipalName())
        .param("upnKey", upnKey(user.userPrincipalName()))
        .param("displayName", user.displayName())
        .param("mailNickname", user.mailNickname())
        .param("userType", user.userType())
        .param("enabled", user.accountEnabled())
        .update();
  }

  void updatePassword(String userId, String passwordHash, java.time.Instant setAt) {
    jdbc.sql("update users set password_hash = :hash, password_set_at = :setAt where id = :id")
        .param("hash", passwordHash)
        .param("setAt", SqlTime.bind(setAt))
        .param("id", userId)
        .update();
  }

  Optional<String> passwordHash(String userId) {
    return jdbc.sql("select password_hash from users where id = :id and password_hash is not null")
        .param("id", userId).query(String.class).optional();
  }

  boolean delete(String id) {
    return jdbc.sql("delete from users where id = :id").param("id", id).update() == 1;
  }

  Optional<User> findById(String id) {
    return jdbc.sql("select " + COLUMNS + " from users where id = :id").param("id", id).query(this::map).optional();
  }

  Optional<User> findByUpn(String upn) {
    return jdbc.sql("select " + COLUMNS + " from users where upn_key = :key")
        .param("key", upnKey(upn)).query(this::map).optional();
  }

  /** Users matching {@code filter}, ordered by id, after the id {@code after} (null for the start). */
  List<User> find(List<FilterClause> filter, String after, int limit) {
    SqlWhere where = new SqlWhere();
    for (FilterClause clause : filter) {
      switch (clause.property()) {
        case "userPrincipalName" -> where.equalIgnoringCase("upn_key", clause);
        case "displayName" -> where.equal("display_name", clause);
        case "id" -> where.equalIgnoringCase("id", clause);
        default -> throw new IllegalStateException("unchecked filter property " + clause.property());
      }
    }
    if (after != null) {
      where.add("id > :after").bind("after", after);
    }
    return jdbc.sql("select " + COLUMNS + " from users" + where.sql() + " order by id limit :limit")
        .params(where.params())
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  /** Members of a group, ordered by id, after the id {@code after} (null for the start). */
  List<User> findMembersOf(String groupId, String after, int limit) {
    return jdbc.sql("select " + UserRows.columns("u.") + " from users u join group_members m on m.user_id = u.id where m.group_id = :groupId"
            + (after == null ? "" : " and u.id > :after") + " order by u.id limit :limit")
        .param("groupId", groupId)
        .param("after", after)
        .param("limit", limit)
        .query(this::map)
        .list();
  }

  Set<String> groupIds(String userId) {
    return new HashSet<>(jdbc.sql("select group_id from group_members where user_id = :id")
        .param("id", userId).query(String.class).list());
  }

  private User map(ResultSet rs, int row) throws SQLException {
    return UserRows.read(rs);
  }

  private static String upnKey(String upn) {
    return UserRows.upnKey(upn);
  }
}
