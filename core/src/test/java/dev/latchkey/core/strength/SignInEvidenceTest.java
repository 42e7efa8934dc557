package dev.latchkey.core.strength;

import static dev.latchkey.core.strength.AuthenticationStrength.MULTIFACTOR;
import static dev.latchkey.core.strength.AuthenticationStrength.PASSWORDLESS;
import static dev.latchkey.core.strength.AuthenticationStrength.PHISHING_RESISTANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignInEvidenceTest {

  @Test
  void amrWhenDeviceBoundPasskeyWithVerificationThenHardwareKeyUserAndMfa() {
    assertThat(SignInEvidence.passkey(true, true).amr()).containsExactly("hwk", "user", "mfa");
  }

  @Test
  void amrWhenSyncedPasskeyThenSoftwareKey() {
    assertThat(SignInEvidence.passkey(false, true).amr()).containsExactly("swk", "user", "mfa");
  }

  @Test
  void amrWhenPasskeyWithoutVerificationThenNoMfa() {
    assertThat(SignInEvidence.passkey(true, false).amr()).containsExactly("hwk");
  }

  @Test
  void amrWhenPassThenOtpAndMfa() {
    assertThat(SignInEvidence.temporaryAccessPass().amr()).containsExactly("otp", "mfa");
  }

  @Test
  void amrWhenPasswordThenPwdOnly() {
    assertThat(SignInEvidence.password().amr()).containsExactly("pwd");
  }

  @Test
  void strengthWhenPassThenMultifactorOnly() {
    SignInEvidence pass = SignInEvidence.temporaryAccessPass();
    assertThat(pass.meets(MULTIFACTOR)).isTrue();
    assertThat(pass.meets(PASSWORDLESS)).isFalse();
    assertThat(pass.meets(PHISHING_RESISTANT)).isFalse();
    assertThat(pass.acr()).isEqualTo("mfa");
  }

  @Test
  void strengthWhenVerifiedPasskeyThenEveryStrength() {
    SignInEvidence passkey = SignInEvidence.passkey(false, true);
    assertThat(passkey.strengthsMet()).containsExactlyInAnyOrder(MULTIFACTOR, PASSWORDLESS, PHISHING_RESISTANT);
    assertThat(passkey.acr()).isEqualTo("phishing-resistant");
  }

  @Test
  void strengthWhenPasswordOrUnverifiedPasskeyThenNone() {
    assertThat(SignInEvidence.password().strengthsMet()).isEmpty();
    assertThat(SignInEvidence.password().acr()).isEqualTo("0");
    assertThat(SignInEvidence.passkey(true, false).strengthsMet()).isEmpty();
  }

  @Test
  void constructWhenPassClaimsUserVerificationThenRefused() {
    assertThatThrownBy(() -> new SignInEvidence(SignInMethod.TEMPORARY_ACCESS_PASS, false, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findWhenPolicyIdOrAcrThenStrength() {
    assertThat(AuthenticationStrength.find("00000000-0000-0000-0000-000000000004")).contains(PHISHING_RESISTANT);
    assertThat(AuthenticationStrength.find(" Phishing-Resistant ")).contains(PHISHING_RESISTANT);
    assertThat(AuthenticationStrength.find("mfa")).contains(MULTIFACTOR);
    assertThat(AuthenticationStrength.find("gold")).isEmpty();
    assertThat(AuthenticationStrength.find(null)).isEmpty();
  }

  @Test
  void atLeastWhenComparedThenStricterWins() {
    assertThat(MULTIFACTOR.atLeast(PHISHING_RESISTANT)).isEqualTo(PHISHING_RESISTANT);
    assertThat(PHISHING_RESISTANT.atLeast(MULTIFACTOR)).isEqualTo(PHISHING_RESISTANT);
    assertThat(PASSWORDLESS.atLeast(null)).isEqualTo(PASSWORDLESS);
  }
}
