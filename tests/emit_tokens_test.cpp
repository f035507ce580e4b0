// vrfleak emit --target os9: no silent loss. Every input line the line accounting calls
// carried or translated must have each of its words in the output lines it went to: a word
// the renderer drops (an option the model does not hold) fails here.
//
// The comparison is by words after the normalisations the canonical form makes on purpose:
// abbreviations (a word matches a longer output word it begins), case, 'A.B.C.D M.M.M.M' as
// 'A.B.C.D/NN', addresses and prefixes in their canonical text (masked for routes), numbers
// without leading zeros ('01:001' is '1:1'), lists split at ',' and '-'. The few words the
// canonical form leaves out on purpose (a distance equal to the default) are listed, each with
// its reason, in `omitted_on_purpose`.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/ip.hpp"
#include "emit/emit_report.hpp"
#include "emit/os9_config.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// A word in the form both sides are compared in (see the file comment).
std::string normal_word(const std::string& word) {
  if (auto prefix = Prefix::parse(word)) return prefix->to_string();
  if (auto address = IpAddress::parse(word)) return address->to_string();
  // Numbers and ASN:NN / A.B.C.D:NN tags without leading zeros ('010.0.0.1:05').
  if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
      })) {
    std::string out;
    std::string part;
    auto flush = [&] {
      part.erase(0, std::min(part.find_first_not_of('0'), part.size() - 1));
      out += part;
      part.clear();
    };
    for (const char c : word) {
      if (c == ':' || c == '.') {
        flush();
        out.push_back(c);
      } else {
        part.push_back(c);
      }
    }
    flush();
    return out;
  }
  return lower(word);
}

/// The words of a line: split at blanks, ',' and '-' (lists and ranges are written with or
/// without blanks), a type glued to its number ('Te1/1') split too, and a netmask after an
/// address joined to it as a prefix length.
std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> raw;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) raw.push_back(current);
    current.clear();
  };
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
      flush();
    } else if (c == '-' &&
               (current.empty() || std::isdigit(static_cast<unsigned char>(current.back())))) {
      // A range ('37-42', '1/5 - 1/13'), not a word like 'route-map'.
      flush();
    } else if (std::isdigit(static_cast<unsigned char>(c)) && !current.empty() &&
               std::all_of(current.begin(), current.end(),
                           [](char a) { return std::isalpha(static_cast<unsigned char>(a)); }) &&
               current.size() >= 2 && current != "ge" && current != "le") {
      // 'Te1/1', 'Po10': the type and its number.
      flush();
      current.push_back(c);
    } else {
      current.push_back(c);
    }
  }
  flush();
  // A list item without its slot ('0/0,37-42', '1/1/4/1-4') is that port of the slot before.
  auto is_port = [](const std::string& w) {
    return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0])) &&
           w.find('/') != std::string::npos && w.find('.') == std::string::npos &&
           w.find_first_not_of("0123456789/") == std::string::npos;
  };
  for (size_t i = 1; i < raw.size(); ++i) {
    if (is_port(raw[i - 1]) && !raw[i].empty() &&
        raw[i].find_first_not_of("0123456789") == std::string::npos) {
      raw[i] = raw[i - 1].substr(0, raw[i - 1].rfind('/') + 1) + raw[i];
    }
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (i + 1 < raw.size()) {
      const auto address = IpAddress::parse_v4(raw[i]);
      const auto mask = IpAddress::parse_v4(raw[i + 1]);
      if (address && mask && raw[i + 1].find('.') != std::string::npos) {
        if (const auto length = netmask_length(*mask); length && *length > 0) {
          out.push_back(normal_word(raw[i] + "/" + std::to_string(*length)));
          ++i;
          continue;
        }
      }
    }
    out.push_back(normal_word(raw[i]));
  }
  return out;
}

/// Whether input word `word` is represented by output word `target`.
bool represents(const std::string& target, const std::string& word) {
  if (target == word) return true;
  // An abbreviation of a keyword or interface type.
  if (!word.empty() && std::isalpha(static_cast<unsigned char>(word[0])) &&
      target.starts_with(word)) {
    return true;
  }
  // A route's prefix is masked ('10.1.1.0/16' is '10.1.0.0/16').
  const auto a = Prefix::parse(word), b = Prefix::parse(target);
  return a && b && a->masked() == *b;
}

/// The words of `input` that no word of `output` represents (each output word used once).
std::vector<std::string> missing_words(std::string_view input, const std::string& output) {
  std::vector<std::string> targets = words_of(output);
  std::vector<bool> used(targets.size(), false);
  std::vector<std::string> missing;
  for (const std::string& word : words_of(input)) {
    bool found = false;
    // Exact matches first, so that an abbreviation does not take a word another needs.
    for (int pass = 0; pass < 2 && !found; ++pass) {
      for (size_t t = 0; t < targets.size(); ++t) {
        if (used[t]) continue;
        if (pass == 0 ? targets[t] == word : represents(targets[t], word)) {
          used[t] = true;
          found = true;
          break;
        }
      }
    }
    if (!found) missing.push_back(word);
  }
  return missing;
}

