#include "analyzer/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/explain.hpp"

namespace vrfleak {
namespace {

constexpr uint32_t kSkipped = UINT32_MAX;

std::string_view trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

/// The compared lines of one config: per line (zero-based) its text without trailing blanks and the
/// line of the block header that holds it (itself for a top-level line; kSkipped for blank lines,
/// comments and 'end').
struct LineIndex {
  std::vector<std::string_view> text;
  std::vector<uint32_t> header;

  explicit LineIndex(std::string_view file) {
    uint32_t current = kSkipped;
    size_t at = 0;
    while (at < file.size()) {
      size_t end = file.find('\n', at);
      if (end == std::string_view::npos) end = file.size();
      const std::string_view raw = file.substr(at, end - at);
      const std::string_view line = trim(raw);
      const auto index = static_cast<uint32_t>(text.size());
      // Indentation is kept: it decides which block a line belongs to (a line indented deeper
      // than its neighbours is read as nested in the line above).
      text.push_back(line.empty() ? line : raw.substr(0, line.data() + line.size() - raw.data()));
      if (line.empty() || line[0] == '!') {
        header.push_back(kSkipped);
      } else if (raw[0] == ' ' || raw[0] == '\t') {
        header.push_back(current == kSkipped ? index : current);
      } else if (line == "end") {
        header.push_back(kSkipped);
        current = kSkipped;
      } else {
        header.push_back(index);
        current = index;
      }
      at = end + 1;
    }
  }

  bool compared(uint32_t i) const { return header[i] != kSkipped; }
  /// The header text of the line's block; "" for a top-level line.
  std::string_view block(uint32_t i) const {
    return header[i] == i ? std::string_view{} : text[header[i]];
  }
  /// The block a line belongs to for grouping: its header's text (its own for a header).
  std::string_view group(uint32_t i) const { return text[header[i]]; }
};

uint64_t line_hash(const LineIndex& index, uint32_t i) {
  const std::hash<std::string_view> h;
  return h(index.block(i)) * 0x9E3779B97F4A7C15ULL ^ h(index.text[i]);
}

struct Side {
  const DiffSide& in;
  const Analysis* a = nullptr;
  std::optional<LineIndex> lines;
  /// Changed line (zero-based) -> index into ConfigDiff::lines.
  std::unordered_map<uint32_t, uint32_t> changed;

  explicit Side(const DiffSide& side) : in(side), a(side.analysis) {
    if (a != nullptr && a->model.file != nullptr) lines.emplace(a->model.file->text());
  }
  const SourceFile* file() const { return a != nullptr ? a->model.file : nullptr; }
  VrfIndex vrf(std::string_view name) const {
    return a != nullptr ? a->model.find_vrf(name) : kNoVrf;
  }
};

/// The lines only one side has (a multiset difference of (block, line) pairs).
void diff_lines(Side& before, Side& after, ConfigDiff& out) {
  std::vector<std::pair<uint64_t, uint32_t>> keys[2];
  Side* sides[2] = {&before, &after};
  for (int s = 0; s < 2; ++s) {
    if (!sides[s]->lines) continue;
    const LineIndex& index = *sides[s]->lines;
    for (uint32_t i = 0; i < index.text.size(); ++i) {
      if (index.compared(i)) keys[s].emplace_back(line_hash(index, i), i);
    }
    std::sort(keys[s].begin(), keys[s].end());
  }
  std::vector<uint32_t> only[2];
  size_t i = 0, j = 0;
  while (i < keys[0].size() || j < keys[1].size()) {
    if (j == keys[1].size() || (i < keys[0].size() && keys[0][i].first < keys[1][j].first)) {
      only[0].push_back(keys[0][i++].second);
    } else if (i == keys[0].size() || keys[1][j].first < keys[0][i].first) {
      only[1].push_back(keys[1][j++].second);
    } else {
      ++i, ++j;
    }
  }
  // Grouped by block, in the order the groups first appear (BEFORE's removals, then AFTER's
  // additions); removals before additions, each in line order, within a group.
  struct Pending {
    size_t group;
    int side;  // 0 removed, 1 added
    uint32_t line;
  };
  std::unordered_map<std::string_view, size_t> groups;
  std::vector<Pending> pending;
  for (int s = 0; s < 2; ++s) {
    std::sort(only[s].begin(), only[s].end());
    for (uint32_t line : only[s]) {
      const std::string_view group = sides[s]->lines->group(line);
      const size_t g = groups.emplace(group, groups.size()).first->second;
      pending.push_back({g, s, line});
    }
  }
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& x, const Pending& y) {
    return std::tie(x.group, x.side, x.line) < std::tie(y.group, y.side, y.line);
  });
  for (const Pending& p : pending) {
    const LineIndex& index = *sides[p.side]->lines;
    sides[p.side]->changed.emplace(p.line, static_cast<uint32_t>(out.lines.size()));
    out.lines.push_back({p.side == 0 ? DiffChange::kRemoved : DiffChange::kAdded,
                         std::string(index.block(p.line)), std::string(index.text[p.line]),
                         p.line + 1});
  }
}

