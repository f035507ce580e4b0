#include "emit/explain.hpp"

#include <fmt/format.h>

#include "analyzer/route_map_eval.hpp"

namespace vrfleak {
namespace {

/// "an ospf", "a static".
std::string with_article(Protocol protocol) {
  const std::string_view name = protocol_name(protocol);
  const bool vowel = name[0] == 'o' || name[0] == 'i';
  return fmt::format("{} {}", vowel ? "an" : "a", name);
}

std::string_view direction_name(LeakDirection direction) {
  return direction == LeakDirection::kExport ? "export" : "import";
}

/// "10.0.0.0/8", "10.0.0.0/8 ge 16 le 24": the entry as the config writes it.
std::string entry_text(const PrefixListEntry& entry) {
  std::string out = entry.prefix.to_string();
  if (entry.ge) out += fmt::format(" ge {}", *entry.ge);
  if (entry.le) out += fmt::format(" le {}", *entry.le);
  return out;
}

}  // namespace

std::string explain_step_text(const Model& model, const Explanation& e, const ExplainStep& step) {
  using Kind = ExplainStep::Kind;
  // The separate management table (kNoVrf) has only the steps of its own routes.
  static const Vrf kManagementTable = [] {
    Vrf table;
    table.name = "management";
    return table;
  }();
  const Vrf& target = e.vrf == kNoVrf ? kManagementTable : model.vrfs[e.vrf];
  const std::string label =
      e.vrf == kNoVrf ? std::string("the management table") : fmt::format("'{}'", target.name);
  const std::string prefix = e.prefix.to_string();
  auto name = [&](VrfIndex v) -> const std::string& { return model.vrfs[v].name; };
  switch (step.kind) {
    case Kind::kNative:
      return fmt::format("{} is in {} as its own {} route (distance {})", prefix, label,
                         protocol_name(step.route->protocol), step.route->distance);
    case Kind::kRefusedByNative:
      if (step.reason == RefusalReason::kShadowedByNative) {
        return fmt::format(
            "the leak of it from '{}' ({} {}/{}) loses to it: OS10 compares distance, then "
            "metric, and keeps the VRF's own route on a tie",
            name(step.vrf), protocol_name(step.route->protocol), step.route->distance,
            step.route->metric);
      }
      return fmt::format("the leak of it from '{}' is refused; the switch logs '{}'",
                         name(step.vrf), duplicate_prefix_syslog(e.prefix, target.id));
    case Kind::kLeaked:
      return fmt::format("{} is in '{}', leaked from '{}'", prefix, target.name, name(step.vrf));
    case Kind::kRefusedByLeak:
      return fmt::format(
          "'{}' offers it too, but the leak from '{}' was installed first "
          "({}); on the switch the first learned wins",
          name(step.vrf), name(step.winner),
          model.vrfs[step.vrf].id == model.vrfs[step.winner].id ? "same VRF ID, first by name"
                                                                : "lowest VRF ID");
    case Kind::kAbsent:
      return fmt::format("{} is not in {}", prefix, label);
    case Kind::kCovered:
      return step.vrf == kNoVrf
                 ? fmt::format("but {} reaches it through its own route {}", label,
                               step.route->prefix.to_string())
                 : fmt::format("but '{}' reaches it through {}, leaked from '{}'", target.name,
                               step.route->prefix.to_string(), name(step.vrf));
    case Kind::kRefused:
      if (step.reason == RefusalReason::kShadowedByNative) {
        return fmt::format("'{}' offers it but it loses to the VRF's own route", name(step.vrf));
      }
      return fmt::format(
          "'{}' offers it but the switch refuses it: {}; it logs '{}'", name(step.vrf),
          step.reason == RefusalReason::kDuplicateNative ? "the VRF has its own route"
                                                         : "another leak came first",
          duplicate_prefix_syslog(e.prefix, target.id));
    case Kind::kNoImportLine:
      return fmt::format("'{}' has no '{} route-import' line", target.name,
                         e.prefix.af() == Af::kIpv4 ? "ip" : "ipv6");
    case Kind::kTagNotExported:
      return fmt::format("no VRF exports tag '{}', which '{}' imports", step.tag, target.name);
    case Kind::kNoActiveRoute:
      return fmt::format("'{}' exports '{}' but has no active route for {}{}", name(step.vrf),
                         step.tag, prefix,
                         step.has_leaked_copy ? " of its own (its copy is leaked, and leaked "
                                                "routes are not leaked again)"
                                              : "");
    case Kind::kOtherTag:
      return step.tag.empty()
                 ? fmt::format("'{}' has {} but exports nothing", name(step.vrf), prefix)
                 : fmt::format(
                       "'{}' has {} but exports it under tag '{}', which '{}' does not "
                       "import",
                       name(step.vrf), prefix, step.tag, target.name);
    case Kind::kSourceRoute:
      return fmt::format("'{}' has it as {} route", name(step.vrf),
                         with_article(step.route->protocol));
    case Kind::kDefaultWithoutRouteMap:
      return "the default VRF exports without a route-map, so it exports nothing";
    case Kind::kLinkLocal:
      return "IPv6 link-local routes are never leaked";
    case Kind::kTagNotImported:
      return fmt::format("'{}' does not import tag '{}'", target.name, step.tag);
    case Kind::kImportsTag:
      return fmt::format("'{}' imports tag '{}'", target.name, step.tag);
    case Kind::kNoRouteMap:
      return fmt::format("{} of '{}' has no route-map: every route passes",
                         direction_name(step.direction), name(step.vrf));
    case Kind::kUndefinedRouteMap:
      return fmt::format("{} route-map '{}' is not defined: it denies every route",
                         direction_name(step.direction), step.route_map);
    case Kind::kNoSequenceMatches:
      return fmt::format("{} route-map '{}' denies it: no sequence matches",
                         direction_name(step.direction), step.route_map);
    case Kind::kSequence:
      return fmt::format("{} route-map '{}' {} it at sequence {}", direction_name(step.direction),
                         step.route_map, step.permit ? "permits" : "denies",
                         step.sequence->sequence);
    case Kind::kPrefixListEntry:
      return fmt::format(
          "prefix-list '{}' entry seq {} {} {}", step.prefix_list, step.entry->sequence,
          step.entry->action == Action::kPermit ? "permits" : "denies", entry_text(*step.entry));
    case Kind::kEntryDenies:
      return fmt::format(
          "{} route-map '{}' denies it: sequence {} does not match, prefix-list '{}' entry seq {} "
          "denies {}",
          direction_name(step.direction), step.route_map, step.sequence->sequence, step.prefix_list,
          step.entry->sequence, entry_text(*step.entry));
    case Kind::kSubcodeUnknown:
      return fmt::format(
          "route-map '{}' sequence {} matches {} BGP routes only and the route has no sub-code "
          "(EX or IN) in the snapshot; the {} sequence is read as {}",
          step.route_map, step.sequence->sequence, bgp_subcode_kinds(*step.sequence),
          step.permit ? "permit" : "deny", step.permit ? "not matching" : "matching");
    case Kind::kInactiveStatic: {
      const StaticRoute& route = *step.static_route;
      const std::string_view interface = model.interface_of(route);
      std::string why;
      if (e.present) {
        why = fmt::format("the {} route takes precedence",
                          protocol_name(e.steps.front().route->protocol));
      } else {
        why = route.next_hop ? "its next hop does not resolve in the table"
                             : "its interface is not up";
      }
      return fmt::format("'management route {} {}' is configured but not installed: {}", prefix,
                         route.next_hop ? route.next_hop->to_string() : std::string(interface),
                         why);
    }
    case Kind::kManagementTable:
      return "the management table holds the ManagementEthernet subnets and 'management route' "
             "statics (no management VRF holds 'interface management'); it takes no part in "
             "route leaking";
    case Kind::kResolution:
      return fmt::format("it resolves: {}", step.detail);
    case Kind::kInterfaceDown:
      return fmt::format("it would be the connected subnet of {}, but {}",
                         model.interfaces[step.interface].name, step.detail);
  }
  return {};
}

void write_explain(std::ostream& out, const Model& model, const Explanation& explanation) {
  for (const ExplainStep& step : explanation.steps) {
    std::string where;
    if (step.where.valid()) {
      const LineCol lc = step.where.file->line_col(step.where.begin);
      where = fmt::format("  [{}:{}]", step.where.file->name(), lc.line);
    }
    out << fmt::format("{:{}}{}{}{}\n", "", step.depth * 2, step.depth ? "- " : "",
                       explain_step_text(model, explanation, step), where);
  }
}

}  // namespace vrfleak