/// Words the canonical form leaves out on purpose: the default distance of a static route (1
/// to a next hop, 0 to an interface alone, DESIGN 4.2) says nothing the model does not.
bool omitted_on_purpose(std::string_view input, const std::vector<std::string>& missing) {
  const std::vector<std::string> words = words_of(input);
  const bool route = words.size() > 2 && (words[0] == "ip" || words[0] == "ipv6") &&
                     std::string("route").starts_with(words[1]) && words[1].size() >= 2;
  // The distance follows the next hop or interface number, never a keyword ('tag 1').
  return route && missing == std::vector<std::string>{"1"} && words.back() == "1" &&
         std::isdigit(static_cast<unsigned char>(words[words.size() - 2][0]));
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The carried and translated lines of `text` whose words are not all in their output lines,
/// one message each.
std::vector<std::string> silent_losses(const std::string& text, const std::string& name) {
  auto input = testing::parse_text(text, name);
  // Not a text config: its lines are not lines (the carried bytes are checked by the round trip).
  for (const Diagnostic& d : input->sink.diagnostics()) {
    if (d.rule == Rule::kBinaryInput) return {};
  }
  const EmittedConfig out = emit_os9(input->model);
  const auto records = line_records(input->tree, out, input->sink.diagnostics());
  const std::vector<std::string> in_lines = split_lines(text);
  const std::vector<std::string> out_lines = split_lines(out.text);
  std::vector<std::string> losses;
  for (const LineRecord& record : records) {
    if (record.fate == LineFate::kDropped || record.line > in_lines.size()) continue;
    // The pager's '--More--' and its backspaces are terminal debris the reader takes out.
    std::string line = in_lines[record.line - 1];
    if (line.find("--More--\b") != std::string::npos) {
      for (size_t at = 0; (at = line.find("--More--\b", at)) != std::string::npos;) {
        line.erase(at, 8);
      }
      std::replace(line.begin(), line.end(), '\b', ' ');
    }
    std::string targets;
    for (const uint32_t t : record.target_lines) {
      if (t >= 1 && t <= out_lines.size()) targets += out_lines[t - 1] + "\n";
    }
    const std::vector<std::string> missing = missing_words(line, targets);
    if (missing.empty() || omitted_on_purpose(line, missing)) continue;
    std::string words;
    for (const std::string& w : missing) words += " '" + w + "'";
    losses.push_back(fmt::format("{}:{}: '{}' -> '{}': missing{}", name, record.line, line,
                                 targets.empty() ? "" : targets.substr(0, targets.size() - 1),
                                 words));
  }
  return losses;
}

TEST_CASE("emit tokens: the comparison finds a dropped option and accepts the canonical forms") {
  CHECK(missing_words("ip route 10.1.1.0 255.255.0.0 10.0.0.2 tag 5",
                      "ip route 10.1.0.0/16 10.0.0.2") == std::vector<std::string>{"tag", "5"});
  CHECK(missing_words("int te1/1", "interface TenGigabitEthernet 1/1").empty());
  CHECK(missing_words(" ip route-export 01:001 EXP", " ip route-export 1:1 route-map EXP").empty());
  CHECK(missing_words(" ip route-export 010.0.0.1:05", " ip route-export 10.0.0.1:5").empty());
  CHECK(missing_words(" tagged te 0/0,37-42",
                      " tagged TenGigabitEthernet 0/0,TenGigabitEthernet 0/37-0/42")
            .empty());
  CHECK(missing_words(" tagged te 0/0,37-42", " tagged TenGigabitEthernet 0/0,0/37").size() == 1);
  CHECK(missing_words("ip route 10.0.0.0/8 Null 0 perm", "ip route 10.0.0.0/8 Null 0").size() == 1);
  CHECK(omitted_on_purpose("ip route 10.0.0.0/8 10.0.0.2 1", {"1"}));
  CHECK_FALSE(omitted_on_purpose("ip route 10.0.0.0/8 10.0.0.2 tag 1", {"1"}));
}

TEST_CASE("emit tokens: no carried or translated line of a sample or corpus config loses a word") {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".cfg") {
      paths.push_back(entry.path().string());
    }
  }
  REQUIRE(paths.size() > 50);
  const std::string corpus = testing::corpus_dir();
  if (fs::is_directory(corpus)) {
    for (const auto& entry : fs::directory_iterator(corpus)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("OS10_") || name.starts_with("ntc-templates_") || name.ends_with(".md"))
        continue;
      paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  size_t lines = 0;
  for (const std::string& path : paths) {
    const std::string name = fs::path(path).filename().string();
    for (const std::string& loss : silent_losses(slurp(path), name)) {
      FAIL_CHECK(loss);
      ++lines;
    }
  }
  CHECK(lines == 0);
}

TEST_CASE("emit tokens: static-route options are not lost") {
  const std::string config =
      "ip vrf RED 1\n"
      "!\n"
      "ip route 10.1.0.0/16 10.0.0.2 200 perm tag 100\n"
      "ip route vrf RED 10.2.0.0 255.255.0.0 Nu 0 tag 4294967295\n"
      "ipv6 route 2001:db8::/32 2001:db8:ffff::1 per\n"
      "end\n";
  CHECK(silent_losses(config, "t.cfg").empty());
}

}  // namespace
}  // namespace vrfleak
