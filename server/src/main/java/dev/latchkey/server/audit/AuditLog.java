package dev.latchkey.server.audit;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.RequestIds;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.security.Caller;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records changes in the directory audit log. {@link #record} joins the caller's transaction, so an entry
 * exists exactly when its change committed. Entries never contain a pass or a secret: callers pass only
 * the properties of the contract.
 */
@Service
public class AuditLog {

  /** A filter property beyond Graph's: the initiating person's userPrincipalName, any case. */
  public static final String INITIATED_BY_UPN = "initiatedBy/user/userPrincipalName";
  /** A filter property beyond Graph's: {@code success} or {@code failure}. */
  public static final String RESULT = "result";

  private final AuditRepository repository;
  private final AdminRights rights;
  private final Clock clock;

  AuditLog(AuditRepository repository, AdminRights rights, Clock clock) {
    this.repository = repository;
    this.rights = rights;
    this.clock = clock;
  }

  /**
   * Entries matching every clause (the API's properties, {@link #INITIATED_BY_UPN} and {@link #RESULT}),
   * newest first, after the position {@code after} (null for the start).
   *
   * @throws dev.latchkey.server.graph.GraphException 403 unless the caller may read the logs
   */
  public List<AuditEntry> find(List<FilterClause> filter, String after, int limit) {
    rights.require(AdminAction.READ_AUDIT, null);
    return repository.find(filter, after, limit);
  }

  /** Records a successful change by the current API caller; must run inside the change's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(AuditEvent event) {
    repository.insert(new AuditEntry(UUID.randomUUID().toString(), clock.instant().truncatedTo(ChronoUnit.MICROS),
        event, "success", Caller.current(), correlationId()));
  }

  private static String correlationId() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      return RequestIds.requestId(attributes.getRequest());
    }
    return UUID.randomUUID().toString();
  }
}
