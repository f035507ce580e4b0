// Tests of the bounded "did you mean" (core/diagnostic) and of the VRF ID range, on configs
// large enough that an unbounded search would take minutes.
#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>

#include "core/diagnostic.hpp"
#include "core/text.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

using testing::parse_text;

/// closest_name as it was: every candidate, full edit distance.
std::optional<std::string> brute_force(std::string_view name,
                                       const std::vector<std::string_view>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = std::min(name.size(), std::max<size_t>(1, name.size() / 4) + 1);
  for (std::string_view candidate : candidates) {
    const size_t d = edit_distance(ascii_lower(name), ascii_lower(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

TEST_CASE("suggest: the bounded search finds what the full search finds (random names)") {
  std::mt19937 random(19);
  auto word = [&](size_t length) {
    std::string out;
    for (size_t i = 0; i < length; ++i) out += "abcAB-1"[random() % 7];
    return out;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> names;
    for (int i = 0; i < 20; ++i) names.push_back(word(1 + random() % 12));
    std::vector<std::string_view> views(names.begin(), names.end());
    const std::string name = word(1 + random() % 12);
    CAPTURE(name);
    CHECK(closest_name(name, views) == brute_force(name, views));
  }
}

TEST_CASE("suggest: names past the length cap get no suggestion, messages cut long names") {
  const std::string long_a(100000, 'a');
  const std::string long_b = std::string(99999, 'a') + "b";
  CHECK_FALSE(closest_name(long_b, {long_a}));
  CHECK(name_for_message("VRF-Red") == "VRF-Red");
  CHECK(name_for_message(long_b) == std::string(60, 'a') + "... (100000 characters)");

  const auto start = std::chrono::steady_clock::now();
  auto p =
      parse_text("ip vrf " + long_a + "\ninterface Vlan 2\n ip vrf forwarding " + long_b + "\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK(briefs(*p) == testing::Lines{"3:20: undefined-vrf: VRF '" + std::string(60, 'a') +
                                     "... (100000 characters)' is not defined; define it with 'ip "
                                     "vrf " +
                                     std::string(60, 'a') + "... (100000 characters)'"});
}

TEST_CASE(
    "suggest: 40,000 references to misspelt names among 4,000 VRFs take well under a second") {
  std::string config;
  for (int i = 0; i < 4000; ++i) config += "ip vrf CUSTOMER-" + std::to_string(10000 + i) + "\n";
  for (int i = 0; i < 40000; ++i) {
    // 400 distinct misspellings, each used 100 times ("CUSTMER-10000").
    config += "ip route vrf CUSTMER-" + std::to_string(10000 + i % 400) + " 10.0.0.0/8 Null 0\n";
  }
  const auto start = std::chrono::steady_clock::now();
  auto p = parse_text(config);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // 0.2 s in a release build; generous for sanitizers on a loaded machine. (The unbounded search
  // did not finish in 300 s.)
  CHECK(elapsed < std::chrono::seconds(30));
  REQUIRE(p->sink.diagnostics().size() == 40000);
  CHECK(testing::brief(p->sink.diagnostics()[0]) ==
        "4001:14: undefined-vrf: VRF 'CUSTMER-10000' is not defined; did you mean "
        "'CUSTOMER-10000'?");
}

TEST_CASE("vrf ids: VRFs without an ID that run past 4095 are diagnosed once") {
  std::string config;
  for (int i = 1; i <= 4096; ++i) config += "ip vrf V" + std::to_string(i) + "\n";
  auto p = parse_text(config);
  CHECK(briefs(*p) ==
        testing::Lines{"4095:1: duplicate-vrf-id: no VRF ID is left for 'V4095': IDs 1 to 4095 are "
                       "all taken, so the switch refuses this VRF and 1 more defined without an "
                       "ID after it; give fewer VRFs"});
  CHECK(p->model.vrfs[p->model.find_vrf("V4094")].id == 4095);
  // 4,094 VRFs fit (512 is the management VRF's).
  config.resize(config.find("ip vrf V4095"));
  CHECK(briefs(*parse_text(config)).empty());
}

}  // namespace
}  // namespace vrfleak
