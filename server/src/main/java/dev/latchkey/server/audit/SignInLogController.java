package dev.latchkey.server.audit;

import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.graph.ODataQuery;
import dev.latchkey.server.graph.Page;
import dev.latchkey.server.persistence.SqlWhere;
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

/** {@code GET /auditLogs/signIns}: every sign-in attempt, newest first, with its true outcome. */
@RestController
@RequestMapping({"/v1.0/auditLogs", "/beta/auditLogs"})
class SignInLogController {

  private static final Set<String> FILTERABLE = Set.of("createdDateTime", "userPrincipalName", "userId");

  private final SignInLogRepository signIns;
  private final GraphResponses responses;
  private final AdminRights rights;

  SignInLogController(SignInLogRepository signIns, GraphResponses responses, AdminRights rights) {
    this.signIns = signIns;
    this.responses = responses;
    this.rights = rights;
  }

  @GetMapping("/signIns")
  Map<String, Object> list(HttpServletRequest request) {
    rights.require(AdminAction.READ_AUDIT, null);
    ODataQuery query = ODataQuery.from(request).allowFilterOn(FILTERABLE);
    Page<SignInRecord> page = Page.of(signIns.find(query.filter(), query.skipToken(), query.top() + 1), query.top(),
        entry -> SqlWhere.position(entry.createdAt(), entry.id()));
    return responses.page("auditLogs/signIns", page.items().stream().map(SignInLogController::toGraph).toList(),
        page.nextPosition(), request);
  }

  private static Map<String, Object> toGraph(SignInRecord record) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("errorCode", record.errorCode());
    status.put("failureReason", record.failureReason() == null ? null : record.failureReason());
    status.put("additionalDetails", record.succeeded() ? null : "The person was shown the same message for every failure.");
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("authenticationStepDateTime", GraphTime.format(record.createdAt()));
    step.put("authenticationMethod", record.authenticationMethod());
    step.put("succeeded", record.succeeded());
    Map<String, Object> signIn = new LinkedHashMap<>();
    signIn.put("@odata.type", "#microsoft.graph.signIn");
    signIn.put("id", record.id());
    signIn.put("createdDateTime", GraphTime.format(record.createdAt()));
    signIn.put("userId", record.userId());
    signIn.put("userPrincipalName", record.userPrincipalName());
    signIn.put("userDisplayName", record.userDisplayName());
    signIn.put("appDisplayName", "Latchkey");
    signIn.put("clientAppUsed", "Browser");
    signIn.put("isInteractive", true);
    signIn.put("ipAddress", record.ipAddress());
    signIn.put("correlationId", record.correlationId());
    signIn.put("status", status);
    signIn.put("authenticationDetails", List.of(step));
    signIn.put("userAgent", record.userAgent());
    return signIn;
  }
}