RouteValue route_value(const Route& route, std::string leaked_from) {
  RouteValue v;
  v.code = std::string(protocol_code(route.protocol));
  if (route.subcode != SubCode::kNone) v.code += fmt::format(" {}", subcode_name(route.subcode));
  v.protocol = route.protocol;
  v.distance = route.distance;
  v.metric = route.metric;
  v.next_hops = route.next_hops;
  v.leaked_from = std::move(leaked_from);
  return v;
}

bool same_route(const RouteValue& a, const RouteValue& b) {
  return a.protocol == b.protocol && a.distance == b.distance && a.next_hops == b.next_hops &&
         a.leaked_from == b.leaked_from;
}

/// The installed routes of one table, native and leaked, in prefix order.
struct Installed {
  const Route* route;
  VrfIndex source;  // kNoVrf: native
};

std::vector<Installed> installed(const Rtm& rtm, VrfIndex vrf, Af af) {
  const VrfTable& table = rtm.table(vrf, af);
  std::vector<Installed> out;
  out.reserve(table.native.size() + table.leaked.size());
  size_t n = 0, l = 0;
  while (n < table.native.size() || l < table.leaked.size()) {
    if (l == table.leaked.size() ||
        (n < table.native.size() &&
         table.native[n].prefix < rtm.route(af, table.leaked[l]).prefix)) {
      out.push_back({&table.native[n++], kNoVrf});
    } else {
      const LeakedRoute& leaked = table.leaked[l++];
      out.push_back({&rtm.route(af, leaked), leaked.source});
    }
  }
  return out;
}

/// The config lines (zero-based) that decide `prefix` in `vrf` on one side: every line the
/// explanation names, the VRF's own line, and the connected routes that resolve a static's next
/// hop.
std::vector<uint32_t> deciding_lines(const Side& side, VrfIndex vrf, const Prefix& prefix) {
  std::vector<uint32_t> lines;
  if (side.a == nullptr || vrf == kNoVrf) return lines;
  const Analysis& a = *side.a;
  const SourceFile* file = side.file();
  auto add = [&](const SourceRange& range) {
    if (range.file == file && file != nullptr)
      lines.push_back(file->line_col(range.begin).line - 1);
  };
  auto add_resolution = [&](VrfIndex owner, const Route& route) {
    if (route.protocol != Protocol::kStatic || owner == kNoVrf) return;
    for (const NextHop& hop : route.next_hops) {
      if (!hop.address) continue;
      const Route* best = nullptr;
      for (const Route& r : a.rtm.table(owner, route.prefix.af()).native) {
        if (r.protocol == Protocol::kConnected && r.prefix.contains(*hop.address) &&
            (best == nullptr || r.prefix.length() > best->prefix.length())) {
          best = &r;
        }
      }
      if (best != nullptr) add(best->origin);
    }
  };
  add(a.model.vrfs[vrf].range);
  const Explanation e = explain(a.rtm, a.topology, vrf, prefix);
  for (const ExplainStep& step : e.steps) {
    add(step.where);
    if (step.route != nullptr) {
      add(step.route->origin);
      add_resolution(step.kind == ExplainStep::Kind::kNative ? vrf : step.vrf, *step.route);
    }
    if (step.sequence != nullptr) add(step.sequence->range);
    if (step.entry != nullptr) add(step.entry->range);
    if (step.static_route != nullptr) add(step.static_route->range);
  }
  return lines;
}

