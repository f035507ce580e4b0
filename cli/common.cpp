#include "cli/common.hpp"

#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "analyzer/change_apply.hpp"
#include "analyzer/model_builder.hpp"
#include "emit/diagnostics.hpp"
#include "grammar/dialect.hpp"

namespace vrfleak::cli {

void require_stdin_once(const std::vector<std::pair<std::string, std::string>>& uses) {
  const std::string* first = nullptr;
  for (const auto& [path, role] : uses) {
    if (path != "-") continue;
    if (first != nullptr) {
      throw UsageError{"standard input ('-') is given as " + *first + " and as " + role +
                       "; it can be read only once, so give one of them as a file"};
    }
    first = &role;
  }
}

std::unique_ptr<SourceFile> read_input(const std::string& path) {
  std::string error;
  auto file = SourceFile::read(path, error);
  if (!file) throw UsageError{error};
  return file;
}

namespace {
/// Applies the change script `change`, when one is named, to the config's model (read in the
/// config's dialect).
void apply_named_change(LoadedConfig& config, const std::string& change, DiagnosticSink& sink) {
  if (change.empty()) return;
  config.change = read_input(change);
  config.model = apply_change(std::move(config.model), *config.change, sink);
}
}  // namespace

std::unique_ptr<LoadedConfig> load_config(const std::string& path, DiagnosticSink& sink,
                                          DialectChoice dialect, const std::string& change) {
  require_stdin_once({{path, "CONFIG"}, {change, "--apply"}});
  auto config = std::make_unique<LoadedConfig>();
  config->file = read_input(path);
  config->tree = parse_config(*config->file, dialect, sink);
  config->model = build_model(config->tree, sink);
  apply_named_change(*config, change, sink);
  return config;
}

std::unique_ptr<LoadedConfig> load_model(const std::string& path, DiagnosticSink& sink,
                                         DialectChoice dialect, const std::string& change) {
  require_stdin_once({{path, "CONFIG"}, {change, "--apply"}});
  auto config = std::make_unique<LoadedConfig>();
  config->file = read_input(path);
  config->tree.file = config->file.get();
  config->model = parse_model(*config->file, sink, dialect);
  config->tree.dialect = config->model.dialect;
  apply_named_change(*config, change, sink);
  return config;
}

void add_dialect_option(CLI::App& sub, std::string& dialect) {
  sub.add_option("--dialect", dialect,
                 "The config's dialect: 'auto' (each file judged from its '! Version' line or "
                 "interface names), 'os9' or 'os10'")
      ->check(CLI::IsMember({"auto", "os9", "os10"}))
      ->capture_default_str();
}

DialectChoice dialect_choice(const std::string& dialect) {
  if (dialect == "os9") return DialectChoice::kOs9;
  if (dialect == "os10") return DialectChoice::kOs10;
  return DialectChoice::kAuto;
}

namespace {
bool has_color(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return isatty(fd) != 0;
}
}  // namespace

bool stderr_has_color() { return has_color(STDERR_FILENO); }
bool stdout_has_color() { return has_color(STDOUT_FILENO); }

void print_diagnostics_to_stderr(DiagnosticSink& sink) {
  sink.sort();
  write_text(std::cerr, sink.diagnostics(), TextStyle{stderr_has_color()});
}

int findings_status(const DiagnosticSink& sink, bool werror) {
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.severity == Severity::kError || (werror && d.severity == Severity::kWarning)) {
      return kExitFindings;
    }
  }
  return kExitOk;
}

}  // namespace vrfleak::cli
