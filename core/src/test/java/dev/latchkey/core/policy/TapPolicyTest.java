package dev.latchkey.core.policy;

import static dev.latchkey.core.testing.TestPolicies.tapPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.testing.TestMembers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TapPolicyTest {

  @Test
  void defaultsWhenFreshInstallThenEnabledForAllUsersWithSixtyToFourHundredEightyMinutesAndEightCharacters() {
    TapPolicy policy = TapPolicy.defaults();

    assertThat(policy.state()).isEqualTo(MethodState.ENABLED);
    assertThat(policy.defaultLifetimeInMinutes()).isEqualTo(60);
    assertThat(policy.minimumLifetimeInMinutes()).isEqualTo(60);
    assertThat(policy.maximumLifetimeInMinutes()).isEqualTo(480);
    assertThat(policy.defaultLength()).isEqualTo(8);
    assertThat(policy.isUsableOnce()).isFalse();
    assertThat(policy.targeting().includeTargets()).containsExactly(PolicyTarget.allUsers());
    assertThat(policy.targeting().excludeTargets()).isEmpty();
  }

  @Test
  void defaultsWhenAskedForAnyoneThenPassesEnabled() {
    TapPolicy policy = TapPolicy.defaults();

    assertThat(policy.enablesPassesFor(TestMembers.alice())).isTrue();
    assertThat(policy.enablesPassesFor(TestMembers.carol())).isTrue();
  }

  @ParameterizedTest(name = "{0} minutes")
  @ValueSource(ints = {10, 43_200})
  void constructWhenEveryLifetimeOnRangeEdgeThenAccepted(int minutes) {
    TapPolicy policy = tapPolicy().lifetimes(minutes, minutes, minutes).build();

    assertThat(policy.minimumLifetimeInMinutes()).isEqualTo(minutes);
    assertThat(policy.defaultLifetimeInMinutes()).isEqualTo(minutes);
    assertThat(policy.maximumLifetimeInMinutes()).isEqualTo(minutes);
  }

  @Test
  void constructWhenLifetimesSpanWholeRangeThenAccepted() {
    TapPolicy policy = tapPolicy().lifetimes(10, 60, 43_200).build();

    assertThat(policy.minimumLifetimeInMinutes()).isEqualTo(10);
    assertThat(policy.maximumLifetimeInMinutes()).isEqualTo(43_200);
  }

  @ParameterizedTest(name = "min {0}, default {1}, max {2}")
  @CsvSource({
      "9,     60,    480,   minimumLifetimeInMinutes is 9; it must be between 10 and 43200.",
      "43201, 60,    480,   minimumLifetimeInMinutes is 43201; it must be between 10 and 43200.",
      "60,    60,    9,     maximumLifetimeInMinutes is 9; it must be between 10 and 43200.",
      "60,    60,    43201, maximumLifetimeInMinutes is 43201; it must be between 10 and 43200.",
      "10,    9,     480,   defaultLifetimeInMinutes is 9; it must be between 10 and 43200.",
      "60,    43201, 43200, defaultLifetimeInMinutes is 43201; it must be between 10 and 43200.",
  })
  void constructWhenLifetimeOnePastRangeEdgeThenRejectedNamingFieldAndRange(
      int minimum, int defaultLifetime, int maximum, String message) {
    assertThatThrownBy(() -> tapPolicy().lifetimes(minimum, defaultLifetime, maximum).build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {8, 48})
  void constructWhenLengthOnRangeEdgeThenAccepted(int length) {
    assertThat(tapPolicy().length(length).build().defaultLength()).isEqualTo(length);
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {7, 49})
  void constructWhenLengthOnePastRangeEdgeThenRejectedNamingFieldAndRange(int length) {
    assertThatThrownBy(() -> tapPolicy().length(length).build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("defaultLength is " + length + "; it must be between 8 and 48.");
  }

  @Test
  void constructWhenMinimumAboveMaximumThenRejectedNamingBoth() {
    assertThatThrownBy(() -> tapPolicy().lifetimes(481, 480, 480).build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("minimumLifetimeInMinutes (481) must not be greater than "
            + "maximumLifetimeInMinutes (480).");
  }

  @Test
  void constructWhenMinimumEqualsMaximumThenAccepted() {
    TapPolicy policy = tapPolicy().lifetimes(120, 120, 120).build();

    assertThat(policy.minimumLifetimeInMinutes()).isEqualTo(policy.maximumLifetimeInMinutes());
  }

  @ParameterizedTest(name = "default {0} under 60..480")
  @ValueSource(ints = {59, 481})
  void constructWhenDefaultOutsideMinimumToMaximumThenRejectedWithRange(int defaultLifetime) {
    assertThatThrownBy(() -> tapPolicy().lifetimes(60, defaultLifetime, 480).build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("defaultLifetimeInMinutes (" + defaultLifetime + ") must be between "
            + "minimumLifetimeInMinutes and maximumLifetimeInMinutes (60..480).");
  }

  @ParameterizedTest(name = "default {0} under 60..480")
  @ValueSource(ints = {60, 480})
  void constructWhenDefaultOnMinimumOrMaximumThenAccepted(int defaultLifetime) {
    assertThat(tapPolicy().lifetimes(60, defaultLifetime, 480).build().defaultLifetimeInMinutes())
        .isEqualTo(defaultLifetime);
  }

  @Test
  void constructWhenStateOrTargetingMissingThenRejected() {
    assertThatNullPointerException()
        .isThrownBy(() -> new TapPolicy(null, 60, 60, 480, 8, false, Targeting.everyone()))
        .withMessage("state");
    assertThatNullPointerException()
        .isThrownBy(() -> new TapPolicy(MethodState.ENABLED, 60, 60, 480, 8, false, null))
        .withMessage("targeting");
  }

  @Test
  void enablesPassesForWhenPolicyDisabledThenNobody() {
    TapPolicy policy = tapPolicy().disabled().build();

    assertThat(policy.enablesPassesFor(TestMembers.alice())).isFalse();
    assertThat(policy.enablesPassesFor(TestMembers.bob())).isFalse();
  }

  @Test
  void enablesPassesForWhenMemberExcludedThenOnlyOthers() {
    Targeting allButAlice = new Targeting(List.of(PolicyTarget.allUsers()),
        List.of(new PolicyTarget(TargetType.USER, TestMembers.ALICE_ID, false)));
    TapPolicy policy = tapPolicy().targeting(allButAlice).build();

    assertThat(policy.enablesPassesFor(TestMembers.alice())).isFalse();
    assertThat(policy.enablesPassesFor(TestMembers.bob())).isTrue();
  }
}
