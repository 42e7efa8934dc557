package dev.latchkey.cli.config;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * The CLI's config file, {@code config} in the config directory, in Java properties form:
 * <pre>
 * server=https://id.example.com
 * client-id=9da695a8-bb76-4f71-a2ec-0f6360936794
 * client-secret=...
 * </pre>
 * A file that holds a secret must be readable by its owner only (mode 600), as SSH insists for its keys;
 * otherwise the secret is refused rather than used.
 */
public final class ConfigFile {

  /** The file's name inside the config directory. */
  public static final String FILE_NAME = "config";
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final Path path;
  private final Properties properties;

  private ConfigFile(Path path, Properties properties) {
    this.path = path;
    this.properties = properties;
  }

  /** The config file in {@code directory}; an absent file holds nothing. */
  public static ConfigFile in(Path directory) {
    Path path = directory.resolve(FILE_NAME);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException absent) {
      // nothing configured
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "Can't read " + path + ": " + e.getMessage());
    }
    return new ConfigFile(path, properties);
  }

  /** Where the file is, or would be. */
  public Path path() {
    return path;
  }

  /** A setting's value, or null. */
  public String value(String key) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** A secret's value, or null; refused when the file is readable or writable by anyone but its owner. */
  public String secret(String key) {
    String value = value(key);
    if (value != null && sharedWithOthers()) {
      throw new CliFailure(ExitCodes.AUTH, path + " holds a " + key + " but others may read or change it. "
          + "Make it yours alone: chmod 600 " + path);
    }
    return value;
  }

  private boolean sharedWithOthers() {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      return permissions.stream().anyMatch(OTHERS::contains);
    } catch (UnsupportedOperationException notPosix) {
      return false;
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "Can't read the permissions of " + path + ": " + e.getMessage());
    }
  }
}
