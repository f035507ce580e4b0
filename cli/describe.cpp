#include "cli/describe.hpp"

#include <array>
#include <iostream>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace vrfleak::cli {
namespace {

/// Value types whose values are neither files nor a fixed list: nothing to complete (REV: a git
/// revision).
constexpr std::array<std::string_view, 8> kFreeTextTypes = {"UINT", "INT",    "FLOAT",   "NUMBER",
                                                            "NAME", "PREFIX", "ADDRESS", "REV"};

/// CLI11's type name "TEXT:{a,b}=..." without what validators append: "TEXT".
std::string base_type(const std::string& type_name) {
  return type_name.substr(0, type_name.find(':'));
}

/// The values an IsMember validator allows, from the "{a,b,c}" it appends to the type name.
std::vector<std::string> choices(const std::string& type_name) {
  std::vector<std::string> values;
  const size_t open = type_name.find(":{");
  const size_t close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return values;
  const std::string list = type_name.substr(open + 2, close - open - 2);
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) values.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return values;
}

/// How a shell completes the option's value: "choices", "rules" (rule slugs), "vrfs" (the VRFs of
/// the config on the command line), "files" or "none".
std::string completion_kind(const std::string& type, const std::vector<std::string>& values) {
  if (!values.empty()) return "choices";
  if (type == "RULE") return "rules";
  if (type == "VRF") return "vrfs";
  for (std::string_view free : kFreeTextTypes) {
    if (type == free) return "none";
  }
  return "files";
}

nlohmann::json describe_option(const CLI::Option& option) {
  nlohmann::json j;
  const bool takes_value = option.get_items_expected_max() != 0;
  if (option.get_positional()) {
    j["name"] = option.get_name(true);
  } else {
    nlohmann::json names = nlohmann::json::array();
    for (const std::string& s : option.get_snames()) names.push_back("-" + s);
    for (const std::string& l : option.get_lnames()) names.push_back("--" + l);
    j["names"] = names;
  }
  j["description"] = option.get_description();
  j["required"] = option.get_required();
  j["repeatable"] = option.get_expected_max() >= CLI::detail::expected_max_vector_size;
  if (takes_value) {
    const std::string type = base_type(option.get_type_name());
    const std::vector<std::string> values = choices(option.get_type_name());
    j["value"] = type;
    j["choices"] = values;
    j["complete"] = completion_kind(type, values);
    if (!option.get_default_str().empty()) j["default"] = option.get_default_str();
  } else {
    j["value"] = nullptr;
  }
  return j;
}

nlohmann::json describe_app(const CLI::App& app) {
  nlohmann::json j;
  j["name"] = app.get_name();
  j["description"] = app.get_description();
  j["footer"] = app.get_footer();
  j["positionals"] = nlohmann::json::array();
  j["options"] = nlohmann::json::array();
  // Hidden options (an empty group) are left out, as --help leaves them out.
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;
    j[option->nonpositional() ? "options" : "positionals"].push_back(describe_option(*option));
  }
  j["subcommands"] = nlohmann::json::array();
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    j["subcommands"].push_back(describe_app(*sub));
  }
  return j;
}

}  // namespace

nlohmann::json describe_command_line(const CLI::App& app) {
  nlohmann::json j = describe_app(app);
  nlohmann::json rules = nlohmann::json::array();
  for (const RuleInfo& info : all_rules()) rules.push_back(std::string(info.slug));
  j["rules"] = rules;
  return j;
}

void add_describe_flag(CLI::App& app) {
  app.add_flag_callback(
         "--describe-cli",
         [&app] {
           std::cout << describe_command_line(app).dump(2) << "\n";
           throw CLI::Success();
         },
         "Print the command line as JSON (for the man page and completion generators)")
      ->group("");
}

}  // namespace vrfleak::cli
