package dev.latchkey.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class TimesTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void instantWhenSecondsLeftOutOrAnOffsetGivenThenUtc() {
    assertThat(Times.instant("2026-12-01T08:00Z")).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(Times.instant("2026-12-01T09:00:00+01:00")).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
  }

  @Test
  void instantWhenNoOffsetThenRefusedRatherThanGuessed() {
    assertThatThrownBy(() -> Times.instant("2026-12-01T08:00")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void sinceWhenAnAgeThenThatLongBeforeNow() {
    assertThat(Times.since("30m", NOW)).isEqualTo(Instant.parse("2026-12-01T11:30:00Z"));
    assertThat(Times.since("12h", NOW)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(Times.since("7d", NOW)).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    assertThat(Times.since("2026-11-30T00:00Z", NOW)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
  }
}
