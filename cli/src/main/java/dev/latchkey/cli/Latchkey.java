package dev.latchkey.cli;

import dev.latchkey.cli.commands.AuditCommand;
import dev.latchkey.cli.commands.CompletionCommand;
import dev.latchkey.cli.commands.GroupCommand;
import dev.latchkey.cli.commands.LoginCommand;
import dev.latchkey.cli.commands.LogoutCommand;
import dev.latchkey.cli.commands.MethodCommand;
import dev.latchkey.cli.commands.PasskeyCommand;
import dev.latchkey.cli.commands.PolicyCommand;
import dev.latchkey.cli.commands.SignInsCommand;
import dev.latchkey.cli.commands.TapCommand;
import dev.latchkey.cli.commands.UserCommand;
import dev.latchkey.cli.config.Settings;
import dev.latchkey.cli.config.StoredLogin;
import dev.latchkey.cli.http.ClientCredentials;
import dev.latchkey.cli.http.GraphClient;
import dev.latchkey.cli.http.LoginTokens;
import dev.latchkey.cli.onboard.OnboardCommand;
import dev.latchkey.cli.output.OutputFormat;
import dev.latchkey.cli.output.Printer;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code latchkey}: the command-line client of a Latchkey server's Graph API. The options here apply to
 * every command and may be given before or after it.
 */
@Command(name = "latchkey", mixinStandardHelpOptions = true, version = "latchkey 0.1.0",
    description = "Administers a Latchkey server through its Graph API: users, groups, Temporary Access "
        + "Passes, passkeys, the methods policy, the audit and sign-in logs, and bulk onboarding.",
    subcommands = {LoginCommand.class, LogoutCommand.class, TapCommand.class, UserCommand.class, GroupCommand.class, MethodCommand.class,
        PasskeyCommand.class, PolicyCommand.class, AuditCommand.class, SignInsCommand.class,
        OnboardCommand.class, CompletionCommand.class},
    footerHeading = "%nSign-in:%n",
    footer = {"  latchkey login signs you in as yourself (the device grant): your admin roles decide what you may do.",
        "  An API client's id and secret, when given, are used instead: --client-id/--client-secret, else",
        "  LATCHKEY_CLIENT_ID and LATCHKEY_CLIENT_SECRET, else client-id and client-secret in",
        "  $XDG_CONFIG_HOME/latchkey/config (~/.config/latchkey/config; mode 600). The server: --server,",
        "  LATCHKEY_SERVER, server= in that file, else the one you logged in to, else http://localhost:8080.",
        "",
        "Examples:",
        "  latchkey login --server https://id.example.com",
        "  latchkey user new --upn alice@example.com --display-name \"Alice Example\"",
        "  latchkey tap new --user alice@example.com --once --lifetime 120",
        "  latchkey onboard users.csv --out passes.csv --qr-dir qr",
        "  latchkey user list --output json",
        "  source <(latchkey completion bash)"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:the server refused the request (400, 409, ...), or some rows failed",
        "2:usage: an unknown command or option, a missing or malformed value",
        "3:authentication: no credentials, credentials refused, or a missing permission",
        "4:not found: no such user, group, pass or passkey", "5:the server failed or could not be reached"})
public final class Latchkey {

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "The Latchkey server, e.g. https://id.example.com (default: LATCHKEY_SERVER, the config "
          + "file, or http://localhost:8080).")
  private String server;

  @Option(names = "--client-id", scope = ScopeType.INHERIT, paramLabel = "ID",
      description = "The API client's id (default: LATCHKEY_CLIENT_ID or the config file).")
  private String clientId;

  @Option(names = "--client-secret", scope = ScopeType.INHERIT, paramLabel = "SECRET",
      description = "The API client's secret (default: LATCHKEY_CLIENT_SECRET or the config file). Other "
          + "users of this machine can see command lines: prefer the environment or the config file.")
  private String clientSecret;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), json or csv.")
  private OutputFormat output;

  private final Environment environment;
  private GraphClient graph;

  Latchkey(Environment environment) {
    this.environment = environment;
  }

  /** Runs the CLI in this process and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(Environment.system(), args));
  }

  /** Runs one command line in {@code environment} and returns its exit code (see {@link ExitCodes}). */
  public static int execute(Environment environment, String... args) {
    try {
      return commandLine(environment).execute(args);
    } finally {
      environment.out().flush();
      environment.err().flush();
    }
  }

  /** The command tree, wired to {@code environment}'s streams and to the exit codes. */
  public static CommandLine commandLine(Environment environment) {
    CommandLine commandLine = new CommandLine(new Latchkey(environment));
    commandLine.setOut(environment.out());
    commandLine.setErr(environment.err());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> report(environment, failure));
    return commandLine;
  }

  /** What the command runs in: its streams and environment variables. */
  public Environment environment() {
    return environment;
  }

  /**
   * The Graph API of the chosen server, signed in on first use: with client credentials when any are given
   * (flags, environment, config file), else as the person of the login {@code latchkey login} stored.
   */
  public synchronized GraphClient graph() {
    if (graph == null) {
      Settings settings = settings();
      HttpClient http = GraphClient.httpClient();
      if (settings.clientCredentialsGiven()) {
        settings.requireCredentials();
        graph = new GraphClient(settings.server(), new ClientCredentials(http, settings.server(),
            settings.clientId(), settings.clientSecret()), http);
        return graph;
      }
      StoredLogin login = StoredLogin.read(settings.loginFile()).orElseThrow(settings::notSignedIn);
      if (settings.serverNamed() && !Settings.sameServer(settings.server(), login.server())) {
        throw new CliFailure(ExitCodes.AUTH, "Signed in to " + login.server() + ", not to " + settings.server()
            + ". Run latchkey login --server " + settings.server() + ", or give API client credentials.");
      }
      graph = new GraphClient(login.server(), new LoginTokens(http, settings.loginFile(), login), http);
    }
    return graph;
  }

  /** Every setting of this run: the flags given, then the environment, then the config file. */
  public Settings settings() {
    Map<String, String> flags = new HashMap<>();
    flags.put("server", server);
    flags.put("client-id", clientId);
    flags.put("client-secret", clientSecret);
    return Settings.resolve(flags, environment);
  }

  /** Prints in the chosen output format. */
  public Printer printer() {
    return new Printer(output, environment.out());
  }

  private static int report(Environment environment, Exception failure) {
    if (failure instanceof CliFailure known) {
      environment.err().println("latchkey: " + known.getMessage());
      return known.exitCode();
    }
    environment.err().println("latchkey: unexpected failure: " + failure);
    return ExitCodes.FAILED;
  }
}
