// newsdex completion bash|zsh|fish: the shell completion script, written from the CLI's own
// definition. Hidden from --help (it is for packagers and shell start-up files, not for searching);
// docs/INSTALL.md documents it.
#include "cli.hpp"
#include "completion.hpp"

#include <iostream>

namespace newsdex::cli {

void add_completion_command(CLI::App& app, Runner& run) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("completion", "Print the completion script of a shell");
  cmd->group(""); // hidden, like an option in no group
  cmd->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  // Runs after parsing, when every subcommand (added before or after this one) is there.
  cmd->callback([&run, &app, shell] {
    run = [&app, shell] {
      const completion::Model model = completion::describe(app);
      std::cout << (*shell == "bash"  ? completion::bash_script(model)
                    : *shell == "zsh" ? completion::zsh_script(model)
                                      : completion::fish_script(model));
      return ok;
    };
  });
}

} // namespace newsdex::cli
