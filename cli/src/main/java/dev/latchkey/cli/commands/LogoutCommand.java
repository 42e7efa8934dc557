package dev.latchkey.cli.commands;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.config.StoredLogin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code latchkey logout}: deletes the login that {@code latchkey login} stored. */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = {"Deletes the login that latchkey login stored on this machine.",
        "The server offers the command-line client no way to revoke its refresh token, so the deleted token "
            + "stays valid on the server until it expires (at most a day after it was last used)."},
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
    boolean deleted = StoredLogin.locked(file, () -> StoredLogin.delete(file));
    if (!deleted) {
      out.println("Not signed in: there is no login at " + file + ".");
      return ExitCodes.SUCCESS;
    }
    out.println("Signed out" + login.map(stored -> " of " + stored.server()
        + (stored.user() == null ? "" : " (" + stored.user() + ")")).orElse("") + ": deleted " + file + ".");
    out.println("The server can't revoke the refresh token for the command-line client: the deleted token "
        + "stops working when it expires, at most a day after its last use.");
    return ExitCodes.SUCCESS;
  }
}
