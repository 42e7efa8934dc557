package dev.latchkey.core.policy;

import static dev.latchkey.core.testing.TestMembers.ALICE_ID;
import static dev.latchkey.core.testing.TestMembers.ENGINEERING_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.testing.TestMembers;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTargetTest {

  @Test
  void allUsersWhenCreatedThenGroupTargetNamedAllUsers() {
    PolicyTarget target = PolicyTarget.allUsers();

    assertThat(target.targetType()).isEqualTo(TargetType.GROUP);
    assertThat(target.id()).isEqualTo("all_users");
    assertThat(target.isRegistrationRequired()).isFalse();
  }

  @Test
  void allUsersWhenMatchedThenEveryMemberMatches() {
    PolicyTarget target = PolicyTarget.allUsers();

    assertThat(target.matches(TestMembers.alice())).isTrue();
    assertThat(target.matches(TestMembers.bob())).isTrue();
    assertThat(target.matches(TestMembers.carol())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ALL_USERS", "All_Users", "all_users"})
  void constructWhenAllUsersInAnyCaseThenNormalizedToLowerCase(String id) {
    assertThat(new PolicyTarget(TargetType.GROUP, id, false)).isEqualTo(PolicyTarget.allUsers());
  }

  @Test
  void constructWhenAllUsersGivenAsUserTargetThenRejectedAskingForGroup() {
    assertThatThrownBy(() -> new PolicyTarget(TargetType.USER, "all_users", false))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("'all_users' is a group target; set targetType to 'group'.");
  }

  @Test
  void constructWhenGuidInUpperCaseThenStoredInLowerCase() {
    PolicyTarget target = new PolicyTarget(TargetType.USER, ALICE_ID.toUpperCase(Locale.ROOT), false);

    assertThat(target.id()).isEqualTo(ALICE_ID);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {
      "alice@contoso.com",
      "3f9a1c527b044e8da6c12d5e8f0b9a17",
      "{3f9a1c52-7b04-4e8d-a6c1-2d5e8f0b9a17}",
      "3f9a1c52-7b04-4e8d-a6c1-2d5e8f0b9a1",
      "3f9a1c52-7b04-4e8d-a6c1-2d5e8f0b9a170",
      "3f9a1c52-7b04-4e8d-a6c1-2d5e8f0b9a1g",
      " 3f9a1c52-7b04-4e8d-a6c1-2d5e8f0b9a17",
      "all-users",
  })
  void constructWhenIdIsNeitherGuidNorAllUsersThenRejected(String id) {
    assertThatThrownBy(() -> new PolicyTarget(TargetType.GROUP, id, false))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("Target id '" + id + "' is not a GUID or 'all_users'.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullSource
  @ValueSource(strings = {"", "   "})
  void constructWhenIdMissingThenRejected(String id) {
    assertThatThrownBy(() -> new PolicyTarget(TargetType.USER, id, false))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("Every target needs an id");
  }

  @Test
  void constructWhenTargetTypeMissingThenRejected() {
    assertThatThrownBy(() -> new PolicyTarget(null, ALICE_ID, false))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("targetType");
  }

  @Test
  void matchesWhenUserTargetThenOnlyThatUser() {
    PolicyTarget target = new PolicyTarget(TargetType.USER, ALICE_ID, false);

    assertThat(target.matches(TestMembers.alice())).isTrue();
    assertThat(target.matches(TestMembers.bob())).isFalse();
  }

  @Test
  void matchesWhenMemberIdDiffersOnlyInCaseThenStillMatches() {
    PolicyTarget target = new PolicyTarget(TargetType.USER, ALICE_ID, false);
    DirectoryMember shouting = new DirectoryMember(ALICE_ID.toUpperCase(Locale.ROOT), Set.of());

    assertThat(target.matches(shouting)).isTrue();
  }

  @Test
  void matchesWhenGroupTargetThenMembersOfThatGroupOnly() {
    PolicyTarget engineering = new PolicyTarget(TargetType.GROUP, ENGINEERING_ID, false);

    assertThat(engineering.matches(TestMembers.alice())).isTrue();
    assertThat(engineering.matches(TestMembers.bob())).isFalse();
    assertThat(engineering.matches(TestMembers.carol())).isFalse();
  }

  @Test
  void matchesWhenGroupIdsDifferOnlyInCaseThenStillMatches() {
    String shouted = ENGINEERING_ID.toUpperCase(Locale.ROOT);
    PolicyTarget engineering = new PolicyTarget(TargetType.GROUP, shouted, false);
    DirectoryMember member = new DirectoryMember(TestMembers.CAROL_ID, Set.of(shouted));

    assertThat(engineering.matches(member)).isTrue();
  }

  @Test
  void matchesWhenUserTargetNamesAGroupIdThenGroupMembersDoNotMatch() {
    PolicyTarget userWithGroupsId = new PolicyTarget(TargetType.USER, ENGINEERING_ID, false);

    assertThat(userWithGroupsId.matches(TestMembers.alice())).isFalse();
  }
}
