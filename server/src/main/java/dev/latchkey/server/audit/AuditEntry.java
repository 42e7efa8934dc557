package dev.latchkey.server.audit;

import dev.latchkey.server.security.Caller;
import java.time.Instant;

/** A recorded change: the event, who did it, when, and the request it came with. */
public record AuditEntry(String id, Instant activityDateTime, AuditEvent event, String result, Caller initiatedBy,
    String correlationId) {}
