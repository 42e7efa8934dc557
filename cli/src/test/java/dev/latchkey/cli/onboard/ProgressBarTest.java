package dev.latchkey.cli.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void renderWhenHalfwayThenBarCountRateAndTimeLeft() {
    assertThat(ProgressBar.render(5000, 10000, Duration.ofSeconds(10)))
        .isEqualTo("[###############...............]  5000/10000  50%  500/s  ETA 0:10");
  }

  @Test
  void renderWhenNothingDoneYetThenNoTimeLeftGuessed() {
    assertThat(ProgressBar.render(0, 10, Duration.ZERO)).isEqualTo("[..............................]  0/10  0%  0/s  ETA --:--");
  }

  @Test
  void renderWhenLongRunThenHours() {
    assertThat(ProgressBar.render(100, 100000, Duration.ofSeconds(10))).endsWith("10/s  ETA 2:46:30");
  }

  @Test
  void whenNotATerminalThenNothingIsDrawn() {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = ProgressBar.start(new PrintWriter(err), 3, false)) {
      bar.step();
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void whenATerminalThenTheBarIsRedrawnOnOneLine() {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = ProgressBar.start(new PrintWriter(err), 2, true)) {
      bar.step();
      bar.step();
    }
    assertThat(err.toString()).startsWith("\r[").contains("2/2  100%").endsWith(System.lineSeparator());
  }
}
