package dev.latchkey.core.policy;

import dev.latchkey.core.InvalidPolicyException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which authenticator models may register as passkeys, by AAGUID.
 *
 * @param isEnforced when false the list is kept but not applied
 * @param enforcementType whether the list allows only its models or blocks them
 * @param aaGuids lower-case AAGUIDs, without duplicates
 */
public record KeyRestrictions(boolean isEnforced, EnforcementType enforcementType, List<String> aaGuids) {

  private static final Pattern GUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Whether the listed AAGUIDs are the only ones allowed, or the ones refused. */
  public enum EnforcementType {
    ALLOW("allow"),
    BLOCK("block");

    private final String graphName;

    EnforcementType(String graphName) {
      this.graphName = graphName;
    }

    public String graphName() {
      return graphName;
    }

    public static EnforcementType fromGraphName(String name) {
      for (EnforcementType type : values()) {
        if (type.graphName.equalsIgnoreCase(name)) {
          return type;
        }
      }
      throw new InvalidPolicyException(
          "keyRestrictions.enforcementType must be 'allow' or 'block', not '" + name + "'.");
    }
  }

  public KeyRestrictions {
    Objects.requireNonNull(enforcementType, "enforcementType");
    LinkedHashSet<String> normalized = new LinkedHashSet<>();
    for (String aaGuid : Objects.requireNonNull(aaGuids, "aaGuids")) {
      String lower = aaGuid == null ? "" : aaGuid.toLowerCase(Locale.ROOT);
      if (!GUID.matcher(lower).matches()) {
        throw new InvalidPolicyException("keyRestrictions.aaGuids: '" + aaGuid + "' is not an AAGUID "
            + "(a GUID such as 'cb69481e-8ff7-4039-93ec-0a2729a154a8').");
      }
      normalized.add(lower);
    }
    aaGuids = List.copyOf(normalized);
    if (isEnforced && enforcementType == EnforcementType.ALLOW && aaGuids.isEmpty()) {
      throw new InvalidPolicyException(
          "keyRestrictions allow no model at all: add AAGUIDs to aaGuids or set isEnforced to false.");
    }
  }

  /** No restriction. */
  public static KeyRestrictions none() {
    return new KeyRestrictions(false, EnforcementType.BLOCK, List.of());
  }

  /** Whether an authenticator with this AAGUID may register. */
  public boolean permits(String aaGuid) {
    if (!isEnforced) {
      return true;
    }
    boolean listed = aaGuids.contains(aaGuid.toLowerCase(Locale.ROOT));
    return enforcementType == EnforcementType.ALLOW ? listed : !listed;
  }
}
