package dev.latchkey.core.strength;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a sign-in proved: the method, and for a passkey whether it is bound to one device and whether the
 * authenticator verified the person (PIN or biometric).
 *
 * @param method how the person signed in
 * @param deviceBound a passkey that can't be synced to other devices (not backup-eligible); false otherwise
 * @param userVerified the authenticator verified the person; false for anything but a passkey
 */
public record SignInEvidence(SignInMethod method, boolean deviceBound, boolean userVerified) {

  public SignInEvidence {
    Objects.requireNonNull(method, "method");
    if (method != SignInMethod.PASSKEY && (deviceBound || userVerified)) {
      throw new IllegalArgumentException("Only a passkey can be device-bound or verify the user");
    }
  }

  public static SignInEvidence password() {
    return new SignInEvidence(SignInMethod.PASSWORD, false, false);
  }

  public static SignInEvidence temporaryAccessPass() {
    return new SignInEvidence(SignInMethod.TEMPORARY_ACCESS_PASS, false, false);
  }

  public static SignInEvidence passkey(boolean deviceBound, boolean userVerified) {
    return new SignInEvidence(SignInMethod.PASSKEY, deviceBound, userVerified);
  }

  /**
   * The authentication method references of RFC 8176 that describe this sign-in, for the {@code amr}
   * claim. A passkey gives {@code hwk} when device-bound, {@code swk} when it can be synced, {@code user}
   * when the person was verified, and {@code mfa} when that makes two factors; a pass gives {@code otp}
   * and {@code mfa} (an administrator verified the person before issuing it); a password gives
   * {@code pwd}.
   */
  public List<String> amr() {
    List<String> amr = new ArrayList<>();
    switch (method) {
      case PASSWORD -> amr.add("pwd");
      case TEMPORARY_ACCESS_PASS -> {
        amr.add("otp");
        amr.add("mfa");
      }
      case PASSKEY -> {
        amr.add(deviceBound ? "hwk" : "swk");
        if (userVerified) {
          amr.add("user");
          amr.add("mfa");
        }
      }
    }
    return List.copyOf(amr);
  }

  /**
   * The authentication strengths this sign-in meets. A pass is multi-factor; a passkey with user
   * verification is multi-factor, passwordless and phishing-resistant; a password alone, or a passkey
   * without user verification, meets none.
   */
  public Set<AuthenticationStrength> strengthsMet() {
    return switch (method) {
      case PASSWORD -> EnumSet.noneOf(AuthenticationStrength.class);
      case TEMPORARY_ACCESS_PASS -> EnumSet.of(AuthenticationStrength.MULTIFACTOR);
      case PASSKEY -> userVerified ? EnumSet.allOf(AuthenticationStrength.class)
          : EnumSet.noneOf(AuthenticationStrength.class);
    };
  }

  public boolean meets(AuthenticationStrength required) {
    return strengthsMet().contains(required);
  }

  /**
   * The {@code acr} value naming the strongest strength met, or {@code "0"} (OpenID Connect's value for
   * a sign-in that meets no level) when none is.
   */
  public String acr() {
    return strengthsMet().stream().max(Enum::compareTo).map(AuthenticationStrength::acr).orElse(NO_STRENGTH_ACR);
  }

  /** The {@code acr} of a sign-in that meets no authentication strength. */
  public static final String NO_STRENGTH_ACR = "0";
}
