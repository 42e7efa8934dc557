package dev.latchkey.core.testing;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reproducible random inputs for the core's property tests. A fixed seed makes every run draw the same
 * cases, so a failure names the case that broke and reruns the same way; half of the numbers come from
 * the edges a test names, because that is where rules change.
 */
public final class SeededCases {

  private final SplittableRandom random;

  private SeededCases(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** {@code count} cases, each made by {@code generator} from one shared, seeded source. */
  public static <T> Stream<T> generate(long seed, int count, Function<SeededCases, T> generator) {
    SeededCases source = new SeededCases(seed);
    return Stream.generate(() -> generator.apply(source)).limit(count);
  }

  /** A number in {@code lowest..highest}, both included. */
  public int between(int lowest, int highest) {
    return (int) random.nextLong(lowest, (long) highest + 1);
  }

  /** One of {@code edges} half of the time, otherwise a number in {@code lowest..highest}. */
  public int edgeOrBetween(int lowest, int highest, int... edges) {
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : between(lowest, highest);
  }

  public boolean coin() {
    return random.nextBoolean();
  }

  /** True with the given probability. */
  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  public <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
