#include "cli/inputs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <CLI/CLI.hpp>

#include "grammar/detect.hpp"

namespace vrfleak::cli {

void add_apply_option(CLI::App& sub, std::string& change) {
  sub.add_option("--apply", change,
                 "Apply this change script (OS9 configuration-mode commands, as pasted into a\n"
                 "session) to the config first: what-if (see docs/change-scripts.md)")
      ->type_name("CHANGE");
}

namespace {

namespace fs = std::filesystem;

bool has_suffix(std::string_view name, std::string_view suffix) {
  return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
}

/// The first bytes of a file; false (and `error`) when it cannot be read.
bool read_head(const fs::path& path, std::string& head, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  head.resize(kDetectBytes);
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (in.bad()) {
    error = std::strerror(errno);
    return false;
  }
  head.resize(static_cast<size_t>(in.gcount()));
  return true;
}

class Walk {
 public:
  explicit Walk(ConfigInputs& out) : out_(out) {}

  /// Adds the configs below `dir`, sorted.
  void directory(const fs::path& dir) {
    std::vector<std::string> found;
    visit(dir, found);
    std::sort(found.begin(), found.end());
    out_.configs.insert(out_.configs.end(), found.begin(), found.end());
  }

 private:
  void visit(const fs::path& dir, std::vector<std::string>& found) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return unreadable(dir, ec);
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) return unreadable(dir, ec);
      entries.push_back(*it);
    }
    if (ec) return unreadable(dir, ec);
    for (const fs::directory_entry& entry : entries) {
      const fs::path& path = entry.path();
      const std::string name = path.filename().string();
      if (name.empty() || name[0] == '.') continue;
      const fs::file_status status = entry.status(ec);
      if (ec || !fs::exists(status)) {
        if (entry.is_symlink(ec)) {
          out_.unreadable.push_back(
              {path.lexically_normal().string(), "a symbolic link to a file that does not exist"});
        }
        continue;
      }
      if (fs::is_directory(status)) {
        visit(path, found);
        continue;
      }
      const std::string normal = path.lexically_normal().string();
      if (!fs::is_regular_file(status)) {
        skip(normal, "not a regular file");
        continue;
      }
      if (is_snapshot_name(name)) {
        skip(normal, "a route snapshot, read with its config");
        continue;
      }
      if (has_suffix(name, ".policy.json")) {
        skip(normal, "a policy file, read with its config");
        continue;
      }
      const ConfigName kind = classify_config_name(name);
      if (kind == ConfigName::kConfig) {
        found.push_back(normal);
        continue;
      }
      if (kind == ConfigName::kNotConfig) {
        skip(normal, "not a config file name");
        continue;
      }
      std::string head;
      std::string error;
      if (!read_head(path, head, error) || looks_like_running_config(head)) {
        found.push_back(normal);  // when unreadable, reading it again reports why
      } else {
        skip(normal, "does not look like a running-config");
      }
    }
  }

  void unreadable(const fs::path& dir, const std::error_code& ec) {
    out_.unreadable.push_back({dir.lexically_normal().string(), ec.message()});
  }

  void skip(std::string path, std::string reason) {
    out_.skipped.push_back({std::move(path), std::move(reason)});
  }

  ConfigInputs& out_;
};

}  // namespace

bool is_snapshot_name(std::string_view name) {
  return has_suffix(name, ".routes.txt") || has_suffix(name, ".routes.json");
}

ConfigName classify_config_name(std::string_view name) {
  if (has_suffix(name, ".cfg") || has_suffix(name, ".conf")) return ConfigName::kConfig;
  if (is_snapshot_name(name) || has_suffix(name, ".json") || has_suffix(name, ".md")) {
    return ConfigName::kNotConfig;
  }
  return ConfigName::kByContent;
}

ConfigInputs find_configs(const std::vector<std::string>& inputs) {
  ConfigInputs out;
  Walk walk(out);
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      walk.directory(input);
    } else {
      out.configs.push_back(input == "-" ? input : fs::path(input).lexically_normal().string());
    }
  }
  std::vector<std::string> unique;
  for (std::string& f : out.configs) {
    if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(std::move(f));
  }
  out.configs = std::move(unique);
  std::sort(out.skipped.begin(), out.skipped.end(),
            [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  return out;
}

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

std::string fleet_policy(const std::string& config) {
  if (config == "-") return {};
  const fs::path path(config);
  fs::path candidate = path.parent_path() / path.stem();
  candidate += ".policy.json";
  std::error_code ec;
  return fs::is_regular_file(candidate, ec) ? candidate.string() : std::string();
}

}  // namespace vrfleak::cli
