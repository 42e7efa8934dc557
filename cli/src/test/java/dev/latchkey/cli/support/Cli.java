package dev.latchkey.cli.support;

import dev.latchkey.cli.Environment;
import dev.latchkey.cli.Latchkey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the CLI in this JVM, exactly as {@code main} does but with an environment of the test's own: the
 * server and credentials in environment variables, a config directory of its own (never the real
 * {@code ~/.config}), and no terminal.
 */
public final class Cli {

  private final Map<String, String> variables;
  private final boolean terminal;

  private Cli(Map<String, String> variables) {
    this(variables, false);
  }

  private Cli(Map<String, String> variables, boolean terminal) {
    this.variables = variables;
    this.terminal = terminal;
  }

  /** The same CLI as if a person were at a terminal. */
  public Cli onTerminal() {
    return new Cli(variables, true);
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
    return new Cli(changed, terminal);
  }

  /** Where this CLI looks for its config file. */
  public Path configDirectory() {
    return Path.of(variables.get("XDG_CONFIG_HOME"), "latchkey");
  }

  /**
   * Starts one command line on a thread of its own, for a command that waits for something the test does
   * meanwhile ({@code latchkey login} waits for the device page).
   */
  public Running start(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<CliRun> run = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        int exitCode = Latchkey.execute(new Environment(Map.copyOf(variables), new PrintWriter(out),
            new PrintWriter(err), terminal), args);
        run.complete(new CliRun(exitCode, out.toString(), err.toString()));
      } catch (Throwable failure) {
        run.completeExceptionally(failure);
      }
    }, "latchkey " + String.join(" ", args));
    thread.setDaemon(true);
    thread.start();
    return new Running(err, run);
  }

  /** A command line running on its own thread. */
  public static final class Running {

    private final StringWriter err;
    private final CompletableFuture<CliRun> run;

    private Running(StringWriter err, CompletableFuture<CliRun> run) {
      this.err = err;
      this.run = run;
    }

    /** Waits until standard error has a match of {@code pattern}; returns its first group. */
    public String awaitErr(Pattern pattern, Duration timeout) {
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        Matcher match = pattern.matcher(err.toString());
        if (match.find()) {
          return match.group(1);
        }
        if (run.isDone()) {
          throw new IllegalStateException("The command ended without printing " + pattern + ": " + run.join());
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalStateException("Nothing like " + pattern + " on standard error within " + timeout + ":\n" + err);
    }

    /** Waits for the command to end. */
    public CliRun await(Duration timeout) {
      try {
        return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("Still running after " + timeout + "; standard error so far:\n" + err);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Runs one command line. */
  public CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Latchkey.execute(new Environment(Map.copyOf(variables), new PrintWriter(out),
        new PrintWriter(err), terminal), args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
