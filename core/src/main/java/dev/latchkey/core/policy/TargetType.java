package dev.latchkey.core.policy;

import dev.latchkey.core.InvalidPolicyException;

/** What a policy target names: one user, or a group (including the pseudo-group {@code all_users}). */
public enum TargetType {
  USER("user"),
  GROUP("group");

  private final String graphName;

  TargetType(String graphName) {
    this.graphName = graphName;
  }

  public String graphName() {
    return graphName;
  }

  public static TargetType fromGraphName(String name) {
    for (TargetType type : values()) {
      if (type.graphName.equalsIgnoreCase(name)) {
        return type;
      }
    }
    throw new InvalidPolicyException("targetType must be 'user' or 'group', not '" + name + "'.");
  }
}
