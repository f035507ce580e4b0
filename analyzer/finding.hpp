// analyzer/finding: what identifies a finding across two versions of a config, so that a diff
// can tell new findings from fixed ones (DESIGN 5.4: "matched by rule, object and message, never
// by line number").
//
// Input: a Diagnostic. Output: its FindingKey: the rule, the object it is about (the line it
// points at, prefixed by the block that holds it when the line is indented: "ip vrf A > ip
// route-import 1:1"), and the message. Diagnostics: none.
#pragma once

#include <compare>
#include <string>

#include "core/diagnostic.hpp"

namespace vrfleak {

struct FindingKey {
  Rule rule;
  std::string object;  // "" when the finding points at no line
  std::string message;

  friend auto operator<=>(const FindingKey&, const FindingKey&) = default;
  friend bool operator==(const FindingKey&, const FindingKey&) = default;
};

/// The identity of a finding: equal for the same finding on both sides of a change, whatever
/// lines were added or removed around it.
FindingKey finding_key(const Diagnostic& diagnostic);

}  // namespace vrfleak