/// The changed lines that decide a route: those the explanations name themselves when there are
/// any, else every changed line of the blocks they name. The side that holds the route is
/// explained first; the other (an explanation of absence walks every import line and exporter,
/// the costly kind) only when the first leads to no changed line.
std::vector<uint32_t> causes(
    const Side& before, const Side& after, const RouteChange& change,
    const std::unordered_map<std::string_view, std::vector<uint32_t>>& by_group) {
  std::vector<uint32_t> exact;
  std::vector<std::string_view> groups;
  const Side* holder = change.after ? &after : &before;
  const Side* other = change.after ? &before : &after;
  const Side* passes[2][2] = {{holder, change.kind == DiffChange::kChanged ? other : nullptr},
                              {change.kind == DiffChange::kChanged ? nullptr : other, nullptr}};
  auto from_groups = [&] {
    std::vector<uint32_t> out;
    for (std::string_view g : groups) {
      if (auto it = by_group.find(g); it != by_group.end()) {
        out.insert(out.end(), it->second.begin(), it->second.end());
      }
    }
    return out;
  };
  std::vector<uint32_t> out;
  for (const auto& pass : passes) {
    for (const Side* side : pass) {
      if (side == nullptr || !side->lines) continue;
      const VrfIndex v = side->vrf(change.vrf);
      const SourceFile* file = side->file();
      const uint32_t own = v == kNoVrf || side->a->model.vrfs[v].range.file != file
                               ? kSkipped
                               : file->line_col(side->a->model.vrfs[v].range.begin).line - 1;
      for (uint32_t line : deciding_lines(*side, v, change.prefix)) {
        if (line >= side->lines->text.size() || !side->lines->compared(line)) continue;
        if (auto it = side->changed.find(line); it != side->changed.end()) {
          exact.push_back(it->second);
        }
        // The target VRF's block holds every leak line of the VRF: a change there decides this
        // route only when the explanation names it.
        if (line == own) continue;
        groups.push_back(side->lines->group(line));
      }
    }
    out = !exact.empty() ? std::move(exact) : from_groups();
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// The first two words of a line: what an edit keeps ("ip route-import", "seq 10", "ip address").
std::string_view command_of(std::string_view text) {
  text = trim(text);
  size_t end = text.find(' ');
  if (end != std::string_view::npos) end = text.find(' ', end + 1);
  return text.substr(0, end);
}

/// Per changed line, the lines of the other kind in the same block that start with the same
/// command: together, an edit ('ip route-import 6:6' became 'ip route-import 6:6 6:7').
std::vector<std::vector<uint32_t>> edit_partners(const std::vector<LineChange>& lines) {
  std::map<std::pair<std::string_view, std::string_view>, std::vector<uint32_t>> by_command;
  for (uint32_t i = 0; i < lines.size(); ++i) {
    if (lines[i].block.empty()) continue;
    by_command[{lines[i].block, command_of(lines[i].text)}].push_back(i);
  }
  std::vector<std::vector<uint32_t>> partners(lines.size());
  for (const auto& entry : by_command) {
    for (uint32_t i : entry.second) {
      for (uint32_t j : entry.second) {
        if (lines[i].kind != lines[j].kind) partners[i].push_back(j);
      }
    }
  }
  return partners;
}

/// Adds to `causes` the other half of each edit they hold, sorted, without repeats.
void with_partners(std::vector<uint32_t>& causes,
                   const std::vector<std::vector<uint32_t>>& partners) {
  const size_t n = causes.size();
  for (size_t i = 0; i < n; ++i) {
    const auto& more = partners[causes[i]];
    causes.insert(causes.end(), more.begin(), more.end());
  }
  std::sort(causes.begin(), causes.end());
  causes.erase(std::unique(causes.begin(), causes.end()), causes.end());
}

/// Every VRF name of either side: AFTER's in leak order, then BEFORE's that AFTER lacks.
std::vector<std::string> vrf_names(const Side& before, const Side& after) {
  std::vector<std::string> names;
  std::unordered_set<std::string_view> seen;
  for (const Side* side : {&after, &before}) {
    if (side->a == nullptr) continue;
    for (VrfIndex v : side->a->topology.leak_order()) {
      const std::string& name = side->a->model.vrfs[v].name;
      if (seen.insert(name).second) names.push_back(name);
    }
  }
  return names;
}

/// The routes of one VRF and address family that differ between two analyses (either may be
/// absent: kNoVrf), appended to `out` in prefix order, without causes; `compared` counts the
/// prefixes either side installs.
void table_changes(const Analysis* before, VrfIndex vb, const Analysis* after, VrfIndex va,
                   const std::string& name, Af af, const InterfaceRename* rename, size_t& compared,
                   std::vector<RouteChange>& out) {
  const std::vector<Installed> b =
      vb == kNoVrf ? std::vector<Installed>{} : installed(before->rtm, vb, af);
  const std::vector<Installed> a =
      va == kNoVrf ? std::vector<Installed>{} : installed(after->rtm, va, af);
  auto value = [rename](const Analysis* side, const Installed& r) {
    RouteValue v =
        route_value(*r.route, r.source == kNoVrf ? std::string() : side->model.vrfs[r.source].name);
    if (rename != nullptr && *rename) {
      for (NextHop& hop : v.next_hops) {
        if (hop.interface.empty()) continue;
        std::string renamed = (*rename)(hop.interface);
        if (!renamed.empty()) hop.interface = std::move(renamed);
      }
    }
    return v;
  };
  size_t i = 0, j = 0;
  while (i < b.size() || j < a.size()) {
    ++compared;
    RouteChange change;
    change.vrf = name;
    change.af = af;
    if (j == a.size() || (i < b.size() && b[i].route->prefix < a[j].route->prefix)) {
      change.kind = DiffChange::kRemoved;
      change.prefix = b[i].route->prefix;
      change.before = value(before, b[i++]);
    } else if (i == b.size() || a[j].route->prefix < b[i].route->prefix) {
      change.kind = DiffChange::kAdded;
      change.prefix = a[j].route->prefix;
      change.after = value(after, a[j++]);
    } else {
      RouteValue x = value(before, b[i++]);
      RouteValue y = value(after, a[j++]);
      if (same_route(x, y)) continue;
      change.kind = DiffChange::kChanged;
      change.prefix = a[j - 1].route->prefix;
      change.before = std::move(x);
      change.after = std::move(y);
    }
    out.push_back(std::move(change));
  }
}

void diff_routes(const Side& before, const Side& after, ConfigDiff& out) {
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_group;
  for (uint32_t i = 0; i < out.lines.size(); ++i) {
    const LineChange& c = out.lines[i];
    by_group[c.block.empty() ? std::string_view(c.text) : std::string_view(c.block)].push_back(i);
  }
  const std::vector<std::vector<uint32_t>> partners = edit_partners(out.lines);
  size_t compared = 0;
  for (const std::string& name : out.reachability.vrfs) {
    const VrfIndex vb = before.vrf(name);
    const VrfIndex va = after.vrf(name);
    if (before.a != nullptr && after.a != nullptr) {
      if (vb == kNoVrf) out.vrfs_added.push_back(name);
      if (va == kNoVrf) out.vrfs_removed.push_back(name);
    }
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const size_t first = out.routes.size();
      table_changes(before.a, vb, after.a, va, name, af, nullptr, compared, out.routes);
      if (before.a == nullptr || after.a == nullptr) continue;
      for (size_t k = first; k < out.routes.size(); ++k) {
        RouteChange& change = out.routes[k];
        change.causes = causes(before, after, change, by_group);
        with_partners(change.causes, partners);
      }
    }
  }
}

struct RefusalKey {
  Prefix prefix;
  std::string from;
  RefusalReason reason;
  uint32_t vrf_id;

  bool operator<(const RefusalKey& o) const {
    return std::tie(prefix, from, reason) < std::tie(o.prefix, o.from, o.reason);
  }
  bool operator==(const RefusalKey& o) const {
    return std::tie(prefix, from, reason) == std::tie(o.prefix, o.from, o.reason);
  }
};

std::vector<RefusalKey> refusals(const Side& side, VrfIndex vrf, Af af) {
  std::vector<RefusalKey> out;
  if (vrf == kNoVrf) return out;
  const Rtm& rtm = side.a->rtm;
  for (const Refusal& r : rtm.table(vrf, af).refused) {
    out.push_back({rtm.source_route(af, r.source, r.route).prefix,
                   side.a->model.vrfs[r.source].name, r.reason, side.a->model.vrfs[vrf].id});
  }
  std::sort(out.begin(), out.end());
  return out;
}

void diff_refusals(const Side& before, const Side& after, ConfigDiff& out) {
  for (const std::string& name : out.reachability.vrfs) {
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const std::vector<RefusalKey> b = refusals(before, before.vrf(name), af);
      const std::vector<RefusalKey> a = refusals(after, after.vrf(name), af);
      size_t i = 0, j = 0;
      auto push = [&](DiffChange kind, const RefusalKey& k) {
        out.refusals.push_back({kind, name, af, k.prefix, k.from, k.reason,
                                duplicate_prefix_syslog(k.prefix, k.vrf_id)});
      };
      while (i < b.size() || j < a.size()) {
        if (j == a.size() || (i < b.size() && b[i] < a[j])) {
          push(DiffChange::kRemoved, b[i++]);
        } else if (i == b.size() || a[j] < b[i]) {
          push(DiffChange::kAdded, a[j++]);
        } else {
          ++i, ++j;
        }
      }
    }
  }
}

