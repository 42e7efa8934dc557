package dev.latchkey.server.roles;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.persistence.SqlTime;
import dev.latchkey.server.persistence.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code role_assignments} table. */
@Repository
class RoleAssignmentRepository {

  private final JdbcClient jdbc;

  RoleAssignmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the assignment; a second assignment of the same role to the same user is a duplicate key. */
  void insert(RoleAssignment assignment) {
    jdbc.sql("""
            insert into role_assignments (id, role_definition_id, principal_id, created_at)
            values (:id, :role, :principal, :createdAt)""")
        .param("id", assignment.id())
        .param("role", assignment.role().id())
        .param("principal", assignment.principalId())
        .param("createdAt", SqlTime.bind(assignment.createdAt()))
        .update();
  }

  Optional<RoleAssignment> find(String id) {
    return jdbc.sql("select * from role_assignments where id = :id").param("id", id).query(this::map).optional();
  }

  /** Assignments matching every clause (on {@code principalId} or {@code roleDefinitionId}), by id. */
  List<RoleAssignment> find(List<FilterClause> filter, String after, int limit) {
    SqlWhere where = new SqlWhere();
    for (FilterClause clause : filter) {
      switch (clause.property()) {
        case "principalId" -> where.equalIgnoringCase("principal_id", clause);
        case "roleDefinitionId" -> where.equalIgnoringCase("role_definition_id", clause);
        case "id" -> where.equalIgnoringCase("id", clause);
        default -> throw new IllegalStateException("unchecked filter property " + clause.property());
      }
    }
    if (after != null) {
      where.add("id > :after").bind("after", after);
    }
    return jdbc.sql("select * from role_assignments" + where.sql() + " order by id limit :limit")
        .params(where.params()).param("limit", limit).query(this::map).list();
  }

  /** The roles the user holds now; empty for a user without any (or an unknown id). */
  Set<DirectoryRole> rolesOf(String userId) {
    Set<DirectoryRole> roles = EnumSet.noneOf(DirectoryRole.class);
    jdbc.sql("select role_definition_id from role_assignments where principal_id = :user")
        .param("user", userId).query(String.class).list()
        .forEach(id -> DirectoryRole.byId(id).ifPresent(roles::add));
    return roles;
  }

  boolean delete(String id) {
    return jdbc.sql("delete from role_assignments where id = :id").param("id", id).update() == 1;
  }

  private RoleAssignment map(ResultSet rs, int row) throws SQLException {
    return new RoleAssignment(rs.getString("id"), DirectoryRole.byId(rs.getString("role_definition_id")).orElseThrow(),
        rs.getString("principal_id"), SqlTime.read(rs, "created_at"));
  }
}
