// vrfleak parse CONFIG [--dump syntax|model] [--format json|text]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "emit/diagnostics.hpp"
#include "emit/model_dump.hpp"
#include "grammar/dialect.hpp"

namespace vrfleak::cli {
namespace {

struct ParseOptions {
  std::string config;
  std::string dump = "model";
  std::string format = "json";
  std::string dialect = "auto";
};

int run_parse(const ParseOptions& options) {
  DiagnosticSink sink;
  if (options.dump == "syntax" && options.format == "json") {
    // Written as the lines are read: the syntax tree is never held whole.
    auto file = read_input(options.config);
    SyntaxJsonWriter writer(std::cout, *file);
    parse_config(*file, choose_dialect(*file, dialect_choice(options.dialect), sink), sink, writer);
    writer.finish();
    std::cout.flush();
    print_diagnostics_to_stderr(sink);
    return findings_status(sink);
  }
  // The model alone is built as the lines are read, without keeping the syntax tree.
  const DialectChoice dialect = dialect_choice(options.dialect);
  auto config = options.dump == "model" ? load_model(options.config, sink, dialect)
                                        : load_config(options.config, sink, dialect);
  if (options.dump == "syntax") {
    write_syntax_text(std::cout, config->tree);
  } else {
    if (options.format == "json") {
      write_model_json(std::cout, config->model);
    } else {
      write_model_text(std::cout, config->model);
    }
  }
  std::cout.flush();
  print_diagnostics_to_stderr(sink);
  const int status = findings_status(sink);
  // The process ends after this command: freeing a model of millions of objects one by one
  // costs a tenth of the run, so the memory is left to the exit. (Still reachable from a
  // global, so leak checkers do not count it.)
  static std::unique_ptr<LoadedConfig>* kept_until_exit = new std::unique_ptr<LoadedConfig>();
  *kept_until_exit = std::move(config);
  return status;
}

}  // namespace

void add_parse_command(CLI::App& app, int& status) {
  auto options = std::make_shared<ParseOptions>();
  CLI::App* sub = app.add_subcommand(
      "parse",
      "Parse one OS9 or OS10 running-config and print its syntax tree or its model.\n"
      "Diagnostics (syntax errors, undefined VRFs, ...) go to standard error; the exit status is\n"
      "1 when there is an error among them.");
  sub->add_option("CONFIG", options->config,
                  "OS9 or OS10 running-config file ('-' reads standard input)")
      ->required();
  add_dialect_option(*sub, options->dialect);
  sub->add_option("--dump", options->dump,
                  "What to print: 'syntax' (every line with its command and fields) or 'model' "
                  "(VRFs, interfaces, routes, route-maps, prefix-lists)")
      ->check(CLI::IsMember({"syntax", "model"}))
      ->capture_default_str();
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  sub->callback([options, &status] { status = run_parse(*options); });
}

}  // namespace vrfleak::cli
