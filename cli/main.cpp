// vrfleak: the command line. One file per subcommand; this one dispatches.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/describe.hpp"
#include "vrfleak/version.hpp"

int main(int argc, char** argv) {
  using namespace vrfleak::cli;
  // Nothing here writes through C stdio: the streams need not stay in step with it, and large
  // writes to std::cout then go straight to the file instead of through stdio's buffer.
  std::ios::sync_with_stdio(false);
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
  add_explain_command(app, status);
  add_parse_command(app, status);
  // Hidden: the data the man pages and the shell completion are generated from (packaging/).
  add_describe_flag(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "vrfleak: error: " << e.message << "\n";
    return kExitUsage;
  }
  return status;
}
