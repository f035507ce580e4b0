// cli/inputs: which files a command reads when given files and directories, and which route
// snapshots go with each config (DESIGN 3.2). `check` uses it; `diff` pairs configs the same way.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace vrfleak::cli {

/// Adds '--apply CHANGE' (DESIGN 3.5): the change script applied to the config before the
/// command reads it (what-if).
void add_apply_option(CLI::App& sub, std::string& change);

/// A file a directory walk passed over, and why ("not a running-config").
struct SkippedFile {
  std::string path;
  std::string reason;
};

/// A path that could not be read, and why ("Permission denied").
struct UnreadablePath {
  std::string path;
  std::string error;
};

/// The configs found in the inputs a command was given.
struct ConfigInputs {
  /// Named files as given; directories' configs sorted per directory; no path twice.
  std::vector<std::string> configs;
  /// Files of a walk that were not taken as configs (for --verbose).
  std::vector<SkippedFile> skipped;
  /// Directories (and named paths) that could not be read.
  std::vector<UnreadablePath> unreadable;
};

/// Whether a file name is a route snapshot's (NAME.routes.txt, NAME.routes.json).
bool is_snapshot_name(std::string_view name);

/// What a file name found in a directory says of the file: a config (*.cfg, *.conf), not one
/// (snapshots, *.json, *.md), or up to its content (looks_like_running_config).
enum class ConfigName { kConfig, kNotConfig, kByContent };
ConfigName classify_config_name(std::string_view name);

/// Finds the configs in `inputs`: a named file is always taken ('-' is standard input); a
/// directory is walked recursively (hidden entries skipped) for *.cfg and *.conf, for *.txt and
/// files without a known extension whose content looks like a running-config, and never for
/// snapshots.
ConfigInputs find_configs(const std::vector<std::string>& inputs);

/// The snapshots of a config in a fleet: NAME.routes.txt and NAME.routes.json beside NAME.cfg.
std::vector<std::string> fleet_snapshots(const std::string& config);

/// The policy of a config in a fleet: NAME.policy.json beside NAME.cfg; empty when none.
std::string fleet_policy(const std::string& config);

}  // namespace vrfleak::cli
