package dev.latchkey.core.strength;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The authentication strengths Entra ID defines as built-in policies, ordered from weakest to strongest:
 * each strength is a subset of the methods of the one before it.
 */
public enum AuthenticationStrength {
  /** A pass or a passkey. */
  MULTIFACTOR("00000000-0000-0000-0000-000000000002", "Multifactor authentication", "mfa"),
  /** A passkey; a pass is not passwordless multi-factor in Entra's sense. */
  PASSWORDLESS("00000000-0000-0000-0000-000000000003", "Passwordless MFA", "passwordless"),
  /** A passkey: the browser binds it to the origin, so a look-alike site can't replay it. */
  PHISHING_RESISTANT("00000000-0000-0000-0000-000000000004", "Phishing-resistant MFA", "phishing-resistant");

  private final String policyId;
  private final String displayName;
  private final String acr;

  AuthenticationStrength(String policyId, String displayName, String acr) {
    this.policyId = policyId;
    this.displayName = displayName;
    this.acr = acr;
  }

  /** The id of Entra's built-in authentication strength policy. */
  public String policyId() {
    return policyId;
  }

  public String displayName() {
    return displayName;
  }

  /** The value of the {@code acr} claim and of the {@code acr_values} request parameter. */
  public String acr() {
    return acr;
  }

  /** The strength with this policy id or acr value (case-insensitive), if any. */
  public static Optional<AuthenticationStrength> find(String idOrAcr) {
    if (idOrAcr == null) {
      return Optional.empty();
    }
    String wanted = idOrAcr.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(strength -> strength.policyId.equals(wanted) || strength.acr.equals(wanted))
        .findFirst();
  }

  /** The stricter of two strengths. */
  public AuthenticationStrength atLeast(AuthenticationStrength other) {
    return other != null && other.compareTo(this) > 0 ? other : this;
  }
}
