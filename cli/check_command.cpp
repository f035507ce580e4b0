// vrfleak check CONFIG... [--routes F]... [--policy F]
//               [--format text|json|sarif|junit|codeclimate|github] [--werror] [--disable RULE]...
//               [--jobs N] [--sarif-help-base URL] [--sarif-category NAME]
// Diagnostics: unreadable-input (a config or snapshot file that cannot be read).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.hpp"
#include "cli/engine.hpp"
#include "cli/inputs.hpp"
#include "cli/output.hpp"
#include "cli/project_config.hpp"
#include "emit/check_report.hpp"
#include "grammar/json_reader.hpp"
#include "vrfleak/version.hpp"

namespace vrfleak::cli {
namespace {

namespace fs = std::filesystem;

struct CheckOptions {
  std::vector<std::string> inputs;
  std::string policy;
  std::string format = "text";
  bool werror = false;
  bool compare = false;
  bool verbose = false;
  std::vector<std::string> disable;
  unsigned jobs = 1;
  EngineOptions engine;
  std::string sarif_help_base;  // empty: the project file's, else the default
  std::string sarif_category;
};

/// What one file leaves behind once checked: its sources (alive for rendering) and findings.
struct Checked {
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<Diagnostic> diagnostics;
  bool unreadable = false;
};

/// Checks one config with its snapshots and its policy: the fleet-wide one (`--policy`, in
/// `options`) and its own NAME.policy.json beside it, when there is one (`own_policy`).
Checked check_one(const std::string& path, const std::vector<std::string>& routes,
                  const std::string& own_policy, const AnalysisOptions& options,
                  const std::string& change) {
  Checked out;
  DiagnosticSink sink;
  try {
    AnalysisOptions mine = options;
    Policy combined;
    if (!own_policy.empty()) {
      std::unique_ptr<SourceFile> file = read_input(own_policy);
      Policy own = read_policy(*file, sink);
      if (options.check_options.policy) combined = *options.check_options.policy;
      for (PolicyAssertion& a : own.assertions) combined.assertions.push_back(std::move(a));
      mine.check_options.policy = &combined;
      out.files.push_back(std::move(file));
    }
    auto p = predict(path, routes, mine, sink, change);
    p->analysis.reset();  // refers to the files, which move below
    out.files.push_back(std::move(p->config));
    if (p->change) out.files.push_back(std::move(p->change));
    for (auto& f : p->snapshot_files) out.files.push_back(std::move(f));
  } catch (const UsageError& e) {
    out.unreadable = true;
    sink.report(Rule::kUnreadableInput, {}, e.message);
  }
  out.diagnostics = std::move(sink.diagnostics());
  return out;
}

/// Per Rule: whether it is reported: every rule but those the project file's and the command
/// line's --disable name (an unknown name is a usage error with a "did you mean").
std::vector<bool> enabled_rules(const ProjectConfig& project, const CheckOptions& options) {
  std::vector<bool> enabled(all_rules().size(), true);
  auto disable = [&](const std::string& slug, std::string_view origin) {
    auto rule = find_rule(slug);
    if (!rule) {
      std::vector<std::string_view> slugs;
      for (const RuleInfo& info : all_rules()) slugs.push_back(info.slug);
      std::string message = fmt::format("unknown rule '{}' in {}", slug, origin);
      if (auto best = closest_name(slug, slugs))
        message += fmt::format("; did you mean '{}'?", *best);
      throw UsageError{message};
    }
    if (*rule == Rule::kUnreadableInput) {
      throw UsageError{fmt::format("{} in {}", kUnreadableFixed, origin)};
    }
    enabled[static_cast<size_t>(*rule)] = false;
  };
  for (const std::string& slug : project.disable) disable(slug, project.path);
  for (const std::string& slug : options.disable) disable(slug, "--disable");
  return enabled;
}

/// Drops the disabled rules and applies the project's severities (.vrfleak.json).
struct Grader {
  const std::vector<bool>& enabled;
  const ProjectConfig& project;

