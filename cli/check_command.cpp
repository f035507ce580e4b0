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

constexpr std::string_view kUnreadableFixed =
    "'unreadable-input' cannot be disabled or given another severity: a file that cannot be "
    "read always fails the run (exit status 2)";

/// Settings from `.vrfleak.json`, found upward from the working directory.
struct ProjectConfig {
  std::string path;  // empty when none was found
  std::vector<std::string> disable;
  std::vector<std::pair<Rule, Severity>> severity;
  std::vector<std::string> routes;  // resolved against the file's folder
  std::string policy;
  std::string sarif_help_base;  // empty when not set
};

/// A path as the user would write it: relative to the working directory when below it.
std::string display_path(const fs::path& path) {
  std::error_code ec;
  const fs::path relative = fs::relative(path, fs::current_path(ec), ec);
  if (!ec && !relative.empty() && *relative.begin() != "..") return relative.string();
  return path.lexically_normal().string();
}

ProjectConfig find_project_config() {
  ProjectConfig config;
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (ec) return config;
  for (;;) {
    const fs::path candidate = dir / ".vrfleak.json";
    if (fs::exists(fs::symlink_status(candidate, ec))) {
      config.path = candidate.string();
      if (!fs::is_regular_file(candidate, ec)) {
        throw UsageError{
            fmt::format("'{}' is not a file (a directory, or a link to nothing); "
                        "the settings file must be a JSON file",
                        config.path)};
      }
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return config;
    dir = dir.parent_path();
  }
  const std::unique_ptr<SourceFile> file = read_input(config.path);
  DiagnosticSink sink;
  const auto doc = json::read_json_document(*file, sink, "the settings file");
  // Every mistake is a usage error at its place: "PATH:LINE:COLUMN: what is wrong".
  auto at = [&](const SourceRange& range) {
    const LineCol place = file->line_col(range.begin);
    return fmt::format("{}:{}:{}", config.path, place.line, place.column);
  };
  if (!doc) {
    const Diagnostic& d = sink.diagnostics().front();
    throw UsageError{fmt::format("{}: {}", at(d.range), d.message)};
  }
  auto fail = [&](const SourceRange& where, std::string_view what) {
    throw UsageError{fmt::format("{}: {}", at(where), what)};
  };
  const nlohmann::json& root = doc->root();
  if (!root.is_object()) {
    fail(doc->range(root),
         fmt::format("the settings file is {}; expected a JSON object", json::kind_name(root)));
  }
  /// The strings of an array (or one string, when `one`), else a usage error at the value.
  auto strings = [&](std::string_view key, const nlohmann::json& value, bool one) {
    std::vector<std::string> out;
    const bool is_list = value.is_array() && !one;
    if (!is_list && !(one && value.is_string())) {
      fail(doc->range(value), fmt::format("'{}' is {}; expected {}", key, json::kind_name(value),
                                          one ? "a string" : "an array of strings"));
    }
    if (one) return std::vector<std::string>{value.get<std::string>()};
    for (const nlohmann::json& item : value) {
      if (!item.is_string()) {
        fail(doc->range(item), fmt::format("an element of '{}' is {}; expected a string", key,
                                           json::kind_name(item)));
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  };
  const fs::path base = fs::path(config.path).parent_path();
  for (const auto& [key, value] : root.items()) {
    if (key == "disable") {
      config.disable = strings(key, value, false);
    } else if (key == "severity") {
      if (!value.is_object()) {
        fail(doc->range(value), fmt::format("'severity' is {}; expected an object that maps rule "
                                            "names to error, warning or note",
                                            json::kind_name(value)));
      }
      for (const auto& [rule, level] : value.items()) {
        auto r = find_rule(rule);
        if (!r) {
          std::vector<std::string_view> slugs;
          for (const RuleInfo& info : all_rules()) slugs.push_back(info.slug);
          const auto best = closest_name(rule, slugs);
          fail(doc->key_range(level),
               fmt::format("unknown rule '{}' in 'severity'{}", rule,
                           best ? fmt::format("; did you mean '{}'?", *best) : std::string()));
        }
        if (*r == Rule::kUnreadableInput) fail(doc->key_range(level), kUnreadableFixed);
        auto s = level.is_string() ? parse_severity(level.get<std::string>()) : std::nullopt;
        if (!s) {
          fail(doc->range(level),
               fmt::format("severity of '{}' must be error, warning or note", rule));
        }
        config.severity.emplace_back(*r, *s);
      }
    } else if (key == "routes") {
      for (const std::string& route : strings(key, value, false))
        config.routes.push_back(display_path(base / route));
    } else if (key == "policy") {
      config.policy = display_path(base / strings(key, value, true).front());
    } else if (key == "sarif-help-base") {
      config.sarif_help_base = strings(key, value, true).front();
      if (auto error = sarif_help_base_error(config.sarif_help_base)) {
        fail(doc->range(value), fmt::format("'sarif-help-base': {}", *error));
      }
    } else if (key != "$schema" && key != "schema") {
      fail(doc->key_range(value),
           fmt::format(
               "unknown key '{}'; expected disable, severity, routes, policy or sarif-help-base",
               key));
    }
  }
  return config;
}

/// What one file leaves behind once checked: its sources (alive for rendering) and findings.
struct Checked {
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<Diagnostic> diagnostics;
  bool unreadable = false;
};

Checked check_one(const std::string& path, const std::vector<std::string>& routes,
                  const AnalysisOptions& options) {
  Checked out;
  DiagnosticSink sink;
  try {
    auto p = predict(path, routes, options, sink);
    p->analysis.reset();  // refers to the files, which move below
    out.files.push_back(std::move(p->config));
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
                                 const AnalysisOptions& analysis, const Grader& grade,
                                 unsigned jobs) {
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
      results[i] = check_one(files[i], file_routes, analysis);
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
  std::string policy_path = options.policy.empty() ? project.policy : options.policy;
  {
    std::vector<std::pair<std::string, std::string>> uses;
    for (const std::string& f : files) uses.emplace_back(f, "CONFIG");
    for (const std::string& r : routes) uses.emplace_back(r, "--routes");
    uses.emplace_back(policy_path, "--policy");
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
  std::vector<Checked> results = check_files(files, routes, analysis, grade, jobs);

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
      "up the snapshots NAME.routes.txt / NAME.routes.json beside it. Settings are also read\n"
      "from .vrfleak.json in the working directory or above (see docs/check.md).");
  sub->add_option("CONFIG", options->inputs,
                  "Config files or directories ('-' reads standard input)")
      ->required();
  sub->add_option("--policy", options->policy,
                  "Policy file (JSON vrfleak.policy/1): isolate, reach, deny");
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
