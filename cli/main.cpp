// vrfleak: the command line. One file per subcommand; this one dispatches.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <iostream>
#include <new>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "vrfleak/version.hpp"

namespace {

using namespace vrfleak::cli;

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
  add_explain_command(app, status);
  add_parse_command(app, status);

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

}  // namespace

int main(int argc, char** argv) {
  // Nothing here writes through C stdio: the streams need not stay in step with it. Standard
  // output goes through a buffer that keeps why a write failed.
  std::ios::sync_with_stdio(false);
  FdOutputBuffer out(STDOUT_FILENO);
  std::streambuf* const previous = std::cout.rdbuf(&out);
  int status = kExitOk;
  try {
    status = run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "vrfleak: error: out of memory; the input is too large for this machine\n";
    status = kExitUsage;
  }
  std::cout.flush();
  std::cout.rdbuf(previous);
  if (!out.close()) {
    const std::string why = out.error();
    std::cerr << "vrfleak: error: cannot write to standard output" << (why.empty() ? "" : ": ")
              << why << "\n";
    return kExitUsage;
  }
  return status;
}
