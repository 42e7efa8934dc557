package dev.latchkey.cli.onboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 has it: comma-separated fields, double quotes around fields that hold commas,
 * quotes (doubled) or line breaks. Blank lines are skipped.
 */
final class CsvReader {

  /**
   * One record.
   *
   * @param line the line of the file where the record starts, from 1
   * @param fields the record's fields, unquoted
   * @param problem why the record can't be read (an unclosed quote), or null
   */
  record Record(int line, List<String> fields, String problem) {}

  private final BufferedReader reader;
  private int lineNumber;

  CsvReader(BufferedReader reader) {
    this.reader = reader;
  }

  /** The next record, or null at the end of the file. */
  Record next() throws IOException {
    String line = reader.readLine();
    lineNumber++;
    while (line != null && line.isBlank()) {
      line = reader.readLine();
      lineNumber++;
    }
    if (line == null) {
      return null;
    }
    int start = lineNumber;
    if (start == 1 && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (true) {
      if (i == line.length()) {
        if (!quoted) {
          break;
        }
        String more = reader.readLine();
        if (more == null) {
          return new Record(start, fields, "a quoted field is never closed");
        }
        lineNumber++;
        field.append('\n');
        line = more;
        i = 0;
        continue;
      }
      char c = line.charAt(i++);
      if (quoted) {
        if (c == '"' && i < line.length() && line.charAt(i) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return new Record(start, fields, null);
  }
}
