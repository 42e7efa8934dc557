package dev.latchkey.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates files and directories that only their owner can read, with the permissions set in the same
 * system call that creates them, so there is no moment when anyone else could open them.
 */
public final class OwnerOnlyFiles {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private OwnerOnlyFiles() {}

  /**
   * Creates a new file with mode 600.
   *
   * @throws FileAlreadyExistsException when something is already there: it is never overwritten or widened
   */
  public static void createFile(Path path) throws IOException {
    if (POSIX) {
      Files.createFile(path, attribute("rw-------"));
    } else {
      Files.createFile(path);
    }
  }

  /** Creates the directory (and its missing parents) with mode 700; an existing directory is left as it is. */
  public static void createDirectory(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return;
    }
    if (POSIX) {
      Files.createDirectories(path, attribute("rwx------"));
    } else {
      Files.createDirectories(path);
    }
  }

  /**
   * Writes {@code text} to {@code path}, replacing what is there in one step: the text goes to a new mode-600
   * file beside it, which is then renamed over {@code path}. A reader sees the old file or the new one,
   * never half of either, and the file is never readable by others, not even for a moment.
   */
  public static void replace(Path path, String text) throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    createDirectory(directory);
    Path temporary = POSIX
        ? Files.createTempFile(directory, "." + path.getFileName(), ".tmp", attribute("rw-------"))
        : Files.createTempFile(directory, "." + path.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** True when the file may be read or changed by anyone but its owner; false on a file system without modes. */
  public static boolean sharedWithOthers(Path path) throws IOException {
    if (!POSIX) {
      return false;
    }
    return Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS::contains);
  }

  private static FileAttribute<?> attribute(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }
}
