package dev.latchkey.server.audit;

import dev.latchkey.server.graph.RequestIds;
import dev.latchkey.server.security.Caller;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
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

  private final AuditRepository repository;
  private final Clock clock;

  AuditLog(AuditRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
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
