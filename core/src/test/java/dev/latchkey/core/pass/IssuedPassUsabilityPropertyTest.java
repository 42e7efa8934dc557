package dev.latchkey.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.policy.DirectoryMember;
import dev.latchkey.core.policy.MethodState;
import dev.latchkey.core.policy.PolicyTarget;
import dev.latchkey.core.policy.TapPolicy;
import dev.latchkey.core.policy.TargetType;
import dev.latchkey.core.policy.Targeting;
import dev.latchkey.core.testing.SeededCases;
import dev.latchkey.core.testing.TestMembers;
import dev.latchkey.core.testing.TestTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over generated policies, owners, passes and instants, {@link IssuedPass#usability} gives the first
 * reason that applies in the order DisabledByPolicy &gt; OneTimeUsed &gt; Expired &gt; NotYetValid &gt;
 * EnabledByPolicy. The expected reason is worked out here from the plain facts of each case (who the
 * audience names, nanoseconds since the start), not through the code under test.
 */
class IssuedPassUsabilityPropertyTest {

  private static final long SEED = 0x1A7C_2026L;
  private static final int CASES = 5_000;
  private static final long NANOS_PER_MINUTE = 60_000_000_000L;

  enum Owner {
    ALICE(TestMembers.alice()), BOB(TestMembers.bob()), CAROL(TestMembers.carol());

    final DirectoryMember member;

    Owner(DirectoryMember member) {
      this.member = member;
    }
  }

  /** Who a policy targets, with the answer for each owner written out by hand. */
  enum Audience {
    EVERYONE(List.of(PolicyTarget.allUsers()), List.of(), true, true, true),
    ALICE_ONLY(List.of(user(TestMembers.ALICE_ID)), List.of(), true, false, false),
    ENGINEERING(List.of(group(TestMembers.ENGINEERING_ID)), List.of(), true, false, false),
    EVERYONE_BUT_ALICE(List.of(PolicyTarget.allUsers()), List.of(user(TestMembers.ALICE_ID)),
        false, true, true),
    EVERYONE_BUT_CONTRACTORS(List.of(PolicyTarget.allUsers()), List.of(group(TestMembers.CONTRACTORS_ID)),
        true, false, true),
    BOB_AND_CAROL_BUT_CONTRACTORS(List.of(user(TestMembers.BOB_ID), user(TestMembers.CAROL_ID)),
        List.of(group(TestMembers.CONTRACTORS_ID)), false, false, true);

    final Targeting targeting;
    private final boolean alice;
    private final boolean bob;
    private final boolean carol;

    Audience(List<PolicyTarget> include, List<PolicyTarget> exclude,
        boolean alice, boolean bob, boolean carol) {
      this.targeting = new Targeting(include, exclude);
      this.alice = alice;
      this.bob = bob;
      this.carol = carol;
    }

    boolean includes(Owner owner) {
      return switch (owner) {
        case ALICE -> alice;
        case BOB -> bob;
        case CAROL -> carol;
      };
    }
  }

  private static PolicyTarget user(String id) {
    return new PolicyTarget(TargetType.USER, id, false);
  }

  private static PolicyTarget group(String id) {
    return new PolicyTarget(TargetType.GROUP, id, false);
  }

  /**
   * One generated situation. {@code nowSinceStartNanos} is where "now" falls relative to the pass's start;
   * a consumed pass is always a one-time pass, as in the store.
   */
  record Case(boolean policyEnabled, boolean policyOnce, Audience audience, Owner owner, boolean passOnce,
      boolean consumed, int lifetimeInMinutes, long startOffsetMinutes, long nowSinceStartNanos) {

    Instant start() {
      return TestTime.NOW.plus(Duration.ofMinutes(startOffsetMinutes));
    }

    Instant now() {
      return start().plusNanos(nowSinceStartNanos);
    }

    TapPolicy policy() {
      return new TapPolicy(policyEnabled ? MethodState.ENABLED : MethodState.DISABLED, 60, 10, 43_200, 8,
          policyOnce, audience.targeting);
    }

    IssuedPass pass() {
      Instant consumedAt = consumed ? start().plusSeconds(1) : null;
      return new IssuedPass("9b2f4c61-d8a3-4e07-bc15-3a7e6f0d1c94", owner.member.userId(), start(),
          new PassTerms(start(), lifetimeInMinutes, passOnce), consumedAt);
    }

    UsabilityReason expected() {
      long lifetimeNanos = lifetimeInMinutes * NANOS_PER_MINUTE;
      if (!policyEnabled || !audience.includes(owner) || (policyOnce && !passOnce)) {
        return UsabilityReason.DISABLED_BY_POLICY;
      }
      if (consumed) {
        return UsabilityReason.ONE_TIME_USED;
      }
      if (nowSinceStartNanos >= lifetimeNanos) {
        return UsabilityReason.EXPIRED;
      }
      if (nowSinceStartNanos < 0) {
        return UsabilityReason.NOT_YET_VALID;
      }
      return UsabilityReason.ENABLED_BY_POLICY;
    }

    boolean expectedOutstanding() {
      return !consumed && nowSinceStartNanos < lifetimeInMinutes * NANOS_PER_MINUTE;
    }
  }

  static Stream<Case> cases() {
    return SeededCases.generate(SEED, CASES, IssuedPassUsabilityPropertyTest::generate);
  }

  private static Case generate(SeededCases cases) {
    boolean passOnce = cases.coin();
    int lifetime = cases.edgeOrBetween(1, 43_200, 1, 10, 60, 480, 43_200);
    long lifetimeNanos = lifetime * NANOS_PER_MINUTE;
    long nowSinceStart = cases.coin()
        ? cases.oneOf(List.of(-1L, 0L, 1L, lifetimeNanos - 1, lifetimeNanos, lifetimeNanos + 1))
        : (long) cases.between(-2 * lifetime, 2 * lifetime) * NANOS_PER_MINUTE + cases.between(-999, 999);
    return new Case(
        cases.chance(0.8),
        cases.chance(0.3),
        cases.oneOf(List.of(Audience.values())),
        cases.oneOf(List.of(Owner.values())),
        passOnce,
        passOnce && cases.chance(0.3),
        lifetime,
        cases.between(-100_000, 100_000),
        nowSinceStart);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void usabilityWhenConditionsOverlapThenFirstReasonInPrecedenceOrderWins(Case situation) {
    UsabilityReason reason =
        situation.pass().usability(situation.policy(), situation.owner.member, situation.now());

    assertThat(reason).isEqualTo(situation.expected());
    assertThat(reason.isUsable()).isEqualTo(situation.expected() == UsabilityReason.ENABLED_BY_POLICY);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void isOutstandingWhenEvaluatedThenNeitherConsumedNorExpiredWhateverThePolicy(Case situation) {
    assertThat(situation.pass().isOutstanding(situation.now())).isEqualTo(situation.expectedOutstanding());
  }
}
