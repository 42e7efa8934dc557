package dev.latchkey.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassGeneratorTest {

  /** Chi-square with 55 degrees of freedom passes 200 with probability about 2e-18: it never flakes. */
  private static final double CHI_SQUARE_BOUND = 200;

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {1, 8, 20, 48})
  void generateWhenLengthGivenThenPassHasExactlyThatManyCharactersFromAlphabet(int length) {
    String pass = new PassGenerator().generate(length);

    assertThat(pass).hasSize(length);
    assertThat(pass.chars()).allMatch(c -> PassGenerator.ALPHABET.indexOf(c) >= 0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void generateWhenLengthNotPositiveThenRejected(int length) {
    assertThatThrownBy(() -> new PassGenerator().generate(length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A pass needs at least one character, not " + length + ".");
  }

  @Test
  void alphabetWhenInspectedThenHoldsNoLookAlikes() {
    assertThat(PassGenerator.ALPHABET).doesNotContain("0", "O", "o", "1", "l", "I");
  }

  @Test
  void alphabetWhenInspectedThenOnlyAsciiLettersAndDigits() {
    assertThat(PassGenerator.ALPHABET).matches("[A-Za-z2-9]+");
  }

  @Test
  void alphabetWhenInspectedThenNoCharacterRepeatsSoNoneIsFavoured() {
    assertThat(PassGenerator.ALPHABET.chars().distinct().count()).isEqualTo(PassGenerator.ALPHABET.length());
  }

  @Test
  void alphabetWhenInspectedThenGivesAtLeastFiveAndAHalfBitsPerCharacter() {
    int size = PassGenerator.ALPHABET.length();

    assertThat(size).isGreaterThanOrEqualTo(46);
    assertThat(Math.log(size) / Math.log(2)).isGreaterThanOrEqualTo(5.5);
  }

  @Test
  void generateWhenManyCharactersDrawnThenEveryCharacterAboutEquallyOften() {
    PassGenerator generator = new PassGenerator(new SecureRandom());
    String alphabet = PassGenerator.ALPHABET;
    long[] counts = new long[alphabet.length()];
    int passes = 2_500;
    int length = 48;
    for (int i = 0; i < passes; i++) {
      for (char c : generator.generate(length).toCharArray()) {
        counts[alphabet.indexOf(c)]++;
      }
    }

    double expected = (double) passes * length / alphabet.length();
    double chiSquare = Arrays.stream(counts)
        .mapToDouble(n -> (n - expected) * (n - expected) / expected)
        .sum();
    assertThat(chiSquare).as("chi-square over %s characters", alphabet.length()).isLessThan(CHI_SQUARE_BOUND);
    assertThat(Arrays.stream(counts).boxed())
        .allSatisfy(n -> assertThat(n.doubleValue()).isBetween(expected * 0.8, expected * 1.2));
  }

  @Test
  void generateWhenRandomYieldsOnlyZeroBitsThenEveryCharacterIsFirstOfAlphabet() {
    PassGenerator generator = new PassGenerator(new ZeroRandom());

    assertThat(generator.generate(12)).isEqualTo("222222222222");
  }

  @Test
  void generateWhenTwoGeneratorsGetSameRandomBytesThenSamePass() {
    String first = new PassGenerator(new ReplayedRandom(42)).generate(48);
    String second = new PassGenerator(new ReplayedRandom(42)).generate(48);
    String other = new PassGenerator(new ReplayedRandom(43)).generate(48);

    assertThat(first).isEqualTo(second).isNotEqualTo(other);
  }

  /** A random source that yields nothing but zero bits. */
  private static final class ZeroRandom extends SecureRandom {

    @Override
    public void nextBytes(byte[] out) {
      Arrays.fill(out, (byte) 0);
    }
  }

  /** Replays the bytes of a seeded, predictable source, so two instances with one seed agree. */
  private static final class ReplayedRandom extends SecureRandom {

    private final Random bytes;

    ReplayedRandom(long seed) {
      this.bytes = new Random(seed);
    }

    @Override
    public void nextBytes(byte[] out) {
      bytes.nextBytes(out);
    }
  }
}
