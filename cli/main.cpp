// vrfleak: the command line. One file per subcommand; this one dispatches.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/describe.hpp"
#include "cli/output.hpp"
#include "cli/usage_report.hpp"
#include "core/diagnostic.hpp"
#include "vrfleak/version.hpp"

namespace {

using namespace vrfleak::cli;

/// The long option names (--format) a subcommand takes, with the program's own.
std::vector<std::string> long_options(const CLI::App& app, const CLI::App& sub) {
  std::vector<std::string> names = {"--help", "--version"};
  for (const CLI::App* a : {&app, &sub}) {
    for (const CLI::Option* option : a->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  return names;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& names) {
  const std::vector<std::string_view> views(names.begin(), names.end());
  const auto best = vrfleak::closest_name(word, views);
  return best ? "; did you mean '" + *best + "'?" : std::string();
}

/// What CLI11 words poorly, before it parses: 'help [SUBCOMMAND]' (read as SUBCOMMAND --help),
/// an unknown subcommand and an unknown long option, both with a "did you mean". Returns the
/// arguments to parse, in CLI11's order (reversed).
std::vector<std::string> preflight(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "help") {
    args.erase(args.begin());
    args.resize(std::min<size_t>(args.size(), 1));
    args.push_back("--help");
  }
  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), args[0]) == names.end()) {
      std::string hint = did_you_mean(args[0], names);
      if (hint.empty()) {
        hint = "; the subcommands are";
        for (const std::string& name : names) hint += " " + name;
      }
      throw UsageError{"unknown subcommand '" + args[0] + "'" + hint};
    }
    const CLI::App* sub = app.get_subcommand(args[0]);
    const std::vector<std::string> options = long_options(app, *sub);
    for (size_t i = 1; i < args.size() && args[i] != "--"; ++i) {
      if (args[i].rfind("--", 0) != 0) continue;
      const std::string name = args[i].substr(0, args[i].find('='));
      if (std::find(options.begin(), options.end(), name) == options.end()) {
        std::string hint = did_you_mean(name, options);
        if (hint.empty()) hint = "; run 'vrfleak " + args[0] + " --help' for the options";
        throw UsageError{"unknown option '" + name + "' for 'vrfleak " + args[0] + "'" + hint};
      }
    }
  }
  std::reverse(args.begin(), args.end());
  return args;
}

/// Prints a usage error (and, for a report format, the document holding it): exit status 2.
int usage_error(const std::string& message, const std::string& report_format) {
  std::cerr << "vrfleak: error: " << message << "\n";
  if (!report_format.empty()) write_usage_report(std::cout, report_format, message);
  return kExitUsage;
}

int run(int argc, char** argv) {
  CLI::App app{
      "vrfleak: predicts what Dell OS9 Dynamic Route Leaking puts in every VRF's routing table,\n"
      "and finds the leaks the switch will refuse and the mistakes that break reachability.",
      "vrfleak"};
  app.set_version_flag("--version", std::string("vrfleak ") + vrfleak::kVersion);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success; 1 findings at or above the failing severity; 2 usage error or\n"
      "unreadable input. Run 'vrfleak SUBCOMMAND --help' for the options of each subcommand.");

  int status = kExitOk;
  add_check_command(app, status);
  add_rtm_command(app, status);
  add_graph_command(app, status);
  add_diff_command(app, status);
  add_explain_command(app, status);
  add_parse_command(app, status);
  add_emit_command(app, status);
  add_compile_command(app, status);
  // Hidden: the data the man pages and the shell completion are generated from (packaging/).
  add_describe_flag(app);

  // A usage error of 'check --format json|sarif|junit|...' still writes a document holding it.
  const std::string report_format = usage_report_format({argv + 1, argv + argc});
  try {
    std::vector<std::string> args = preflight(app, argc, argv);
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    std::ostringstream message;
    const int code = app.exit(e, std::cout, message);
    std::cerr << message.str();
    if (code == 0) return kExitOk;
    if (!report_format.empty()) {
      std::string text = message.str();
      text = text.substr(0, text.find('\n'));
      write_usage_report(std::cout, report_format, text);
    }
    return kExitUsage;
  } catch (const UsageError& e) {
    return usage_error(e.message, report_format);
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  // Nothing here writes through C stdio: the streams need not stay in step with it. Standard
  // output goes through a buffer that keeps why a write failed.
  std::ios::sync_with_stdio(false);
  FdOutputBuffer out(STDOUT_FILENO);
  std::streambuf* const previous = std::cout.rdbuf(&out);
  set_standard_output(&out);
  int status = kExitOk;
  try {
    status = run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "vrfleak: error: out of memory; the input is too large for this machine\n";
    status = kExitUsage;
  }
  std::cout.flush();
  std::cout.rdbuf(previous);
  set_standard_output(nullptr);
  if (!out.close()) {
    const std::string why = out.error();
    std::cerr << "vrfleak: error: cannot write to standard output" << (why.empty() ? "" : ": ")
              << why << "\n";
    return kExitUsage;
  }
  return status;
}
