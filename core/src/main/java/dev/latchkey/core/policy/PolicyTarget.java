package dev.latchkey.core.policy;

import dev.latchkey.core.InvalidPolicyException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a policy's include or exclude list: a user id, a group id, or the group {@code all_users}.
 *
 * @param targetType whether {@code id} names a user or a group
 * @param id a user or group id (a GUID), or {@link #ALL_USERS} with {@link TargetType#GROUP}
 * @param isRegistrationRequired carried for Graph compatibility; Latchkey does not act on it
 */
public record PolicyTarget(TargetType targetType, String id, boolean isRegistrationRequired) {

  /** The pseudo-group that contains every user. */
  public static final String ALL_USERS = "all_users";

  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public PolicyTarget {
    Objects.requireNonNull(targetType, "targetType");
    if (id == null || id.isBlank()) {
      throw new InvalidPolicyException("Every target needs an id: a user or group id, or 'all_users'.");
    }
    if (ALL_USERS.equalsIgnoreCase(id)) {
      if (targetType != TargetType.GROUP) {
        throw new InvalidPolicyException("'all_users' is a group target; set targetType to 'group'.");
      }
      id = ALL_USERS;
    } else if (!GUID.matcher(id).matches()) {
      throw new InvalidPolicyException("Target id '" + id + "' is not a GUID or 'all_users'.");
    } else {
      id = id.toLowerCase(Locale.ROOT);
    }
  }

  /** The target that includes everybody. */
  public static PolicyTarget allUsers() {
    return new PolicyTarget(TargetType.GROUP, ALL_USERS, false);
  }

  /** Whether this target is a real group, whose members only a look-up of the user's groups tells. */
  public boolean namesGroup() {
    return targetType == TargetType.GROUP && !ALL_USERS.equals(id);
  }

  /** Whether this target names the given member, directly or through one of their groups. */
  public boolean matches(DirectoryMember member) {
    if (targetType == TargetType.USER) {
      return id.equalsIgnoreCase(member.userId());
    }
    return ALL_USERS.equals(id) || member.groupIds().contains(id);
  }
}
