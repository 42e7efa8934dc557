package dev.latchkey.core.policy;

import dev.latchkey.core.InvalidPolicyException;

/** Whether an authentication method is switched on for the users its policy targets. */
public enum MethodState {
  ENABLED("enabled"),
  DISABLED("disabled");

  private final String graphName;

  MethodState(String graphName) {
    this.graphName = graphName;
  }

  /** The name in the Graph API: {@code enabled} or {@code disabled}. */
  public String graphName() {
    return graphName;
  }

  /** Parses the Graph name, case-insensitively; anything else is an {@link InvalidPolicyException}. */
  public static MethodState fromGraphName(String name) {
    for (MethodState state : values()) {
      if (state.graphName.equalsIgnoreCase(name)) {
        return state;
      }
    }
    throw new InvalidPolicyException("state must be 'enabled' or 'disabled', not '" + name + "'.");
  }
}
