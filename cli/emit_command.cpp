// vrfleak emit CONFIG --target os9|os10|frr [--port-map F] [--port-map-skeleton] [-o PATH]
//              [--report F] [--report-format json|text] [--verify [--routes F]...]
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "analyzer/migration.hpp"
#include "analyzer/pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/inputs.hpp"
#include "emit/emit_report.hpp"
#include "emit/frr_config.hpp"
#include "emit/os10_config.hpp"
#include "emit/os9_config.hpp"
#include "emit/port_map.hpp"
#include "grammar/port_map.hpp"

namespace vrfleak::cli {
namespace {

struct EmitOptions {
  std::string config;
  std::string target;
  std::string output = "-";
  std::string report;
  std::string report_format = "json";
  std::string port_map;
  std::string apply;
  bool port_map_skeleton = false;
  std::string dialect = "auto";
  bool verify = false;
  std::vector<std::string> routes;  // --routes, for --verify
};

/// What `--verify` read and found; the files outlive the diagnostics that point into them.
struct Verification {
  std::vector<std::unique_ptr<SourceFile>> snapshot_files;
  std::unique_ptr<SourceFile> emitted;
  std::unique_ptr<Analysis> os9;
  std::unique_ptr<Analysis> target;
  MigrationCheck check;
};

/// --verify (DESIGN 5.5): predicts the OS9 config's tables and the emitted config's, re-read in
/// the target's dialect with the same snapshots, and compares them (analyzer/migration).
/// Diagnostics: the snapshots', the errors of the re-read (a line of the emitted config that
/// does not parse) and a migration-difference per route that differs.
std::unique_ptr<Verification> verify(const EmitOptions& options, const LoadedConfig& config,
                                     const EmittedConfig& emitted, const PortMap& ports,
                                     DiagnosticSink& sink) {
  auto v = std::make_unique<Verification>();
  DiagnosticSink os9_sink;  // what the OS9 pipeline says the input's checks said already
  std::vector<Snapshot> os9_snapshots, target_snapshots;
  for (const std::string& path : options.routes) {
    v->snapshot_files.push_back(read_input(path));
    os9_snapshots.push_back(read_snapshot(*v->snapshot_files.back(), sink));
    target_snapshots.push_back(read_snapshot(*v->snapshot_files.back(), os9_sink));
  }
  const Dialect dialect = options.target == "os10" ? Dialect::kOs10 : Dialect::kOs9;
  AnalysisOptions os9_options;
  os9_options.dialect = DialectChoice::kOs9;
  os9_options.change = config.change.get();
  v->os9 = analyze(*config.file, std::move(os9_snapshots), os9_options, os9_sink);
  v->emitted = std::make_unique<SourceFile>(
      options.output == "-" ? fmt::format("<emitted {} config>", options.target) : options.output,
      emitted.text);
  InterfaceRename rename;
  if (dialect == Dialect::kOs10) {
    rename = [names = os10_interface_names(config.model, ports)](std::string_view name) {
      auto it = names.find(std::string(name));
      return it == names.end() ? std::string(name) : it->second;
    };
  }
  // The snapshots as the target names its ports.
  rename_snapshot_interfaces(target_snapshots, rename);
  AnalysisOptions target_options;
  target_options.dialect = dialect == Dialect::kOs10 ? DialectChoice::kOs10 : DialectChoice::kOs9;
  DiagnosticSink target_sink;
  v->target = analyze(*v->emitted, std::move(target_snapshots), target_options, target_sink);
  // An input without errors must give an output without errors: one is a defect of the emitter.
  // (An input with errors gives what was valid in it, and may keep one: an undefined route-map.)
  if (sink.count(Severity::kError) == 0 && os9_sink.count(Severity::kError) == 0) {
    for (const Diagnostic& d : target_sink.diagnostics()) {
      if (d.severity == Severity::kError && d.range.file == v->emitted.get()) sink.add(d);
    }
  }
  v->check = verify_migration(*v->os9, *v->target, dialect, rename, sink);
  return v;
}

/// The port map of --port-map; a map that cannot be read is a usage error, its problems
/// printed with their places.
PortMap load_port_map(const std::string& path, PortMapTarget target,
                      std::unique_ptr<SourceFile>& file) {
  PortMap ports;
  if (path.empty()) return ports;
  file = read_input(path);
  DiagnosticSink sink;
  ports = read_port_map(*file, sink, target);
  if (sink.count(Severity::kError) > 0) {
    print_diagnostics_to_stderr(sink);
    throw UsageError{fmt::format("the port map '{}' cannot be used; see its errors above", path)};
  }
  return ports;
}

/// Writes `write`'s output to `path` ('-' is standard output); a file that cannot be written
/// is a usage error naming it.
template <typename Write>
void write_to(const std::string& path, std::string_view what, Write&& write) {
  if (path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw UsageError{fmt::format("cannot write {} '{}': {}", what, path, std::strerror(errno))};
  }
  write(out);
  out.close();
  if (!out) {
    throw UsageError{fmt::format("cannot write {} '{}': {}", what, path, std::strerror(errno))};
  }
}

/// frr: standard output gets frr.conf (its setup commands as comments at the top); a path is
/// a directory (created when missing) that gets frr.conf and the executable vrf-setup.sh.
void write_frr(const std::string& path, const std::string& conf, const std::string& setup) {
  auto write = [](std::string_view text) {
    return [text](std::ostream& out) {
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    };
  };
  if (path == "-") {
    write_to(path, "the output", write(conf));
    return;
  }
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error || !std::filesystem::is_directory(path)) {
    throw UsageError{fmt::format("cannot write the FRR files into the directory '{}': {}", path,
                                 error ? error.message() : "not a directory")};
  }
  const std::string dir = path.ends_with('/') ? path : path + "/";
  write_to(dir + "frr.conf", "the output", write(conf));
  write_to(dir + "vrf-setup.sh", "the setup script", write(setup));
  using std::filesystem::perms;
  std::filesystem::permissions(dir + "vrf-setup.sh",
                               perms::owner_exec | perms::group_exec | perms::others_exec,
                               std::filesystem::perm_options::add, error);
}

int run_emit(const EmitOptions& options) {
  if (options.report == "-" && options.output == "-") {
    throw UsageError{"--report - and the config both on standard output; give -o PATH"};
  }
  std::vector<std::pair<std::string, std::string>> uses = {
      {options.config, "CONFIG"}, {options.port_map, "--port-map"}, {options.apply, "--apply"}};
  for (const std::string& path : options.routes) uses.emplace_back(path, "--routes");
  require_stdin_once(uses);
  if (options.verify && options.target == "frr") {
    throw UsageError{
        "--verify is for --target os10 or os9: vrfleak does not read FRR configs back; compare "
        "FRR's 'show ip route vrf all' with 'vrfleak rtm' (docs/emit.md)"};
  }
  if (!options.routes.empty() && !options.verify) {
    throw UsageError{"--routes is for --verify (the snapshots both predictions are made with)"};
  }
  if (options.verify && options.port_map_skeleton) {
    throw UsageError{"--verify checks an emitted config; --port-map-skeleton prints none"};
  }
  if (options.port_map_skeleton && options.target == "os9") {
    throw UsageError{"--port-map-skeleton is for --target os10 or frr"};
  }
  if (!options.port_map.empty() && options.target == "os9") {
    throw UsageError{"--port-map is for --target os10 or frr"};
  }
  DiagnosticSink sink;
  // The full report needs the syntax tree (what each dropped line is); the account alone
  // needs only the model.
  const DialectChoice dialect = dialect_choice(options.dialect);
  auto config = options.report.empty() ? load_model(options.config, sink, dialect, options.apply)
                                       : load_config(options.config, sink, dialect, options.apply);
  if (config->model.dialect != Dialect::kOs9) {
    throw UsageError{
        fmt::format("'{}' is an OS10 config; emit translates OS9 configs", config->file->name())};
  }
  if (options.port_map_skeleton) {
    write_to(options.output, "the skeleton", [&](std::ostream& out) {
      write_port_map_skeleton(out, config->model,
                              options.target == "frr" ? kFrrNaming : kOs10Naming);
    });
    print_diagnostics_to_stderr(sink);
    return findings_status(sink);
  }
  std::unique_ptr<SourceFile> port_file;
  const PortMap ports = load_port_map(
      options.port_map, options.target == "frr" ? PortMapTarget::kFrr : PortMapTarget::kOs10,
      port_file);
  if (options.target != "os9") {
    const std::vector<std::string> unmapped = unmapped_ports(config->model, ports);
    if (!unmapped.empty()) {
      std::string names;
      for (const std::string& name : unmapped) names += (names.empty() ? "'" : ", '") + name + "'";
      throw UsageError{fmt::format(
          "{} port{} of '{}' {} no {} name{}: {}; map {} in --port-map FILE "
          "('--port-map-skeleton' prints one to fill in)",
          unmapped.size(), unmapped.size() == 1 ? "" : "s", config->file->name(),
          unmapped.size() == 1 ? "has" : "have", options.target == "frr" ? "Linux" : "OS10",
          options.port_map.empty() ? " (no --port-map given)" : " in the port map", names,
          unmapped.size() == 1 ? "it" : "them")};
    }
  }
  EmittedConfig emitted;
  if (options.target == "frr") {
    FrrConfig frr = emit_frr(config->model, ports, options.output == "-");
    emitted = std::move(frr.config);
    write_frr(options.output, emitted.text, frr.setup);
  } else if (options.verify) {
    // --verify re-reads the emitted text: it is built whole.
    emitted = options.target == "os10" ? emit_os10(config->model, ports) : emit_os9(config->model);
    write_to(options.output, "the output", [&](std::ostream& out) {
      out.write(emitted.text.data(), static_cast<std::streamsize>(emitted.text.size()));
    });
  } else {
    // Streamed as it is made: the text (about the size of the file) is never held whole
    // (issue 10's peak memory); the account and the report read the input's lines.
    write_to(options.output, "the output", [&](std::ostream& out) {
      // The reasons for dropped lines are for the report alone.
      emitted = options.target == "os10"
                    ? emit_os10(config->model, ports, &out, !options.report.empty())
                    : emit_os9(config->model, &out);
    });
  }
  const EmitAccount account = account_lines(*config->file, emitted);
  std::unique_ptr<Verification> verification;
  if (options.verify) verification = verify(options, *config, emitted, ports, sink);
  const MigrationCheck* check = verification ? &verification->check : nullptr;
  if (!options.report.empty()) {
    const std::vector<LineRecord> records = line_records(config->tree, emitted, sink.diagnostics());
    const EmitReportHeader header{options.target, options.output};
    write_to(options.report, "the report", [&](std::ostream& out) {
      if (options.report_format == "text") {
        write_emit_report_text(out, *config->file, header, records, account, emitted, check);
      } else {
        write_emit_report_json(out, *config->file, header, records, account, emitted, check);
      }
    });
  }
  for (const Diagnostic& d : emitted.differences) sink.add(d);
  print_diagnostics_to_stderr(sink);
  std::cerr << account_summary(config->file->name(), account)
            << (options.report.empty() ? "; each line's fate with --report FILE\n"
                                       : "; see the report\n");
  if (check != nullptr) {
    std::cerr << config->file->name() << ": " << verification_summary(*check) << '\n';
  }
  const int status = findings_status(sink);
  static std::unique_ptr<LoadedConfig>* kept_until_exit = new std::unique_ptr<LoadedConfig>();
  *kept_until_exit = std::move(config);
  static std::unique_ptr<Verification>* verification_kept = new std::unique_ptr<Verification>();
  *verification_kept = std::move(verification);
  return status;
}

}  // namespace

