// cli/describe: the command line described as data, for the generators of the man pages and the
// shell completion (packaging/), so that neither is ever written by hand nor drifts from --help.
//
// Input: the CLI11 application with every subcommand registered. Output: one JSON document
// (internal, not a published format: its only readers are the generators built with vrfleak).
// Diagnostics: none.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace vrfleak::cli {

/// The command line as JSON: the program's and each visible subcommand's description, footer,
/// positionals and options (names, value type, choices, default, required, repeatable, help text,
/// all as `--help` prints them), and the rule slugs `--disable` takes.
nlohmann::json describe_command_line(const CLI::App& app);

/// Adds the hidden flag `--describe-cli`, which prints describe_command_line(app) and exits 0.
/// Call it after every subcommand is added.
void add_describe_flag(CLI::App& app);

}  // namespace vrfleak::cli
