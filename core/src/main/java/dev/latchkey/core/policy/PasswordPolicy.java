package dev.latchkey.core.policy;

import java.util.Objects;

/**
 * Who may sign in with a password: Latchkey's passwordless enforcement. A person the policy doesn't
 * apply to (state disabled, not included, or excluded) is passwordless-enforced: password sign-in is
 * refused for them, and no route can give them a password until an admin changes the policy.
 *
 * @param state whether password sign-in can be used at all
 * @param targeting who may sign in with a password
 */
public record PasswordPolicy(MethodState state, Targeting targeting) {

  public PasswordPolicy {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(targeting, "targeting");
  }

  /** Enabled for everyone: an account given a password may use it, as in Entra ID. */
  public static PasswordPolicy defaults() {
    return new PasswordPolicy(MethodState.ENABLED, Targeting.everyone());
  }

  /** Whether {@code member} may have a password and sign in with it. */
  public boolean permits(DirectoryMember member) {
    return state == MethodState.ENABLED && targeting.appliesTo(member);
  }
}
