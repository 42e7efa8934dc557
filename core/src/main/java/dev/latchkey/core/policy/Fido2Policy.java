package dev.latchkey.core.policy;

import java.util.Objects;

/**
 * The passkey (FIDO2) policy. It is stored and validated with the TAP policy; the passkey ceremonies
 * enforce it.
 *
 * @param state whether passkeys can be used at all
 * @param isSelfServiceRegistrationAllowed whether people may register passkeys on My Security Info
 * @param isAttestationEnforced whether a registration must carry a verifiable attestation
 * @param keyRestrictions which authenticator models may register
 * @param targeting who may use passkeys
 */
public record Fido2Policy(
    MethodState state,
    boolean isSelfServiceRegistrationAllowed,
    boolean isAttestationEnforced,
    KeyRestrictions keyRestrictions,
    Targeting targeting) {

  public Fido2Policy {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(keyRestrictions, "keyRestrictions");
    Objects.requireNonNull(targeting, "targeting");
  }

  /** Enabled for everyone, self-service registration on, no attestation required, no key restriction. */
  public static Fido2Policy defaults() {
    return new Fido2Policy(MethodState.ENABLED, true, false, KeyRestrictions.none(), Targeting.everyone());
  }
}
