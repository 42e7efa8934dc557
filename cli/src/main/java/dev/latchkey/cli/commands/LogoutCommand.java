package dev.latchkey.cli.commands;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.config.StoredLogin;
import dev.latchkey.cli.http.DeviceGrant;
import dev.latchkey.cli.http.GraphClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code latchkey logout}: deletes the login that {@code latchkey login} stored. */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = {"Revokes the login that latchkey login stored on this machine on its server, then deletes "
        + "it. When the server can't be reached, the login is still deleted here, and its token stops working "
        + "when it expires (at most a day after it was last used)."},
    footerHeading = "%nExamples:%n", footer = {"  latchkey logout"})
public final class LogoutCommand extends GraphCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Path file = StoredLogin.file(root().environment().configDirectory());
    PrintWriter out = root().environment().out();
    if (!Files.exists(file)) {
      out.println("Not signed in: there is no login at " + file + ".");
      return ExitCodes.SUCCESS;
    }
    Optional<StoredLogin> login;
    try {
      login = StoredLogin.read(file);
    } catch (CliFailure unreadable) {
      login = Optional.empty();
    }
    boolean revoked = login.map(LogoutCommand::revoke).orElse(false);
    boolean deleted = StoredLogin.locked(file, () -> StoredLogin.delete(file));
    if (!deleted) {
      out.println("Not signed in: there is no login at " + file + ".");
      return ExitCodes.SUCCESS;
    }
    out.println("Signed out" + login.map(stored -> " of " + stored.server()
        + (stored.user() == null ? "" : " (" + stored.user() + ")")).orElse("") + ": deleted " + file + ".");
    out.println(revoked ? "The server revoked the login: its tokens no longer work anywhere."
        : "The server couldn't be told: the deleted login stops working when it expires, at most a day after "
            + "its last use.");
    return ExitCodes.SUCCESS;
  }

  private static boolean revoke(StoredLogin login) {
    try {
      return new DeviceGrant(GraphClient.httpClient(), login.server()).revoke(login.refreshToken());
    } catch (RuntimeException unreachable) {
      return false;
    }
  }
}
