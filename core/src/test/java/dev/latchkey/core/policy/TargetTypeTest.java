package dev.latchkey.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InvalidPolicyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTypeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"user, USER", "User, USER", "GROUP, GROUP", "group, GROUP"})
  void fromGraphNameWhenKnownInAnyCaseThenParsed(String name, TargetType expected) {
    assertThat(TargetType.fromGraphName(name)).isEqualTo(expected);
  }

  @Test
  void graphNameWhenRenderedThenLowerCaseGraphSpelling() {
    assertThat(TargetType.USER.graphName()).isEqualTo("user");
    assertThat(TargetType.GROUP.graphName()).isEqualTo("group");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullSource
  @ValueSource(strings = {"", "users", "device", "all_users"})
  void fromGraphNameWhenUnknownThenRejectedListingChoices(String name) {
    assertThatThrownBy(() -> TargetType.fromGraphName(name))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("targetType must be 'user' or 'group', not '" + name + "'.");
  }
}
