package dev.latchkey.core.pass;

import dev.latchkey.core.InvalidPassRequestException;
import dev.latchkey.core.policy.TapPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a pass can be used and how often, resolved from a request under a policy.
 *
 * @param start the first instant at which the pass is usable
 * @param lifetimeInMinutes how long after {@code start} it stays usable
 * @param usableOnce whether its first successful sign-in consumes it
 */
public record PassTerms(Instant start, int lifetimeInMinutes, boolean usableOnce) {

  /** How far in the past a requested start may lie, for clocks that disagree a little. */
  public static final Duration START_TOLERANCE = Duration.ofMinutes(5);

  /** How far ahead a pass may be scheduled to start. */
  public static final Duration LONGEST_LEAD = Duration.ofDays(90);

  public PassTerms {
    Objects.requireNonNull(start, "start");
    if (lifetimeInMinutes <= 0) {
      throw new IllegalArgumentException("lifetimeInMinutes must be positive");
    }
  }

  /** The first instant at which the pass is no longer usable: {@code start + lifetime}. */
  public Instant end() {
    return start.plus(Duration.ofMinutes(lifetimeInMinutes));
  }

  /**
   * Resolves a request under a policy at {@code now}, with the error messages of the Graph API.
   * For example, a request for 600 minutes under the default policy fails with
   * "Invalid LifetimeInMinutes specified. The valid range between 60 and 480."
   *
   * @throws InvalidPassRequestException when the request asks for what the policy does not allow
   */
  public static PassTerms resolve(PassRequest request, TapPolicy policy, Instant now) {
    int lifetime = request.lifetimeInMinutes() == null
        ? policy.defaultLifetimeInMinutes()
        : request.lifetimeInMinutes();
    if (lifetime < policy.minimumLifetimeInMinutes() || lifetime > policy.maximumLifetimeInMinutes()) {
      throw new InvalidPassRequestException("Invalid LifetimeInMinutes specified. The valid range between "
          + policy.minimumLifetimeInMinutes() + " and " + policy.maximumLifetimeInMinutes() + ".");
    }
    if (Boolean.FALSE.equals(request.isUsableOnce()) && policy.isUsableOnce()) {
      throw new InvalidPassRequestException("The Temporary Access Pass policy requires one-time passes: "
          + "leave isUsableOnce out or set it to true.");
    }
    boolean usableOnce = request.isUsableOnce() == null ? policy.isUsableOnce() : request.isUsableOnce();
    Instant start = request.startDateTime() == null ? now : request.startDateTime();
    if (start.isBefore(now.minus(START_TOLERANCE))) {
      throw new InvalidPassRequestException("startDateTime " + start + " is in the past; "
          + "leave it out to start the pass now.");
    }
    if (start.isAfter(now.plus(LONGEST_LEAD))) {
      throw new InvalidPassRequestException("startDateTime " + start + " is more than 90 days ahead; "
          + "issue the pass closer to the day it is needed.");
    }
    return new PassTerms(start, lifetime, usableOnce);
  }
}
