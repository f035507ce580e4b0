#include "grammar/showroute/interface_name.hpp"

#include "grammar/type_prefix.hpp"

namespace vrfleak::showroute {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

os9::IntfTypeMatch InterfaceTypeCache::resolve(std::string_view word) {
  for (const auto& [seen, match] : entries_) {
    if (!seen.empty() && seen == word) return match;
  }
  const os9::IntfTypeMatch match = os9::resolve_interface_type(word);
  auto& entry = entries_[next_++ % entries_.size()];
  entry.first.assign(word);
  entry.second = match;
  return match;
}

InterfaceName canonical_interface_text(std::string_view text, InterfaceTypeCache& cache) {
  size_t type_end = 0;
  while (type_end < text.size() && (is_letter(text[type_end]) || text[type_end] == '-')) {
    ++type_end;
  }
  size_t number_begin = type_end;
  while (number_begin < text.size() && is_blank(text[number_begin])) ++number_begin;
  const std::string_view type = text.substr(0, type_end);
  const std::string_view number = text.substr(number_begin);
  const bool spaced = number_begin > type_end;
  const bool numbered = !number.empty() && number[0] >= '0' && number[0] <= '9' &&
                        number.find_first_of(" \t") == std::string_view::npos;
  if (type.empty() || !numbered) return {os9::IntfTypeMatch::Status::kUnknown, {}};
  const os9::IntfTypeMatch match = cache.resolve(type);
  InterfaceName out;
  out.status = match.status;
  if (match.status == os9::IntfTypeMatch::Status::kFound) {
    const std::string_view name = os9::interface_type_info(match.type).name;
    out.name.reserve(name.size() + 1 + number.size());
    out.name.append(name);
    out.name.push_back(' ');
    out.name.append(number);
  } else if (!spaced) {
    out = {os9::IntfTypeMatch::Status::kFound, std::string(text)};  // an OS10 name
  }
  return out;
}

std::string interface_type_names() {
  std::string out;
  for (const os9::IntfTypeInfo& info : os9::interface_types()) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

std::string interface_type_candidates(std::string_view word) {
  std::string out;
  for (const os9::IntfTypeInfo& info : os9::interface_types()) {
    if (!grammar::iequal_prefix(word, info.name)) continue;
    if (!out.empty()) out += ", ";
    out += "'";
    out += info.name;
    out += "'";
  }
  return out;
}

}  // namespace vrfleak::showroute