void diff_reachability(const Side& before, const Side& after, ConfigDiff& out) {
  Reachability& reach = out.reachability;
  std::unordered_map<std::string_view, size_t> order;
  for (size_t i = 0; i < reach.vrfs.size(); ++i) order.emplace(reach.vrfs[i], i);
  std::map<std::pair<size_t, size_t>, ReachPair> pairs;
  for (const Side* side : {&before, &after}) {
    if (side->a == nullptr) continue;
    const Model& model = side->a->model;
    std::vector<bool> from(model.vrfs.size());
    for (VrfIndex v = 0; v < model.vrfs.size(); ++v) {
      std::fill(from.begin(), from.end(), false);
      for (Af af : {Af::kIpv4, Af::kIpv6}) {
        for (const LeakedRoute& l : side->a->rtm.table(v, af).leaked) from[l.source] = true;
      }
      for (VrfIndex s = 0; s < model.vrfs.size(); ++s) {
        if (!from[s]) continue;
        const std::pair<size_t, size_t> key{order.at(model.vrfs[v].name),
                                            order.at(model.vrfs[s].name)};
        ReachPair& p = pairs[key];
        p.vrf = model.vrfs[v].name;
        p.from = model.vrfs[s].name;
        (side == &before ? p.before : p.after) = true;
      }
    }
  }
  for (auto& entry : pairs) reach.pairs.push_back(std::move(entry.second));
}

