package dev.latchkey.server.passkey;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.policy.Fido2Policy;
import dev.latchkey.core.policy.KeyRestrictions;
import dev.latchkey.core.policy.MethodState;
import dev.latchkey.core.policy.Targeting;
import dev.latchkey.server.audit.AuditEvent;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.graph.JsonBody;
import dev.latchkey.server.graph.TargetsJson;
import dev.latchkey.server.persistence.MethodPolicyDocuments;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The passkey (FIDO2) method configuration: read it, and change it with a partial merge that either
 * yields a valid {@link Fido2Policy} or changes nothing. The passkey ceremonies enforce it.
 */
@Service
public class Fido2PolicyService {

  public static final String ID = "Fido2";
  public static final String ODATA_TYPE = "#microsoft.graph.fido2AuthenticationMethodConfiguration";
  private static final Set<String> PROPERTIES = Set.of("id", "state", "isSelfServiceRegistrationAllowed",
      "isAttestationEnforced", "keyRestrictions", "includeTargets", "excludeTargets");

  private final MethodPolicyDocuments documents;
  private final AuditLog audit;
  private final AdminRights rights;
  private final MethodPolicyDocuments.Shape<Fido2Policy> shape = new MethodPolicyDocuments.Shape<>(ID, ODATA_TYPE,
      Fido2Policy::defaults, Fido2PolicyService::merge, Fido2PolicyService::toGraph);

  Fido2PolicyService(MethodPolicyDocuments documents, AuditLog audit, AdminRights rights) {
    this.documents = documents;
    this.audit = audit;
    this.rights = rights;
  }

  public Fido2Policy current() {
    return documents.current(shape);
  }

  @Transactional
  public Fido2Policy update(JsonNode patch) {
    rights.require(AdminAction.EDIT_POLICY, null);
    MethodPolicyDocuments.Change<Fido2Policy> change = documents.update(shape, patch);
    audit.record(new AuditEvent("Policy", "Authentication Methods Policy Update", "Update",
        "FIDO2 configuration updated", "Authentication Methods",
        List.of(new AuditEvent.TargetResource(ID, "Passkey (FIDO2)", "Policy", null,
            change.changes().stream().map(c -> new AuditEvent.ModifiedProperty(c.property(), c.oldValue(),
                c.newValue())).toList()))));
    return change.after();
  }

  public static Map<String, Object> toGraph(Fido2Policy policy) {
    Map<String, Object> restrictions = new LinkedHashMap<>();
    restrictions.put("isEnforced", policy.keyRestrictions().isEnforced());
    restrictions.put("enforcementType", policy.keyRestrictions().enforcementType().graphName());
    restrictions.put("aaGuids", policy.keyRestrictions().aaGuids());
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", ODATA_TYPE);
    graph.put("id", ID);
    graph.put("state", policy.state().graphName());
    graph.put("isSelfServiceRegistrationAllowed", policy.isSelfServiceRegistrationAllowed());
    graph.put("isAttestationEnforced", policy.isAttestationEnforced());
    graph.put("keyRestrictions", restrictions);
    graph.put("includeTargets", TargetsJson.includes(policy.targeting().includeTargets()));
    graph.put("excludeTargets", TargetsJson.excludes(policy.targeting().excludeTargets()));
    return graph;
  }

  private static Fido2Policy merge(Fido2Policy base, JsonBody body) {
    body.allowOnly("fido2AuthenticationMethodConfiguration", PROPERTIES);
    String id = body.optionalString("id");
    if (id != null && !ID.equalsIgnoreCase(id)) {
      throw new InvalidPolicyException("id is read-only and must be '" + ID + "'.");
    }
    String state = body.optionalString("state");
    Boolean selfService = body.optionalBoolean("isSelfServiceRegistrationAllowed");
    Boolean attestation = body.optionalBoolean("isAttestationEnforced");
    return new Fido2Policy(
        state == null ? base.state() : MethodState.fromGraphName(state),
        selfService == null ? base.isSelfServiceRegistrationAllowed() : selfService,
        attestation == null ? base.isAttestationEnforced() : attestation,
        body.has("keyRestrictions") ? keyRestrictions(base.keyRestrictions(), body.raw("keyRestrictions"))
            : base.keyRestrictions(),
        new Targeting(
            body.has("includeTargets") ? TargetsJson.read("includeTargets", body.raw("includeTargets"))
                : base.targeting().includeTargets(),
            body.has("excludeTargets") ? TargetsJson.read("excludeTargets", body.raw("excludeTargets"))
                : base.targeting().excludeTargets()));
  }

  private static KeyRestrictions keyRestrictions(KeyRestrictions base, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidPolicyException("keyRestrictions must be an object with isEnforced, enforcementType and aaGuids.");
    }
    JsonBody body = JsonBody.of(node).allowOnly("keyRestrictions", Set.of("isEnforced", "enforcementType", "aaGuids"));
    Boolean enforced = body.optionalBoolean("isEnforced");
    String type = body.optionalString("enforcementType");
    List<String> aaGuids = base.aaGuids();
    if (body.has("aaGuids")) {
      JsonNode array = body.raw("aaGuids");
      if (!array.isArray()) {
        throw new InvalidPolicyException("keyRestrictions.aaGuids must be an array of AAGUID strings.");
      }
      aaGuids = new ArrayList<>();
      for (JsonNode item : array) {
        if (!item.isString()) {
          throw new InvalidPolicyException("keyRestrictions.aaGuids must be an array of AAGUID strings.");
        }
        aaGuids.add(item.stringValue());
      }
    }
    return new KeyRestrictions(enforced == null ? base.isEnforced() : enforced,
        type == null ? base.enforcementType() : KeyRestrictions.EnforcementType.fromGraphName(type), aaGuids);
  }
}
