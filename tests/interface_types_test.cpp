// grammar/type_prefix and the interface type tables of grammar/os9 and grammar/os10: a typed
// type word resolves, ignoring case, to the type it names exactly or uniquely abbreviates.
#include <doctest/doctest.h>

#include <array>
#include <span>
#include <string_view>

#include "grammar/os10/interface_types.hpp"
#include "grammar/os9/interface_types.hpp"
#include "grammar/type_prefix.hpp"

namespace vrfleak {
namespace {

using grammar::TypeMatch;

struct Row {
  std::string_view name;
};
constexpr std::array kRows = {Row{"vlan"}, Row{"vlan-long"}, Row{"loopback"}};

TEST_CASE("type prefix: an exact name wins over the longer names it abbreviates") {
  const std::span<const Row> rows(kRows);
  CHECK(grammar::resolve_type_prefix(rows, "VLAN") == std::pair{TypeMatch::kFound, &kRows[0]});
  CHECK(grammar::resolve_type_prefix(rows, "vlan-l") == std::pair{TypeMatch::kFound, &kRows[1]});
  CHECK(grammar::resolve_type_prefix(rows, "vl").first == TypeMatch::kAmbiguous);
  CHECK(grammar::resolve_type_prefix(rows, "Lo") == std::pair{TypeMatch::kFound, &kRows[2]});
  CHECK(grammar::resolve_type_prefix(rows, "loopbacks").first == TypeMatch::kUnknown);
  CHECK(grammar::resolve_type_prefix(rows, "x").first == TypeMatch::kUnknown);
  CHECK(grammar::resolve_type_prefix(rows, "").first == TypeMatch::kUnknown);
  CHECK(grammar::iequal_prefix("TeN", "TenGigabitEthernet"));
  CHECK_FALSE(grammar::iequal_prefix("TenX", "TenGigabitEthernet"));
}

os9::IntfTypeMatch::Status os9_status(std::string_view word) {
  return os9::resolve_interface_type(word).status;
}

os9::IntfType os9_type(std::string_view word) {
  const os9::IntfTypeMatch match = os9::resolve_interface_type(word);
  REQUIRE(match.status == TypeMatch::kFound);
  return match.type;
}

TEST_CASE("os9 interface types: names and prefixes in any case, and show output's short names") {
  CHECK(os9_type("TenGigabitEthernet") == os9::IntfType::kTenGigabitEthernet);
  CHECK(os9_type("TeNGigabitEthernet") == os9::IntfType::kTenGigabitEthernet);
  CHECK(os9_type("te") == os9::IntfType::kTenGigabitEthernet);
  CHECK(os9_type("fo") == os9::IntfType::kFortyGigE);
  CHECK(os9_type("FORTYGIGE") == os9::IntfType::kFortyGigE);
  CHECK(os9_type("managementethernet") == os9::IntfType::kManagementEthernet);
  CHECK(os9_type("Vlan") == os9::IntfType::kVlan);
  CHECK(os9_type("Tu") == os9::IntfType::kTunnel);
  // "Tf" abbreviates no name: it is twentyFiveGigE's short name in show output.
  CHECK(os9_type("Tf") == os9::IntfType::kTwentyFiveGigE);
  CHECK(os9_type("tf") == os9::IntfType::kTwentyFiveGigE);
  CHECK(os9_status("t") == TypeMatch::kAmbiguous);  // TenGig..., twentyFive..., Tunnel
  CHECK(os9_status("f") == TypeMatch::kAmbiguous);  // fortyGigE, fiftyGigE
  CHECK(os9_status("Tx") == TypeMatch::kUnknown);
  CHECK(os9_status("group") == TypeMatch::kUnknown);
  CHECK(os9_status("") == TypeMatch::kUnknown);
}

TEST_CASE("os10 interface types: names and prefixes in any case") {
  CHECK(os10::resolve_interface_type("eth").type == os10::IntfType::kEthernet);
  CHECK(os10::resolve_interface_type("Ethernet").type == os10::IntfType::kEthernet);
  CHECK(os10::resolve_interface_type("vl").type == os10::IntfType::kVlan);
  CHECK(os10::resolve_interface_type("MGMT").type == os10::IntfType::kMgmt);
  CHECK(os10::resolve_interface_type("port-channel").type == os10::IntfType::kPortChannel);
  CHECK(os10::resolve_interface_type("v").status == TypeMatch::kAmbiguous);  // vlan, virtual-...
  CHECK(os10::resolve_interface_type("Te").status == TypeMatch::kUnknown);   // no short names
  CHECK(os10::resolve_interface_type("ethernets").status == TypeMatch::kUnknown);
  CHECK(os10::resolve_interface_type("").status == TypeMatch::kUnknown);
}

}  // namespace
}  // namespace vrfleak
