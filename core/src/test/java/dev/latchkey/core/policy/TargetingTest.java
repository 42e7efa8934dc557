package dev.latchkey.core.policy;

import static dev.latchkey.core.testing.TestMembers.ALICE_ID;
import static dev.latchkey.core.testing.TestMembers.BOB_ID;
import static dev.latchkey.core.testing.TestMembers.CONTRACTORS_ID;
import static dev.latchkey.core.testing.TestMembers.ENGINEERING_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.testing.TestMembers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetingTest {

  private static PolicyTarget user(String id) {
    return new PolicyTarget(TargetType.USER, id, false);
  }

  private static PolicyTarget group(String id) {
    return new PolicyTarget(TargetType.GROUP, id, false);
  }

  @Test
  void everyoneWhenCreatedThenIncludesAllUsersAndExcludesNobody() {
    Targeting everyone = Targeting.everyone();

    assertThat(everyone.includeTargets()).containsExactly(PolicyTarget.allUsers());
    assertThat(everyone.excludeTargets()).isEmpty();
    assertThat(everyone.appliesTo(TestMembers.alice())).isTrue();
    assertThat(everyone.appliesTo(TestMembers.carol())).isTrue();
  }

  @Test
  void appliesToWhenOnlyUserTargetsIncludedThenOnlyThoseUsers() {
    Targeting targeting = new Targeting(List.of(user(ALICE_ID), user(BOB_ID)), List.of());

    assertThat(targeting.appliesTo(TestMembers.alice())).isTrue();
    assertThat(targeting.appliesTo(TestMembers.bob())).isTrue();
    assertThat(targeting.appliesTo(TestMembers.carol())).isFalse();
  }

  @Test
  void appliesToWhenGroupIncludedThenOnlyItsMembers() {
    Targeting targeting = new Targeting(List.of(group(ENGINEERING_ID)), List.of());

    assertThat(targeting.appliesTo(TestMembers.alice())).isTrue();
    assertThat(targeting.appliesTo(TestMembers.bob())).isFalse();
    assertThat(targeting.appliesTo(TestMembers.carol())).isFalse();
  }

  @Test
  void namesGroupsWhenOnlyAllUsersAndUsersThenFalseAndTheDecisionIgnoresGroups() {
    List<Targeting> groupless = List.of(Targeting.everyone(),
        new Targeting(List.of(user(ALICE_ID)), List.of()),
        new Targeting(List.of(PolicyTarget.allUsers()), List.of(user(BOB_ID))),
        new Targeting(List.of(), List.of()));

    for (Targeting targeting : groupless) {
      assertThat(targeting.namesGroups()).as(targeting.toString()).isFalse();
      for (DirectoryMember member : List.of(TestMembers.alice(), TestMembers.bob(), TestMembers.carol())) {
        assertThat(targeting.appliesTo(new DirectoryMember(member.userId(), Set.of())))
            .as(targeting + " for " + member).isEqualTo(targeting.appliesTo(member));
      }
    }
  }

  @Test
  void namesGroupsWhenAGroupIsIncludedOrExcludedThenTrue() {
    assertThat(new Targeting(List.of(group(ENGINEERING_ID)), List.of()).namesGroups()).isTrue();
    assertThat(new Targeting(List.of(PolicyTarget.allUsers()), List.of(group(CONTRACTORS_ID))).namesGroups()).isTrue();
  }

  @Test
  void appliesToWhenUserExcludedFromAllUsersThenExclusionWins() {
    Targeting targeting = new Targeting(List.of(PolicyTarget.allUsers()), List.of(user(ALICE_ID)));

    assertThat(targeting.appliesTo(TestMembers.alice())).isFalse();
    assertThat(targeting.appliesTo(TestMembers.bob())).isTrue();
  }

  @Test
  void appliesToWhenUserIncludedByNameButExcludedByGroupThenExclusionWins() {
    Targeting targeting =
        new Targeting(List.of(user(ALICE_ID), user(BOB_ID)), List.of(group(ENGINEERING_ID)));

    assertThat(targeting.appliesTo(TestMembers.alice())).isFalse();
    assertThat(targeting.appliesTo(TestMembers.bob())).isTrue();
  }

  @Test
  void appliesToWhenSameTargetIncludedAndExcludedThenExclusionWins() {
    Targeting targeting = new Targeting(List.of(group(CONTRACTORS_ID)), List.of(group(CONTRACTORS_ID)));

    assertThat(targeting.appliesTo(TestMembers.bob())).isFalse();
  }

  @Test
  void appliesToWhenAllUsersExcludedThenNobody() {
    Targeting targeting = new Targeting(List.of(PolicyTarget.allUsers()), List.of(PolicyTarget.allUsers()));

    assertThat(targeting.appliesTo(TestMembers.alice())).isFalse();
    assertThat(targeting.appliesTo(TestMembers.carol())).isFalse();
  }

  @Test
  void constructWhenIncludeTargetsNameSameUserTwiceThenRejected() {
    List<PolicyTarget> twice = List.of(user(ALICE_ID), user(ALICE_ID.toUpperCase(Locale.ROOT)));

    assertThatThrownBy(() -> new Targeting(twice, List.of()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("includeTargets names '" + ALICE_ID + "' twice.");
  }

  @Test
  void constructWhenExcludeTargetsNameSameGroupTwiceThenRejected() {
    List<PolicyTarget> twice = List.of(group(ENGINEERING_ID), group(ENGINEERING_ID));

    assertThatThrownBy(() -> new Targeting(List.of(PolicyTarget.allUsers()), twice))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("excludeTargets names '" + ENGINEERING_ID + "' twice.");
  }

  @Test
  void constructWhenAllUsersListedTwiceInDifferentCaseThenRejected() {
    List<PolicyTarget> twice =
        List.of(PolicyTarget.allUsers(), new PolicyTarget(TargetType.GROUP, "ALL_USERS", true));

    assertThatThrownBy(() -> new Targeting(twice, List.of()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("includeTargets names 'all_users' twice.");
  }

  @Test
  void constructWhenCallerChangesItsListsAfterwardsThenTargetingUnchanged() {
    List<PolicyTarget> include = new ArrayList<>(List.of(user(ALICE_ID)));
    List<PolicyTarget> exclude = new ArrayList<>();
    Targeting targeting = new Targeting(include, exclude);

    include.add(user(BOB_ID));
    exclude.add(user(ALICE_ID));

    assertThat(targeting.includeTargets()).containsExactly(user(ALICE_ID));
    assertThat(targeting.excludeTargets()).isEmpty();
    assertThat(targeting.appliesTo(TestMembers.alice())).isTrue();
  }

  @Test
  void includeTargetsWhenModifiedThenRefused() {
    Targeting targeting = Targeting.everyone();

    assertThatThrownBy(() -> targeting.includeTargets().add(user(ALICE_ID)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
