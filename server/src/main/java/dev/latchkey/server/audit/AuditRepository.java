package dev.latchkey.server.audit;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.persistence.SqlTime;
import dev.latchkey.server.persistence.SqlWhere;
import dev.latchkey.server.security.Caller;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code directory_audits} table; target resources are kept as JSON text. */
@Repository
class AuditRepository {

  private static final TypeReference<List<AuditEvent.TargetResource>> TARGETS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(AuditEntry entry) {
    AuditEvent event = entry.event();
    jdbc.sql("""
            insert into directory_audits (id, activity_date_time, category, activity_display_name, operation_type,
              result, result_reason, logged_by_service, correlation_id, initiated_by_type, initiated_by_id,
              initiated_by_name, target_resources)
            values (:id, :time, :category, :activity, :operation, :result, :reason, :service, :correlation,
              :actorType, :actorId, :actorName, :targets)""")
        .param("id", entry.id())
        .param("time", SqlTime.bind(entry.activityDateTime()))
        .param("category", event.category())
        .param("activity", event.activityDisplayName())
        .param("operation", event.operationType())
        .param("result", entry.result())
        .param("reason", event.resultReason())
        .param("service", event.loggedByService())
        .param("correlation", entry.correlationId())
        .param("actorType", entry.initiatedBy().kind().name().toLowerCase(Locale.ROOT))
        .param("actorId", entry.initiatedBy().id())
        .param("actorName", entry.initiatedBy().displayName())
        .param("targets", json.writeValueAsString(event.targetResources()))
        .update();
  }

  /** Newest first; {@code after} is the position "time|id" of the last entry of the previous page. */
  List<AuditEntry> find(List<FilterClause> filter, String after, int limit) {
    SqlWhere where = new SqlWhere();
    for (FilterClause clause : filter) {
      switch (clause.property()) {
        case "activityDateTime" -> where.compare("activity_date_time", clause.operator(), SqlTime.bind(GraphTime.parseQueryValue(clause.value())));
        case "category" -> where.equal("category", clause);
        case "activityDisplayName" -> where.equal("activity_display_name", clause);
        case "loggedByService" -> where.equal("logged_by_service", clause);
        case AuditLog.INITIATED_BY_UPN -> where.add("lower(initiated_by_name) = :actor")
            .bind("actor", clause.value().toLowerCase(Locale.ROOT));
        case AuditLog.RESULT -> where.equal("result", clause);
        default -> throw new IllegalStateException("unchecked filter property " + clause.property());
      }
    }
    where.after("activity_date_time", after);
    return jdbc.sql("select * from directory_audits" + where.sql() + " order by activity_date_time desc, id desc limit :limit")
        .params(where.params())
        .param("limit", limit)
        .query((rs, n) -> new AuditEntry(rs.getString("id"), SqlTime.read(rs, "activity_date_time"),
            new AuditEvent(rs.getString("category"), rs.getString("activity_display_name"),
                rs.getString("operation_type"), rs.getString("result_reason"), rs.getString("logged_by_service"),
                json.readValue(rs.getString("target_resources"), TARGETS)),
            rs.getString("result"),
            new Caller(Caller.Kind.valueOf(rs.getString("initiated_by_type").toUpperCase(Locale.ROOT)),
                rs.getString("initiated_by_id"), rs.getString("initiated_by_name")),
            rs.getString("correlation_id")))
        .list();
  }

}
