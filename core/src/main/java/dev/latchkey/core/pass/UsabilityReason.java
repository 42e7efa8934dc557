package dev.latchkey.core.pass;

/**
 * Why a pass can or can't be used right now, with the Graph API's names. The order of the constants is
 * the order of precedence: the first that applies is the reason.
 */
public enum UsabilityReason {
  DISABLED_BY_POLICY("DisabledByPolicy"),
  ONE_TIME_USED("OneTimeUsed"),
  EXPIRED("Expired"),
  NOT_YET_VALID("NotYetValid"),
  ENABLED_BY_POLICY("EnabledByPolicy");

  private final String graphName;

  UsabilityReason(String graphName) {
    this.graphName = graphName;
  }

  /** The PascalCase name of {@code methodUsabilityReason}. */
  public String graphName() {
    return graphName;
  }

  /** Whether a pass with this reason can sign in. */
  public boolean isUsable() {
    return this == ENABLED_BY_POLICY;
  }
}
