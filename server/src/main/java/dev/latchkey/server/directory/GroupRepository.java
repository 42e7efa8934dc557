package dev.latchkey.server.directory;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.persistence.SqlTime;
import dev.latchkey.server.persistence.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code directory_groups} and {@code group_members} tables. */
@Repository
class GroupRepository {

  private final JdbcClient jdbc;

  GroupRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Group group) {
    jdbc.sql("""
            insert into directory_groups (id, display_name, description, mail_nickname, security_enabled,
              mail_enabled, created_at)
            values (:id, :displayName, :description, :mailNickname, :securityEnabled, :mailEnabled, :createdAt)""")
        .param("id", group.id())
        .param("displayName", group.displayName())
        .param("description", group.description())
        .param("mailNickname", group.mailNickname())
        .param("securityEnabled", group.securityEnabled())
        .param("mailEnabled", group.mailEnabled())
        .param("createdAt", SqlTime.bind(group.createdAt()))
        .update();
  }

  Optional<Group> find(String id) {
    return jdbc.sql("select * from directory_groups where id = :id").param("id", id).query(this::map).optional();
  }

  List<Group> find(List<FilterClause> filter, String after, int limit) {
    SqlWhere where = new SqlWhere();
    for (FilterClause clause : filter) {
      switch (clause.property()) {
        case "displayName" -> where.equal("display_name", clause);
        case "id" -> where.equalIgnoringCase("id", clause);
        default -> throw new IllegalStateException("unchecked filter property " + clause.property());
      }
    }
    if (after != null) {
      where.add("id > :after").bind("after", after);
    }
    return jdbc.sql("select * from directory_groups" + where.sql() + " order by id limit :limit")
        .params(where.params()).param("limit", limit).query(this::map).list();
  }

  boolean delete(String id) {
    return jdbc.sql("delete from directory_groups where id = :id").param("id", id).update() == 1;
  }

  boolean isMember(String groupId, String userId) {
    return jdbc.sql("select count(*) from group_members where group_id = :g and user_id = :u")
        .param("g", groupId).param("u", userId).query(Long.class).single() > 0;
  }

  void addMember(String groupId, String userId) {
    jdbc.sql("insert into group_members (group_id, user_id) values (:g, :u)")
        .param("g", groupId).param("u", userId).update();
  }

  boolean removeMember(String groupId, String userId) {
    return jdbc.sql("delete from group_members where group_id = :g and user_id = :u")
        .param("g", groupId).param("u", userId).update() == 1;
  }

  private Group map(ResultSet rs, int row) throws SQLException {
    return new Group(rs.getString("id"), rs.getString("display_name"), rs.getString("description"),
        rs.getString("mail_nickname"), rs.getBoolean("security_enabled"), rs.getBoolean("mail_enabled"),
        SqlTime.read(rs, "created_at"));
  }
}
