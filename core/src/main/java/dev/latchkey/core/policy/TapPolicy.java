package dev.latchkey.core.policy;

import dev.latchkey.core.InvalidPolicyException;
import java.util.Objects;

/**
 * The Temporary Access Pass policy. An instance always satisfies
 * {@code 10 ≤ minimum ≤ default ≤ maximum ≤ 43200} minutes and {@code 8 ≤ defaultLength ≤ 48};
 * anything else is refused with an {@link InvalidPolicyException} that names the broken rule.
 *
 * @param state whether passes can sign in at all
 * @param defaultLifetimeInMinutes the lifetime of a pass whose request names none
 * @param minimumLifetimeInMinutes the shortest lifetime a request may ask for
 * @param maximumLifetimeInMinutes the longest lifetime a request may ask for
 * @param defaultLength the number of characters of every new pass
 * @param isUsableOnce when true, every pass is one-time and multi-use passes are disabled
 * @param targeting who may sign in with a pass
 */
public record TapPolicy(
    MethodState state,
    int defaultLifetimeInMinutes,
    int minimumLifetimeInMinutes,
    int maximumLifetimeInMinutes,
    int defaultLength,
    boolean isUsableOnce,
    Targeting targeting) {

  public static final int LIFETIME_FLOOR = 10;
  public static final int LIFETIME_CEILING = 43_200;
  public static final int LENGTH_FLOOR = 8;
  public static final int LENGTH_CEILING = 48;

  public TapPolicy {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(targeting, "targeting");
    requireWithin("minimumLifetimeInMinutes", minimumLifetimeInMinutes, LIFETIME_FLOOR, LIFETIME_CEILING);
    requireWithin("maximumLifetimeInMinutes", maximumLifetimeInMinutes, LIFETIME_FLOOR, LIFETIME_CEILING);
    requireWithin("defaultLifetimeInMinutes", defaultLifetimeInMinutes, LIFETIME_FLOOR, LIFETIME_CEILING);
    requireWithin("defaultLength", defaultLength, LENGTH_FLOOR, LENGTH_CEILING);
    if (minimumLifetimeInMinutes > maximumLifetimeInMinutes) {
      throw new InvalidPolicyException("minimumLifetimeInMinutes (" + minimumLifetimeInMinutes
          + ") must not be greater than maximumLifetimeInMinutes (" + maximumLifetimeInMinutes + ").");
    }
    if (defaultLifetimeInMinutes < minimumLifetimeInMinutes
        || defaultLifetimeInMinutes > maximumLifetimeInMinutes) {
      throw new InvalidPolicyException("defaultLifetimeInMinutes (" + defaultLifetimeInMinutes
          + ") must be between minimumLifetimeInMinutes and maximumLifetimeInMinutes ("
          + minimumLifetimeInMinutes + ".." + maximumLifetimeInMinutes + ").");
    }
  }

  /** The policy of a fresh install: enabled for all users, 60/60/480 minutes, 8 characters, multi-use. */
  public static TapPolicy defaults() {
    return new TapPolicy(MethodState.ENABLED, 60, 60, 480, 8, false, Targeting.everyone());
  }

  /** Whether passes of this member may sign in under this policy (state and targets; not the pass). */
  public boolean enablesPassesFor(DirectoryMember member) {
    return state == MethodState.ENABLED && targeting.appliesTo(member);
  }

  private static void requireWithin(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidPolicyException(
          field + " is " + value + "; it must be between " + min + " and " + max + ".");
    }
  }
}
