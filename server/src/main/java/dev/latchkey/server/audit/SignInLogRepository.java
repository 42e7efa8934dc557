package dev.latchkey.server.audit;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.persistence.SqlTime;
import dev.latchkey.server.persistence.SqlWhere;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sign_ins} table. */
@Repository
class SignInLogRepository {

  private final JdbcClient jdbc;

  SignInLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(SignInRecord record) {
    jdbc.sql("""
            insert into sign_ins (id, created_at, user_id, user_principal_name, user_display_name,
              authentication_method, succeeded, error_code, failure_reason, ip_address, user_agent, correlation_id)
            values (:id, :createdAt, :userId, :upn, :displayName, :method, :succeeded, :errorCode, :reason, :ip,
              :userAgent, :correlationId)""")
        .param("id", record.id())
        .param("createdAt", SqlTime.bind(record.createdAt()))
        .param("userId", record.userId())
        .param("upn", cut(record.userPrincipalName(), 320))
        .param("displayName", record.userDisplayName())
        .param("method", record.authenticationMethod())
        .param("succeeded", record.succeeded())
        .param("errorCode", record.errorCode())
        .param("reason", record.failureReason())
        .param("ip", cut(record.ipAddress(), 64))
        .param("userAgent", cut(record.userAgent(), 512))
        .param("correlationId", record.correlationId())
        .update();
  }

  /** Newest first; {@code after} is the position "time|id" of the last entry of the previous page. */
  List<SignInRecord> find(List<FilterClause> filter, String after, int limit) {
    SqlWhere where = new SqlWhere();
    for (FilterClause clause : filter) {
      switch (clause.property()) {
        case "createdDateTime" -> where.compare("created_at", clause.operator(), SqlTime.bind(GraphTime.parseQueryValue(clause.value())));
        case "userPrincipalName" -> where.equal("user_principal_name", clause);
        case "userId" -> where.equal("user_id", clause);
        case SignInLog.METHOD -> where.equal("authentication_method", clause);
        case SignInLog.SUCCEEDED -> where.add("succeeded = :succeeded").bind("succeeded", Boolean.valueOf(clause.value()));
        default -> throw new IllegalStateException("unchecked filter property " + clause.property());
      }
    }
    where.after("created_at", after);
    return jdbc.sql("select * from sign_ins" + where.sql() + " order by created_at desc, id desc limit :limit")
        .params(where.params())
        .param("limit", limit)
        .query((rs, n) -> new SignInRecord(rs.getString("id"), SqlTime.read(rs, "created_at"), rs.getString("user_id"),
            rs.getString("user_principal_name"), rs.getString("user_display_name"),
            rs.getString("authentication_method"), rs.getBoolean("succeeded"), rs.getInt("error_code"),
            rs.getString("failure_reason"), rs.getString("ip_address"), rs.getString("user_agent"),
            rs.getString("correlation_id")))
        .list();
  }


  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
