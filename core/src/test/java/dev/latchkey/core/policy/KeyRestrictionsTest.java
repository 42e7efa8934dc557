package dev.latchkey.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPolicyException;
import dev.latchkey.core.policy.KeyRestrictions.EnforcementType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRestrictionsTest {

  private static final String YUBIKEY_5_NFC = "cb69481e-8ff7-4039-93ec-0a2729a154a8";
  private static final String YUBIKEY_5 = "ee882879-721c-4913-9775-3dfcce97072a";
  private static final String ICLOUD_KEYCHAIN = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd";

  @Test
  void noneWhenCreatedThenNotEnforcedAndEveryModelPermitted() {
    KeyRestrictions none = KeyRestrictions.none();

    assertThat(none.isEnforced()).isFalse();
    assertThat(none.aaGuids()).isEmpty();
    assertThat(none.permits(YUBIKEY_5_NFC)).isTrue();
    assertThat(none.permits(ICLOUD_KEYCHAIN)).isTrue();
  }

  @Test
  void permitsWhenAllowListEnforcedThenOnlyListedModels() {
    KeyRestrictions allow =
        new KeyRestrictions(true, EnforcementType.ALLOW, List.of(YUBIKEY_5_NFC, YUBIKEY_5));

    assertThat(allow.permits(YUBIKEY_5_NFC)).isTrue();
    assertThat(allow.permits(YUBIKEY_5)).isTrue();
    assertThat(allow.permits(ICLOUD_KEYCHAIN)).isFalse();
  }

  @Test
  void permitsWhenBlockListEnforcedThenEveryModelButListedOnes() {
    KeyRestrictions block = new KeyRestrictions(true, EnforcementType.BLOCK, List.of(ICLOUD_KEYCHAIN));

    assertThat(block.permits(ICLOUD_KEYCHAIN)).isFalse();
    assertThat(block.permits(YUBIKEY_5_NFC)).isTrue();
  }

  @Test
  void permitsWhenListNotEnforcedThenEveryModelAndListKept() {
    KeyRestrictions dormant = new KeyRestrictions(false, EnforcementType.ALLOW, List.of(YUBIKEY_5_NFC));

    assertThat(dormant.permits(ICLOUD_KEYCHAIN)).isTrue();
    assertThat(dormant.aaGuids()).containsExactly(YUBIKEY_5_NFC);
  }

  @Test
  void permitsWhenAaGuidDiffersOnlyInCaseThenTreatedAsSameModel() {
    KeyRestrictions allow = new KeyRestrictions(true, EnforcementType.ALLOW,
        List.of(YUBIKEY_5_NFC.toUpperCase(Locale.ROOT)));

    assertThat(allow.aaGuids()).containsExactly(YUBIKEY_5_NFC);
    assertThat(allow.permits(YUBIKEY_5_NFC)).isTrue();
    assertThat(allow.permits(YUBIKEY_5_NFC.toUpperCase(Locale.ROOT))).isTrue();
  }

  @Test
  void constructWhenSameAaGuidListedTwiceThenKeptOnceInOrder() {
    KeyRestrictions block = new KeyRestrictions(true, EnforcementType.BLOCK,
        List.of(YUBIKEY_5, ICLOUD_KEYCHAIN, YUBIKEY_5.toUpperCase(Locale.ROOT)));

    assertThat(block.aaGuids()).containsExactly(YUBIKEY_5, ICLOUD_KEYCHAIN);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {
      "", "yubikey", "cb69481e8ff7403993ec0a2729a154a8", "{cb69481e-8ff7-4039-93ec-0a2729a154a8}",
      "cb69481e-8ff7-4039-93ec-0a2729a154a", "cb69481e-8ff7-4039-93ec-0a2729a154ag"})
  void constructWhenAaGuidMalformedThenRejectedWithExample(String aaGuid) {
    assertThatThrownBy(() -> new KeyRestrictions(true, EnforcementType.BLOCK, List.of(aaGuid)))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("'" + aaGuid + "' is not an AAGUID")
        .hasMessageContaining("such as 'cb69481e-8ff7-4039-93ec-0a2729a154a8'");
  }

  @Test
  void constructWhenAaGuidNullThenRejectedAsPolicyError() {
    List<String> withNull = Arrays.asList(YUBIKEY_5, null);

    assertThatThrownBy(() -> new KeyRestrictions(true, EnforcementType.BLOCK, withNull))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("'null' is not an AAGUID");
  }

  @Test
  void constructWhenEnforcedAllowListEmptyThenRejectedBecauseNothingCouldRegister() {
    assertThatThrownBy(() -> new KeyRestrictions(true, EnforcementType.ALLOW, List.of()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("keyRestrictions allow no model at all: "
            + "add AAGUIDs to aaGuids or set isEnforced to false.");
  }

  @Test
  void constructWhenEnforcedBlockListEmptyThenEveryModelPermitted() {
    KeyRestrictions block = new KeyRestrictions(true, EnforcementType.BLOCK, List.of());

    assertThat(block.permits(YUBIKEY_5)).isTrue();
  }

  @Test
  void enforcementTypeWhenParsedFromGraphNameThenCaseIgnored() {
    assertThat(EnforcementType.fromGraphName("allow")).isEqualTo(EnforcementType.ALLOW);
    assertThat(EnforcementType.fromGraphName("Block")).isEqualTo(EnforcementType.BLOCK);
    assertThat(EnforcementType.ALLOW.graphName()).isEqualTo("allow");
    assertThat(EnforcementType.BLOCK.graphName()).isEqualTo("block");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"deny", "", "allowed"})
  void enforcementTypeWhenNameUnknownThenRejectedListingChoices(String name) {
    assertThatThrownBy(() -> EnforcementType.fromGraphName(name))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("keyRestrictions.enforcementType must be 'allow' or 'block', not '" + name + "'.");
  }
}
