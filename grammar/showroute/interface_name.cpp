#include "grammar/showroute/interface_name.hpp"

#include <cctype>

namespace vrfleak::showroute {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool iequal_prefix(std::string_view word, std::string_view name) {
  if (word.size() > name.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) !=
        std::tolower(static_cast<unsigned char>(name[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

InterfaceName canonical_interface(std::string_view type, std::string_view number) {
  const os9::IntfTypeMatch match = os9::resolve_interface_type(type);
  InterfaceName out;
  out.status = match.status;
  if (match.status != os9::IntfTypeMatch::Status::kFound) return out;
  const std::string_view name = os9::interface_type_info(match.type).name;
  out.name.reserve(name.size() + 1 + number.size());
  out.name.append(name);
  out.name.push_back(' ');
  out.name.append(number);
  return out;
}

InterfaceName canonical_interface_text(std::string_view text) {
  size_t type_end = 0;
  while (type_end < text.size() &&
         (std::isalpha(static_cast<unsigned char>(text[type_end])) || text[type_end] == '-')) {
    ++type_end;
  }
  size_t number_begin = type_end;
  while (number_begin < text.size() && is_blank(text[number_begin])) ++number_begin;
  const std::string_view type = text.substr(0, type_end);
  const std::string_view number = text.substr(number_begin);
  const bool spaced = number_begin > type_end;
  const bool numbered = !number.empty() && std::isdigit(static_cast<unsigned char>(number[0])) &&
                        number.find_first_of(" \t") == std::string_view::npos;
  if (type.empty() || !numbered) return {os9::IntfTypeMatch::Status::kUnknown, {}};
  InterfaceName out = canonical_interface(type, number);
  if (!spaced && out.status != os9::IntfTypeMatch::Status::kFound) {
    return {os9::IntfTypeMatch::Status::kFound, std::string(text)};  // an OS10 name
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
    if (!iequal_prefix(word, info.name)) continue;
    if (!out.empty()) out += ", ";
    out += "'";
    out += info.name;
    out += "'";
  }
  return out;
}

}  // namespace vrfleak::showroute
