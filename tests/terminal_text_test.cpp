// Tests of grammar/terminal_text: pager debris as terminals record it, line ends, encodings, and
// the OS9 and `show ip route` readers reading pasted captures the same way as clean files.
#include "grammar/terminal_text.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "grammar/snapshot.hpp"
#include "tests/cli_support.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

using namespace std::string_literals;
using testing::parse_text;

/// The pager forms OS9 terminals record, each as the bytes that precede the next real line.
struct PagerForm {
  const char* name;
  std::string bytes;
};

std::vector<PagerForm> pager_forms() {
  const std::string bs8(8, '\b');
  const std::string bs10(10, '\b');
  const std::string bs14(14, '\b');
  return {
      {"--More-- erased by backspaces, blanks, backspaces", "--More--" + bs8 + "        " + bs8},
      {"--More-- erased by backspaces only", "--More--" + bs8},
      {"--More-- erased by backspaces and blanks", "--More--" + bs8 + "        "},
      {" --More-- erased by backspaces, blanks, backspaces",
       " --More-- " + bs10 + std::string(10, ' ') + bs10},
      {"--More-- erased by carriage returns", "--More--\r        \r"},
      {" --More-- erased by carriage returns", " --More-- \r          \r"},
      {"<--- More ---> erased by backspaces",
       "<--- More --->" + bs14 + std::string(14, ' ') + bs14},
      {"<--- More ---> erased by a carriage return", "<--- More --->\r              \r"},
      {"--More-- erased by ESC[2K and a carriage return", "--More--\x1B[2K\r"},
      {"--More-- erased by ESC[K after a carriage return", "--More--\r\x1B[K"},
      {"--More-- and its blanks, the erasing bytes lost", "--More--        "},
      {" --More-- , the erasing bytes lost", " --More-- "},
  };
}

/// The real line that follows `debris` in one line of a capture.
std::string real_line(const std::string& debris, const std::string& line) {
  const std::string whole = debris + line;
  return whole.substr(terminal::skip_pager(whole));
}

TEST_CASE("terminal text: every pager form leaves the real line with its indentation") {
  for (const PagerForm& form : pager_forms()) {
    CAPTURE(form.name);
    CHECK(real_line(form.bytes, " no shutdown") == " no shutdown");
    CHECK(real_line(form.bytes, "  neighbor 10.0.0.1 remote-as 65001") ==
          "  neighbor 10.0.0.1 remote-as 65001");
    CHECK(real_line(form.bytes, "interface Loopback 2") == "interface Loopback 2");
    CHECK(real_line(form.bytes, "") == "");  // the prompt alone on its line
  }
}

TEST_CASE("terminal text: lines without debris are left alone") {
  CHECK(terminal::skip_pager(" no shutdown") == 0);
  CHECK(terminal::skip_pager("interface Loopback 2") == 0);
  CHECK(terminal::skip_pager("  description --More-- in a description") == 0);
  CHECK(terminal::skip_pager("") == 0);
  CHECK(terminal::skip_pager("   ") == 0);
}

TEST_CASE("terminal text: the line reader gives begin, start, body, end and next") {
  const std::string text =
      "\xEF\xBB\xBFhostname a\r\n--More--\b\b\b\b\b\b\b\b no shutdown  \r\n\nend";
  terminal::LineReader reader(text);
  terminal::Line line;
  REQUIRE(reader.next(line));
  CHECK(line.begin == 3);
  CHECK(line.start == 3);
  CHECK(line.body == 3);
  CHECK(line.end == 13);
  CHECK(line.next == 15);
  REQUIRE(reader.next(line));
  CHECK(line.has_debris());
  CHECK(text.substr(line.start, line.end - line.start) == " no shutdown");
  CHECK(text.substr(line.body, line.end - line.body) == "no shutdown");
  REQUIRE(reader.next(line));
  CHECK(line.empty());
  CHECK_FALSE(line.has_debris());
  REQUIRE(reader.next(line));
  CHECK(text.substr(line.body, line.end - line.body) == "end");
  CHECK(line.next == text.size());
  CHECK_FALSE(reader.next(line));
}

