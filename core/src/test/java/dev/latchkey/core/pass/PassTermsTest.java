package dev.latchkey.core.pass;

import static dev.latchkey.core.testing.TestPolicies.tapPolicy;
import static dev.latchkey.core.testing.TestTime.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPassRequestException;
import dev.latchkey.core.policy.TapPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassTermsTest {

  private static final TapPolicy DEFAULTS = TapPolicy.defaults();
  private static final TapPolicy ONE_TIME = tapPolicy().usableOnce().build();

  private static PassRequest lifetime(int minutes) {
    return new PassRequest(null, minutes, null);
  }

  private static PassRequest usableOnce(Boolean once) {
    return new PassRequest(null, null, once);
  }

  private static PassRequest startingAt(Instant start) {
    return new PassRequest(start, null, null);
  }

  @Test
  void resolveWhenRequestLeavesEverythingOutThenPolicyDefaultsStartingNow() {
    PassTerms terms = PassTerms.resolve(PassRequest.defaults(), DEFAULTS, NOW);

    assertThat(terms).isEqualTo(new PassTerms(NOW, 60, false));
  }

  @Test
  void resolveWhenPolicyDefaultLifetimeIsNotMinimumThenDefaultUsed() {
    TapPolicy policy = tapPolicy().lifetimes(30, 90, 600).build();

    assertThat(PassTerms.resolve(PassRequest.defaults(), policy, NOW).lifetimeInMinutes()).isEqualTo(90);
  }

  @Test
  void resolveWhenLifetimeAboveMaximumThenRejectedWithRange() {
    assertThatThrownBy(() -> PassTerms.resolve(lifetime(481), DEFAULTS, NOW))
        .isInstanceOf(InvalidPassRequestException.class)
        .hasMessage("Invalid LifetimeInMinutes specified. The valid range between 60 and 480.");
  }

  @Test
  void resolveWhenLifetimeBelowMinimumThenRejectedWithRange() {
    assertThatThrownBy(() -> PassTerms.resolve(lifetime(59), DEFAULTS, NOW))
        .isInstanceOf(InvalidPassRequestException.class)
        .hasMessage("Invalid LifetimeInMinutes specified. The valid range between 60 and 480.");
  }

  @ParameterizedTest(name = "{0} minutes")
  @ValueSource(ints = {-60, 0, 9, 43_201})
  void resolveWhenLifetimeOutsidePolicyRangeThenMessageNamesThatPolicysRange(int minutes) {
    TapPolicy policy = tapPolicy().lifetimes(10, 60, 43_200).build();

    assertThatThrownBy(() -> PassTerms.resolve(lifetime(minutes), policy, NOW))
        .isInstanceOf(InvalidPassRequestException.class)
        .hasMessage("Invalid LifetimeInMinutes specified. The valid range between 10 and 43200.");
  }

  @ParameterizedTest(name = "{0} minutes")
  @ValueSource(ints = {60, 61, 479, 480})
  void resolveWhenLifetimeInsidePolicyRangeThenKept(int minutes) {
    assertThat(PassTerms.resolve(lifetime(minutes), DEFAULTS, NOW).lifetimeInMinutes()).isEqualTo(minutes);
  }

  @Test
  void resolveWhenPolicyForcesOneTimeAndRequestSilentThenOneTime() {
    assertThat(PassTerms.resolve(PassRequest.defaults(), ONE_TIME, NOW).usableOnce()).isTrue();
  }

  @Test
  void resolveWhenPolicyForcesOneTimeAndRequestAsksOneTimeThenOneTime() {
    assertThat(PassTerms.resolve(usableOnce(true), ONE_TIME, NOW).usableOnce()).isTrue();
  }

  @Test
  void resolveWhenPolicyForcesOneTimeAndRequestAsksMultiUseThenRejectedSayingWhatToSend() {
    assertThatThrownBy(() -> PassTerms.resolve(usableOnce(false), ONE_TIME, NOW))
        .isInstanceOf(InvalidPassRequestException.class)
        .hasMessage("The Temporary Access Pass policy requires one-time passes: "
            + "leave isUsableOnce out or set it to true.");
  }

  @Test
  void resolveWhenPolicyAllowsMultiUseThenRequestChooses() {
    assertThat(PassTerms.resolve(usableOnce(true), DEFAULTS, NOW).usableOnce()).isTrue();
    assertThat(PassTerms.resolve(usableOnce(false), DEFAULTS, NOW).usableOnce()).isFalse();
    assertThat(PassTerms.resolve(usableOnce(null), DEFAULTS, NOW).usableOnce()).isFalse();
  }

  @Test
  void resolveWhenStartInFutureThenKept() {
    Instant nextWeek = NOW.plus(Duration.ofDays(7));

    assertThat(PassTerms.resolve(startingAt(nextWeek), DEFAULTS, NOW).start()).isEqualTo(nextWeek);
  }

  @Test
  void resolveWhenStartInPastWithinToleranceThenKept() {
    Instant edge = NOW.minus(PassTerms.START_TOLERANCE);

    assertThat(PassTerms.START_TOLERANCE).isEqualTo(Duration.ofMinutes(5));
    assertThat(PassTerms.resolve(startingAt(edge), DEFAULTS, NOW).start()).isEqualTo(edge);
  }

  @Test
  void resolveWhenStartInPastBeyondToleranceThenRejectedSayingToLeaveItOut() {
    Instant tooEarly = NOW.minus(Duration.ofMinutes(5)).minusNanos(1);

    assertThatThrownBy(() -> PassTerms.resolve(startingAt(tooEarly), DEFAULTS, NOW))
        .isInstanceOf(InvalidPassRequestException.class)
        .hasMessage("startDateTime " + tooEarly + " is in the past; leave it out to start the pass now.");
  }

  @Test
  void resolveWhenStartExactlyNinetyDaysAheadThenKept() {
    Instant edge = NOW.plus(Duration.ofDays(90));

    assertThat(PassTerms.resolve(startingAt(edge), DEFAULTS, NOW).start()).isEqualTo(edge);
  }

  @Test
  void resolveWhenStartMoreThanNinetyDaysAheadThenRejected() {
    Instant tooLate = NOW.plus(Duration.ofDays(90)).plusNanos(1);

    assertThatThrownBy(() -> PassTerms.resolve(startingAt(tooLate), DEFAULTS, NOW))
        .isInstanceOf(InvalidPassRequestException.class)
        .hasMessageContaining("more than 90 days ahead");
  }

  @Test
  void resolveWhenStartAtTheEndOfTimeThenRejectedInsteadOfOverflowing() {
    assertThatThrownBy(() -> PassTerms.resolve(startingAt(Instant.MAX), DEFAULTS, NOW))
        .isInstanceOf(InvalidPassRequestException.class);
  }

  @Test
  void endWhenComputedThenStartPlusLifetime() {
    PassTerms terms = new PassTerms(Instant.parse("2026-03-02T23:30:00Z"), 480, false);

    assertThat(terms.end()).isEqualTo(Instant.parse("2026-03-03T07:30:00Z"));
  }

  @Test
  void endWhenLongestLifetimeThenThirtyDaysLater() {
    PassTerms terms = new PassTerms(NOW, 43_200, true);

    assertThat(terms.end()).isEqualTo(NOW.plus(Duration.ofDays(30)));
  }

  @ParameterizedTest(name = "{0} minutes")
  @ValueSource(ints = {0, -1})
  void constructWhenLifetimeNotPositiveThenRejected(int minutes) {
    assertThatThrownBy(() -> new PassTerms(NOW, minutes, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lifetimeInMinutes must be positive");
  }
}
