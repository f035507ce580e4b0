// Running the vrfleak binary from tests, and golden files.
//
// Set VRFLEAK_UPDATE_GOLDENS=1 to rewrite the golden files from the current outputs (then review
// every changed golden by eye before committing it).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace vrfleak::testing {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// A file of the repository, by its path relative to the top ("docs/check.md").
inline std::string read_source(std::string_view relative) {
  return read_file(std::filesystem::path(VRFLEAK_SOURCE_DIR) / relative);
}

/// The lines of a text, without their line ends (CRLF too).
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

/// What a shell command printed on standard output, and its wait status.
struct CommandOutput {
  std::string text;
  int status = -1;
};

/// Whether a Markdown line opens or closes a fenced code block.
inline bool is_fence(const std::string& line) { return line.rfind("```", 0) == 0; }

/// A `## heading` section of a Markdown page: its heading and the lines after it, up to the next
/// heading.
struct Section {
  std::string slug;
  std::vector<std::string> lines;
};

/// The `## ` sections of a page, ignoring headings inside fenced code blocks and the `# ` title.
inline std::vector<Section> markdown_sections(const std::string& text) {
  std::vector<Section> sections;
  bool in_code = false;
  for (const std::string& line : split_lines(text)) {
    if (is_fence(line)) in_code = !in_code;
    if (!in_code && line.rfind("## ", 0) == 0) {
      sections.push_back({line.substr(3), {}});
      continue;
    }
    if (!in_code && line.rfind("# ", 0) == 0) continue;  // the page title
    if (!sections.empty()) sections.back().lines.push_back(line);
  }
  return sections;
}

/// The lines of the fenced block that follows a line reading exactly `label` (blank lines may
/// sit between); nullopt when there is no such label or it is not followed by a closed block.
inline std::optional<std::vector<std::string>> block_after(const Section& section,
                                                           std::string_view label) {
  const auto& lines = section.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] != label) continue;
    size_t j = i + 1;
    while (j < lines.size() && lines[j].empty()) ++j;
    if (j == lines.size() || !is_fence(lines[j])) return std::nullopt;
    std::vector<std::string> body;
    for (size_t k = j + 1; k < lines.size(); ++k) {
      if (is_fence(lines[k])) return body;
      body.push_back(lines[k]);
    }
    return std::nullopt;  // unclosed block
  }
  return std::nullopt;
}

/// The option names of a CLI11 help text ("-j", "--jobs", "--help", ...), from its Options
/// section: the lines that start with two blanks and a dash, up to the first empty line.
inline std::set<std::string> help_options(const std::string& help) {
  std::set<std::string> options;
  bool in_options = false;
  for (const std::string& line : split_lines(help)) {
    if (line.rfind("Options:", 0) == 0) {
      in_options = true;
      continue;
    }
    if (!in_options) continue;
    if (line.empty()) break;
    // "  -h,--help ...", "  --vrf TEXT ...", "  -j,--jobs UINT:..."
    if (line.size() < 3 || line[0] != ' ' || line[1] != ' ' || line[2] != '-') continue;
    const size_t end = line.find(' ', 2);
    std::istringstream names(line.substr(2, end == std::string::npos ? end : end - 2));
    for (std::string name; std::getline(names, name, ',');) {
      if (!name.empty()) options.insert(name);
    }
  }
  return options;
}

inline CommandOutput run_command(const std::string& command) {
  CommandOutput output;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE_MESSAGE(pipe != nullptr, "cannot run " << command);
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.text.append(buffer, n);
  output.status = pclose(pipe);
  return output;
}

/// A string quoted for the shell: 'it'\''s'.
inline std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

/// Whether `token` occurs in `text` as a whole word: "--af" in "`--af ipv4`", not in "--after".
inline bool mentions(std::string_view text, std::string_view token) {
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  };
  for (size_t at = text.find(token); at != std::string_view::npos; at = text.find(token, at + 1)) {
    const size_t end = at + token.size();
    if ((at == 0 || !word_char(text[at - 1])) && (end == text.size() || !word_char(text[end]))) {
      return true;
    }
  }
  return false;
}

/// A scratch directory of this test process.
inline std::filesystem::path scratch_dir() {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("vrfleak_tests_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

/// Runs `vrfleak ARGS` in the source directory (so file names print as 'samples/...'), with
/// standard input from `input` (relative to the source directory) or /dev/null.
inline Run run_vrfleak(const std::string& args, const std::string& input = "/dev/null") {
  static int counter = 0;
  const std::string id = std::to_string(++counter);
  const auto out = scratch_dir() / ("out" + id);
  const auto err = scratch_dir() / ("err" + id);
  // TF_BUILD emptied: SARIF is the same whether or not the tests run in an Azure pipeline.
  const std::string command = std::string("cd '" VRFLEAK_SOURCE_DIR "' && NO_COLOR=1 TF_BUILD= '") +
                              VRFLEAK_BINARY + "' " + args + " <'" + input + "' >'" + out.string() +
                              "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  Run run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_file(out);
  run.err = read_file(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return run;
}

/// Compares `actual` with tests/golden/NAME, or rewrites the golden when asked to.
inline void check_golden(const std::string& name, const std::string& actual) {
  const auto path = std::filesystem::path(VRFLEAK_SOURCE_DIR) / "tests" / "golden" / name;
  const char* update = std::getenv("VRFLEAK_UPDATE_GOLDENS");
  if (update != nullptr && *update != '\0') {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("rewrote ", path.string());
    return;
  }
  REQUIRE_MESSAGE(std::filesystem::exists(path), "missing golden ", path.string());
  const std::string expected = read_file(path);
  INFO("golden: ", path.string());
  CHECK(actual == expected);
}

}  // namespace vrfleak::testing
