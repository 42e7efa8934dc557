package dev.latchkey.core.policy;

import dev.latchkey.core.InvalidPolicyException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who a method policy applies to: everyone matched by an include target and by no exclude target.
 * Exclusion wins, as in Entra ID.
 *
 * @param includeTargets who is in; {@code [all_users]} by default, and empty for nobody
 * @param excludeTargets possibly empty
 */
public record Targeting(List<PolicyTarget> includeTargets, List<PolicyTarget> excludeTargets) {

  public Targeting {
    includeTargets = List.copyOf(Objects.requireNonNull(includeTargets, "includeTargets"));
    excludeTargets = List.copyOf(Objects.requireNonNull(excludeTargets, "excludeTargets"));
    rejectDuplicates("includeTargets", includeTargets);
    rejectDuplicates("excludeTargets", excludeTargets);
  }

  /** Everyone, nobody excluded. */
  public static Targeting everyone() {
    return new Targeting(List.of(PolicyTarget.allUsers()), List.of());
  }

  /** Whether the policy applies to this member. */
  public boolean appliesTo(DirectoryMember member) {
    return includeTargets.stream().anyMatch(t -> t.matches(member))
        && excludeTargets.stream().noneMatch(t -> t.matches(member));
  }

  /**
   * Whether deciding needs the member's groups: false when every target is {@code all_users} or a user,
   * so that a caller can skip looking the groups up.
   */
  public boolean namesGroups() {
    return Stream.concat(includeTargets.stream(), excludeTargets.stream())
        .anyMatch(PolicyTarget::namesGroup);
  }

  private static void rejectDuplicates(String field, List<PolicyTarget> targets) {
    Set<String> seen = new HashSet<>();
    for (PolicyTarget target : targets) {
      if (!seen.add(target.targetType() + ":" + target.id())) {
        throw new InvalidPolicyException(field + " names '" + target.id() + "' twice.");
      }
    }
  }
}