  void operator()(std::vector<Diagnostic>& list) const {
    std::vector<Diagnostic> kept;
    for (Diagnostic& d : list) {
      if (!enabled[static_cast<size_t>(d.rule)] && d.rule != Rule::kUnreadableInput) continue;
      for (const auto& [rule, severity] : project.severity) {
        if (rule == d.rule) d.severity = severity;
      }
      kept.push_back(std::move(d));
    }
    list = std::move(kept);
  }
};

/// Checks the files, in parallel on `jobs` threads; results land in input order, graded and
/// sorted. `routes` (when given) apply to the one config; otherwise each config picks up its
/// own NAME.routes.txt / NAME.routes.json, alone as in a fleet.
std::vector<Checked> check_files(const std::vector<std::string>& files,
                                 const std::vector<std::string>& routes,
                                 const std::string& fleet_policy_path,
                                 const AnalysisOptions& analysis, const Grader& grade,
                                 unsigned jobs, const std::string& change) {
  std::vector<Checked> results(files.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex progress_mutex;
  const bool progress = files.size() > 1 && stderr_has_color();  // a terminal that takes escapes
  std::exception_ptr failure;  // the first exception of a worker thread (out of memory)
  std::mutex failure_mutex;
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      const std::vector<std::string> file_routes =
          !routes.empty() ? routes : fleet_snapshots(files[i]);
      std::string own_policy = fleet_policy(files[i]);
      if (!own_policy.empty() && !fleet_policy_path.empty() && fleet_policy_path != "-") {
        std::error_code ec;
        if (fs::equivalent(own_policy, fleet_policy_path, ec)) own_policy.clear();
      }
      results[i] = check_one(files[i], file_routes, own_policy, analysis, change);
      // Graded and sorted here, in parallel; the report prints source lines: their tables are
      // built here too.
      grade(results[i].diagnostics);
      DiagnosticSink sorted;
      for (Diagnostic& d : results[i].diagnostics) sorted.add(std::move(d));
      sorted.sort();
      results[i].diagnostics = std::move(sorted.diagnostics());
      for (const auto& file : results[i].files) file->line_count();
      const size_t n = ++done;
      if (progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        std::cerr << fmt::format("\r[{}/{}] {}\x1b[K", n, files.size(), files[i]) << std::flush;
      }
    }
  };
  auto worker = [&] {
    try {
      work();
    } catch (...) {
      next = files.size();  // the other workers stop after their current file
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  if (progress) std::cerr << "\r\x1b[K" << std::flush;
  if (failure) std::rethrow_exception(failure);
  return results;
}

/// Writes the report of every file (the policy file first) and returns the exit status.
int render(CheckReport report, std::vector<Checked> results, const std::vector<std::string>& files,
           const std::vector<UnreadablePath>& unreadable_paths, const CheckOptions& options,
           CheckFormat format, unsigned jobs) {
  bool unreadable = false;
  // Directories that could not be read: each is an unreadable input of its own.
  for (const UnreadablePath& path : unreadable_paths) {
    unreadable = true;
    Diagnostic d;
    d.rule = Rule::kUnreadableInput;
    d.severity = rule_info(Rule::kUnreadableInput).severity;
    d.message = fmt::format("cannot read '{}': {}", path.path, path.error);
    std::vector<Diagnostic> list;
    list.push_back(std::move(d));
    report.files.push_back({path.path, std::move(list)});
  }
  size_t errors = 0, warnings = 0, notes = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    unreadable = unreadable || results[i].unreadable;
    report.files.push_back({files[i], std::move(results[i].diagnostics)});
  }
  for (const FileReport& f : report.files) {
    for (const Diagnostic& d : f.diagnostics) {
      errors += d.severity == Severity::kError;
      warnings += d.severity == Severity::kWarning;
      notes += d.severity == Severity::kNote;
    }
  }
  const bool color = stdout_has_color();
  // A coloured report writes its own escape sequences (and shows its input's control bytes as
  // '?' itself).
  if (color && standard_output() != nullptr) standard_output()->set_replace_controls(false);
  write_check_report(std::cout, report, format, TextStyle{color}, jobs);
  std::cout.flush();
  if (format != CheckFormat::kText) {
    std::cerr << fmt::format("vrfleak: {} error{}, {} warning{}, {} note{} in {} file{}\n", errors,
                             errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", notes,
                             notes == 1 ? "" : "s", files.size(), files.size() == 1 ? "" : "s");
  }
  // The process ends after this command: thousands of files and findings are left to the exit
  // rather than freed one by one. (Still reachable from a global: leak checkers stay quiet.)
  static auto* kept_until_exit = new std::pair<std::vector<Checked>, CheckReport>();
  *kept_until_exit = {std::move(results), std::move(report)};
  if (unreadable) return kExitUsage;
  return errors > 0 || (options.werror && warnings > 0) ? kExitFindings : kExitOk;
}

/// In Azure Pipelines, the SARIF run carries the job's identity (GitHub Advanced Security for
/// Azure DevOps drops a run without it); a partial identity is a broken pipeline setup.
std::optional<AzurePipeline> azure_pipeline_of_environment() {
  AzurePipelineDetection azure =
      detect_azure_pipeline([](const char* name) { return std::getenv(name); });
  if (!azure.problems.empty()) {
    std::string list;
    for (const std::string& problem : azure.problems) list += "\n  " + problem;
    throw UsageError{fmt::format(
        "TF_BUILD says this is an Azure Pipelines job, but its variables are incomplete, so the "
        "SARIF run cannot name the pipeline:{}",
        list)};
  }
  return std::move(azure.pipeline);
}

int run_check(CheckOptions options) {
  const ProjectConfig project = find_project_config();
  const CheckFormat format = *parse_check_format(options.format);
  std::optional<AzurePipeline> azure_pipeline;
  if (format == CheckFormat::kSarif) azure_pipeline = azure_pipeline_of_environment();
  const std::vector<bool> enabled = enabled_rules(project, options);
  const Grader grade{enabled, project};

  // Inputs: configs, snapshots and the policy, from the command line or the project file.
  const ConfigInputs inputs = find_configs(options.inputs);
  if (options.verbose) {
    for (const SkippedFile& skipped : inputs.skipped) {
      std::cerr << fmt::format("vrfleak: skipped '{}': {}\n", skipped.path, skipped.reason);
    }
  }
  const std::vector<std::string>& files = inputs.configs;
  if (files.empty() && inputs.unreadable.empty()) {
    throw UsageError{"no config files found in the given paths"};
  }
  std::vector<std::string> routes = options.engine.routes;
  if (routes.empty() && files.size() == 1) routes = project.routes;
  if (!options.engine.routes.empty() && files.size() > 1) {
    throw UsageError{
        "--routes applies to one config; with several, put NAME.routes.txt or "
        "NAME.routes.json beside each NAME.cfg"};
  }
  if (!options.engine.apply.empty() && files.size() != 1) {
    throw UsageError{"--apply applies a change script to one config; give one CONFIG"};
  }
  std::string policy_path = options.policy.empty() ? project.policy : options.policy;
  {
    std::vector<std::pair<std::string, std::string>> uses;
    for (const std::string& f : files) uses.emplace_back(f, "CONFIG");
    for (const std::string& r : routes) uses.emplace_back(r, "--routes");
    uses.emplace_back(policy_path, "--policy");
    uses.emplace_back(options.engine.apply, "--apply");
    require_stdin_once(uses);
  }
  if (options.compare && routes.empty() &&
      std::all_of(files.begin(), files.end(),
                  [](const std::string& f) { return fleet_snapshots(f).empty(); })) {
    throw UsageError{
        "--compare needs at least one snapshot to compare against: --routes, or "
        "NAME.routes.txt / NAME.routes.json beside NAME.cfg"};
  }
  std::unique_ptr<SourceFile> policy_file;
  Policy policy;
  DiagnosticSink policy_sink;
  if (!policy_path.empty()) {
    policy_file = read_input(policy_path);
    policy = read_policy(*policy_file, policy_sink);
  }

  AnalysisOptions analysis;
  analysis.semantics = options.engine.semantics();
  analysis.dialect = dialect_choice(options.engine.dialect);
  analysis.checks = true;
  analysis.check_options.policy = policy_path.empty() ? nullptr : &policy;
  analysis.check_options.enabled = enabled;
  analysis.compare = options.compare;
  const unsigned jobs =
      std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(files.size())));
  std::vector<Checked> results =
      check_files(files, routes, policy_path, analysis, grade, jobs, options.engine.apply);

