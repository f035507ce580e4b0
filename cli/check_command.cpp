// vrfleak check CONFIG... [--routes F]... [--policy F]
//               [--format text|json|sarif|junit|codeclimate|github] [--werror] [--disable RULE]...
//               [--jobs N] [--sarif-help-base URL] [--sarif-category NAME]
// Diagnostics: unreadable-input (a config or snapshot file that cannot be read).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.hpp"
#include "cli/engine.hpp"
#include "emit/check_report.hpp"
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
  std::vector<std::string> disable;
  unsigned jobs = 1;
  EngineOptions engine;
  std::string sarif_help_base;  // empty: the project file's, else the default
  std::string sarif_category;
};

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
    if (fs::is_regular_file(candidate, ec)) {
      config.path = candidate.string();
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return config;
    dir = dir.parent_path();
  }
  std::ifstream in(config.path);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw UsageError{fmt::format("'{}' is not valid JSON: {}", config.path, e.what())};
  }
  auto fail = [&](std::string_view what) {
    throw UsageError{fmt::format("'{}': {}", config.path, what)};
  };
  if (!doc.is_object()) fail("expected a JSON object");
  const fs::path base = fs::path(config.path).parent_path();
  try {
    for (const auto& [key, value] : doc.items()) {
      if (key == "disable") {
        if (!value.is_array()) fail("'disable' must be an array of rule names");
        for (const auto& v : value) config.disable.push_back(v.get<std::string>());
      } else if (key == "severity") {
        if (!value.is_object()) fail("'severity' must map rule names to error|warning|note");
        for (const auto& [rule, level] : value.items()) {
          auto r = find_rule(rule);
          if (!r) fail(fmt::format("unknown rule '{}' in 'severity'", rule));
          auto s = level.is_string() ? parse_severity(level.get<std::string>()) : std::nullopt;
          if (!s) fail(fmt::format("severity of '{}' must be error, warning or note", rule));
          config.severity.emplace_back(*r, *s);
        }
      } else if (key == "routes") {
        if (!value.is_array()) fail("'routes' must be an array of snapshot files");
        for (const auto& v : value) config.routes.push_back(display_path(base / v.get<std::string>()));
      } else if (key == "policy") {
        config.policy = display_path(base / value.get<std::string>());
      } else if (key == "sarif-help-base") {
        config.sarif_help_base = value.get<std::string>();
        if (auto error = sarif_help_base_error(config.sarif_help_base)) {
          fail(fmt::format("'sarif-help-base': {}", *error));
        }
      } else if (key != "$schema" && key != "schema") {
        fail(fmt::format(
            "unknown key '{}'; expected disable, severity, routes, policy or sarif-help-base",
            key));
      }
    }
  } catch (const nlohmann::json::type_error&) {
    fail(
        "'disable' and 'routes' hold strings, 'policy' and 'sarif-help-base' are strings, "
        "'severity' maps rule names to strings");
  }
  return config;
}

bool has_suffix(std::string_view name, std::string_view suffix) {
  return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
}

bool is_snapshot_name(std::string_view name) {
  return has_suffix(name, ".routes.txt") || has_suffix(name, ".routes.json");
}

/// Whether a file of no known extension looks like an OS9 config (by its first bytes).
bool looks_like_config(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char buffer[4096];
  in.read(buffer, sizeof buffer);
  const std::string_view head(buffer, static_cast<size_t>(in.gcount()));
  if (head.find('\0') != std::string_view::npos) return false;
  return head.find("! Version ") != std::string_view::npos ||
         head.find("\nhostname ") != std::string_view::npos ||
         head.find("\ninterface ") != std::string_view::npos ||
         head.find("\nip vrf ") != std::string_view::npos;
}

/// Files to check: explicit files as given; directories searched recursively for *.cfg,
/// *.conf, *.txt (not snapshots) and files that look like configs. Sorted, deduplicated.
std::vector<std::string> collect_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               input, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const fs::path& path = it->path();
        const std::string name = path.filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file(ec) || is_snapshot_name(name)) continue;
        const std::string ext = path.extension().string();
        if (ext == ".cfg" || ext == ".conf" || ext == ".txt" ||
            (ext != ".json" && ext != ".md" && looks_like_config(path))) {
          found.push_back(path.lexically_normal().string());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(input == "-" ? input : fs::path(input).lexically_normal().string());
    }
  }
  std::vector<std::string> unique;
  for (const std::string& f : files) {
    if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(f);
  }
  return unique;
}

/// NAME.cfg -> NAME.routes.txt and NAME.routes.json beside it, when they exist.
std::vector<std::string> fleet_snapshots(const std::string& config) {
  std::vector<std::string> out;
  if (config == "-") return out;
  fs::path path(config);
  fs::path stem = path.parent_path() / path.stem();
  for (const char* suffix : {".routes.txt", ".routes.json"}) {
    fs::path candidate = stem;
    candidate += suffix;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) out.push_back(candidate.string());
  }
  return out;
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
  auto worker = [&] {
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
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  if (progress) std::cerr << "\r\x1b[K" << std::flush;
  return results;
}

/// Writes the report of every file (the policy file first) and returns the exit status.
int render(CheckReport report, std::vector<Checked> results, const std::vector<std::string>& files,
           const CheckOptions& options, CheckFormat format, unsigned jobs) {
  bool unreadable = false;
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
  write_check_report(std::cout, report, format, TextStyle{stdout_has_color()}, jobs);
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
  const std::vector<std::string> files = collect_inputs(options.inputs);
  if (files.empty()) throw UsageError{"no config files found in the given paths"};
  std::vector<std::string> routes = options.engine.routes;
  if (routes.empty() && files.size() == 1) routes = project.routes;
  if (!options.engine.routes.empty() && files.size() > 1) {
    throw UsageError{
        "--routes applies to one config; with several, put NAME.routes.txt or "
        "NAME.routes.json beside each NAME.cfg"};
  }
  std::string policy_path = options.policy.empty() ? project.policy : options.policy;
  std::unique_ptr<SourceFile> policy_file;
  Policy policy;
  DiagnosticSink policy_sink;
  if (!policy_path.empty()) {
    policy_file = read_input(policy_path);
    policy = read_policy(*policy_file, policy_sink);
  }

  AnalysisOptions analysis;
  analysis.semantics = options.engine.semantics();
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
  return render(std::move(report), std::move(results), files, options, format, jobs);
}

}  // namespace

void add_check_command(CLI::App& app, int& status) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand(
      "check",
      "Lint OS9 configs for CI: syntax, undefined names, leaks the switch will refuse,\n"
      "one-way leaks, unused objects and policy assertions. Directories are searched\n"
      "recursively for *.cfg, *.conf, *.txt and files that look like OS9 configs; NAME.cfg picks\n"
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
  sub->add_flag("--compare", options->compare,
                "Also compare the predicted leaks with the leaked rows of the snapshots "
                "(leak-not-observed, leak-not-predicted)");
  // One value per occurrence, so that 'check --disable X a.cfg b.cfg' keeps the configs.
  sub->add_option("--disable", options->disable, "Do not report this rule (repeatable)")
      ->type_name("RULE")
      ->allow_extra_args(false);
  sub->add_option("--jobs,-j", options->jobs, "Check this many files in parallel")
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
