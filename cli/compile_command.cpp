// vrfleak compile INTENT --base CONFIG [--routes F]... [--target os9|os10] [-o FILE]
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "analyzer/change_apply.hpp"
#include "analyzer/compile.hpp"
#include "analyzer/intent.hpp"
#include "analyzer/remediation.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/engine.hpp"
#include "emit/diagnostics.hpp"
#include "emit/os9_commands.hpp"

namespace vrfleak::cli {
namespace {

struct CompileOptions {
  std::string intent;
  std::string base;
  std::string output = "-";
  std::string target;  // empty: the base's dialect
  EngineOptions engine;
};

/// "os9", "os10": the --target value of a dialect.
std::string dialect_name_lower(Dialect dialect) {
  return dialect == Dialect::kOs10 ? "os10" : "os9";
}

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// The verification summary, one line per claim.
std::string summary(const CompileVerification& v) {
  std::string out = "verified:\n";
  out += fmt::format("  {} leak{} between VRFs, {} of {} intended route{} present\n", v.flows,
                     v.flows == 1 ? "" : "s", v.routes_present, v.routes_intended,
                     v.routes_intended == 1 ? "" : "s");
  out += fmt::format("  {} hold{}, {} of the intent met\n",
                     plural(v.isolations, "isolation", "isolations"), v.isolations == 1 ? "s" : "",
                     plural(v.policy_assertions, "policy assertion", "policy assertions"));
  out += "  no leak refused, no new order-dependent-leak or leaked-prefix-overlap\n";
  out += "  no other route gained, lost or changed\n";
  out += "  the script applied to the base gives the target's tables\n";
  return out;
}

int run_compile(const CompileOptions& options) {
  require_stdin_once({{options.intent, "INTENT"}, {options.base, "--base"}});
  for (const std::string& r : options.engine.routes)
    require_stdin_once({{options.intent, "INTENT"}, {options.base, "--base"}, {r, "--routes"}});
  const std::unique_ptr<SourceFile> intent_file = read_input(options.intent);
  DiagnosticSink intent_sink;
  const std::optional<Intent> intent = read_intent(*intent_file, intent_sink);
  if (!intent) {
    print_diagnostics_to_stderr(intent_sink);
    std::cerr << fmt::format("vrfleak: the intent file '{}' cannot be read; see its errors above\n",
                             options.intent);
    return kExitUsage;
  }
  DiagnosticSink base_sink;
  static std::unique_ptr<LoadedConfig>* kept = new std::unique_ptr<LoadedConfig>();
  *kept = load_model(options.base, base_sink, dialect_choice(options.engine.dialect));
  const Model& base = (*kept)->model;
  std::vector<std::unique_ptr<SourceFile>> snapshot_files;
  std::vector<Snapshot> snapshots;
  for (const std::string& path : options.engine.routes) {
    snapshot_files.push_back(read_input(path));
    snapshots.push_back(read_snapshot(*snapshot_files.back(), base_sink));
  }
  // Only the inputs' errors: the base's warnings are not the compile's concern.
  DiagnosticSink errors;
  for (const Diagnostic& d : base_sink.diagnostics())
    if (d.severity == Severity::kError) errors.add(d);
  print_diagnostics_to_stderr(errors);
  const bool unread =
      std::any_of(errors.diagnostics().begin(), errors.diagnostics().end(),
                  [](const Diagnostic& d) { return d.rule == Rule::kWrongDialect; });
  if (unread) {
    throw UsageError{
        fmt::format("the base '{}' is not read (see its error above); nothing to "
                    "compile against",
                    (*kept)->file->name())};
  }
  // The script is for the switch the base comes from: typed into it, in its own syntax.
  if (!options.target.empty() && options.target != dialect_name_lower(base.dialect)) {
    throw UsageError{fmt::format(
        "'{}' is an {} config, and compile writes the commands for the switch the base comes "
        "from (--target {}); to move it to {}, translate it with 'vrfleak emit --target {}' and "
        "compile against the result",
        (*kept)->file->name(), dialect_name(base.dialect), dialect_name_lower(base.dialect),
        options.target == "os10" ? "OS10" : "OS9", options.target)};
  }

  const LeakSemantics semantics = semantics_for(base.dialect, options.engine.semantics());
  CompileResult result = compile_intent(*intent, base, snapshots, semantics);
  const TextStyle style{stderr_has_color()};
  if (result.problems.empty()) {
    // The script, and its check: applied to the base, it gives the target's tables.
    std::ostringstream text;
    const Remediation commands = remediation(base, *result.target, base.dialect);
    if (base.dialect == Dialect::kOs10) {
      write_os10_commands(text, commands, (*kept)->file->name());
    } else {
      write_os9_commands(text, commands, (*kept)->file->name());
    }
    const std::string script = text.str();
    const auto script_file = std::make_unique<SourceFile>("the compiled script", script);
    DiagnosticSink apply_sink;
    const Model applied = apply_change(Model(base), *script_file, apply_sink);
    DiagnosticSink sink;
    const Rtm target_tables = predict_tables(*result.target, snapshots, semantics, sink);
    const Rtm applied_tables = predict_tables(applied, snapshots, semantics, sink);
    for (const std::string& d : table_differences(target_tables, applied_tables)) {
      result.problems.push_back(
          {SourceRange{},
           fmt::format("internal error: the script applied to the base differs "
                       "from the target: {}",
                       d),
           {}});
    }
    for (const Diagnostic& d : apply_sink.diagnostics()) {
      if (d.severity == Severity::kError)
        result.problems.push_back(
            {SourceRange{}, "internal error: the script does not apply: " + d.message, {}});
    }
    if (result.problems.empty()) {
      if (options.output == "-") {
        std::cout << script;
        std::cout.flush();
      } else {
        std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
        out << script;
        out.close();
        if (!out) {
          throw UsageError{fmt::format("cannot write the script '{}': {}", options.output,
                                       std::strerror(errno))};
        }
      }
      std::cerr << summary(result.verification);
      return errors.empty() ? kExitOk : kExitFindings;
    }
  }
  for (const CompileProblem& p : result.problems)
    std::cerr << format_problem(p.range, p.message, p.notes, style);
  std::cerr << fmt::format("vrfleak: the intent cannot be met: {}; no script written\n",
                           plural(result.problems.size(), "problem", "problems"));
  return kExitFindings;
}

}  // namespace

void add_compile_command(CLI::App& app, int& status) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App* sub = app.add_subcommand(
      "compile",
      "Write the change script (OS9 or OS10 configuration-mode commands, for the switch the\n"
      "base comes from) that makes a running-config meet a sharing intent\n"
      "(vrfleak.intent/1 JSON: which VRF shares which IPv4 and IPv6 routes with which VRFs, what\n"
      "they leak back, which VRFs stay isolated; docs/compile.md). The script is minimal against "
      "the base\n"
      "(existing tags, route-maps and prefix-lists that do the job are reused) and verified\n"
      "before it is printed: every VRF's table is predicted with the script applied; every\n"
      "intended route must be leaked, every isolation hold, no leak be refused, no\n"
      "order-dependent-leak or leaked-prefix-overlap appear, and no other route change.\n"
      "The script goes to standard output (or -o), the verification summary to standard error.\n"
      "Exit status: 0 script written; 1 the intent cannot be met (each reason names the intent\n"
      "entry at fault; no script); 2 usage error or malformed intent file.");
  sub->add_option("INTENT", options->intent,
                  "The intent file (vrfleak.intent/1; '-' reads standard input)")
      ->required();
  sub->add_option("--base", options->base, "The running-config the script applies to")->required();
  add_engine_options(*sub, options->engine);
  sub->remove_option(sub->get_option("--apply"));  // the script is what compile writes
  sub->add_option("--target", options->target,
                  "The commands' dialect: that of the base (the default); the other one is a "
                  "usage error (emit --target os10 translates an OS9 config)")
      ->check(CLI::IsMember({"os9", "os10"}));
  sub->add_option("-o,--output", options->output,
                  "Where to write the script ('-' is standard output)")
      ->capture_default_str();
  sub->callback([options, &status] { status = run_compile(*options); });
}

}  // namespace vrfleak::cli
