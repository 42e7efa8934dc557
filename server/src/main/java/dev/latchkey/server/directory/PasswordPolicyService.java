package dev.latchkey.server.directory;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.policy.DirectoryMember;
import dev.latchkey.core.policy.MethodState;
import dev.latchkey.core.policy.PasswordPolicy;
import dev.latchkey.core.policy.Targeting;
import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.graph.JsonBody;
import dev.latchkey.server.graph.TargetsJson;
import dev.latchkey.server.persistence.MethodPolicyDocuments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code Password} method configuration, a Latchkey extension beside Graph's method configurations:
 * who may have a password and sign in with it. Everyone else is passwordless-enforced.
 */
@Service
public class PasswordPolicyService {

  public static final String ID = "Password";
  public static final String ODATA_TYPE = "#microsoft.graph.passwordAuthenticationMethodConfiguration";
  private static final Set<String> PROPERTIES = Set.of("id", "state", "includeTargets", "excludeTargets");

  private final MethodPolicyDocuments documents;
  private final UserRepository users;
  private final AuditLog audit;
  private final MethodPolicyDocuments.Shape<PasswordPolicy> shape = new MethodPolicyDocuments.Shape<>(ID, ODATA_TYPE,
      PasswordPolicy::defaults, PasswordPolicyService::merge, PasswordPolicyService::toGraph);

  PasswordPolicyService(MethodPolicyDocuments documents, UserRepository users, AuditLog audit) {
    this.documents = documents;
    this.users = users;
    this.audit = audit;
  }

  public PasswordPolicy current() {
    return documents.current(shape);
  }

  /** Whether the policy lets this user have a password and sign in with it. */
  public boolean permits(User user) {
    PasswordPolicy policy = current();
    return policy.permits(user.asMember(policy.targeting().namesGroups() ? users.groupIds(user.id()) : Set.of()));
  }

  boolean permits(DirectoryMember member) {
    return current().permits(member);
  }

  @Transactional
  public PasswordPolicy update(JsonNode patch) {
    MethodPolicyDocuments.Change<PasswordPolicy> change = documents.update(shape, patch);
    audit.record(new AuditEvent("Policy", "Authentication Methods Policy Update", "Update",
        "Password configuration updated", "Authentication Methods",
        List.of(new AuditEvent.TargetResource(ID, "Password", "Policy", null,
            change.changes().stream().map(c -> new AuditEvent.ModifiedProperty(c.property(), c.oldValue(),
                c.newValue())).toList()))));
    return change.after();
  }

  public static Map<String, Object> toGraph(PasswordPolicy policy) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", ODATA_TYPE);
    graph.put("id", ID);
    graph.put("state", policy.state().graphName());
    graph.put("includeTargets", TargetsJson.includes(policy.targeting().includeTargets()));
    graph.put("excludeTargets", TargetsJson.excludes(policy.targeting().excludeTargets()));
    return graph;
  }

  private static PasswordPolicy merge(PasswordPolicy base, JsonBody body) {
    body.allowOnly("passwordAuthenticationMethodConfiguration", PROPERTIES);
    String id = body.optionalString("id");
    if (id != null && !ID.equalsIgnoreCase(id)) {
      throw new InvalidPolicyException("id is read-only and must be '" + ID + "'.");
    }
    String state = body.optionalString("state");
    return new PasswordPolicy(
        state == null ? base.state() : MethodState.fromGraphName(state),
        new Targeting(
            body.has("includeTargets") ? TargetsJson.read("includeTargets", body.raw("includeTargets"))
                : base.targeting().includeTargets(),
            body.has("excludeTargets") ? TargetsJson.read("excludeTargets", body.raw("excludeTargets"))
                : base.targeting().excludeTargets()));
  }
}