void add_emit_command(CLI::App& app, int& status) {
  auto options = std::make_shared<EmitOptions>();
  CLI::App* sub = app.add_subcommand(
      "emit",
      "Print a config for a target platform, built from the model (never by rewriting text).\n"
      "os9: the canonical OS9 running-config (keywords in full, the switch's order, lines\n"
      "vrfleak does not model carried verbatim in their blocks); it parses to the same model\n"
      "and routing tables, and emitting it again changes nothing.\n"
      "os10: the same routing and leaking on Dell OS10 (physical ports renamed through\n"
      "--port-map); each semantic difference OS10 introduces is a diagnostic at its line.\n"
      "frr: frr.conf and vrf-setup.sh (Linux VRF devices, interface bindings) in the\n"
      "directory -o names, or frr.conf with the setup as comments on standard output; leaking\n"
      "becomes BGP 'import vrf', and each semantic difference is a diagnostic at its line.\n"
      "Every input line is accounted for as carried, translated or dropped (with a reason):\n"
      "a one-line account on standard error, each line with --report. Diagnostics of the input\n"
      "go to standard error; the exit status is 1 when there is an error among them (the\n"
      "output then holds what was valid; the report lists the bad lines as dropped).");
  sub->add_option("CONFIG", options->config, "OS9 running-config file ('-' reads standard input)")
      ->required();
  add_dialect_option(*sub, options->dialect);
  sub->add_option("--target", options->target, "The platform: 'os9', 'os10' or 'frr'")
      ->required()
      ->check(CLI::IsMember({"os9", "os10", "frr"}));
  sub->add_option("--port-map", options->port_map,
                  "os10, frr: the OS10 (frr: Linux) name of every physical and management port "
                  "(vrfleak.port-map/1 JSON; docs/emit.md)");
  sub->add_flag("--port-map-skeleton", options->port_map_skeleton,
                "os10, frr: print a port map of the config's ports, with guessed names to "
                "check, instead of the config");
  sub->add_option("-o,--output", options->output,
                  "Where to write the config ('-' is standard output; frr: a directory that "
                  "gets frr.conf and vrf-setup.sh)")
      ->capture_default_str();
  sub->add_option("--report", options->report,
                  "Write every input line's fate (carried, translated with its output lines, "
                  "dropped with a reason) to this file ('-' is standard output, with -o PATH)");
  sub->add_option("--report-format", options->report_format, "json (vrfleak.emit-report/1) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  add_apply_option(*sub, options->apply);
  sub->add_flag("--verify", options->verify,
                "os10, os9: re-read the emitted config in the target's dialect, predict every "
                "VRF's table with the same --routes snapshots and compare it with the OS9 "
                "prediction: each route that differs is a migration-difference naming its cause "
                "(an error when no known cause explains it)");
  sub->add_option("--routes", options->routes,
                  "With --verify: a route snapshot both predictions use (OS9 'show ip route "
                  "[vrf NAME]' text or JSON vrfleak.routes/1; repeatable)")
      ->allow_extra_args(false);
  sub->callback([options, &status] { status = run_emit(*options); });
}

}  // namespace vrfleak::cli
