package dev.latchkey.bench.core;

import dev.latchkey.core.hashing.HashingKey;
import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.core.pass.PassGenerator;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of storing and checking a pass: hashing it under the current key, and verifying a right and a
 * wrong candidate. DESIGN.md promises a check in microseconds, not the tens of milliseconds of a
 * password hash. The hasher holds a rotated-out key too, as a server after its first rotation does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyedHasherBenchmark {

  private KeyedHasher hasher;
  private String pass;
  private String wrongPass;
  private KeyedHash stored;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    hasher = new KeyedHasher(new HashingKey("k2", randomBytes(random)),
        List.of(new HashingKey("k1", randomBytes(random))));
    PassGenerator generator = new PassGenerator(random);
    pass = generator.generate(8);
    do {
      wrongPass = generator.generate(8);
    } while (wrongPass.equals(pass));
    stored = hasher.hash(pass);
  }

  private static byte[] randomBytes(SecureRandom random) {
    byte[] secret = new byte[HashingKey.MINIMUM_SECRET_BYTES];
    random.nextBytes(secret);
    return secret;
  }

  @Benchmark
  public KeyedHash hash() {
    return hasher.hash(pass);
  }

  @Benchmark
  public boolean verifyMatch() {
    return hasher.verify(pass, stored);
  }

  @Benchmark
  public boolean verifyMismatch() {
    return hasher.verify(wrongPass, stored);
  }
}
