package dev.latchkey.server.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AheadOfTimeSettingsGuardTest {

  @Test
  void startWhenAheadOfTimeAndSeparateManagementPortThenRefusedNamingThePort() {
    MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080")
        .withProperty("management.server.port", "9090");

    assertThatIllegalStateException().isThrownBy(() -> AheadOfTimeSettingsGuard.check(environment, true))
        .withMessageStartingWith("management.server.port=9090 can't be served")
        .withMessageContaining("without -Dspring.aot.enabled=true");
  }

  @Test
  void startWhenAheadOfTimeAndManagementDisabledThenRefused() {
    MockEnvironment environment = new MockEnvironment().withProperty("management.server.port", "-1");

    assertThatIllegalStateException().isThrownBy(() -> AheadOfTimeSettingsGuard.check(environment, true));
  }

  @Test
  void startWhenAheadOfTimeAndManagementOnServerPortThenAllowed() {
    MockEnvironment unset = new MockEnvironment().withProperty("server.port", "8080");
    MockEnvironment same = new MockEnvironment().withProperty("server.port", "8080")
        .withProperty("management.server.port", "8080");

    assertThatCode(() -> AheadOfTimeSettingsGuard.check(unset, true)).doesNotThrowAnyException();
    assertThatCode(() -> AheadOfTimeSettingsGuard.check(same, true)).doesNotThrowAnyException();
  }

  @Test
  void startWhenNotAheadOfTimeThenSeparateManagementPortAllowed() {
    MockEnvironment environment = new MockEnvironment().withProperty("management.server.port", "9090");

    assertThatCode(() -> AheadOfTimeSettingsGuard.check(environment, false)).doesNotThrowAnyException();
  }
}
