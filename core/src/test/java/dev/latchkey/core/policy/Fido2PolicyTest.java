package dev.latchkey.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.testing.TestMembers;
import org.junit.jupiter.api.Test;

class Fido2PolicyTest {

  @Test
  void defaultsWhenFreshInstallThenEnabledForEveryoneWithSelfServiceAndNoRestrictions() {
    Fido2Policy policy = Fido2Policy.defaults();

    assertThat(policy.state()).isEqualTo(MethodState.ENABLED);
    assertThat(policy.isSelfServiceRegistrationAllowed()).isTrue();
    assertThat(policy.isAttestationEnforced()).isFalse();
    assertThat(policy.keyRestrictions()).isEqualTo(KeyRestrictions.none());
    assertThat(policy.targeting().appliesTo(TestMembers.carol())).isTrue();
  }
}