TEST_CASE("terminal text: prompts, control bytes, UTF-8 and UTF-16") {
  CHECK(terminal::is_prompt("Dell#show running-config"));
  CHECK(terminal::is_prompt("leaf1(conf-if-te-1/1)#"));
  CHECK(terminal::is_prompt("Dell>"));
  CHECK_FALSE(terminal::is_prompt(" ip address 10.0.0.1/24"));
  CHECK_FALSE(terminal::is_prompt("#"));

  CHECK(terminal::first_control("abc\tdef\r\n\b\x1B[K") == std::string_view::npos);
  CHECK(terminal::first_control("0123456789abc\x01") == 13);
  CHECK(terminal::first_control("\x7F") == 0);

  CHECK(terminal::first_invalid_utf8("caf\xC3\xA9") == std::string_view::npos);
  CHECK(terminal::first_invalid_utf8("caf\xE9!") == 3);
  CHECK(terminal::first_invalid_utf8("\xED\xA0\x80") == 0);  // a UTF-16 surrogate

  using terminal::Encoding;
  CHECK(terminal::detect_encoding("hostname a\n") == Encoding::kUtf8);
  CHECK(terminal::detect_encoding("\xFF\xFEh\0o\0"s) == Encoding::kUtf16Le);
  CHECK(terminal::detect_encoding("\xFE\xFF\0h\0o"s) == Encoding::kUtf16Be);
  CHECK(terminal::detect_encoding("h\0o\0s\0t\0"s) == Encoding::kUtf16Le);
  CHECK(terminal::detect_encoding("\0h\0o\0s\0t"s) == Encoding::kUtf16Be);
  CHECK(terminal::detect_encoding("\xEF\xBB\xBFhostname") == Encoding::kUtf8);
}

TEST_CASE("terminal text: first_unusual finds the first byte that is not printable ASCII or LF") {
  // Every byte value at every position of buffers up to 200 bytes (the vectorised blocks, their
  // ends and the tail), against the definition byte by byte.
  auto reference = [](const std::string& text, size_t from) {
    for (size_t i = from; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c != '\n' && (c < 0x20 || c > 0x7E)) return i;
    }
    return text.size();
  };
  auto found = [](const std::string& text, size_t from) {
    return static_cast<size_t>(
        terminal::first_unusual(text.data() + from, text.data() + text.size()) - text.data());
  };
  for (size_t size : {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 200}) {
    std::string text;
    for (size_t i = 0; i < size; ++i)
      text += i % 9 == 0 ? '\n' : static_cast<char>(0x20 + i % 0x5F);
    REQUIRE(found(text, 0) == size);
    for (size_t at = 0; at < size; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string changed = text;
        changed[at] = static_cast<char>(byte);
        for (size_t from : {size_t{0}, size_t{1}}) {
          if (from > size || found(changed, from) == reference(changed, from)) continue;
          CAPTURE(size);
          CAPTURE(at);
          CAPTURE(byte);
          CAPTURE(from);
          REQUIRE(found(changed, from) == reference(changed, from));
        }
      }
    }
  }
}

