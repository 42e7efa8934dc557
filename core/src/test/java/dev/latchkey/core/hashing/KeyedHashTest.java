package dev.latchkey.core.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyedHashTest {

  private static final byte[] DIGEST =
      HexFormat.of().parseHex("84e47a4e6f27a069918035240707c30578d6b2afe56c92b0356d79521a3112e1");

  @Test
  void toStringWhenPrintedThenShowsKeyIdButNotDigest() {
    String printed = new KeyedHash("k1", DIGEST).toString();

    assertThat(printed).isEqualTo("KeyedHash[keyId=k1]");
  }

  @Test
  void equalsWhenSameKeyAndDigestBytesThenEqualElseNot() {
    KeyedHash hash = new KeyedHash("k1", DIGEST);

    KeyedHash same = new KeyedHash("k1", DIGEST.clone());

    assertThat(hash).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(hash).isNotEqualTo(new KeyedHash("k2", DIGEST));
    byte[] other = DIGEST.clone();
    other[31] ^= 1;
    assertThat(hash).isNotEqualTo(new KeyedHash("k1", other));
  }

  @Test
  void digestWhenCallerChangesArraysThenHashUnchanged() {
    byte[] given = DIGEST.clone();
    KeyedHash hash = new KeyedHash("k1", given);

    given[0] = 0;
    hash.digest()[1] = 0;

    assertThat(hash.digest()).isEqualTo(DIGEST);
  }
}
