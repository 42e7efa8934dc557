package dev.latchkey.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPolicyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MethodStateTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"enabled, ENABLED", "Enabled, ENABLED", "DISABLED, DISABLED", "disabled, DISABLED"})
  void fromGraphNameWhenKnownInAnyCaseThenParsed(String name, MethodState expected) {
    assertThat(MethodState.fromGraphName(name)).isEqualTo(expected);
  }

  @Test
  void graphNameWhenRenderedThenLowerCaseGraphSpelling() {
    assertThat(MethodState.ENABLED.graphName()).isEqualTo("enabled");
    assertThat(MethodState.DISABLED.graphName()).isEqualTo("disabled");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullSource
  @ValueSource(strings = {"", "on", "enable", "default"})
  void fromGraphNameWhenUnknownThenRejectedListingChoices(String name) {
    assertThatThrownBy(() -> MethodState.fromGraphName(name))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("state must be 'enabled' or 'disabled', not '" + name + "'.");
  }
}
