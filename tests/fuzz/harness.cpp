// tests/fuzz/harness: the libFuzzer entry point of one target, chosen at build time by
// VRFLEAK_FUZZ_TARGET (tests/fuzz/CMakeLists.txt builds one executable per target).
//
// Input: the bytes libFuzzer makes. Output: none; a broken invariant prints what broke and
// aborts, which libFuzzer records as a crash. Diagnostics: none.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tests/fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const vrfleak::fuzz::Target* target = vrfleak::fuzz::find_target(VRFLEAK_FUZZ_TARGET);
  if (target == nullptr) {
    std::fprintf(stderr, "no fuzz target named '%s'\n", VRFLEAK_FUZZ_TARGET);
    std::abort();
  }
  const std::string error =
      target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!error.empty()) {
    std::fprintf(stderr, "fuzz target %s: %s\n", VRFLEAK_FUZZ_TARGET, error.c_str());
    std::abort();
  }
  return 0;
}
