package dev.latchkey.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.testing.SeededCases;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A TAP policy exists exactly when {@code 10 ≤ min ≤ default ≤ max ≤ 43200} and
 * {@code 8 ≤ length ≤ 48}: every combination that holds constructs with its values unchanged, every
 * other one throws
 * {@link InvalidPolicyException}. The rule is restated here with literal numbers rather than read from
 * {@link TapPolicy}'s constants, so a wrong constant can't make the test agree with itself.
 */
class TapPolicyPropertyTest {

  private static final long SEED = 0x7A9_2026L;
  private static final int CASES = 4_000;
  private static final int[] LIFETIME_EDGES = {Integer.MIN_VALUE, -1, 0, 9, 10, 11, 59, 60, 61, 479, 480, 481,
      43_199, 43_200, 43_201, Integer.MAX_VALUE};
  private static final int[] LENGTH_EDGES = {Integer.MIN_VALUE, -1, 0, 7, 8, 9, 47, 48, 49,
      Integer.MAX_VALUE};

  record Values(int minimum, int defaultLifetime, int maximum, int length) {

    boolean holdTogether() {
      return 10 <= minimum && minimum <= defaultLifetime && defaultLifetime <= maximum && maximum <= 43_200
          && 8 <= length && length <= 48;
    }

    TapPolicy toPolicy() {
      return new TapPolicy(MethodState.ENABLED, defaultLifetime, minimum, maximum, length, false,
          Targeting.everyone());
    }
  }

  static Stream<Values> valuesThatHoldTogether() {
    return values().filter(Values::holdTogether);
  }

  static Stream<Values> valuesThatBreakARule() {
    return values().filter(values -> !values.holdTogether());
  }

  private static Stream<Values> values() {
    return SeededCases.generate(SEED, CASES, TapPolicyPropertyTest::values);
  }

  /** Half of the lifetimes come sorted, so that valid policies are as common as invalid ones. */
  private static Values values(SeededCases cases) {
    int[] lifetimes = IntStream.generate(() -> cases.edgeOrBetween(-100, 44_000, LIFETIME_EDGES))
        .limit(3).toArray();
    if (cases.coin()) {
      lifetimes = IntStream.of(lifetimes).sorted().toArray();
    }
    int length = cases.edgeOrBetween(0, 60, LENGTH_EDGES);
    return new Values(lifetimes[0], lifetimes[1], lifetimes[2], length);
  }

  @ParameterizedTest
  @MethodSource("valuesThatHoldTogether")
  void constructWhenValuesHoldTogetherThenPolicyKeepsThem(Values values) {
    TapPolicy policy = values.toPolicy();

    assertThat(policy.minimumLifetimeInMinutes()).isEqualTo(values.minimum());
    assertThat(policy.defaultLifetimeInMinutes()).isEqualTo(values.defaultLifetime());
    assertThat(policy.maximumLifetimeInMinutes()).isEqualTo(values.maximum());
    assertThat(policy.defaultLength()).isEqualTo(values.length());
  }

  @ParameterizedTest
  @MethodSource("valuesThatBreakARule")
  void constructWhenAnyRuleBrokenThenRejected(Values values) {
    assertThatThrownBy(values::toPolicy).isInstanceOf(InvalidPolicyException.class);
  }
}
