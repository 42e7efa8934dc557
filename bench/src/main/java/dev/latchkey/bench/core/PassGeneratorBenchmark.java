package dev.latchkey.bench.core;

import dev.latchkey.core.pass.PassGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of making one new pass with the default {@code SecureRandom}, at the shortest and the longest
 * length a policy allows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PassGeneratorBenchmark {

  @Param({"8", "48"})
  int length;

  private PassGenerator generator;

  @Setup
  public void setUp() {
    generator = new PassGenerator();
  }

  @Benchmark
  public String generate() {
    return generator.generate(length);
  }
}
