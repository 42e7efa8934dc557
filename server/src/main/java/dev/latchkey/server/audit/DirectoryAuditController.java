package dev.latchkey.server.audit;

import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.graph.ODataQuery;
import dev.latchkey.server.graph.Page;
import dev.latchkey.server.persistence.SqlWhere;
import dev.latchkey.server.security.Caller;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /auditLogs/directoryAudits}: the audit log, newest first. */
@RestController
@RequestMapping({"/v1.0/auditLogs", "/beta/auditLogs"})
class DirectoryAuditController {

  private static final Set<String> FILTERABLE = Set.of("activityDateTime", "category", "activityDisplayName",
      "loggedByService");

  private final AuditRepository audits;
  private final GraphResponses responses;
  private final AdminRights rights;

  DirectoryAuditController(AuditRepository audits, GraphResponses responses, AdminRights rights) {
    this.audits = audits;
    this.responses = responses;
    this.rights = rights;
  }

  @GetMapping("/directoryAudits")
  Map<String, Object> list(HttpServletRequest request) {
    rights.require(AdminAction.READ_AUDIT, null);
    ODataQuery query = ODataQuery.from(request).allowFilterOn(FILTERABLE);
    Page<AuditEntry> page = Page.of(audits.find(query.filter(), query.skipToken(), query.top() + 1), query.top(),
        entry -> SqlWhere.position(entry.activityDateTime(), entry.id()));
    return responses.page("auditLogs/directoryAudits", page.items().stream().map(DirectoryAuditController::toGraph).toList(),
        page.nextPosition(), request);
  }

  private static Map<String, Object> toGraph(AuditEntry entry) {
    AuditEvent event = entry.event();
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("id", entry.id());
    audit.put("category", event.category());
    audit.put("correlationId", entry.correlationId());
    audit.put("result", entry.result());
    audit.put("resultReason", event.resultReason());
    audit.put("activityDisplayName", event.activityDisplayName());
    audit.put("activityDateTime", GraphTime.format(entry.activityDateTime()));
    audit.put("loggedByService", event.loggedByService());
    audit.put("operationType", event.operationType());
    audit.put("initiatedBy", initiatedBy(entry.initiatedBy()));
    audit.put("targetResources", event.targetResources().stream().map(DirectoryAuditController::target).toList());
    audit.put("additionalDetails", List.of());
    return audit;
  }

  private static Map<String, Object> initiatedBy(Caller caller) {
    Map<String, Object> initiatedBy = new LinkedHashMap<>();
    if (caller.isUser()) {
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("id", caller.id());
      user.put("displayName", null);
      user.put("userPrincipalName", caller.displayName());
      user.put("ipAddress", null);
      initiatedBy.put("user", user);
      initiatedBy.put("app", null);
    } else {
      Map<String, Object> app = new LinkedHashMap<>();
      app.put("appId", caller.id());
      app.put("displayName", caller.displayName());
      app.put("servicePrincipalId", caller.id());
      app.put("servicePrincipalName", caller.displayName());
      initiatedBy.put("user", null);
      initiatedBy.put("app", app);
    }
    return initiatedBy;
  }

  private static Map<String, Object> target(AuditEvent.TargetResource resource) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("id", resource.id());
    target.put("displayName", resource.displayName());
    target.put("type", resource.type());
    target.put("userPrincipalName", resource.userPrincipalName());
    target.put("modifiedProperties", resource.modifiedProperties().stream().map(p -> {
      Map<String, Object> property = new LinkedHashMap<>();
      property.put("displayName", p.displayName());
      property.put("oldValue", p.oldValue());
      property.put("newValue", p.newValue());
      return property;
    }).toList());
    return target;
  }
}
