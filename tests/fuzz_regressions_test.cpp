// tests/fuzz-regressions/TARGET/*: every input a fuzz target once crashed or broke an invariant
// on, replayed through the same target (tests/fuzz/targets.hpp) in every preset, so the
// sanitize preset checks them under ASan and UBSan.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/fuzz/targets.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;

TEST_CASE("fuzz regressions: every input of tests/fuzz-regressions/ passes its target") {
  const fs::path root = testing::source_path("tests/fuzz-regressions");
  size_t replayed = 0;
  for (const fuzz::Target& target : fuzz::targets()) {
    const fs::path dir = root / std::string(target.name);
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file()) inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
    for (const fs::path& input : inputs) {
      INFO("input: ", fs::relative(input, root).generic_string());
      std::ifstream in(input, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      CHECK(target.run(bytes.str()) == "");
      ++replayed;
    }
  }
  // Every folder is a target's: a misspelt folder would never be replayed.
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) {
      CHECK_MESSAGE(fuzz::find_target(entry.path().filename().string()) != nullptr,
                    "no fuzz target for ", entry.path().filename().string());
    }
  }
  MESSAGE(replayed, " fuzz regression inputs replayed");
}

TEST_CASE("fuzz targets: each runs its seeds-like inputs and empty input without a failure") {
  for (const fuzz::Target& target : fuzz::targets()) {
    INFO("target: ", target.name);
    CHECK(target.run("") == "");
    CHECK(target.run(std::string("\0\xff\n{", 4)) == "");
  }
}

}  // namespace
}  // namespace vrfleak
