package dev.latchkey.core.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashingKeyTest {

  private static byte[] bytes(int length, int first) {
    byte[] secret = new byte[length];
    for (int i = 0; i < length; i++) {
      secret[i] = (byte) (first + i);
    }
    return secret;
  }

  @Test
  void constructWhenSecretHasThirtyTwoBytesThenAccepted() {
    HashingKey key = new HashingKey("k1", bytes(32, 0));

    assertThat(key.secret()).hasSize(32);
    assertThat(HashingKey.MINIMUM_SECRET_BYTES).isEqualTo(32);
  }

  @Test
  void constructWhenSecretHasThirtyOneBytesThenRejectedSayingHowManyAreNeeded() {
    assertThatThrownBy(() -> new HashingKey("k1", bytes(31, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Hashing key 'k1' has 31 bytes; it needs at least 32.");
  }

  @Test
  void constructWhenSecretEmptyThenRejected() {
    assertThatThrownBy(() -> new HashingKey("k1", new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"k1", "2026-11", "server.key_2", "A", "abcdefghijklmnopqrstuvwxyz012345"})
  void constructWhenIdIsShortNameOfAllowedCharactersThenAccepted(String id) {
    assertThat(new HashingKey(id, bytes(32, 0)).id()).isEqualTo(id);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "k 1", "k/1", "k:1", "clé", "abcdefghijklmnopqrstuvwxyz0123456", "k1\n"})
  void constructWhenIdEmptyTooLongOrOddCharactersThenRejected(String id) {
    assertThatThrownBy(() -> new HashingKey(id, bytes(32, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("A hashing key id is 1 to 32 letters, digits, '.', '-' or '_'");
  }

  @Test
  void constructWhenIdOrSecretMissingThenRejectedNamingIt() {
    assertThatThrownBy(() -> new HashingKey(null, bytes(32, 0))).isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> new HashingKey("k1", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("secret");
  }

  @Test
  void toStringWhenPrintedThenShowsIdButNeverTheSecret() {
    byte[] secret = bytes(32, 0x41);
    String printed = new HashingKey("k1", secret).toString();

    assertThat(printed).contains("k1");
    assertThat(printed)
        .doesNotContain(HexFormat.of().formatHex(secret))
        .doesNotContain(HexFormat.of().withUpperCase().formatHex(secret))
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(Arrays.toString(secret))
        .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
  }

  @Test
  void secretWhenCallerChangesArraysThenKeyUnchanged() {
    byte[] given = bytes(32, 0);
    HashingKey key = new HashingKey("k1", given);

    given[0] = 99;
    key.secret()[1] = 99;

    assertThat(key.secret()).isEqualTo(bytes(32, 0));
  }

  @Test
  void equalsWhenSameIdAndSecretThenEqualElseNot() {
    HashingKey key = new HashingKey("k1", bytes(32, 0));

    HashingKey same = new HashingKey("k1", bytes(32, 0));

    assertThat(key).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(key).isNotEqualTo(new HashingKey("k1", bytes(32, 1)));
    assertThat(key).isNotEqualTo(new HashingKey("k2", bytes(32, 0)));
  }
}
