// analyzer/checks: the lint rules that look at the config as a whole (DESIGN 5, `vrfleak check`).
//
// Input: the Model (with the references to route-maps and prefix-lists its builder found on
// every line), the Rtm after leaking and the LeakTopology; optionally a Policy and the enabled
// rules. Output: diagnostics only.
// Diagnostics: unmatched-import-tag, unmatched-export-tag, one-way-leak,
//   leak-route-map-without-match, static-leak-vlan-next-hop, duplicate-address, empty-vrf,
//   unused-route-map, unused-prefix-list, policy-violation, vlan-without-members; read_policy:
//   syntax-error.
// (The other rules are raised by the stages that find them: grammar, model editor, RTM
// builder, leak engine.)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/leak_topology.hpp"
#include "analyzer/model.hpp"
#include "analyzer/rtm.hpp"

namespace vrfleak {

/// One assertion of a policy file, with the place it was written.
struct PolicyAssertion {
  enum class Kind : uint8_t { kIsolate, kReach, kDeny } kind;
  std::string from;  // VRF (isolate: the first VRF)
  std::string to;    // isolate: the second VRF; reach/deny: address or prefix as written
  std::optional<Prefix> prefix;  // reach/deny: parsed (an address becomes a host prefix)
  SourceRange range;             // the element in the policy file
};

/// A 'vrfleak.policy/1' file (DESIGN 3.3).
struct Policy {
  std::vector<PolicyAssertion> assertions;
};

/// Reads a policy file; problems are syntax-error diagnostics with their location.
Policy read_policy(const SourceFile& file, DiagnosticSink& sink);

struct CheckOptions {
  const Policy* policy = nullptr;
  /// Per Rule (indexed by its value): whether it is reported. Empty: every rule. A check whose
  /// rules are all disabled is not run (`--disable`).
  std::vector<bool> enabled;

  bool is_enabled(Rule rule) const {
    const auto i = static_cast<size_t>(rule);
    return i >= enabled.size() || enabled[i];
  }
};

/// Runs every whole-config check whose rules are enabled.
void run_checks(const Model& model, const Rtm& rtm, const LeakTopology& topology,
                const CheckOptions& options, DiagnosticSink& sink);

}  // namespace vrfleak