struct Found {
  FindingKey key;
  Severity severity;
  std::string location;
};

std::string location_of(const Diagnostic& d, const std::string& side_name) {
  if (!d.range.valid()) return side_name;
  const LineCol at = d.range.file->line_col(d.range.begin);
  return fmt::format("{}:{}:{}", d.range.file->name(), at.line, at.column);
}

void diff_findings(const DiffSide& before, const DiffSide& after, const Policy* policy,
                   ConfigDiff& out) {
  std::vector<Found> found[2];
  const DiffSide* sides[2] = {&before, &after};
  for (int s = 0; s < 2; ++s) {
    for (const Diagnostic& d : sides[s]->diagnostics) {
      if (d.rule == Rule::kPolicyViolation) continue;
      found[s].push_back({finding_key(d), d.severity, location_of(d, sides[s]->name)});
    }
    std::stable_sort(found[s].begin(), found[s].end(),
                     [](const Found& x, const Found& y) { return x.key < y.key; });
  }
  std::vector<FindingChange> added;
  size_t i = 0, j = 0;
  while (i < found[0].size() || j < found[1].size()) {
    if (j == found[1].size() || (i < found[0].size() && found[0][i].key < found[1][j].key)) {
      Found& f = found[0][i++];
      out.findings.push_back(
          {DiffChange::kRemoved, f.severity, std::move(f.key), std::move(f.location)});
    } else if (i == found[0].size() || found[1][j].key < found[0][i].key) {
      Found& f = found[1][j++];
      added.push_back({DiffChange::kAdded, f.severity, std::move(f.key), std::move(f.location)});
    } else {
      ++i, ++j;
    }
  }
  out.findings.insert(out.findings.end(), std::make_move_iterator(added.begin()),
                      std::make_move_iterator(added.end()));

  if (policy == nullptr) return;
  for (const PolicyAssertion& assertion : policy->assertions) {
    const Diagnostic* violation[2] = {nullptr, nullptr};
    for (int s = 0; s < 2; ++s) {
      if (sides[s]->analysis == nullptr) continue;
      for (const Diagnostic& d : sides[s]->diagnostics) {
        if (d.rule == Rule::kPolicyViolation && d.range.file == assertion.range.file &&
            d.range.begin == assertion.range.begin) {
          violation[s] = &d;
          break;
        }
      }
    }
    if ((violation[0] != nullptr) == (violation[1] != nullptr)) continue;
    // A side without the file asserts nothing: its absence is not a change of the assertion.
    if (before.analysis == nullptr || after.analysis == nullptr) continue;
    const bool broken = violation[1] != nullptr;
    const Diagnostic& d = *violation[broken ? 1 : 0];
    out.policy.push_back({broken ? DiffChange::kAdded : DiffChange::kRemoved,
                          location_of(d, std::string()), d.message});
  }
}

