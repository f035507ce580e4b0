// tests/fuzz/targets: one function per reader and the pipeline behind it, shared by the
// libFuzzer harnesses (tests/fuzz/harness.cpp, preset clang) and the replay of
// tests/fuzz-regressions/ by the unit tests (every preset).
//
// Input: any bytes. Output: empty when every invariant held, else what went wrong (the harness
// aborts with it; the replay test fails with it). Crashes, leaks and undefined behaviour are the
// sanitizers' to report. Diagnostics: those of the readers, checked (every range inside its
// file) and dropped.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace vrfleak::fuzz {

/// A reader (and the stages after it) run on arbitrary bytes.
struct Target {
  std::string_view name;         // "os9", "showroute", ...: the folder of its regressions
  std::string_view description;  // for `./dev fuzz --list`
  std::string (*run)(std::string_view data);
};

/// Every target, in a fixed order.
std::span<const Target> targets();

/// The target named `name`, or null.
const Target* find_target(std::string_view name);

}  // namespace vrfleak::fuzz