  CheckReport report;
  report.tool_version = kVersion;
  report.sarif.category = options.sarif_category;
  report.sarif.azure = std::move(azure_pipeline);
  if (!options.sarif_help_base.empty()) {
    report.sarif.help_base = options.sarif_help_base;
  } else if (!project.sarif_help_base.empty()) {
    report.sarif.help_base = project.sarif_help_base;
  }
  for (const RuleInfo& info : all_rules()) {
    if (enabled[static_cast<size_t>(info.rule)]) report.rules_checked.push_back(info.rule);
  }
  if (policy_file) {
    grade(policy_sink.diagnostics());
    policy_sink.sort();
    report.files.push_back({policy_path, std::move(policy_sink.diagnostics())});
  }
  return render(std::move(report), std::move(results), files, inputs.unreadable, options, format,
                jobs);
}

}  // namespace

void add_check_command(CLI::App& app, int& status) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand(
      "check",
      "Lint OS9 configs for CI: syntax, undefined names, leaks the switch will refuse,\n"
      "one-way leaks, unused objects and policy assertions. Directories are searched\n"
      "recursively for *.cfg, *.conf and files (*.txt too) whose content looks like an OS9\n"
      "config (--verbose lists the others); NAME.cfg picks\n"
      "up the snapshots NAME.routes.txt / NAME.routes.json and the policy NAME.policy.json\n"
      "beside it. Settings are also read\n"
      "from .vrfleak.json in the working directory or above (see docs/check.md).");
  sub->add_option("CONFIG", options->inputs,
                  "Config files or directories ('-' reads standard input)")
      ->required();
  sub->add_option("--policy", options->policy,
                  "Fleet-wide policy file (JSON vrfleak.policy/1: isolate, reach, deny), on top "
                  "of each config's own NAME.policy.json");
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "codeclimate", "github"}))
      ->capture_default_str();
  sub->add_flag("--werror", options->werror, "Exit with status 1 on warnings too");
  sub->add_flag("--verbose,-v", options->verbose,
                "Say on standard error which files of the given directories were skipped, and why");
  sub->add_flag("--compare", options->compare,
                "Also compare the predicted leaks with the leaked rows of the snapshots "
                "(leak-not-observed, leak-not-predicted)");
  // One value per occurrence, so that 'check --disable X a.cfg b.cfg' keeps the configs.
  sub->add_option("--disable", options->disable, "Do not report this rule (repeatable)")
      ->type_name("RULE")
      ->allow_extra_args(false);
  const CLI::Validator number(
      [](std::string& text) {
        return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : "'" + text + "' is not a number";
      },
      "NUMBER");
  sub->add_option("--jobs,-j", options->jobs, "Check this many files in parallel")
      ->check(number)
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  sub->add_option("--sarif-help-base", options->sarif_help_base,
                  "SARIF: the URL of the published docs/rules.md; each rule's helpUri is URL#RULE\n"
                  "(default: " +
                      std::string(kDefaultSarifHelpBase) + ")")
      ->check([](const std::string& url) { return sarif_help_base_error(url).value_or(""); });
  sub->add_option("--sarif-category", options->sarif_category,
                  "SARIF: the run's category, for code scanning to keep apart the analyses of\n"
                  "one commit (automationDetails.id 'vrfleak/CATEGORY/')")
      ->check(
          [](const std::string& category) { return sarif_category_error(category).value_or(""); });
  add_engine_options(*sub, options->engine);
  sub->callback([options, &status] { status = run_check(*options); });
}

}  // namespace vrfleak::cli