TEST_CASE("terminal text: the line reader takes debris off exactly as skip_pager does") {
  // Random lines of blanks, pager prompts, erasers and words: the reader decides from its first
  // bytes whether a line can hold debris, and must never skip skip_pager where it would find
  // some.
  const std::vector<std::string> pieces = {
      " ",      "  ", "\t",     "-",       "<",  "--More--", " --More-- ", "<--- More --->",
      "\b\b\b", "\r", "\x1B[K", "\x1B[2K", "ip", "a-b",      "        ",   "!",
      "#"};
  std::mt19937 random(3);
  for (int i = 0; i < 20000; ++i) {
    std::string line;
    const size_t count = 1 + random() % 6;
    for (size_t k = 0; k < count; ++k) line += pieces[random() % pieces.size()];
    const std::string text = line + "\n";
    terminal::LineReader reader(text);
    terminal::Line got;
    REQUIRE(reader.next(got));
    size_t end = line.size();
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
      --end;
    // A line starting with a tab keeps it: only a space, a prompt or an eraser starts debris.
    const char first = line[0];
    const bool candidate = first == ' ' || first == '-' || first == '<' || first == '\b' ||
                           first == '\r' || first == '\x1B';
    const size_t start =
        candidate ? terminal::skip_pager(std::string_view(line).substr(0, end)) : 0;
    size_t body = start;
    while (body < end && (line[body] == ' ' || line[body] == '\t')) ++body;
    if (got.start == start && got.body == body) continue;
    CAPTURE(line);
    CHECK(got.start == start);
    CHECK(got.body == body);
  }
}

TEST_CASE("os9 grammar: pager debris keeps the state, the address and the next interface") {
  for (const PagerForm& form : pager_forms()) {
    CAPTURE(form.name);
    auto p =
        parse_text("interface TenGigabitEthernet 1/1\r\n ip address 10.0.1.1/24\r\n" + form.bytes +
                   " no shutdown\r\n" + form.bytes + "interface TenGigabitEthernet 1/2\r\n" +
                   form.bytes + " ip address 10.0.2.1/24\r\n no shutdown\r\n");
    CHECK(briefs(*p).empty());
    const Interface* one = p->interface("TenGigabitEthernet 1/1");
    const Interface* two = p->interface("TenGigabitEthernet 1/2");
    REQUIRE(one != nullptr);
    REQUIRE(two != nullptr);
    CHECK(one->shutdown == std::optional<bool>(false));
    CHECK(two->shutdown == std::optional<bool>(false));
    REQUIRE(one->addresses[0].size() == 1);
    CHECK(one->addresses[0][0].prefix.to_string() == "10.0.1.1/24");
    REQUIRE(two->addresses[0].size() == 1);
    CHECK(two->addresses[0][0].prefix.to_string() == "10.0.2.1/24");
    CHECK(p->model.lines_recognised == 6);
  }
}

TEST_CASE("os9 grammar: CR-only line ends are line ends") {
  auto p = parse_text(
      "hostname cr\rinterface TenGigabitEthernet 1/1\r ip address 10.0.0.1/24\r no shutdown\r"
      " ip vrf forwarding\r");
  CHECK(briefs(*p) == testing::Lines{"5:19: syntax-error: expected a VRF name in 'ip vrf "
                                     "forwarding'; found end of line"});
  const Interface* te = p->interface("TenGigabitEthernet 1/1");
  REQUIRE(te != nullptr);
  CHECK(te->shutdown == std::optional<bool>(false));
  REQUIRE(te->addresses[0].size() == 1);
  CHECK(p->model.hostname == "cr");
}

TEST_CASE("os9 grammar and show ip route: UTF-16 input is named, with how to convert it") {
  const std::string config = "hostname a\r\n";
  std::string le;
  std::string be;
  for (char c : config) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  const std::string how =
      "not UTF-8 text; convert it first, e.g. 'iconv -f UTF-16 -t UTF-8 FILE "
      "> FILE.cfg'";
  CHECK(briefs(*parse_text("\xFF\xFE" + le)) ==
        testing::Lines{"1:1: binary-input: the input is UTF-16 (little-endian, with a byte order "
                       "mark), " +
                       how});
  CHECK(briefs(*parse_text(le)) ==
        testing::Lines{"1:1: binary-input: the input is UTF-16 (little-endian, without a byte "
                       "order mark), " +
                       how});
  CHECK(briefs(*parse_text("\xFE\xFF" + be)) ==
        testing::Lines{"1:1: binary-input: the input is UTF-16 (big-endian, with a byte order "
                       "mark), " +
                       how});
  SourceFile routes("r.txt", "\xFF\xFE" + le);
  DiagnosticSink sink;
  const Snapshot snapshot = read_show_ip_route(routes, sink);
  CHECK(testing::brief_lines(sink) ==
        "1:1: binary-input: the input is UTF-16 (little-endian, with a byte order mark), " + how +
            "\n");
  CHECK(snapshot.vrfs.empty());
}

