package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

  @ParameterizedTest
  @CsvSource({"400, 1", "409, 1", "413, 1", "429, 1", "401, 3", "403, 3", "404, 4", "500, 5", "503, 5"})
  void forStatusWhenTheServerAnswersSoThenThatFailureClass(int status, int exitCode) {
    assertThat(ExitCodes.forStatus(status)).isEqualTo(exitCode);
  }
}