SideFailure failure_of(const DiffSide& side) {
  SideFailure failure;
  for (const Diagnostic& d : side.diagnostics) {
    if (d.severity != Severity::kError) continue;
    if (rule_info(d.rule).stages.find("grammar/") == std::string_view::npos) continue;
    if (failure.errors++ == 0) {
      failure.first = fmt::format("{}: {}", location_of(d, side.name), d.message);
    }
  }
  return failure;
}

}  // namespace

bool ConfigDiff::reachability_changed() const {
  return std::any_of(reachability.pairs.begin(), reachability.pairs.end(),
                     [](const ReachPair& p) { return p.before != p.after; });
}

bool ConfigDiff::changed() const {
  return presence != Presence::kBoth || !lines.empty() || !routes.empty() || !refusals.empty() ||
         reachability_changed() || !findings.empty() || !policy.empty();
}

ConfigDiff diff_configs(const DiffSide& before_side, const DiffSide& after_side,
                        const Policy* policy) {
  ConfigDiff out;
  out.before_name = before_side.analysis != nullptr ? before_side.name : std::string();
  out.after_name = after_side.analysis != nullptr ? after_side.name : std::string();
  out.presence = before_side.analysis == nullptr  ? ConfigDiff::Presence::kAdded
                 : after_side.analysis == nullptr ? ConfigDiff::Presence::kRemoved
                                                  : ConfigDiff::Presence::kBoth;
  out.before_failure = failure_of(before_side);
  out.after_failure = failure_of(after_side);
  for (const Diagnostic& d : after_side.diagnostics)
    out.after_errors += d.severity == Severity::kError;
  Side before(before_side);
  Side after(after_side);
  // A config added or removed is reported as such: its lines are not listed, its routes have no
  // causes (the whole file is).
  if (out.presence == ConfigDiff::Presence::kBoth) diff_lines(before, after, out);
  out.reachability.vrfs = vrf_names(before, after);
  diff_routes(before, after, out);
  diff_refusals(before, after, out);
  diff_reachability(before, after, out);
  diff_findings(before_side, after_side, policy, out);
  return out;
}

void DiffCounts::add(const ConfigDiff& diff) {
  ++configs;
  changed += diff.changed();
  for (const LineChange& c : diff.lines)
    (c.kind == DiffChange::kAdded ? lines_added : lines_removed)++;
  for (const RouteChange& c : diff.routes) {
    (c.kind == DiffChange::kAdded     ? routes_gained
     : c.kind == DiffChange::kRemoved ? routes_lost
                                      : routes_changed)++;
  }
  for (const RefusalChange& c : diff.refusals) {
    (c.kind == DiffChange::kAdded ? refusals_added : refusals_removed)++;
  }
  for (const ReachPair& p : diff.reachability.pairs) {
    reach_gained += p.after && !p.before;
    reach_lost += p.before && !p.after;
  }
  for (const FindingChange& c : diff.findings) {
    (c.kind == DiffChange::kAdded ? findings_new : findings_fixed)++;
  }
  for (const PolicyChange& c : diff.policy)
    (c.kind == DiffChange::kAdded ? policy_broken : policy_met)++;
}

TableComparison compare_tables(const Analysis& before, const Analysis& after,
                               const InterfaceRename& rename) {
  TableComparison out;
  std::unordered_set<std::string_view> seen;
  std::vector<std::string> names;
  for (const Analysis* side : {&before, &after}) {
    for (VrfIndex v : side->topology.leak_order()) {
      const std::string& name = side->model.vrfs[v].name;
      if (seen.insert(name).second) names.push_back(name);
    }
  }
  for (const std::string& name : names) {
    const VrfIndex vb = before.model.find_vrf(name);
    const VrfIndex va = after.model.find_vrf(name);
    ++out.vrfs;
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      table_changes(&before, vb, &after, va, name, af, &rename, out.routes_compared, out.routes);
    }
  }
  return out;
}

std::string_view route_change_name(DiffChange kind) {
  switch (kind) {
    case DiffChange::kAdded:
      return "gained";
    case DiffChange::kRemoved:
      return "lost";
    case DiffChange::kChanged:
      return "changed";
  }
  return "changed";
}

}  // namespace vrfleak
