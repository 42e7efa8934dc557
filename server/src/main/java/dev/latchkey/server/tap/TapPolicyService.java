package dev.latchkey.server.tap;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.policy.MethodState;
import dev.latchkey.core.policy.TapPolicy;
import dev.latchkey.core.policy.Targeting;
import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.graph.JsonBody;
import dev.latchkey.server.graph.TargetsJson;
import dev.latchkey.server.persistence.MethodPolicyDocuments;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The Temporary Access Pass method configuration: read it, and change it with a partial merge that either
 * yields a valid {@link TapPolicy} or changes nothing.
 */
@Service
public class TapPolicyService {

  public static final String ID = "TemporaryAccessPass";
  public static final String ODATA_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";
  private static final Set<String> PROPERTIES = Set.of("id", "state", "defaultLifetimeInMinutes",
      "defaultLength", "minimumLifetimeInMinutes", "maximumLifetimeInMinutes", "isUsableOnce", "includeTargets",
      "excludeTargets");

  private final MethodPolicyDocuments documents;
  private final AuditLog audit;
  private final AdminRights rights;
  private final MethodPolicyDocuments.Shape<TapPolicy> shape = new MethodPolicyDocuments.Shape<>(ID, ODATA_TYPE,
      TapPolicy::defaults, TapPolicyService::merge, TapPolicyService::toGraph);

  TapPolicyService(MethodPolicyDocuments documents, AuditLog audit, AdminRights rights) {
    this.documents = documents;
    this.audit = audit;
    this.rights = rights;
  }

  /** The policy in force. */
  public TapPolicy current() {
    return documents.current(shape);
  }

  /**
   * Merges a Graph PATCH body into the policy. The body must carry the configuration's
   * {@code @odata.type}; any invalid value is a 400 and nothing changes.
   */
  @Transactional
  public TapPolicy update(JsonNode patch) {
    rights.require(AdminAction.EDIT_POLICY, null);
    MethodPolicyDocuments.Change<TapPolicy> change = documents.update(shape, patch);
    audit.record(new AuditEvent("Policy", "Authentication Methods Policy Update", "Update",
        "Temporary Access Pass configuration updated", "Authentication Methods",
        List.of(new AuditEvent.TargetResource(ID, "Temporary Access Pass", "Policy", null,
            change.changes().stream().map(c -> new AuditEvent.ModifiedProperty(c.property(), c.oldValue(),
                c.newValue())).toList()))));
    return change.after();
  }

  /** The configuration's Graph properties, without annotations. */
  public static Map<String, Object> toGraph(TapPolicy policy) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", ODATA_TYPE);
    graph.put("id", ID);
    graph.put("state", policy.state().graphName());
    graph.put("defaultLifetimeInMinutes", policy.defaultLifetimeInMinutes());
    graph.put("defaultLength", policy.defaultLength());
    graph.put("minimumLifetimeInMinutes", policy.minimumLifetimeInMinutes());
    graph.put("maximumLifetimeInMinutes", policy.maximumLifetimeInMinutes());
    graph.put("isUsableOnce", policy.isUsableOnce());
    graph.put("includeTargets", TargetsJson.includes(policy.targeting().includeTargets()));
    graph.put("excludeTargets", TargetsJson.excludes(policy.targeting().excludeTargets()));
    return graph;
  }

  private static TapPolicy merge(TapPolicy base, JsonBody body) {
    body.allowOnly("temporaryAccessPassAuthenticationMethodConfiguration", PROPERTIES);
    String id = body.optionalString("id");
    if (id != null && !ID.equalsIgnoreCase(id)) {
      throw new InvalidPolicyException("id is read-only and must be '" + ID + "'.");
    }
    String state = body.optionalString("state");
    return new TapPolicy(
        state == null ? base.state() : MethodState.fromGraphName(state),
        orElse(body.optionalInt("defaultLifetimeInMinutes"), base.defaultLifetimeInMinutes()),
        orElse(body.optionalInt("minimumLifetimeInMinutes"), base.minimumLifetimeInMinutes()),
        orElse(body.optionalInt("maximumLifetimeInMinutes"), base.maximumLifetimeInMinutes()),
        orElse(body.optionalInt("defaultLength"), base.defaultLength()),
        orElse(body.optionalBoolean("isUsableOnce"), base.isUsableOnce()),
        new Targeting(
            body.has("includeTargets") ? TargetsJson.read("includeTargets", body.raw("includeTargets"))
                : base.targeting().includeTargets(),
            body.has("excludeTargets") ? TargetsJson.read("excludeTargets", body.raw("excludeTargets"))
                : base.targeting().excludeTargets()));
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

}
