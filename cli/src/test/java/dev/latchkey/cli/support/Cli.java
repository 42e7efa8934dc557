package dev.latchkey.cli.support;

import dev.latchkey.cli.Environment;
import dev.latchkey.cli.Latchkey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in this JVM, exactly as {@code main} does but with an environment of the test's own: the
 * server and credentials in environment variables, a config directory of its own (never the real
 * {@code ~/.config}), and no terminal.
 */
public final class Cli {

  private final Map<String, String> variables;

  private Cli(Map<String, String> variables) {
    this.variables = variables;
  }

  /** A CLI signed in to {@code server} with its bootstrap client through the environment. */
  public static Cli against(LatchkeyServer server) {
    Map<String, String> variables = new HashMap<>();
    variables.put("LATCHKEY_SERVER", server.url());
    variables.put("LATCHKEY_CLIENT_ID", LatchkeyServer.CLIENT_ID);
    variables.put("LATCHKEY_CLIENT_SECRET", LatchkeyServer.CLIENT_SECRET);
    try {
      variables.put("XDG_CONFIG_HOME", Files.createTempDirectory("latchkey-cli-config").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Cli(variables);
  }

  /** The same CLI with one environment variable changed; null removes it. */
  public Cli withVariable(String name, String value) {
    Map<String, String> changed = new HashMap<>(variables);
    if (value == null) {
      changed.remove(name);
    } else {
      changed.put(name, value);
    }
    return new Cli(changed);
  }

  /** Where this CLI looks for its config file. */
  public Path configDirectory() {
    return Path.of(variables.get("XDG_CONFIG_HOME"), "latchkey");
  }

  /** Runs one command line. */
  public CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Latchkey.execute(new Environment(Map.copyOf(variables), new PrintWriter(out),
        new PrintWriter(err), false), args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
