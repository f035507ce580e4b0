// cli/commands: one registration function per subcommand (one file each).
//
// Each adds its subcommand to `app`, with a callback that runs it and stores its exit status.
#pragma once

#include <CLI/CLI.hpp>

namespace vrfleak::cli {

void add_parse_command(CLI::App& app, int& status);
void add_rtm_command(CLI::App& app, int& status);
void add_explain_command(CLI::App& app, int& status);
void add_check_command(CLI::App& app, int& status);
void add_graph_command(CLI::App& app, int& status);
void add_diff_command(CLI::App& app, int& status);
void add_emit_command(CLI::App& app, int& status);
void add_compile_command(CLI::App& app, int& status);

}  // namespace vrfleak::cli
