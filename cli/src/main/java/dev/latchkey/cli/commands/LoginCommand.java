package dev.latchkey.cli.commands;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.Environment;
import dev.latchkey.cli.ExitCodes;
import dev.latchkey.cli.config.Settings;
import dev.latchkey.cli.config.StoredLogin;
import dev.latchkey.cli.http.DeviceGrant;
import dev.latchkey.cli.http.GraphClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey login}: signs the person in with the OAuth 2.0 device grant and keeps the refresh token,
 * so that the other commands act as that person, within their own admin roles.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Signs you in as yourself: shows a code to enter at <server>/device, where you sign in with "
        + "your Temporary Access Pass or passkey and allow the Latchkey command-line client.",
        "Then the other commands act as you, with what your admin roles allow. The login (a refresh token) is "
            + "kept in $XDG_CONFIG_HOME/latchkey/login (~/.config/latchkey/login), readable by you only; "
            + "latchkey logout deletes it. API client credentials, when given, are used instead of it."},
    footerHeading = "%nExamples:%n",
    footer = {"  latchkey login --server https://id.example.com",
        "  latchkey login --scope User.Read.All --scope AuditLog.Read.All"})
public final class LoginCommand extends GraphCommand implements Callable<Integer> {

  /** What the CLI's commands need, and what {@code latchkey login} asks for when not told otherwise. */
  static final List<String> DEFAULT_SCOPES = List.of("User.ReadWrite.All", "Group.ReadWrite.All",
      "UserAuthenticationMethod.ReadWrite.All", "Policy.ReadWrite.AuthenticationMethod", "AuditLog.Read.All");
  private static final String OFFLINE_ACCESS = "offline_access";

  @Option(names = "--scope", paramLabel = "PERMISSION", split = "[ ,]+",
      description = "The Graph permissions to ask for, separated by spaces or commas, or the option repeated "
          + "(default: User.ReadWrite.All Group.ReadWrite.All UserAuthenticationMethod.ReadWrite.All "
          + "Policy.ReadWrite.AuthenticationMethod AuditLog.Read.All). offline_access is always added.")
  private List<String> scopes;

  @Override
  public Integer call() {
    Settings named = root().settings();
    Optional<StoredLogin> previous = readQuietly(named);
    // signing in again without naming a server: the server of the login there is
    Settings settings = named.serverNamed() || previous.isEmpty() ? named : named.withServer(previous.get().server());
    Environment environment = root().environment();
    PrintWriter err = environment.err();
    DeviceGrant grant = new DeviceGrant(GraphClient.httpClient(), settings.server());

    DeviceGrant.Authorization authorization = grant.start(scope());
    if (environment.terminal()) {
      err.println("To sign in to " + settings.server() + ", open this page in a browser, on this or any other "
          + "device:");
      err.println();
      err.println("    " + authorization.verificationUri());
      err.println();
      err.println("sign in there with your Temporary Access Pass or passkey, and enter the code:");
      err.println();
      err.println("    " + authorization.userCode());
      err.println();
      err.println("Check that the page names the Latchkey command-line client, then choose Allow. The code "
          + "works for " + minutes(authorization) + ". Waiting...");
    } else {
      err.println("Verification URL: " + authorization.verificationUri());
      err.println("Code: " + authorization.userCode());
    }
    err.flush();

    DeviceGrant.Tokens tokens = grant.await(authorization, duration -> Thread.sleep(duration.toMillis()));
    if (tokens.refreshToken() == null) {
      throw new CliFailure(ExitCodes.AUTH, "The server signed you in but gave no refresh token to keep, so "
          + "nothing was stored. Was offline_access refused?");
    }
    String user = tokens.user();
    StoredLogin login = new StoredLogin(settings.server(), user, tokens.refreshToken());
    StoredLogin.locked(settings.loginFile(), () -> {
      login.writeTo(settings.loginFile());
      return login;
    });
    PrintWriter out = environment.out();
    out.println("Signed in to " + settings.server() + " as " + (user == null ? "you" : user) + ".");
    out.println("The login is kept in " + settings.loginFile() + " (readable by you only); latchkey logout "
        + "deletes it.");
    previous.filter(old -> old.user() != null && !old.user().equals(user)
            || !Settings.sameServer(old.server(), settings.server()))
        .ifPresent(old -> out.println("It replaces the login of " + (old.user() == null ? "someone" : old.user())
            + " at " + old.server() + "."));
    if (settings.clientCredentialsGiven()) {
      err.println("Note: API client credentials are set (flags, LATCHKEY_CLIENT_ID/LATCHKEY_CLIENT_SECRET or "
          + settings.configFile() + "), and commands use them instead of this login while they are.");
    }
    return ExitCodes.SUCCESS;
  }

  private String scope() {
    Set<String> asked = new LinkedHashSet<>(scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : scopes);
    asked.removeIf(String::isBlank);
    asked.add(OFFLINE_ACCESS);
    return String.join(" ", asked);
  }

  private static Optional<StoredLogin> readQuietly(Settings settings) {
    try {
      return StoredLogin.read(settings.loginFile());
    } catch (CliFailure unreadable) {
      return Optional.empty();
    }
  }

  private static String minutes(DeviceGrant.Authorization authorization) {
    long minutes = Math.max(1, Duration.between(Instant.now(), authorization.expiresAt()).toMinutes());
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
