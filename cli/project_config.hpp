// cli/project_config: the project settings file `.vrfleak.json` of `vrfleak check` (docs/check.md).
//
// Input: the working directory (find_project_config looks upward from it), or a file already
// read (read_project_config). Output: a ProjectConfig. Diagnostics: none; every mistake in the
// file is a UsageError "PATH:LINE:COLUMN: what is wrong" (exit status 2).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace vrfleak::cli {

/// Why 'unreadable-input' cannot be disabled or regraded.
inline constexpr std::string_view kUnreadableFixed =
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

/// The settings of the first `.vrfleak.json` in the working directory or above (none: an empty
/// ProjectConfig). Throws UsageError for a file that cannot be read or is wrong.
ProjectConfig find_project_config();

/// The settings in `file`, read from `path` (paths in it are resolved against its folder).
/// Throws UsageError at the first mistake.
ProjectConfig read_project_config(const SourceFile& file, const std::string& path);

}  // namespace vrfleak::cli
