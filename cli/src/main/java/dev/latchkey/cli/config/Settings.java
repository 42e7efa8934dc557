package dev.latchkey.cli.config;

import dev.latchkey.cli.CliFailure;
import dev.latchkey.cli.Environment;
import dev.latchkey.cli.ExitCodes;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the server is and how to sign in to it, each setting taken from the first place that has it: a
 * command-line flag, then the environment ({@code LATCHKEY_SERVER}, {@code LATCHKEY_CLIENT_ID},
 * {@code LATCHKEY_CLIENT_SECRET}), then the config file.
 *
 * @param server the server's URL; {@code http://localhost:8080} when nothing names one
 * @param clientId the API client's id, or null when none is configured
 * @param clientSecret the API client's secret, or null when none is configured
 * @param configFile where the config file is (or would be)
 */
public record Settings(URI server, String clientId, String clientSecret, Path configFile) {

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
    return new Settings(serverUri(server == null ? DEFAULT_SERVER : server), clientId, clientSecret,
        file.path());
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
