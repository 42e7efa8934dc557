package dev.latchkey.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UsabilityReasonTest {

  @Test
  void valuesWhenListedThenInPrecedenceOrderWithGraphApiNames() {
    assertThat(Arrays.stream(UsabilityReason.values()).map(UsabilityReason::graphName))
        .containsExactly("DisabledByPolicy", "OneTimeUsed", "Expired", "NotYetValid", "EnabledByPolicy");
  }

  @Test
  void isUsableWhenAskedThenOnlyEnabledByPolicy() {
    assertThat(Arrays.stream(UsabilityReason.values()).filter(UsabilityReason::isUsable))
        .containsExactly(UsabilityReason.ENABLED_BY_POLICY);
  }
}
