// cli/common: what every subcommand shares: reading inputs, printing diagnostics, exit codes.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/model.hpp"
#include "core/diagnostic.hpp"
#include "core/dialect.hpp"
#include "core/source.hpp"
#include "grammar/os9/syntax.hpp"

namespace CLI {
class App;
}

namespace vrfleak::cli {

/// Exit statuses (DESIGN 5).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

/// Thrown by a subcommand for a usage error or an unreadable input: printed, exit status 2.
struct UsageError {
  std::string message;
};

/// Throws UsageError when standard input ('-') is given for two inputs: it can be read once.
/// `uses` pairs each input path with what it is ("CONFIG", "--routes", "--policy").
void require_stdin_once(const std::vector<std::pair<std::string, std::string>>& uses);

/// Reads a file ("-" is standard input) or throws UsageError.
std::unique_ptr<SourceFile> read_input(const std::string& path);

/// A config read, parsed and modelled.
struct LoadedConfig {
  std::unique_ptr<SourceFile> file;
  os9::SyntaxTree tree;
  Model model;
  std::unique_ptr<SourceFile> change;  // the change script applied to `model` (--apply)
};

/// Reads, parses (in the dialect `dialect` gives, grammar/dialect) and builds the model of one
/// config, and applies the change script `change` to it when one is named (`tree` stays the
/// config's; a change script on an OS10 config is a usage error); diagnostics go to `sink`.
std::unique_ptr<LoadedConfig> load_config(const std::string& path, DiagnosticSink& sink,
                                          DialectChoice dialect = DialectChoice::kAuto,
                                          const std::string& change = {});
/// Reads one config and builds its model as the lines are parsed: `tree` stays empty. For the
/// commands that need only the model.
std::unique_ptr<LoadedConfig> load_model(const std::string& path, DiagnosticSink& sink,
                                         DialectChoice dialect = DialectChoice::kAuto,
                                         const std::string& change = {});

/// Adds `--dialect auto|os9|os10` (DESIGN 5) to a subcommand that reads configs.
void add_dialect_option(CLI::App& sub, std::string& dialect);
/// The choice a `--dialect` value names ("auto", "os9", "os10").
DialectChoice dialect_choice(const std::string& dialect);

/// Whether standard error is a terminal that takes colour (and NO_COLOR is unset).
bool stderr_has_color();
/// The same for standard output.
bool stdout_has_color();

/// Prints diagnostics as text on standard error (sorted), for subcommands whose standard output
/// carries another document.
void print_diagnostics_to_stderr(DiagnosticSink& sink);

/// 1 when any diagnostic is an error (or a warning with `werror`), else 0.
int findings_status(const DiagnosticSink& sink, bool werror = false);

}  // namespace vrfleak::cli
