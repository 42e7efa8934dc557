package dev.latchkey.server.graph;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.policy.PolicyTarget;
import dev.latchkey.core.policy.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code includeTargets} and {@code excludeTargets} of a method configuration, to and from Graph JSON. */
public final class TargetsJson {

  private TargetsJson() {}

  /** Reads a target array; {@code field} names it in error messages. */
  public static List<PolicyTarget> read(String field, JsonNode array) {
    if (array == null || !array.isArray()) {
      throw new InvalidPolicyException(field + " must be an array of {\"targetType\": \"user\"|\"group\", \"id\": \"...\"}.");
    }
    List<PolicyTarget> targets = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isObject()) {
        throw new InvalidPolicyException(field + " must contain objects such as {\"targetType\": \"group\", \"id\": \"all_users\"}.");
      }
      JsonBody target = JsonBody.of(item).allowOnly(field + " item", Set.of("targetType", "id", "isRegistrationRequired"));
      String type = target.optionalString("targetType");
      Boolean registrationRequired = target.optionalBoolean("isRegistrationRequired");
      targets.add(new PolicyTarget(TargetType.fromGraphName(type == null ? "group" : type), target.optionalString("id"),
          registrationRequired != null && registrationRequired));
    }
    return targets;
  }

  public static List<Map<String, Object>> includes(List<PolicyTarget> targets) {
    return targets.stream().map(target -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("targetType", target.targetType().graphName());
      json.put("id", target.id());
      json.put("isRegistrationRequired", target.isRegistrationRequired());
      return json;
    }).toList();
  }

  public static List<Map<String, Object>> excludes(List<PolicyTarget> targets) {
    return targets.stream().map(target -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("targetType", target.targetType().graphName());
      json.put("id", target.id());
      return json;
    }).toList();
  }
}
