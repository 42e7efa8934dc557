package dev.latchkey.core.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyedHasherTest {

  /** Bytes 0x00..0x1f. */
  private static final HashingKey K1 = new HashingKey("k1", range(0x00));
  /** Bytes 0x20..0x3f. */
  private static final HashingKey K2 = new HashingKey("k2", range(0x20));

  private static byte[] range(int first) {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (first + i);
    }
    return secret;
  }

  private static KeyedHasher hasherWith(HashingKey current, HashingKey... older) {
    return new KeyedHasher(current, List.of(older));
  }

  @Test
  void verifyWhenSameSecretThenTrue() {
    KeyedHasher hasher = hasherWith(K1);

    KeyedHash stored = hasher.hash("Q7xN4pR9");

    assertThat(stored.keyId()).isEqualTo("k1");
    assertThat(hasher.verify("Q7xN4pR9", stored)).isTrue();
  }

  @Test
  void verifyWhenWrongSecretThenFalse() {
    KeyedHasher hasher = hasherWith(K1);
    KeyedHash stored = hasher.hash("Q7xN4pR9");

    assertThat(hasher.verify("Q7xN4pR8", stored)).isFalse();
    assertThat(hasher.verify("q7xN4pR9", stored)).isFalse();
    assertThat(hasher.verify("", stored)).isFalse();
  }

  @Test
  void hashWhenKnownKeyAndSecretThenMatchesIndependentlyComputedHmacSha256() {
    // python3: hmac.new(bytes(range(32)), b'Q7xN4pR9', hashlib.sha256).hexdigest(); openssl agrees.
    KeyedHash hash = hasherWith(K1).hash("Q7xN4pR9");

    assertThat(HexFormat.of().formatHex(hash.digest()))
        .isEqualTo("84e47a4e6f27a069918035240707c30578d6b2afe56c92b0356d79521a3112e1");
  }

  @Test
  void hashWhenSecretHasNonAsciiCharactersThenDigestOfItsUtf8Bytes() {
    // python3: hmac.new(bytes(range(32)), 'Zürich-€9'.encode('utf-8'), hashlib.sha256).hexdigest()
    KeyedHash hash = hasherWith(K1).hash("Zürich-€9");

    assertThat(HexFormat.of().formatHex(hash.digest()))
        .isEqualTo("92f0c9ca290febe4628c1c79979498fcc18c2d6417b3193c154ede2084707707");
  }

  @Test
  void hashWhenSameSecretUnderDifferentKeysThenDifferentDigests() {
    KeyedHash underK1 = hasherWith(K1).hash("Q7xN4pR9");
    KeyedHash underK2 = hasherWith(K2).hash("Q7xN4pR9");

    assertThat(underK1.digest()).isNotEqualTo(underK2.digest());
    // python3: hmac.new(bytes(range(32, 64)), b'Q7xN4pR9', hashlib.sha256).hexdigest()
    assertThat(HexFormat.of().formatHex(underK2.digest()))
        .isEqualTo("377ad72fbcca939440745186a24996914e176aa3b27a7b696565bec32ff8f3fc");
  }

  @Test
  void hashWhenCalledTwiceThenSameDigest() {
    KeyedHasher hasher = hasherWith(K1);

    assertThat(hasher.hash("Q7xN4pR9")).isEqualTo(hasher.hash("Q7xN4pR9"));
  }

  @Test
  void verifyWhenHashMadeUnderOldKeyAndKeyRotatedThenStillTrue() {
    KeyedHash madeBeforeRotation = hasherWith(K1).hash("Q7xN4pR9");
    KeyedHasher rotated = hasherWith(K2, K1);

    assertThat(rotated.currentKeyId()).isEqualTo("k2");
    assertThat(rotated.verify("Q7xN4pR9", madeBeforeRotation)).isTrue();
    assertThat(rotated.verify("Q7xN4pR8", madeBeforeRotation)).isFalse();
    assertThat(rotated.hash("Q7xN4pR9").keyId()).isEqualTo("k2");
  }

  @Test
  void verifyWhenHashNamesKeyHasherDoesNotHoldThenFalse() {
    KeyedHash underK1 = hasherWith(K1).hash("Q7xN4pR9");

    assertThat(hasherWith(K2).verify("Q7xN4pR9", underK1)).isFalse();
  }

  @Test
  void verifyWhenDigestRelabelledWithAnotherKeyIdThenFalse() {
    KeyedHash underK1 = hasherWith(K1).hash("Q7xN4pR9");
    KeyedHash relabelled = new KeyedHash("k2", underK1.digest());

    assertThat(hasherWith(K2, K1).verify("Q7xN4pR9", relabelled)).isFalse();
  }

  @Test
  void verifyWhenStoredDigestTruncatedOrAlteredThenFalse() {
    KeyedHasher hasher = hasherWith(K1);
    byte[] digest = hasher.hash("Q7xN4pR9").digest();
    byte[] truncated = Arrays.copyOf(digest, 16);
    byte[] altered = digest.clone();
    altered[31] ^= 1;

    assertThat(hasher.verify("Q7xN4pR9", new KeyedHash("k1", truncated))).isFalse();
    assertThat(hasher.verify("Q7xN4pR9", new KeyedHash("k1", altered))).isFalse();
    assertThat(hasher.verify("Q7xN4pR9", new KeyedHash("k1", new byte[0]))).isFalse();
  }

  @Test
  void isStaleWhenHashMadeUnderOlderKeyThenTrueAndUnderCurrentKeyFalse() {
    KeyedHasher rotated = hasherWith(K2, K1);

    assertThat(rotated.isStale(hasherWith(K1).hash("Q7xN4pR9"))).isTrue();
    assertThat(rotated.isStale(rotated.hash("Q7xN4pR9"))).isFalse();
  }

  @Test
  void hashUnderWhenOlderKeyNamedThenHmacUnderThatKeyNotTheCurrentOne() {
    KeyedHasher rotated = hasherWith(K2, K1);

    KeyedHash underK1 = rotated.hashUnder("k1", "token-signing-seal");
    KeyedHash underK2 = rotated.hashUnder("k2", "token-signing-seal");

    // python3: hmac.new(bytes(range(32)), b'token-signing-seal', hashlib.sha256).hexdigest(); openssl agrees.
    assertThat(underK1.keyId()).isEqualTo("k1");
    assertThat(HexFormat.of().formatHex(underK1.digest()))
        .isEqualTo("3c7beba0530ea683af15e8406daac15add056c2ab6f05411780560bbac5d6a87");
    // python3: hmac.new(bytes(range(32, 64)), b'token-signing-seal', hashlib.sha256).hexdigest()
    assertThat(underK2).isEqualTo(rotated.hash("token-signing-seal"));
    assertThat(HexFormat.of().formatHex(underK2.digest()))
        .isEqualTo("c8bdc0f6f52ba5d98a14d46507a9f50cb323269dc7aa25b663c51b9b776ecd58");
  }

  @Test
  void hashUnderWhenKeyIdNotHeldThenRejectedNamingIt() {
    assertThatThrownBy(() -> hasherWith(K2).hashUnder("k1", "token-signing-seal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No hashing key has the id 'k1'.");
  }

  @Test
  void constructWhenTwoKeysShareAnIdThenRejected() {
    HashingKey otherK1 = new HashingKey("k1", range(0x40));

    assertThatThrownBy(() -> hasherWith(K1, otherK1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Two hashing keys share the id 'k1'.");
    assertThatThrownBy(() -> hasherWith(K2, K1, otherK1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Two hashing keys share the id 'k1'.");
  }

  @Test
  void toStringWhenPrintedThenNeverShowsSecret() {
    String printed = hasherWith(K1).toString();

    assertThat(printed).doesNotContain(HexFormat.of().formatHex(K1.secret()));
  }

  @Test
  void hashWhenManyThreadsHashAtOnceThenEveryDigestIsTheSingleThreadedOne() throws Exception {
    KeyedHasher hasher = hasherWith(K2, K1);
    List<String> secrets = IntStream.range(0, 2_000).mapToObj(i -> "pass-" + i).toList();
    List<KeyedHash> expected = secrets.stream().map(hasherWith(K2)::hash).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < secrets.size(); i++) {
        int index = i;
        results.add(pool.submit(() -> hasher.hash(secrets.get(index)).equals(expected.get(index))
            && hasher.verify(secrets.get(index), expected.get(index))));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
