package dev.latchkey.core.pass;

import static dev.latchkey.core.testing.TestPasses.pass;
import static dev.latchkey.core.testing.TestPolicies.tapPolicy;
import static dev.latchkey.core.testing.TestTime.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.policy.DirectoryMember;
import dev.latchkey.core.policy.PolicyTarget;
import dev.latchkey.core.policy.TapPolicy;
import dev.latchkey.core.policy.TargetType;
import dev.latchkey.core.policy.Targeting;
import dev.latchkey.core.testing.TestMembers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssuedPassTest {

  private static final TapPolicy DEFAULTS = TapPolicy.defaults();
  private static final DirectoryMember ALICE = TestMembers.alice();
  private static final Instant IN_TEN_MINUTES = NOW.plus(Duration.ofMinutes(10));

  @Test
  void usabilityWhenInsideLifetimeUnderEnablingPolicyThenEnabledByPolicy() {
    IssuedPass pass = pass().build();

    assertThat(pass.usability(DEFAULTS, ALICE, IN_TEN_MINUTES)).isEqualTo(UsabilityReason.ENABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenExactlyAtStartThenEnabledByPolicy() {
    assertThat(pass().build().usability(DEFAULTS, ALICE, NOW)).isEqualTo(UsabilityReason.ENABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenOneNanosecondBeforeStartThenNotYetValid() {
    assertThat(pass().build().usability(DEFAULTS, ALICE, NOW.minusNanos(1)))
        .isEqualTo(UsabilityReason.NOT_YET_VALID);
  }

  @Test
  void usabilityWhenStartIsTomorrowThenNotYetValid() {
    IssuedPass tomorrow = pass().startingAt(NOW.plus(Duration.ofDays(1))).build();

    assertThat(tomorrow.usability(DEFAULTS, ALICE, IN_TEN_MINUTES)).isEqualTo(UsabilityReason.NOT_YET_VALID);
  }

  @Test
  void usabilityWhenOneNanosecondBeforeEndThenEnabledByPolicy() {
    IssuedPass pass = pass().lifetimeInMinutes(60).build();

    assertThat(pass.usability(DEFAULTS, ALICE, NOW.plus(Duration.ofMinutes(60)).minusNanos(1)))
        .isEqualTo(UsabilityReason.ENABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenExactlyAtEndThenExpired() {
    IssuedPass pass = pass().lifetimeInMinutes(60).build();

    assertThat(pass.usability(DEFAULTS, ALICE, NOW.plus(Duration.ofMinutes(60))))
        .isEqualTo(UsabilityReason.EXPIRED);
  }

  @Test
  void usabilityWhenOneTimePassConsumedThenOneTimeUsed() {
    IssuedPass used = pass().consumedAt(IN_TEN_MINUTES).build();

    assertThat(used.usability(DEFAULTS, ALICE, IN_TEN_MINUTES.plusSeconds(1)))
        .isEqualTo(UsabilityReason.ONE_TIME_USED);
  }

  @Test
  void usabilityWhenConsumedPassAlsoExpiredThenOneTimeUsedWins() {
    IssuedPass used = pass().consumedAt(IN_TEN_MINUTES).build();

    assertThat(used.usability(DEFAULTS, ALICE, NOW.plus(Duration.ofDays(2))))
        .isEqualTo(UsabilityReason.ONE_TIME_USED);
  }

  @Test
  void usabilityWhenPolicyDisabledThenDisabledByPolicy() {
    TapPolicy disabled = tapPolicy().disabled().build();

    assertThat(pass().build().usability(disabled, ALICE, IN_TEN_MINUTES))
        .isEqualTo(UsabilityReason.DISABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenOwnerNotIncludedThenDisabledByPolicy() {
    PolicyTarget bob = new PolicyTarget(TargetType.USER, TestMembers.BOB_ID, false);
    TapPolicy bobOnly = tapPolicy().targeting(new Targeting(List.of(bob), List.of())).build();

    assertThat(pass().build().usability(bobOnly, ALICE, IN_TEN_MINUTES))
        .isEqualTo(UsabilityReason.DISABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenOwnerExcludedThenDisabledByPolicy() {
    TapPolicy allButEngineering = tapPolicy()
        .targeting(new Targeting(List.of(PolicyTarget.allUsers()),
            List.of(new PolicyTarget(TargetType.GROUP, TestMembers.ENGINEERING_ID, false))))
        .build();

    assertThat(pass().build().usability(allButEngineering, ALICE, IN_TEN_MINUTES))
        .isEqualTo(UsabilityReason.DISABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenMultiUsePassUnderOneTimePolicyThenDisabledByPolicy() {
    TapPolicy oneTime = tapPolicy().usableOnce().build();

    assertThat(pass().build().usability(oneTime, ALICE, IN_TEN_MINUTES))
        .isEqualTo(UsabilityReason.DISABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenOneTimePassUnderOneTimePolicyThenEnabledByPolicy() {
    TapPolicy oneTime = tapPolicy().usableOnce().build();

    assertThat(pass().usableOnce().build().usability(oneTime, ALICE, IN_TEN_MINUTES))
        .isEqualTo(UsabilityReason.ENABLED_BY_POLICY);
  }

  @Test
  void usabilityWhenPolicyDisabledAndPassConsumedThenDisabledByPolicyWins() {
    TapPolicy disabled = tapPolicy().disabled().build();
    IssuedPass used = pass().consumedAt(IN_TEN_MINUTES).build();

    assertThat(used.usability(disabled, ALICE, NOW.plus(Duration.ofDays(2))))
        .isEqualTo(UsabilityReason.DISABLED_BY_POLICY);
  }

  @Test
  void isOutstandingWhenFreshPassThenTrue() {
    assertThat(pass().build().isOutstanding(IN_TEN_MINUTES)).isTrue();
  }

  @Test
  void isOutstandingWhenNotYetValidThenTrue() {
    IssuedPass tomorrow = pass().startingAt(NOW.plus(Duration.ofDays(1))).build();

    assertThat(tomorrow.isOutstanding(NOW)).isTrue();
  }

  @Test
  void isOutstandingWhenConsumedThenFalse() {
    assertThat(pass().consumedAt(IN_TEN_MINUTES).build().isOutstanding(IN_TEN_MINUTES)).isFalse();
  }

  @Test
  void isOutstandingWhenAtEndThenFalseButJustBeforeTrue() {
    IssuedPass pass = pass().lifetimeInMinutes(60).build();
    Instant end = NOW.plus(Duration.ofMinutes(60));

    assertThat(pass.isOutstanding(end)).isFalse();
    assertThat(pass.isOutstanding(end.minusNanos(1))).isTrue();
  }

  @Test
  void isOutstandingWhenPolicyWouldDisableItThenStillTrueBecausePolicyCanChangeBack() {
    IssuedPass pass = pass().build();

    assertThat(pass.usability(tapPolicy().disabled().build(), ALICE, IN_TEN_MINUTES))
        .isEqualTo(UsabilityReason.DISABLED_BY_POLICY);
    assertThat(pass.isOutstanding(IN_TEN_MINUTES)).isTrue();
  }

  @Test
  void constructWhenRequiredPartMissingThenRejectedNamingIt() {
    PassTerms terms = new PassTerms(NOW, 60, false);

    assertThatNullPointerException().isThrownBy(() -> new IssuedPass(null, "u", NOW, terms, null))
        .withMessage("id");
    assertThatNullPointerException().isThrownBy(() -> new IssuedPass("p", null, NOW, terms, null))
        .withMessage("userId");
    assertThatNullPointerException().isThrownBy(() -> new IssuedPass("p", "u", null, terms, null))
        .withMessage("createdAt");
    assertThatNullPointerException().isThrownBy(() -> new IssuedPass("p", "u", NOW, null, null))
        .withMessage("terms");
  }

  @Test
  void constructWhenMultiUsePassMarkedConsumedThenRejected() {
    assertThatThrownBy(() -> new IssuedPass("p", "u", NOW, new PassTerms(NOW, 60, false), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multi-use");
  }
}
