package dev.latchkey.cli.output;

import java.util.List;

/** Writes CSV lines as RFC 4180 has them: comma-separated, fields quoted when they need it. */
public final class Csv {

  private Csv() {}

  /** One line (without its line end) of the given fields. */
  public static String line(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(fields.get(i)));
    }
    return line.toString();
  }

  /** A field, quoted with its quotes doubled when it holds a comma, a quote, a line break or edge spaces. */
  public static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0 || !value.equals(value.strip());
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
