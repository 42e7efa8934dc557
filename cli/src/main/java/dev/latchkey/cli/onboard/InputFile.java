package dev.latchkey.cli.onboard;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The onboarding input: a CSV file, UTF-8, whose header names the columns in any order, matched ignoring
 * case. {@code userPrincipalName} and {@code displayName} are required, {@code mailNickname} is optional;
 * other columns are ignored (with a warning). A row that can't be used stays in the list with its problem,
 * so that the output reports it: a missing field, the wrong number of fields, or a userPrincipalName that
 * an earlier row already has (compared ignoring case, as the server does).
 */
final class InputFile {

  static final String UPN = "userPrincipalName";
  static final String DISPLAY_NAME = "displayName";
  static final String MAIL_NICKNAME = "mailNickname";
  private static final List<String> KNOWN = List.of(UPN, DISPLAY_NAME, MAIL_NICKNAME);

  /**
   * The rows, and the columns the header has that Latchkey doesn't use.
   */
  record Contents(List<InputRow> rows, List<String> ignoredColumns) {}

  private InputFile() {}

  static Contents read(Path path) {
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      CsvReader csv = new CsvReader(reader);
      CsvReader.Record header = csv.next();
      if (header == null || header.problem() != null) {
        throw usage(path, "has no header line");
      }
      Map<String, Integer> columns = columns(path, header.fields());
      List<String> ignored = header.fields().stream().map(String::strip)
          .filter(name -> KNOWN.stream().noneMatch(name::equalsIgnoreCase)).toList();
      List<InputRow> rows = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (CsvReader.Record record = csv.next(); record != null; record = csv.next()) {
        rows.add(row(record, columns, header.fields().size(), seen));
      }
      return new Contents(rows, ignored);
    } catch (NoSuchFileException e) {
      throw new CliFailure(ExitCodes.USAGE, "No such file: " + path);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "Can't read " + path + ": " + e.getMessage());
    }
  }

  private static Map<String, Integer> columns(Path path, List<String> header) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      for (String known : KNOWN) {
        if (known.equalsIgnoreCase(header.get(i).strip())) {
          columns.put(known, i);
        }
      }
    }
    for (String required : List.of(UPN, DISPLAY_NAME)) {
      if (!columns.containsKey(required)) {
        throw usage(path, "has no " + required + " column; its header must name at least "
            + "userPrincipalName,displayName");
      }
    }
    return columns;
  }

  private static InputRow row(CsvReader.Record record, Map<String, Integer> columns, int width,
      Map<String, Integer> seen) {
    List<String> fields = record.fields();
    String upn = field(fields, columns.get(UPN));
    String displayName = field(fields, columns.get(DISPLAY_NAME));
    String nickname = columns.containsKey(MAIL_NICKNAME) ? field(fields, columns.get(MAIL_NICKNAME)) : "";
    String problem = record.problem();
    if (problem == null && fields.size() != width) {
      problem = "the row has " + fields.size() + " fields where the header has " + width;
    } else if (problem == null && upn.isEmpty()) {
      problem = "missing userPrincipalName";
    } else if (problem == null && displayName.isEmpty()) {
      problem = "missing displayName";
    }
    if (problem == null) {
      Integer earlier = seen.putIfAbsent(upn.toLowerCase(Locale.ROOT), record.line());
      if (earlier != null) {
        problem = "duplicate: line " + earlier + " has the same userPrincipalName";
      }
    }
    return new InputRow(record.line(), upn, displayName, nickname.isEmpty() ? null : nickname, problem);
  }

  private static String field(List<String> fields, int index) {
    return index < fields.size() ? fields.get(index).strip() : "";
  }

  private static CliFailure usage(Path path, String problem) {
    return new CliFailure(ExitCodes.USAGE, path + " " + problem + ".");
  }
}
