// vrfleak diff BEFORE AFTER | BEFORE --apply CHANGE | --git REV [PATH...]
//              [--routes F]... [--policy F] [--format text|markdown|json|html] [--exit-code] [-o
//              FILE]
// What a change does to routing (DESIGN 5.4): analyzer/diff compares the two sides of each
// config pair, emit/diff_* render it.
// Diagnostics: none of its own; a file, directory or revision that cannot be read is a usage
// error (exit status 2).
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <optional>

#include "analyzer/change_apply.hpp"
#include "analyzer/diff.hpp"
#include "analyzer/model_builder.hpp"
#include "analyzer/model_editor.hpp"
#include "analyzer/remediation.hpp"
#include "cli/commands.hpp"
#include "cli/engine.hpp"
#include "cli/git.hpp"
#include "cli/inputs.hpp"
#include "cli/output.hpp"
#include "emit/diff.hpp"
#include "emit/graph.hpp"
#include "emit/os9_commands.hpp"
#include "emit/os9_config.hpp"
#include "grammar/detect.hpp"
#include "vrfleak/version.hpp"

namespace vrfleak::cli {
namespace {

namespace fs = std::filesystem;

struct DiffOptions {
  std::vector<std::string> inputs;
  std::string git;
  std::string policy;
  std::string format = "text";
  std::string output;
  bool exit_code = false;
  EngineOptions engine;
};

/// Where one side of a pair comes from: a file, or a file of a git revision.
struct SideSource {
  std::string name;                 // as shown
  std::string path;                 // the file to read; empty with `git_path` or `text`
  std::string git_path;             // relative to the repository's top, read at the revision
  std::optional<std::string> text;  // the config itself (--apply: a canonical running-config)
};

struct PairSource {
  std::string name;
  std::optional<SideSource> before;
  std::optional<SideSource> after;
  std::vector<std::string> snapshots;  // for both sides
};

/// A path as the user would write it: relative to the working directory when below it.
std::string display_path(const fs::path& path) {
  std::error_code ec;
  const fs::path relative = fs::relative(path, fs::current_path(ec), ec);
  if (!ec && !relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return path.lexically_normal().generic_string();
}

void require_exists(const std::string& path) {
  std::error_code ec;
  if (path != "-" && !fs::exists(path, ec)) {
    throw UsageError{fmt::format("cannot read '{}': No such file or directory", path)};
  }
}

std::vector<std::string> snapshots_for(const PairSource& pair) {
  if (pair.after && !pair.after->path.empty()) return fleet_snapshots(pair.after->path);
  if (pair.before && !pair.before->path.empty()) return fleet_snapshots(pair.before->path);
  return {};
}

/// The configs of a directory, by their path relative to it; an unreadable entry is an error.
std::map<std::string, std::string> configs_below(const std::string& dir) {
  const ConfigInputs found = find_configs({dir});
  if (!found.unreadable.empty()) {
    throw UsageError{fmt::format("cannot read '{}': {}", found.unreadable.front().path,
                                 found.unreadable.front().error)};
  }
  std::map<std::string, std::string> out;
  for (const std::string& path : found.configs) {
    out.emplace(fs::path(path).lexically_relative(dir).generic_string(), path);
  }
  return out;
}

/// BEFORE --apply CHANGE: the running-config and what the change script makes of it, both
/// compared as canonical running-configs (emit --target os9), so that the lines that differ are
/// the change's. The script's own diagnostics go to `script_sink`.
std::vector<PairSource> apply_inputs(const DiffOptions& options, DiagnosticSink& script_sink) {
  if (!options.git.empty()) throw UsageError{"--apply and --git cannot be combined"};
  if (options.inputs.size() != 1) {
    throw UsageError{fmt::format(
        "diff --apply compares one running-config (BEFORE) with the config the change makes "
        "of it; {} path{} given",
        options.inputs.size(), options.inputs.size() == 1 ? "" : "s")};
  }
  const std::string& before = options.inputs[0];
  require_exists(before);
  std::error_code ec;
  if (before != "-" && fs::is_directory(before, ec)) {
    throw UsageError{fmt::format("'{}' is a directory; --apply applies to one config", before)};
  }
  const auto running = read_input(before);
  // The script's diagnostics print its lines after the report: it stays readable until exit.
  static auto* kept = new std::vector<std::unique_ptr<SourceFile>>();
  kept->push_back(read_input(options.engine.apply));
  const SourceFile& change = *kept->back();
  DiagnosticSink scratch;  // the running-config's own diagnostics are the BEFORE side's
  const Model base = parse_model(*running, scratch, dialect_choice(options.engine.dialect));
  DiagnosticSink applying;
  const Model model = apply_change(base, change, applying);  // an OS10 config: a usage error
  PairSource pair;
  pair.name = before;
  pair.before = SideSource{before, {}, {}, emit_os9(base).text};
  for (Diagnostic& d : applying.diagnostics()) {
    if (d.range.file == &change) script_sink.add(std::move(d));
  }
  const std::string after = fmt::format("{} --apply {}", before, options.engine.apply);
  pair.after = SideSource{after, {}, {}, emit_os9(model).text};
  pair.snapshots = options.engine.routes.empty() ? fleet_snapshots(before) : options.engine.routes;
  std::vector<PairSource> pairs;
  pairs.push_back(std::move(pair));
  return pairs;
}

std::vector<PairSource> pair_inputs(const DiffOptions& options) {
  if (options.inputs.size() != 2) {
    throw UsageError{fmt::format(
        "diff compares two configs or two directories (BEFORE AFTER), or a git revision with "
        "the working tree (--git REV [PATH...]); {} path{} given",
        options.inputs.size(), options.inputs.size() == 1 ? "" : "s")};
  }
  const std::string& before = options.inputs[0];
  const std::string& after = options.inputs[1];
  if (before == "-" && after == "-") {
    throw UsageError{"standard input ('-') can be read once: give it for BEFORE or AFTER"};
  }
  require_exists(before);
  require_exists(after);
  std::error_code ec;
  const bool before_dir = before != "-" && fs::is_directory(before, ec);
  const bool after_dir = after != "-" && fs::is_directory(after, ec);
  if (before_dir != after_dir) {
    throw UsageError{fmt::format("'{}' is a {} and '{}' a {}: compare two files or two directories",
                                 before, before_dir ? "directory" : "file", after,
                                 after_dir ? "directory" : "file")};
  }
  std::vector<PairSource> pairs;
  if (!before_dir) {
    PairSource pair;
    pair.name = after;
    pair.before = SideSource{before, before, {}, std::nullopt};
    pair.after = SideSource{after, after, {}, std::nullopt};
    pair.snapshots = options.engine.routes.empty() ? snapshots_for(pair) : options.engine.routes;
    pairs.push_back(std::move(pair));
    return pairs;
  }
  const auto b = configs_below(before);
  const auto a = configs_below(after);
  std::map<std::string, PairSource> by_name;
  for (const auto& [relative, path] : b) {
    by_name[relative].before = SideSource{path, path, {}, std::nullopt};
  }
  for (const auto& [relative, path] : a) {
    by_name[relative].after = SideSource{path, path, {}, std::nullopt};
  }
  for (auto& [relative, pair] : by_name) {
    pair.name = relative;
    pair.snapshots = snapshots_for(pair);
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

/// Whether a file at the revision is a config, as a directory walk would decide.
bool is_git_config(const GitRevision& git, const std::string& path, bool named) {
  if (named) return true;
  const std::string name = fs::path(path).filename().string();
  for (const fs::path& part : fs::path(path)) {
    const std::string s = part.string();
    if (!s.empty() && s[0] == '.') return false;  // hidden, as a walk skips them
  }
  switch (classify_config_name(name)) {
    case ConfigName::kConfig:
      return true;
    case ConfigName::kNotConfig:
      return false;
    case ConfigName::kByContent:
      break;
  }
  const std::string head = git.show(path).substr(0, kDetectBytes);
  return looks_like_running_config(head);
}

std::vector<PairSource> git_inputs(const DiffOptions& options) {
  const GitRevision git(options.git);
  std::vector<std::string> paths = options.inputs;
  if (paths.empty()) paths.push_back(".");
  std::map<std::string, PairSource> by_name;  // by path relative to the top
  const fs::path top(git.top());
  for (const std::string& path : paths) {
    if (path == "-") throw UsageError{"--git reads files of the repository, not standard input"};
    const std::string relative = git.in_repository(path);
    const std::vector<std::string> at_revision = git.files(relative);
    std::error_code ec;
    const bool here = fs::exists(path, ec);
    if (!here && at_revision.empty()) {
      throw UsageError{fmt::format("'{}' is neither in the working tree nor in git revision '{}'",
                                   path, git.revision())};
    }
    const bool named_file = at_revision.size() == 1 && at_revision[0] == relative;
    for (const std::string& file : at_revision) {
      if (!is_git_config(git, file, named_file)) continue;
      PairSource& pair = by_name[file];
      pair.before = SideSource{fmt::format("{}:{}", git.revision(), file), {}, file, std::nullopt};
    }
    if (here) {
      const ConfigInputs found = find_configs({path});
      if (!found.unreadable.empty()) {
        throw UsageError{fmt::format("cannot read '{}': {}", found.unreadable.front().path,
                                     found.unreadable.front().error)};
      }
      for (const std::string& file : found.configs) {
        const std::string key = git.in_repository(file);
        by_name[key].after = SideSource{display_path(file), file, {}, std::nullopt};
      }
    }
  }
  std::vector<PairSource> pairs;
  for (auto& [relative, pair] : by_name) {
    pair.name = pair.after ? pair.after->name : display_path(top / relative);
    pair.snapshots = fleet_snapshots(pair.after ? pair.after->path
                                                : (top / relative).lexically_normal().string());
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

/// One side read and analysed; the diagnostics of its pipeline and checks.
struct LoadedSide {
  std::unique_ptr<SourceFile> config;
  std::vector<std::unique_ptr<SourceFile>> snapshot_files;
  std::unique_ptr<Analysis> analysis;
  DiagnosticSink sink;
};

std::unique_ptr<LoadedSide> load_side(const std::optional<SideSource>& source,
                                      const std::vector<std::string>& snapshots,
                                      const std::optional<GitRevision>& git,
                                      const AnalysisOptions& options) {
  if (!source) return nullptr;
  auto side = std::make_unique<LoadedSide>();
  if (source->text) {
    side->config = std::make_unique<SourceFile>(source->name, *source->text);
  } else if (!source->git_path.empty()) {
    side->config = std::make_unique<SourceFile>(source->name, git->show(source->git_path));
  } else {
    side->config = read_input(source->path);
  }
  std::vector<Snapshot> read;
  for (const std::string& path : snapshots) {
    side->snapshot_files.push_back(read_input(path));
    read.push_back(read_snapshot(*side->snapshot_files.back(), side->sink));
  }
  side->analysis = analyze(*side->config, std::move(read), options, side->sink);
  return side;
}

DiffSide side_of(const std::optional<SideSource>& source, const LoadedSide* loaded) {
  DiffSide side;
  if (source) side.name = source->name;
  if (loaded != nullptr) {
    side.analysis = loaded->analysis.get();
    side.diagnostics = loaded->sink.diagnostics();
  }
  return side;
}

int run_diff(const DiffOptions& options) {
  const DiffFormat format = *parse_diff_format(options.format);
  if (!options.git.empty() && !options.engine.routes.empty()) {
    // Allowed only for one pair: checked below once the pairs are known.
  }
  std::optional<GitRevision> git;
  std::vector<PairSource> pairs;
  DiagnosticSink script_sink;  // --apply: the change script's diagnostics
  if (!options.engine.apply.empty()) {
    require_stdin_once({{options.inputs.empty() ? std::string() : options.inputs[0], "BEFORE"},
                        {options.engine.apply, "--apply"}});
    pairs = apply_inputs(options, script_sink);
    script_sink.sort();
    print_diagnostics_to_stderr(script_sink);
  } else if (!options.git.empty()) {
    pairs = git_inputs(options);
    git.emplace(options.git);
  } else {
    pairs = pair_inputs(options);
  }
  if (!options.engine.routes.empty()) {
    if (pairs.size() != 1) {
      throw UsageError{
          "--routes applies to one pair of configs; with several, put NAME.routes.txt or "
          "NAME.routes.json beside each NAME.cfg"};
    }
    pairs[0].snapshots = options.engine.routes;
  }
  {
    std::vector<std::pair<std::string, std::string>> uses;
    for (const std::string& input : options.inputs) uses.emplace_back(input, "BEFORE/AFTER");
    for (const std::string& r : options.engine.routes) uses.emplace_back(r, "--routes");
    uses.emplace_back(options.policy, "--policy");
    require_stdin_once(uses);
  }
  std::unique_ptr<SourceFile> policy_file;
  Policy policy;
  if (!options.policy.empty()) {
    DiagnosticSink policy_sink;
    policy_file = read_input(options.policy);
    policy = read_policy(*policy_file, policy_sink);
    if (findings_status(policy_sink) != kExitOk) {
      print_diagnostics_to_stderr(policy_sink);
      throw UsageError{fmt::format("the policy file '{}' has errors", options.policy)};
    }
  }
  AnalysisOptions analysis;
  analysis.semantics = options.engine.semantics();
  analysis.dialect = dialect_choice(options.engine.dialect);
  analysis.checks = true;
  analysis.check_options.policy = options.policy.empty() ? nullptr : &policy;

  DiffReport report;
  report.tool_version = kVersion;
  std::vector<Remediation> remediations;  // --format os9-commands: one per pair
  if (git) {
    report.before_label = git->revision();
    report.after_label = "the working tree";
  } else if (!options.engine.apply.empty()) {
    report.before_label = options.inputs[0];
    report.after_label = pairs[0].after->name;
  } else {
    report.before_label = options.inputs[0];
    report.after_label = options.inputs[1];
  }
  for (const PairSource& pair : pairs) {
    // The two sides are read and analysed at the same time (the machine has a second core more
    // often than not); an error of either is thrown here.
    auto before_future = std::async(
        std::launch::async, [&] { return load_side(pair.before, pair.snapshots, git, analysis); });
    std::unique_ptr<LoadedSide> after;
    try {
      after = load_side(pair.after, pair.snapshots, git, analysis);
    } catch (...) {
      before_future.wait();
      throw;
    }
    const std::unique_ptr<LoadedSide> before = before_future.get();
    ConfigDiff diff = diff_configs(side_of(pair.before, before.get()),
                                   side_of(pair.after, after.get()), analysis.check_options.policy);
    diff.name = pair.name;
    if (format == DiffFormat::kOs9Commands) {
      DiagnosticSink empty_sink;
      const Model none = ModelEditor(static_cast<const SourceFile*>(nullptr), empty_sink).finish();
      remediations.push_back(remediation(before ? before->analysis->model : none,
                                         after ? after->analysis->model : none));
    }
    if (format == DiffFormat::kHtml) {
      DiffPictures pictures;
      if (before)
        pictures.before = build_leak_graph(before->analysis->model, before->analysis->topology);
      if (after)
        pictures.after = build_leak_graph(after->analysis->model, after->analysis->topology);
      report.pictures.push_back(std::move(pictures));
    }
    report.configs.push_back(std::move(diff));
  }

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!options.output.empty()) {
    file.open(options.output, std::ios::binary | std::ios::trunc);
    if (!file)
      throw UsageError{fmt::format("cannot write '{}': {}", options.output, std::strerror(errno))};
    out = &file;
  }
  const bool color = options.output.empty() && format == DiffFormat::kText && stdout_has_color();
  if (color && standard_output() != nullptr) standard_output()->set_replace_controls(false);
  switch (format) {
    case DiffFormat::kText:
      write_diff_text(*out, report, color);
      break;
    case DiffFormat::kMarkdown:
      write_diff_markdown(*out, report);
      break;
    case DiffFormat::kJson:
      write_diff_json(*out, report);
      break;
    case DiffFormat::kHtml:
      write_diff_html(*out, report);
      break;
    case DiffFormat::kOs9Commands:
      for (size_t i = 0; i < remediations.size(); ++i) {
        write_os9_commands(*out, remediations[i], report.configs[i].name);
      }
      break;
  }
  if (file.is_open()) {
    file.close();
    if (!file) throw UsageError{fmt::format("cannot write '{}'", options.output)};
  }
  if (options.exit_code && report.changed()) return kExitFindings;
  if (findings_status(script_sink) != kExitOk) return kExitFindings;
  for (const ConfigDiff& diff : report.configs) {
    if (diff.after_errors > 0) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void add_diff_command(CLI::App& app, int& status) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* sub = app.add_subcommand(
      "diff",
      "Pre-change review: what a config change does to every VRF's routing table. Compares two\n"
      "configs, two directories (configs paired by relative path), or with --git a revision with\n"
      "the working tree: routes gained, lost and changed with the config lines that cause them,\n"
      "leaks the switch starts or stops refusing, which VRFs newly hold routes leaked from which,\n"
      "check findings new and fixed, policy assertions newly broken or met (see docs/diff.md).\n"
      "BEFORE --apply CHANGE compares a running-config with what a change script makes of it;\n"
      "--format os9-commands prints the OS9 commands that turn BEFORE into AFTER instead\n"
      "(docs/change-scripts.md).");
  sub->add_option("PATHS", options->inputs,
                  "BEFORE AFTER (two files or two directories); BEFORE alone with --apply; with\n"
                  "--git, the paths of the working tree to compare (default: the whole "
                  "repository)");
  sub->add_option("--git", options->git,
                  "Compare each config as it is at git revision REV (git show REV:path) with\n"
                  "the working tree, e.g. 'diff --git origin/main configs/'")
      ->type_name("REV");
  sub->add_option("--policy", options->policy,
                  "Policy file (JSON vrfleak.policy/1): report assertions newly broken or met");
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "markdown", "json", "html", "os9-commands"}))
      ->capture_default_str();
  sub->add_option("-o,--output", options->output, "Write the report to FILE")->type_name("FILE");
  sub->add_flag("--exit-code", options->exit_code,
                "Exit with status 1 when anything changed (like 'git diff --exit-code')");
  add_engine_options(*sub, options->engine);
  sub->callback([options, &status] { status = run_diff(*options); });
}

}  // namespace vrfleak::cli
