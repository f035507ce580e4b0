// tests/model_signature: what a model holds without its source positions, to compare the model
// of a config with the model of what `emit --target os9` makes of it (tests/emit_test.cpp, the
// fuzz target os9-roundtrip). No doctest here: the fuzz harnesses include it too.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "analyzer/model.hpp"
#include "analyzer/pipeline.hpp"
#include "emit/model_dump.hpp"
#include "emit/rtm.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak::testing {

inline void strip_lines(nlohmann::json& j) {
  if (j.is_object()) {
    j.erase("line");
    for (auto& [key, value] : j.items()) strip_lines(value);
  } else if (j.is_array()) {
    for (auto& value : j) strip_lines(value);
  }
}

inline std::string trimmed(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  text.remove_prefix(begin);
  while (!text.empty() && (text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

/// Everything the model holds, without source positions: the 'vrfleak.model/1' dump without
/// lines and line counts, plus what the dump does not show (IDs as written, the values kept
/// for emitters, the unrecognised lines with their blocks, the comments).
/// Whether an unrecognised line kept at the top level sits, by its indentation, under a line
/// that opens no block it could belong to (a line with an error, 'ip address'): the output
/// leaves such a line out (docs/emit.md).
inline bool orphan(const os9::SyntaxTree& tree, const UnrecognisedLine& line) {
  if (line.owner.kind != BlockRef::Kind::kTop) return false;
  for (const os9::Node& node : tree.nodes) {
    if (node.begin != line.range.begin || node.kind != os9::LineKind::kCommand) continue;
    for (int32_t p = node.parent; p >= 0; p = tree.nodes[p].parent) {
      const os9::Node& parent = tree.nodes[p];
      if (parent.error || parent.cmd != os9::Cmd::kUnknown) return true;
    }
    return false;
  }
  return false;
}

/// A sequence's other clauses as the switch shows them and `emit --target os9` prints them: the
/// matches, then the sets, then the continue, each kind in configuration order. A sequence typed
/// as two blocks whose clauses interleave reads back grouped, which is the same sequence.
inline std::vector<std::string> grouped_clauses(const RouteMapSequence& seq) {
  std::vector<std::string> clauses;
  for (const RouteMapClause::Kind kind : {RouteMapClause::Kind::kMatch, RouteMapClause::Kind::kSet,
                                          RouteMapClause::Kind::kContinue}) {
    for (const RouteMapClause& clause : seq.ignored) {
      if (clause.kind == kind) clauses.push_back(clause.clause.str());
    }
  }
  return clauses;
}

/// `left_out`: offsets of further unrecognised lines to leave out (the fuzz target's indented
/// top-level lines that follow no block opener, which the output leaves out: docs/emit.md).
/// `comments_in_order` false compares the comments and the top-level unrecognised lines as sets:
/// the output moves each with the section before it, so the comments of a config whose blocks are
/// not in the switch's order (the fuzz target's inputs) come out in another order.
inline std::string model_signature(const Model& model, const os9::SyntaxTree& tree,
                                   const std::set<uint32_t>& left_out = {},
                                   bool comments_in_order = true) {
  std::ostringstream dump;
  write_model_json(dump, model);
  nlohmann::json j = nlohmann::json::parse(dump.str());
  j.erase("lines");
  j.erase("file");
  strip_lines(j);
  // An 'interface group' list: the dump shows it as written (docs/parse.md: free-form text,
  // "TeNGigabitEthernet 1/5 -1/13,fortyGigE 1/49"), which the output prints with each type's
  // canonical name and its own spacing: compared as the model reads it, member by member.
  for (size_t g = 0; g < model.interface_groups.size(); ++g) {
    nlohmann::json members = nlohmann::json::array();
    for (const PortRange& member : model.interface_groups[g].members) {
      members.push_back(
          fmt::format("{} {} - {}", static_cast<int>(member.kind), member.first, member.last));
    }
    j["interface_groups"][g]["members"] = std::move(members);
  }
  for (size_t m = 0; m < model.route_maps.size(); ++m) {
    const std::vector<RouteMapSequence>& sequences = model.route_maps[m].sequences;
    for (size_t q = 0; q < sequences.size(); ++q) {
      j["route_maps"][m]["sequences"][q]["other_clauses"] = grouped_clauses(sequences[q]);
    }
  }
  // The clauses put back above are as written (any bytes; the dump's strings are valid UTF-8):
  // the text below compares them byte for byte.
  std::string out = j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  for (const Vrf& vrf : model.vrfs) {
    out += fmt::format("vrf {} explicit {} defined {}\n", vrf.name, vrf.id_explicit, vrf.defined);
  }
  for (const Interface& intf : model.interfaces) {
    for (const auto& list : intf.addresses) {
      for (const InterfaceAddress& a : list) out += "address option " + a.option + "\n";
    }
  }
  for (const StaticRoute& route : model.static_routes) {
    if (route.permanent) out += "permanent " + route.prefix.to_string() + "\n";
  }
  for (const RouteMap& map : model.route_maps) {
    for (const RouteMapSequence& seq : map.sequences) {
      out += fmt::format("route-map {} {} description '{}'\n", map.name, seq.sequence,
                         seq.description);
      for (const std::string& clause : grouped_clauses(seq)) out += " clause " + clause + "\n";
    }
  }
  for (const PrefixList& list : model.prefix_lists) {
    out += "prefix-list " + list.name + " description '" + list.description + "'\n";
  }
  for (const ProtocolStanza& stanza : model.stanzas) {
    out += "stanza family '" + stanza.family + "'\n";
    for (const Redistribution& r : stanza.redistributions) out += " options " + r.options + "\n";
    for (const BgpNeighbor& n : stanza.neighbors)
      out += " " + n.peer + " " + n.settings.str() + "\n";
  }
  // By block (the order of the blocks in the output is the switch's, not the input's), in
  // configuration order within each.
  std::vector<UnrecognisedLine> lines(model.unrecognised.begin(), model.unrecognised.end());
  std::stable_sort(lines.begin(), lines.end(),
                   [](const UnrecognisedLine& a, const UnrecognisedLine& b) {
                     return std::tie(a.owner.kind, a.owner.index, a.owner.sequence) <
                            std::tie(b.owner.kind, b.owner.index, b.owner.sequence);
                   });
  // The top-level ones (owner kind 0, sorted first) move with the section before them like the
  // comments: compared as a set when the comments are.
  std::vector<std::string> unrecognised;
  size_t top_level = 0;
  for (const UnrecognisedLine& line : lines) {
    if (orphan(tree, line) || left_out.count(line.range.begin) != 0) continue;
    if (static_cast<int>(line.owner.kind) == 0) ++top_level;
    unrecognised.push_back(fmt::format("unrecognised {} {} {}: {}\n",
                                       static_cast<int>(line.owner.kind), line.owner.index,
                                       line.owner.sequence, trimmed(line.range.text())));
  }
  if (!comments_in_order) {
    std::sort(unrecognised.begin(), unrecognised.begin() + static_cast<std::ptrdiff_t>(top_level));
  }
  for (const std::string& line : unrecognised) out += line;
  std::vector<std::string> comments;
  for (const SourceRange& comment : model.comments) {
    comments.push_back("comment " + trimmed(comment.text()) + "\n");
  }
  if (!comments_in_order) std::sort(comments.begin(), comments.end());
  for (const std::string& comment : comments) out += comment;
  return out;
}

/// Sorts the next hops of every route in a 'vrfleak.rtm/1' document.
inline void sort_next_hops(nlohmann::json& j) {
  if (j.is_object()) {
    for (auto& [key, value] : j.items()) {
      if (key == "next_hops" && value.is_array()) {
        std::sort(value.begin(), value.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
          return a.dump() < b.dump();
        });
      } else {
        sort_next_hops(value);
      }
    }
  } else if (j.is_array()) {
    for (auto& value : j) sort_next_hops(value);
  }
}

/// The predicted tables of a config (its VRFs', then the management table), each route's ECMP
/// next hops as a set. Their order is the configuration's (docs/rtm.md), which the output of
/// `emit --target os9` need not keep: it prints an interface typed twice as one block where it
/// was first typed, so two interfaces given one subnet (a duplicate-address) can swap (fuzz,
/// os9-roundtrip).
inline std::string rtm_json(const std::string& text) {
  SourceFile file("rtm.cfg", text);
  DiagnosticSink sink;
  auto analysis = analyze(file, {}, {}, sink);
  std::string out;
  for (const bool management : {false, true}) {
    std::ostringstream table;
    RtmFilter filter;
    filter.management = management;
    write_rtm_json(table, analysis->rtm, filter);
    // A name in bytes that are not UTF-8 (a fuzzed input's) is written as it is: compared as
    // the text, in order.
    nlohmann::json j = nlohmann::json::parse(table.str(), nullptr, false);
    if (j.is_discarded()) {
      out += table.str();
      continue;
    }
    sort_next_hops(j);
    out += j.dump(1) + "\n";
  }
  return out;
}

/// Whether the input has a filter line vrfleak reads as matching nothing (DESIGN 4.5): the
/// output leaves it out, as the switch would refuse it, so the tables may differ.
inline bool has_unreadable_filter(const Model& model) {
  for (const RouteMap& map : model.route_maps) {
    for (const RouteMapSequence& seq : map.sequences) {
      if (!seq.unreadable.empty()) return true;
    }
  }
  for (const PrefixList& list : model.prefix_lists) {
    if (!list.unreadable.empty()) return true;
  }
  return false;
}

}  // namespace vrfleak::testing
