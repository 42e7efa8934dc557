package dev.latchkey.cli.commands;

import dev.latchkey.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latchkey completion}: prints the shell completion script that picocli generates. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Prints a completion script for bash or zsh.",
        "Load it now with `source <(latchkey completion bash)`, or for good by adding that line to ~/.bashrc "
            + "(zsh: ~/.zshrc; the script loads bashcompinit itself)."},
    footerHeading = "%nExamples:%n",
    footer = {"  source <(latchkey completion bash)", "  latchkey completion zsh > ~/.latchkey-completion.zsh"})
public final class CompletionCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh.")
  private Shell shell;

  /** The shells the script serves. */
  enum Shell { BASH, ZSH }

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.SUCCESS;
  }
}
