package dev.latchkey.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the CLI sees of the world outside its arguments: environment variables, where it writes,
 * and whether a person is watching a terminal. Tests make their own; {@link #system()} is the real one.
 *
 * @param variables the environment variables; never null
 * @param out where results go (standard output)
 * @param err where errors, warnings and the progress bar go (standard error)
 * @param terminal true when a person is at a terminal, so a progress bar may be drawn
 */
public record Environment(Map<String, String> variables, PrintWriter out, PrintWriter err, boolean terminal) {

  /** The process's own environment, standard streams and console. */
  public static Environment system() {
    return new Environment(System.getenv(),
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.console() != null);
  }

  /** The variable's value, or null when it is unset or blank. */
  public String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * The CLI's configuration directory: {@code $XDG_CONFIG_HOME/latchkey}, else {@code ~/.config/latchkey}.
   */
  public Path configDirectory() {
    String xdg = variable("XDG_CONFIG_HOME");
    if (xdg != null) {
      return Path.of(xdg, "latchkey");
    }
    String home = variable("HOME");
    return Path.of(home != null ? home : System.getProperty("user.home"), ".config", "latchkey");
  }
}
