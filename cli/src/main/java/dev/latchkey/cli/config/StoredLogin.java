package dev.latchkey.cli.config;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What {@code latchkey login} keeps: the server, the person who signed in, and the refresh token, in the
 * file {@code login} of the config directory (Java properties, mode 600). Refresh tokens rotate, so every
 * refresh writes the new one back; {@link #locked} keeps two CLI processes from refreshing with the same
 * token at once, which the server would take for a stolen token and answer by ending the login.
 *
 * @param server the server signed in to, as the CLI reached it
 * @param user the person's userPrincipalName (for messages only), or null when the token didn't say
 * @param refreshToken the current refresh token
 */
public record StoredLogin(URI server, String user, String refreshToken) {

  /** The file's name inside the config directory. */
  public static final String FILE_NAME = "login";
  private static final String LOCK_NAME = "login.lock";

  /** Where the login is kept in {@code configDirectory}. */
  public static Path file(Path configDirectory) {
    return configDirectory.resolve(FILE_NAME);
  }

  /**
   * The login kept in {@code file}, or empty when there is none.
   *
   * @throws CliFailure exit code 3 when others may read or change the file, 2 when it can't be read
   */
  public static Optional<StoredLogin> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      if (OwnerOnlyFiles.sharedWithOthers(file)) {
        throw new CliFailure(ExitCodes.AUTH, file + " holds a login but others may read or change it. Run "
            + "latchkey logout and latchkey login again, or make it yours alone: chmod 600 " + file);
      }
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "Can't read " + file + ": " + e.getMessage());
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "Can't read " + file + ": " + e.getMessage());
    }
    String server = properties.getProperty("server");
    String refreshToken = properties.getProperty("refresh-token");
    if (server == null || server.isBlank() || refreshToken == null || refreshToken.isBlank()) {
      throw new CliFailure(ExitCodes.AUTH, file + " is not a login the CLI wrote (no server or refresh-token). "
          + "Run latchkey login again.");
    }
    URI serverUri;
    try {
      serverUri = URI.create(server.strip());
    } catch (IllegalArgumentException e) {
      serverUri = null;
    }
    if (serverUri == null || serverUri.getScheme() == null || serverUri.getRawAuthority() == null) {
      throw new CliFailure(ExitCodes.AUTH, file + " names no server URL the CLI can use ('" + server.strip()
          + "'). Run latchkey login again.");
    }
    String user = properties.getProperty("user");
    return Optional.of(new StoredLogin(serverUri,
        user == null || user.isBlank() ? null : user.strip(), refreshToken.strip()));
  }

  /** The same login with the refresh token that replaced this one. */
  public StoredLogin withRefreshToken(String replacement) {
    return new StoredLogin(server, user, replacement);
  }

  /** Writes the login to {@code file}, replacing what is there in one step; the file is mode 600 throughout. */
  public void writeTo(Path file) {
    Properties properties = new Properties();
    properties.setProperty("server", server.toString());
    if (user != null) {
      properties.setProperty("user", user);
    }
    properties.setProperty("refresh-token", refreshToken);
    StringWriter text = new StringWriter();
    try {
      properties.store(text, "latchkey login: a refresh token that signs in as " + (user == null ? "you" : user)
          + ". Keep it to yourself; latchkey logout deletes it.");
      OwnerOnlyFiles.replace(file, text.toString());
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILED, "Can't write the login to " + file + ": " + e.getMessage());
    }
  }

  /** Deletes the login in {@code file}; false when there was none. */
  public static boolean delete(Path file) {
    try {
      boolean deleted = Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(LOCK_NAME));
      return deleted;
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILED, "Can't delete " + file + ": " + e.getMessage());
    }
  }

  /**
   * Runs {@code action} holding an exclusive lock on the login of {@code file} (a lock file beside it),
   * waiting for another CLI process that holds it.
   */
  public static <T> T locked(Path file, Supplier<T> action) {
    Path lock = file.resolveSibling(LOCK_NAME);
    try {
      OwnerOnlyFiles.createDirectory(lock.toAbsolutePath().getParent());
      try {
        OwnerOnlyFiles.createFile(lock);
      } catch (FileAlreadyExistsException exists) {
        // another run made it
      }
      try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILED, "Can't lock " + lock + ": " + e.getMessage());
    }
  }
}