TEST_CASE("os9 grammar: an empty or blank config is an error") {
  for (const char* text : {"", "\r\n\r\n", "\r\r\r", "  \n\t\n", "!\n! only comments\n"}) {
    CAPTURE(text);
    auto p = parse_text(text);
    REQUIRE(p->sink.diagnostics().size() == 1);
    CHECK(p->sink.diagnostics()[0].rule == Rule::kEmptyInput);
    CHECK(p->sink.diagnostics()[0].severity == Severity::kError);
  }
}

/// `text` as a terminal session records `show running-config`: a prompt line, CRLF line ends, a
/// pager prompt every `page` lines (cycling through every form, erased as terminals erase it),
/// and the prompt again at the end.
std::string as_capture(const std::string& text, size_t page) {
  const std::vector<PagerForm> forms = pager_forms();
  std::string out = "S4048T-LEAK#show running-config\r\n";
  size_t line = 0;
  size_t form = 0;
  for (const std::string& l : testing::split_lines(text)) {
    if (++line % page == 0) out += forms[form++ % forms.size()].bytes;
    out += l + "\r\n";
  }
  return out + "S4048T-LEAK#";
}

TEST_CASE("cli: a terminal capture of the four-VRF sample reads like the clean file") {
  const std::string clean = testing::read_source("samples/dell-guide/four-vrf.cfg");
  // Both files start with the prompt line, so that line numbers agree.
  const auto clean_dir = testing::scratch_dir() / "clean";
  const auto capture_dir = testing::scratch_dir() / "capture";
  std::filesystem::create_directories(clean_dir);
  std::filesystem::create_directories(capture_dir);
  std::ofstream(clean_dir / "four-vrf.cfg", std::ios::binary) << "S4048T-LEAK#show running-config\n"
                                                              << clean;
  for (size_t page : {3, 4, 5, 7}) {
    CAPTURE(page);
    std::ofstream(capture_dir / "four-vrf.cfg", std::ios::binary) << as_capture(clean, page);
    for (const char* command : {"check", "rtm", "rtm --format json"}) {
      CAPTURE(command);
      const testing::Run expected = testing::run_vrfleak(
          std::string(command) + " " + testing::shell_quote((clean_dir / "four-vrf.cfg").string()));
      const testing::Run actual =
          testing::run_vrfleak(std::string(command) + " " +
                               testing::shell_quote((capture_dir / "four-vrf.cfg").string()));
      auto same_name = [&](std::string text) {
        const std::string from = capture_dir.string();
        for (size_t at; (at = text.find(from)) != std::string::npos;) {
          text.replace(at, from.size(), clean_dir.string());
        }
        return text;
      };
      CHECK(same_name(actual.out) == expected.out);
      CHECK(same_name(actual.err) == expected.err);
      CHECK(actual.status == expected.status);
    }
    // VRF-Shared holds the two routes leaked from VRF-Red and VRF-Blue.
    const testing::Run shared = testing::run_vrfleak(
        "rtm --vrf VRF-Shared " + testing::shell_quote((capture_dir / "four-vrf.cfg").string()));
    size_t leaked = 0;
    for (const std::string& l : testing::split_lines(shared.out)) {
      leaked += l.find("VRF-Red:") != std::string::npos || l.find("VRF-Blue:") != std::string::npos;
    }
    CHECK(leaked == 2);
  }
}

}  // namespace
}  // namespace vrfleak
