// emit/os9_commands: a Remediation as the OS9 (or OS10) commands to paste (`diff --format
// os9-commands`, `compile`).
//
// Input: a Remediation (analyzer/remediation) and the name of the config it is for.
// Output: text: a comment naming the config, one comment line per difference the commands do not
//   carry over, then 'configure terminal', each group as a '!' comment saying what it does
//   followed by its commands in their modes (mode commands at the left, the commands indented one
//   space per mode, an 'exit' per mode), and 'end'. No change gives one comment line saying so.
//   The text reads back as a change script (grammar/os9: parse_change_script).
// Diagnostics: none.
#pragma once

#include <ostream>
#include <string_view>

#include "analyzer/remediation.hpp"

namespace vrfleak {

/// Writes the commands of `remediation`, for the config named `name`.
void write_os9_commands(std::ostream& out, const Remediation& remediation, std::string_view name);

/// Writes the commands of an OS10 remediation (remediation(..., Dialect::kOs10)) in the same
/// session layout (OS10's CLI has the same 'configure terminal', 'exit' and 'end'); the text
/// reads back with os10::parse_change_script.
void write_os10_commands(std::ostream& out, const Remediation& remediation, std::string_view name);

}  // namespace vrfleak
