package dev.latchkey.core.pass;

import dev.latchkey.core.policy.DirectoryMember;
import dev.latchkey.core.policy.TapPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * A pass as stored: everything but its secret, which exists only as a keyed hash.
 *
 * @param id the pass's id (a GUID)
 * @param userId the id of the user it was issued to
 * @param createdAt when it was issued
 * @param terms when and how often it can be used
 * @param consumedAt when a one-time pass was used up; null while it has not been, and always null for a
 *     multi-use pass
 */
public record IssuedPass(String id, String userId, Instant createdAt, PassTerms terms, Instant consumedAt) {

  public IssuedPass {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(terms, "terms");
    if (consumedAt != null && !terms.usableOnce()) {
      throw new IllegalArgumentException("Only a one-time pass can be used up; pass " + id + " is multi-use.");
    }
  }

  /**
   * Why this pass can or can't sign in at {@code now}, first match wins: {@code DisabledByPolicy}
   * (policy off, user not targeted, or a multi-use pass under a one-time policy) &gt; {@code OneTimeUsed}
   * &gt; {@code Expired} (now ≥ end) &gt; {@code NotYetValid} (now &lt; start) &gt; {@code EnabledByPolicy}.
   */
  public UsabilityReason usability(TapPolicy policy, DirectoryMember owner, Instant now) {
    if (!policy.enablesPassesFor(owner) || (policy.isUsableOnce() && !terms.usableOnce())) {
      return UsabilityReason.DISABLED_BY_POLICY;
    }
    if (consumedAt != null) {
      return UsabilityReason.ONE_TIME_USED;
    }
    if (!now.isBefore(terms.end())) {
      return UsabilityReason.EXPIRED;
    }
    if (now.isBefore(terms.start())) {
      return UsabilityReason.NOT_YET_VALID;
    }
    return UsabilityReason.ENABLED_BY_POLICY;
  }

  /**
   * Whether this pass still stands in the way of a new one at {@code now}: it is neither used up nor
   * expired. A pass that the policy disables still counts, because a policy change can enable it again.
   */
  public boolean isOutstanding(Instant now) {
    return consumedAt == null && now.isBefore(terms.end());
  }
}
