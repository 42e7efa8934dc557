package dev.latchkey.cli.commands;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads the times people type: ISO-8601 with an offset, or an age such as {@code 2h} before now. */
public final class Times {

  private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

  private Times() {}

  /**
   * An ISO-8601 time with an offset, seconds optional: {@code 2026-12-01T08:00Z},
   * {@code 2026-12-01T09:00:00+01:00}.
   */
  public static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + text + "' is not a time such as 2026-12-01T08:00Z.");
    }
  }

  /** A time, or an age before {@code now} such as {@code 30m}, {@code 12h} or {@code 7d}. */
  public static Instant since(String text, Instant now) {
    Matcher age = AGE.matcher(text.strip());
    if (!age.matches()) {
      try {
        return instant(text);
      } catch (TypeConversionException e) {
        throw new TypeConversionException("'" + text + "' is neither an age such as 30m, 12h or 7d nor a time "
            + "such as 2026-12-01T08:00Z.");
      }
    }
    long amount = Long.parseLong(age.group(1));
    Duration duration = switch (age.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    return now.minus(duration);
  }

  /** picocli's converter for {@link #instant}. */
  public static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return instant(value);
    }
  }

  /** picocli's converter for {@link #since}, relative to the moment of conversion. */
  public static final class SinceConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return since(value, Instant.now());
    }
  }
}
