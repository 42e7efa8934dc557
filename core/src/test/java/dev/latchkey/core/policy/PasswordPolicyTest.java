package dev.latchkey.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.testing.TestMembers;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void permitsWhenFreshInstallThenEveryoneMayUseAPassword() {
    assertThat(PasswordPolicy.defaults().permits(TestMembers.carol())).isTrue();
  }

  @Test
  void permitsWhenAGroupIsExcludedThenItsMembersArePasswordlessAndOthersAreNot() {
    PasswordPolicy policy = new PasswordPolicy(MethodState.ENABLED, new Targeting(List.of(PolicyTarget.allUsers()),
        List.of(new PolicyTarget(TargetType.GROUP, TestMembers.ENGINEERING_ID, false))));

    assertThat(policy.permits(TestMembers.alice())).isFalse();
    assertThat(policy.permits(TestMembers.bob())).isTrue();
  }

  @Test
  void permitsWhenDisabledThenNobodyMayUseAPassword() {
    PasswordPolicy policy = new PasswordPolicy(MethodState.DISABLED, Targeting.everyone());

    assertThat(policy.permits(TestMembers.bob())).isFalse();
  }
}
