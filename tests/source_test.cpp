// core/source: line and column of byte offsets, line texts, reading files.
#include "core/source.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace vrfleak {
namespace {

std::string line_col_text(const SourceFile& file, uint32_t offset) {
  const LineCol lc = file.line_col(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

TEST_CASE("source: offsets map to one-based lines and byte columns") {
  const SourceFile file("a.cfg", "ip vrf A\n ip route-export 1:1\n!\n");
  CHECK(file.name() == "a.cfg");
  CHECK(file.size() == 32);
  CHECK(line_col_text(file, 0) == "1:1");
  CHECK(line_col_text(file, 7) == "1:8");
  CHECK(line_col_text(file, 8) == "1:9");  // the newline belongs to its line
  CHECK(line_col_text(file, 9) == "2:1");
  CHECK(line_col_text(file, 10) == "2:2");
  CHECK(line_col_text(file, 29) == "2:21");  // the newline of line 2
  CHECK(line_col_text(file, 30) == "3:1");
  CHECK(line_col_text(file, 32) == "4:1");  // the end of the file, after the final newline
  CHECK(file.line_count() == 3);
  CHECK(file.line_text(1) == "ip vrf A");
  CHECK(file.line_text(2) == " ip route-export 1:1");
  CHECK(file.line_text(3) == "!");
  CHECK(file.line_text(4) == "");
  CHECK(file.line_text(0) == "");
  CHECK(file.line_text(99) == "");
}

TEST_CASE("source: columns count bytes, not characters") {
  const SourceFile file("u.cfg", "description \xC3\xA9t\xC3\xA9 x\n");
  CHECK(line_col_text(file, 18) == "1:19");  // the 'x', after two two-byte characters
}

TEST_CASE("source: CRLF line ends are not part of the line text") {
  const SourceFile file("crlf.cfg", "hostname a\r\n!\r\n\r\nend\r\n");
  CHECK(file.line_count() == 4);
  CHECK(file.line_text(1) == "hostname a");
  CHECK(file.line_text(2) == "!");
  CHECK(file.line_text(3) == "");
  CHECK(file.line_text(4) == "end");
  CHECK(line_col_text(file, 12) == "2:1");
  CHECK(line_col_text(file, 10) == "1:11");  // the '\r'
}

TEST_CASE("source: a last line without a newline still counts") {
  const SourceFile file("nonl.cfg", "hostname a\nend");
  CHECK(file.line_count() == 2);
  CHECK(file.line_text(2) == "end");
  CHECK(line_col_text(file, 13) == "2:3");
  CHECK(line_col_text(file, 14) == "2:4");  // the end of the file
}

TEST_CASE("source: an empty file has no lines, and offset 0 is 1:1") {
  const SourceFile file("empty.cfg", "");
  CHECK(file.size() == 0);
  CHECK(file.line_count() == 0);
  CHECK(line_col_text(file, 0) == "1:1");
  CHECK(file.line_text(1) == "");
}

TEST_CASE("source: a file of newlines has as many empty lines") {
  const SourceFile file("blank.cfg", "\n\n\n");
  CHECK(file.line_count() == 3);
  CHECK(line_col_text(file, 2) == "3:1");
  CHECK(file.line_text(2) == "");
}

TEST_CASE("source: a range names its bytes") {
  const SourceFile file("r.cfg", "ip vrf RED 7\n");
  const SourceRange range{&file, 7, 10};
  CHECK(range.valid());
  CHECK(range.text() == "RED");
  const SourceRange none;
  CHECK_FALSE(none.valid());
  CHECK(none.text().empty());
}

TEST_CASE("source: read returns the bytes of a file, or an error naming it") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("vrfleak_source_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "bytes.cfg").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string("a\0b\r\n", 5);
  }
  std::string error;
  const auto file = SourceFile::read(path, error);
  REQUIRE(file);
  CHECK(error.empty());
  CHECK(file->name() == path);
  CHECK(file->text() == std::string_view("a\0b\r\n", 5));

  const std::string missing = (dir / "missing.cfg").string();
  CHECK_FALSE(SourceFile::read(missing, error));
  CHECK(error == "cannot open '" + missing + "': No such file or directory");

  CHECK_FALSE(SourceFile::read(dir.string(), error));
  CHECK(error == "cannot read '" + dir.string() + "': Is a directory");
  std::filesystem::remove_all(dir);
}

TEST_CASE("source: a line cursor gives the lines line_col gives, in any order of lookups") {
  // Lines of varied lengths, empty lines, no final newline.
  std::string text;
  // About 14 KB: the cursor keeps a checkpoint every 4 KiB.
  for (int i = 0; i < 3000; ++i) text += std::string(static_cast<size_t>(i % 7), 'x') + "\n";
  text += "last";
  const SourceFile file("a.cfg", text);
  std::vector<uint32_t> offsets;
  for (uint32_t offset = 0; offset <= file.size(); ++offset) offsets.push_back(offset);
  auto check_all = [&](const char* order) {
    CAPTURE(order);
    LineCursor cursor(file);
    for (uint32_t offset : offsets) {
      CAPTURE(offset);
      REQUIRE(cursor.line(offset) == file.line_col(offset).line);
    }
  };
  check_all("ascending");
  std::reverse(offsets.begin(), offsets.end());
  check_all("descending");
  std::mt19937 random(7);
  std::shuffle(offsets.begin(), offsets.end(), random);
  check_all("shuffled");
  // Short steps back and forth, as an emitter printing a block after its children does.
  offsets.clear();
  for (uint32_t offset = 0; offset + 40 <= file.size(); offset += 37) {
    offsets.insert(offsets.end(), {offset + 30, offset + 35, offset + 1, offset});
  }
  check_all("steps back");
  // Far jumps forward, past the cursor's short walk.
  offsets = {0, 5, 400, 401, 402, 0, file.size(), 3, 9000, 4096, 4095, 12288, 8191, 8192, 1};
  check_all("jumps");
  const SourceFile empty("e.cfg", "");
  LineCursor cursor(empty);
  CHECK(cursor.line(0) == 1);
}

TEST_CASE("source: the line table starts a line after every newline, wherever it falls") {
  // The table is built 16 bytes at a time: newlines at every position of a block, several in
  // one block, none for long stretches, and texts of every length around a block's size.
  std::mt19937 random(11);
  for (int round = 0; round < 400; ++round) {
    const size_t size = static_cast<size_t>(round < 100 ? round : random() % 300);
    const unsigned density = 1 + random() % 20;
    std::string text;
    for (size_t i = 0; i < size; ++i) text += random() % density == 0 ? '\n' : 'x';
    const SourceFile file("a.cfg", text);
    CAPTURE(text);
    uint32_t line = 1;
    uint32_t column = 1;
    for (uint32_t offset = 0; offset <= text.size(); ++offset) {
      const LineCol lc = file.line_col(offset);
      REQUIRE(lc.line == line);
      REQUIRE(lc.column == column);
      if (offset < text.size() && text[offset] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    const auto newlines = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
    CHECK(file.line_count() == (text.empty() ? 0 : text.back() == '\n' ? newlines : newlines + 1));
  }
}

TEST_CASE("source: terminal escape sequences are taken out of the text wherever they are") {
  // As `script` records a session: bash's bracketed-paste switch and window title around the
  // prompt, a coloured prompt, colour inside a line, an erase to the end of the line.
  const SourceFile file("capture.cfg",
                        "\x1B[?2004h\x1B]0;me@jump: ~\x07\x1B[01;32mDell\x1B[00m#show run\r\n"
                        "ip vrf \x1B[1mRED\x1B[0m 1\x1B[K\n"
                        " description a\x1B(Bb\x1B"
                        "7c\n"
                        "hostname x\x1B]2;unterminated title\n"
                        "end\x1B\n");
  CHECK(file.text() ==
        "Dell#show run\r\n"
        "ip vrf RED 1\n"
        " description abc\n"
        "hostname x\n"
        "end\n");
  // Lines and columns are those of the text without them.
  CHECK(file.line_text(2) == "ip vrf RED 1");
  CHECK(line_col_text(file, 22) == "2:8");  // 'R' of RED
}

TEST_CASE("source: the forms of escape sequences and where each ends") {
  using namespace std::string_view_literals;
  CHECK(escape_sequence_length("\x1B[K rest"sv) == 3);
  CHECK(escape_sequence_length("\x1B[01;32mx"sv) == 8);
  CHECK(escape_sequence_length("\x1B[?2004hx"sv) == 8);
  CHECK(escape_sequence_length("\x1B[2 qx"sv) == 5);           // an intermediate byte
  CHECK(escape_sequence_length("\x1B[12\n"sv) == 4);           // no final byte: not the line end
  CHECK(escape_sequence_length("\x1B]0;title\x07x"sv) == 10);  // OSC ended by BEL
  CHECK(escape_sequence_length("\x1B]0;t\x1B\\x"sv) == 7);     // ... or by ESC backslash
  CHECK(escape_sequence_length("\x1B]0;t\r\n"sv) == 5);        // ... or by the line end
  CHECK(escape_sequence_length("\x1BPq#0\x1B\\"sv) == 7);      // DCS
  CHECK(escape_sequence_length("\x1B(Bx"sv) == 3);
  CHECK(escape_sequence_length("\x1B"
                               "7x"sv) == 2);
  CHECK(escape_sequence_length("\x1B\n"sv) == 1);  // a lone ESC
  CHECK(escape_sequence_length("\x1B"sv) == 1);
  CHECK(escape_sequence_length("\x1B\xC3\xA9"sv) == 1);
}

TEST_CASE("source: a large mapped file with escape sequences is read without them") {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("vrfleak-escapes-" + std::to_string(getpid()));
  std::string text(SourceFile::kMapFrom, 'a');
  text[10] = '\n';
  text.replace(100, 4, "\x1B[0m");
  std::ofstream(path, std::ios::binary) << text;
  std::string error;
  const auto file = SourceFile::read(path.string(), error);
  std::filesystem::remove(path);
  REQUIRE(file != nullptr);
  CHECK(file->size() == SourceFile::kMapFrom - 4);
  CHECK(file->text().find('\x1B') == std::string_view::npos);
}

}  // namespace
}  // namespace vrfleak
