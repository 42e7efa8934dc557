package dev.latchkey.cli.onboard;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.config.OwnerOnlyFiles;
import dev.latchkey.cli.output.Csv;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The onboarding output: a CSV file, created new with mode 600, one row per input row in the order they
 * finish, each written out at once so that a pass is never held only in memory. It holds the passes, which
 * can't be shown again, so an existing file is never overwritten.
 */
final class PassesFile implements Closeable {

  static final List<String> HEADER = List.of("userPrincipalName", "temporaryAccessPass", "validFrom",
      "validUntil", "signInUrl", "status", "message", "line");

  private final BufferedWriter writer;

  private PassesFile(BufferedWriter writer) {
    this.writer = writer;
  }

  /** Creates the file, readable by its owner only, and writes the header. */
  static PassesFile create(Path path) {
    try {
      OwnerOnlyFiles.createFile(path);
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure(ExitCodes.USAGE, path + " already exists and may hold passes that can't be shown "
          + "again: choose another --out, or move it away first.");
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "Can't create " + path + ": " + e.getMessage());
    }
    try {
      PassesFile file = new PassesFile(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
      file.writeLine(HEADER);
      return file;
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "Can't write " + path + ": " + e.getMessage());
    }
  }

  /** Writes one result and flushes it to the file. */
  synchronized void write(RowResult result) {
    writeLine(List.of(result.row().userPrincipalName(), nullToEmpty(result.pass()), nullToEmpty(result.validFrom()),
        nullToEmpty(result.validUntil()), nullToEmpty(result.signInUrl()), result.status().label(),
        nullToEmpty(result.message()), String.valueOf(result.row().line())));
  }

  private void writeLine(List<String> fields) {
    try {
      writer.write(Csv.line(fields));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
