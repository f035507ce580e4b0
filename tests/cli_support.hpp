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
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
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
  const std::string command = std::string("cd '" VRFLEAK_SOURCE_DIR "' && NO_COLOR=1 '") +
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
