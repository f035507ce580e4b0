// analyzer/intent: the sharing intent that `vrfleak compile` turns into a change script
// ('vrfleak.intent/1', DESIGN 5.7).
//
// Input: a SourceFile holding the intent's JSON. Output: an Intent: the services to share
// (`from` VRF, the routes it shares, the `to` VRFs, what each `to` VRF leaks back for the
// replies), the VRF pairs that must stay isolated, and the naming of what the compiler creates;
// every value keeps the range of the JSON text it was read from, so that a problem names the
// entry at fault. The policy assertions an intent implies (vrfleak.policy/1) come from
// intent_policy().
// Diagnostics: syntax-error (invalid JSON, a wrong "schema", an unknown key, a value of the
// wrong kind, a malformed prefix-list entry, an unknown protocol), at the value at fault.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/checks.hpp"
#include "core/diagnostic.hpp"
#include "core/ip.hpp"
#include "core/route.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// One prefix-list entry of an intent: `P [ge N] [le N]` (DESIGN 4.5 ranges).
struct IntentPrefix {
  Prefix prefix;  // masked
  std::optional<uint8_t> ge;
  std::optional<uint8_t> le;
  SourceRange range;

  /// Whether a route to `route` matches the entry as an OS9 prefix-list entry would.
  bool matches(const Prefix& route) const;
  /// "44.4.4.0/24 le 32".
  std::string to_string() const;
  friend bool operator==(const IntentPrefix& a, const IntentPrefix& b) {
    return a.prefix == b.prefix && a.ge == b.ge && a.le == b.le;
  }
};

/// What a share leaks: every route ("all", or an object without restrictions), or the routes
/// of the listed protocols whose prefix matches one of the entries (each list restricts only
/// when present).
struct RouteFilter {
  std::vector<Protocol> protocols;     // sorted, each once; empty: any protocol
  std::vector<IntentPrefix> prefixes;  // in the order written; empty: any prefix
  SourceRange range;

  bool all() const { return protocols.empty() && prefixes.empty(); }
  bool matches(const Route& route) const;
  /// "all", "connected, ospf routes in 44.4.4.0/24 le 32, 144.4.4.0/24".
  std::string to_string() const;
  friend bool operator==(const RouteFilter& a, const RouteFilter& b) {
    return a.protocols == b.protocols && a.prefixes == b.prefixes;
  }
};

/// A VRF name as written in the intent.
struct IntentVrf {
  std::string name;
  SourceRange range;
};

/// One entry of "share".
struct IntentShare {
  IntentVrf from;
  std::vector<IntentVrf> to;
  RouteFilter routes;
  /// What each `to` VRF leaks back to `from` for the replies; nullopt: nothing.
  std::optional<RouteFilter> reply;
  SourceRange range;    // the entry
  uint32_t number = 0;  // one-based position in "share", for messages
};

/// One entry of "isolate": neither VRF may hold a route leaked from the other.
struct IntentIsolation {
  IntentVrf first;
  IntentVrf second;
  SourceRange range;
  uint32_t number = 0;  // one-based position in "isolate"
};

/// How the compiler names what it creates.
struct IntentNaming {
  uint32_t asn = 65000;                    // tags are ASN:N
  std::string route_map_prefix = "VL-";    // route-maps: PREFIX<VRF>-export / -import
  std::string prefix_list_prefix = "VL-";  // prefix-lists: PREFIX<VRF>[-N]
};

/// A 'vrfleak.intent/1' file.
struct Intent {
  const SourceFile* file = nullptr;
  std::vector<IntentShare> shares;
  std::vector<IntentIsolation> isolations;
  IntentNaming naming;
};

/// Reads an intent file; nullopt when it is malformed (syntax-error diagnostics in `sink`).
std::optional<Intent> read_intent(const SourceFile& file, DiagnosticSink& sink);

/// The policy assertions the intent implies: every isolation, and for every share entry of
/// an exact prefix (no ge/le) that each consumer reaches it.
Policy intent_policy(const Intent& intent);

}  // namespace vrfleak
