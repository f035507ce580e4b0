// emit/config_writer: lines composed in place print what the model's to_string() prints, and the
// text is the same built whole or streamed.
#include "emit/config_writer.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>

#include "core/ip.hpp"
#include "core/source.hpp"

namespace vrfleak {
namespace {

TEST_CASE("config writer: addresses, prefixes and numbers print as to_string prints them") {
  std::mt19937_64 random(5);
  ConfigWriter writer(nullptr);
  std::string expected;
  const uint32_t edges[] = {0,          0x01020304, 0x09090909, 0x0A0A0A0A,
                            0x63636363, 0x64646464, 0xFFFFFFFF, 0x0A00FF63};
  for (int i = 0; i < 20000; ++i) {
    const auto value = i < 8 ? edges[i] : static_cast<uint32_t>(random());
    const IpAddress address = IpAddress::v4(value);
    const Prefix prefix(address, static_cast<int>(random() % 33));
    const uint64_t number = i % 3 == 0 ? random() : random() % 1000;
    writer.open_line().add(address).add(' ').add(prefix).add(" n ").number(number);
    writer.end_line({});
    expected +=
        address.to_string() + " " + prefix.to_string() + " n " + std::to_string(number) + "\n";
  }
  for (const char* text : {"::", "2001:db8::1", "fe80::1:2", "::ffff:10.0.0.1"}) {
    const IpAddress address = *IpAddress::parse_v6(text);
    writer.open_line().add(address).add(' ').add(Prefix(address, 64));
    writer.end_line({});
    expected += address.to_string() + " " + Prefix(address, 64).to_string() + "\n";
  }
  writer.open_line().number(0).add(' ').number(UINT64_MAX);
  writer.end_line({});
  expected += "0 18446744073709551615\n";
  const EmittedConfig config = writer.take();
  CHECK(config.text == expected);
  CHECK(config.lines.size() == 20005);
}

TEST_CASE("config writer: long lines and many lines are the same built whole or streamed") {
  const SourceFile file("a.cfg", "ip vrf A\n");
  std::ostringstream stream;
  ConfigWriter built(&file);
  ConfigWriter streamed(&file, &stream);
  std::string expected;
  for (int i = 0; i < 3000; ++i) {
    // Lines longer than the room grows by (64 KiB) now and then.
    const std::string text(i % 500 == 0 ? 100000 : static_cast<size_t>(i % 90), 'a' + i % 26);
    for (ConfigWriter* w : {&built, &streamed}) {
      if (i % 2 == 0) {
        w->line(text, {&file, 0, 8});
      } else {
        w->open_line().add(text).number(static_cast<uint64_t>(i));
        w->end_line({&file, 0, 8}, LineFate::kCarried);
      }
    }
    expected += text + (i % 2 == 0 ? "" : std::to_string(i)) + "\n";
  }
  const EmittedConfig whole = built.take();
  const EmittedConfig parts = streamed.take();
  CHECK(whole.text == expected);
  CHECK(parts.text.empty());
  CHECK(stream.str() == expected);
  REQUIRE(whole.lines.size() == 3000);
  CHECK(parts.lines.size() == 3000);
  CHECK(whole.lines[1].fate == LineFate::kCarried);
  CHECK(whole.lines[2].source == 0);
}

}  // namespace
}  // namespace vrfleak
