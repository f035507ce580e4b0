#include "emit/os9_commands.hpp"

#include <fmt/format.h>

#include <string>

namespace vrfleak {
namespace {

/// The session both dialects share: 'configure terminal', the groups in their modes, 'end'.
void write_session(std::ostream& out, const Remediation& remediation, std::string_view name) {
  if (remediation.empty()) {
    out << fmt::format("! {}: no change; no command to run\n", name);
    return;
  }
  out << fmt::format("! {}: the commands that turn BEFORE into AFTER\n", name);
  for (const std::string& sentence : remediation.uncovered) {
    out << "! not carried over: " << sentence << '\n';
  }
  if (remediation.groups.empty()) return;
  out << "configure terminal\n";
  for (const RemediationGroup& group : remediation.groups) {
    out << "! " << group.comment << '\n';
    const std::vector<std::string>* open = nullptr;  // the mode the last command was typed in
    auto close = [&] {
      if (!open) return;
      for (size_t depth = open->size(); depth > 0; --depth) {
        out << std::string(depth, ' ') << "exit\n";
      }
      open = nullptr;
    };
    for (const RemediationCommand& command : group.commands) {
      if (!open || *open != command.mode) {
        close();
        for (size_t depth = 0; depth < command.mode.size(); ++depth) {
          out << std::string(depth, ' ') << command.mode[depth] << '\n';
        }
        open = &command.mode;
      }
      out << std::string(command.mode.size(), ' ') << command.command << '\n';
    }
    close();
  }
  out << "end\n";
}

}  // namespace

void write_os9_commands(std::ostream& out, const Remediation& remediation, std::string_view name) {
  write_session(out, remediation, name);
}

void write_os10_commands(std::ostream& out, const Remediation& remediation, std::string_view name) {
  write_session(out, remediation, name);
}

}  // namespace vrfleak
