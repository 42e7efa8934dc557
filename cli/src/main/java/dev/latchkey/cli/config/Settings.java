package dev.latchkey.cli.config;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.Environment;
import dev.latchkey.cli.ExitCodes;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the server is and how to sign in to it, each setting taken from the first place that has it: a
 * command-line flag, then the environment ({@code LATCHKEY_SERVER}, {@code LATCHKEY_CLIENT_ID},
 * {@code LATCHKEY_CLIENT_SECRET}), then the config file. Without client credentials the CLI signs in with
 * the login that {@code latchkey login} stored, on the server of that login unless something names another.
 *
 * @param server the server's URL; {@code http://localhost:8080} when nothing names one
 * @param serverNamed true when a flag, the environment or the config file named the server
 * @param clientId the API client's id, or null when none is configured
 * @param clientSecret the API client's secret, or null when none is configured
 * @param configFile where the config file is (or would be)
 * @param loginFile where {@code latchkey login} keeps its login
 */
public record Settings(URI server, boolean serverNamed, String clientId, String clientSecret, Path configFile,
    Path loginFile) {

  /** The server when nothing else names one: a server started with {@code ./run} on this machine. */
  public static final String DEFAULT_SERVER = "http://localhost:8080";

  /** Resolves every setting; {@code flags} holds what the command line gave (null for not given). */
  public static Settings resolve(Map<String, String> flags, Environment environment) {
    ConfigFile file = ConfigFile.in(environment.configDirectory());
    String server = first(flags.get("server"), environment.variable("LATCHKEY_SERVER"), file.value("server"));
    String clientId = first(flags.get("client-id"), environment.variable("LATCHKEY_CLIENT_ID"),
        file.value("client-id"));
    String clientSecret = first(flags.get("client-secret"), environment.variable("LATCHKEY_CLIENT_SECRET"),
        file.secret("client-secret"));
    return new Settings(serverUri(server == null ? DEFAULT_SERVER : server), server != null, clientId,
        clientSecret, file.path(), StoredLogin.file(environment.configDirectory()));
  }

  /** True when any client credential was given: then they are used, and a stored login is not. */
  public boolean clientCredentialsGiven() {
    return clientId != null || clientSecret != null;
  }

  /** Fails with exit code 3 and what to set when the client id or secret is missing. */
  public Settings requireCredentials() {
    if (clientId == null || clientSecret == null) {
      throw new CliFailure(ExitCodes.AUTH, "No API client credentials: set LATCHKEY_CLIENT_ID and "
          + "LATCHKEY_CLIENT_SECRET, write client-id= and client-secret= into " + configFile
          + " (mode 600), or pass --client-id and --client-secret.");
    }
    return this;
  }

  /** Exit code 3 for a run with neither client credentials nor a stored login: what to do about it. */
  public CliFailure notSignedIn() {
    return new CliFailure(ExitCodes.AUTH, "Not signed in. Run latchkey login to sign in as yourself, or give "
        + "API client credentials: set LATCHKEY_CLIENT_ID and LATCHKEY_CLIENT_SECRET, write client-id= and "
        + "client-secret= into " + configFile + " (mode 600), or pass --client-id and --client-secret.");
  }

  /** The same settings talking to {@code other}. */
  public Settings withServer(URI other) {
    return new Settings(other, true, clientId, clientSecret, configFile, loginFile);
  }

  /** True when both URLs name the same server: ignoring a trailing slash and the case of scheme and host. */
  public static boolean sameServer(URI one, URI other) {
    return normalized(one).equals(normalized(other));
  }

  private static String normalized(URI server) {
    String text = server.getScheme().toLowerCase(Locale.ROOT) + "://"
        + server.getRawAuthority().toLowerCase(Locale.ROOT)
        + (server.getRawPath() == null ? "" : server.getRawPath());
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static URI serverUri(String server) {
    try {
      URI uri = URI.create(server.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new CliFailure(ExitCodes.USAGE, "The server URL '" + server + "' is not an http:// or https:// URL, "
        + "such as " + DEFAULT_SERVER + ".");
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
