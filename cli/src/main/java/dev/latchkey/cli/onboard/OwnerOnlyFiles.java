package dev.latchkey.cli.onboard;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates files and directories that only their owner can read, with the permissions set in the same
 * system call that creates them, so there is no moment when anyone else could open them.
 */
final class OwnerOnlyFiles {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnlyFiles() {}

  /**
   * Creates a new file with mode 600.
   *
   * @throws FileAlreadyExistsException when something is already there: it is never overwritten or widened
   */
  static void createFile(Path path) throws IOException {
    if (POSIX) {
      Files.createFile(path, attribute("rw-------"));
    } else {
      Files.createFile(path);
    }
  }

  /** Creates the directory (and its missing parents) with mode 700; an existing directory is left as it is. */
  static void createDirectory(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return;
    }
    if (POSIX) {
      Files.createDirectories(path, attribute("rwx------"));
    } else {
      Files.createDirectories(path);
    }
  }

  private static FileAttribute<?> attribute(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }
}
