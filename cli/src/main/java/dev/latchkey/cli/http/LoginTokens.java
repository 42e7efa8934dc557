package dev.latchkey.cli.http;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.config.StoredLogin;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens of the person who ran {@code latchkey login}: each comes from refreshing the stored login,
 * and the refresh token the server answers with (they rotate) is written back before the access token is
 * used. The refresh happens holding the login's lock and re-reads the file first, so CLI processes running
 * side by side each use the newest refresh token instead of replaying one the server already replaced.
 */
public final class LoginTokens implements TokenSource {

  private static final Duration MARGIN = Duration.ofSeconds(60);

  private final HttpClient http;
  private final Path file;
  private final StoredLogin login;
  private String token;
  private Instant renewAt = Instant.MIN;

  /**
   * @param file where the login is kept
   * @param login what the file held when the run started: its server is the one this run talks to
   */
  public LoginTokens(HttpClient http, Path file, StoredLogin login) {
    this.http = http;
    this.file = file;
    this.login = login;
  }

  @Override
  public synchronized String accessToken() {
    if (token == null || Instant.now().isAfter(renewAt)) {
      DeviceGrant.Tokens tokens = StoredLogin.locked(file, this::refresh);
      token = tokens.accessToken();
      renewAt = Instant.now().plus(tokens.expiresIn()).minus(MARGIN);
    }
    return token;
  }

  private DeviceGrant.Tokens refresh() {
    StoredLogin current = StoredLogin.read(file)
        .filter(stored -> stored.server().equals(login.server()))
        .orElseThrow(() -> new CliFailure(ExitCodes.AUTH, "The login at " + file + " was removed or replaced "
            + "while this command ran. Run latchkey login again."));
    DeviceGrant.Tokens tokens = new DeviceGrant(http, current.server()).refresh(current.refreshToken());
    if (tokens == null) {
      throw new CliFailure(ExitCodes.AUTH, "The login" + (current.user() == null ? "" : " of " + current.user())
          + " at " + current.server() + " has ended (expired, revoked, or its refresh token was used twice). "
          + "Run latchkey login to sign in again.");
    }
    if (tokens.refreshToken() != null && !tokens.refreshToken().equals(current.refreshToken())) {
      current.withRefreshToken(tokens.refreshToken()).writeTo(file);
    }
    return tokens;
  }
}
