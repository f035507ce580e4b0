// emit/stream: the streaming JSON writer prints what nlohmann's dump(2) prints.
#include "emit/stream.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace vrfleak {
namespace {

using json = nlohmann::ordered_json;

std::string dump(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

TEST_CASE("stream: write_uint writes the digits std::to_string does") {
  // Every number up to 100,000 (line numbers, sequences), each side of every power of ten, the
  // largest, and random ones of every size.
  std::vector<uint64_t> values;
  for (uint64_t v = 0; v <= 100000; ++v) values.push_back(v);
  for (uint64_t power = 10; power <= 10000000000000000000ull; power *= 10) {
    values.insert(values.end(), {power - 1, power, power + 1});
    if (power > UINT64_MAX / 10) break;
  }
  values.push_back(UINT64_MAX);
  std::mt19937_64 random(17);
  for (int i = 0; i < 20000; ++i) values.push_back(random() >> (random() % 64));
  for (const uint64_t v : values) {
    char text[24];
    const char* end = write_uint(text, v);
    REQUIRE(std::string_view(text, static_cast<size_t>(end - text)) == std::to_string(v));
  }
}

TEST_CASE("stream: JsonWriter prints a document byte for byte as nlohmann's dump(2)") {
  std::ostringstream out;
  {
    JsonWriter w(out);
    w.begin_object();
    w.key("name");
    w.value("VRF-Red");
    w.key("id");
    w.value(uint64_t{4095});
    w.key("zero");
    w.value(uint64_t{0});
    w.key("big");
    w.value(uint64_t{18446744073709551615ull});
    w.key("flags");
    w.begin_array();
    w.value(true);
    w.value(false);
    w.null();
    w.end_array();
    w.key("empty_array");
    w.begin_array();
    w.end_array();
    w.key("empty_object");
    w.begin_object();
    w.end_object();
    w.key("nested");
    w.begin_array();
    w.begin_object();
    w.key("deeper");
    w.begin_array();
    w.begin_array();
    w.value("x");
    w.end_array();
    w.end_array();
    w.end_object();
    w.end_array();
    w.key("escapes");
    w.value("quote \" backslash \\ tab \t newline \n bell \x07");
    w.key("utf8");
    w.value("caf\xC3\xA9");
    w.key("invalid_utf8");
    w.value("caf\xE9 au lait");
    w.key("empty");
    w.value("");
    w.key("addresses");
    w.begin_array();
    w.address_value(*IpAddress::parse("10.1.2.3"));
    w.address_value(*IpAddress::parse("0.0.0.0"), 0);
    w.address_value(*IpAddress::parse("192.168.100.1"), 24, " secondary");
    w.address_value(*IpAddress::parse("2001:db8::1"), 64);
    w.address_value(*IpAddress::parse("fe80::1"));
    w.end_array();
    w.end_object();
  }
  json expected = json::object();
  expected["name"] = "VRF-Red";
  expected["id"] = 4095;
  expected["zero"] = 0;
  expected["big"] = 18446744073709551615ull;
  expected["flags"] = json::array({true, false, nullptr});
  expected["empty_array"] = json::array();
  expected["empty_object"] = json::object();
  expected["nested"] = json::array({json{{"deeper", json::array({json::array({"x"})})}}});
  expected["escapes"] = "quote \" backslash \\ tab \t newline \n bell \x07";
  expected["utf8"] = "caf\xC3\xA9";
  expected["invalid_utf8"] = "caf\xE9 au lait";
  expected["empty"] = "";
  expected["addresses"] = json::array(
      {"10.1.2.3", "0.0.0.0/0", "192.168.100.1/24 secondary", "2001:db8::1/64", "fe80::1"});
  CHECK(out.str() == dump(expected));
}

TEST_CASE("stream: JsonWriter prints top-level scalars and containers as nlohmann does") {
  for (int kind = 0; kind < 3; ++kind) {
    CAPTURE(kind);
    std::ostringstream out;
    {
      JsonWriter w(out);
      if (kind == 0) {
        w.begin_array();
        w.end_array();
      } else if (kind == 1) {
        w.begin_object();
        w.end_object();
      } else {
        w.begin_array();
        for (uint64_t i = 0; i < 100000; ++i) {
          w.value(i);
          w.maybe_flush();
        }
        w.end_array();
      }
    }
    json expected = kind == 0 ? json::array() : kind == 1 ? json::object() : json::array();
    if (kind == 2) {
      for (uint64_t i = 0; i < 100000; ++i) expected.push_back(i);
    }
    CHECK(out.str() == dump(expected));
  }
}

TEST_CASE("stream: strings are escaped as nlohmann escapes them, whatever their bytes") {
  // Printable ASCII with quotes and backslashes, every control byte, DEL, and some strings with
  // bytes of UTF-8 (valid or not), which go through nlohmann itself.
  std::mt19937 random(19);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const size_t length = random() % 24;
    const bool high = i % 10 == 0;
    for (size_t j = 0; j < length; ++j) {
      const unsigned pick = random() % 8;
      unsigned byte = pick < 4    ? 0x20 + random() % 0x60  // printable and DEL
                      : pick == 4 ? random() % 0x20         // control bytes
                      : pick == 5 ? '"'
                      : pick == 6 ? '\\'
                                  : 'a';
      if (high && random() % 4 == 0) byte = 0x80 + random() % 0x80;
      text += static_cast<char>(byte);
    }
    CAPTURE(text);
    Buffer out;
    append_json_string(out, text);
    REQUIRE(std::string(out.data(), out.size()) ==
            json(text).dump(-1, ' ', false, json::error_handler_t::replace));
    // The writer's values take the same path.
    std::ostringstream stream;
    {
      JsonWriter w(stream);
      w.begin_array();
      w.value(text);
      w.end_array();
    }
    REQUIRE(stream.str() == dump(json::array({text})));
  }
}

/// A stream buffer that takes plain pieces as standard output does, and keeps apart what came
/// unchecked (write_plain) and what came through the stream (and would be checked).
class RecordingSink final : public std::stringbuf, public PlainTextSink {
 public:
  bool write_plain(const char* data, size_t size) override {
    plain_.append(data, size);
    sputn(data, static_cast<std::streamsize>(size));
    return true;
  }
  std::string plain_;
};

TEST_CASE("stream: JsonWriter hands plain pieces to a PlainTextSink, the others to the stream") {
  const auto write = [](std::ostream& out, const std::vector<std::string>& texts) {
    JsonWriter w(out);
    w.begin_object();
    for (size_t i = 0; i < texts.size(); ++i) {
      w.key("k" + std::to_string(i));
      w.value(texts[i]);
    }
    w.end_object();
  };
  const auto expected = [](const std::vector<std::string>& texts) {
    json document = json::object();
    for (size_t i = 0; i < texts.size(); ++i) document["k" + std::to_string(i)] = texts[i];
    return dump(document);
  };
  SUBCASE("printable ASCII, quotes and control bytes (escaped): all of it unchecked") {
    const std::vector<std::string> texts = {"plain", "a \"quoted\" \\ name", "tab\there\x01"};
    RecordingSink sink;
    std::ostream out(&sink);
    write(out, texts);
    CHECK(sink.str() == expected(texts));
    CHECK(sink.plain_ == sink.str());
  }
  SUBCASE("DEL or a byte past ASCII goes out as it is: that piece takes the stream") {
    for (const std::string& odd : {std::string("del\x7F"), std::string("caf\xC3\xA9")}) {
      const std::vector<std::string> texts = {"plain", odd};
      RecordingSink sink;
      std::ostream out(&sink);
      write(out, texts);
      CHECK(sink.str() == expected(texts));
      CHECK(sink.plain_.empty());
    }
  }
  SUBCASE("a key with a byte that is not printable ASCII takes the stream too") {
    RecordingSink sink;
    std::ostream out(&sink);
    {
      JsonWriter w(out);
      w.begin_object();
      w.key(std::string_view("k\x7F"));
      w.value("v");
      w.end_object();
    }
    CHECK(sink.str() == "{\n  \"k\x7F\": \"v\"\n}\n");
    CHECK(sink.plain_.empty());
  }
  SUBCASE("after a piece that is not plain, the next pieces are plain again") {
    // More than the writer's 64 KiB buffer: the DEL is in the first piece only.
    std::vector<std::string> texts = {"del\x7F"};
    for (int i = 0; i < 4000; ++i) texts.push_back(std::string(40, 'x'));
    RecordingSink sink;
    std::ostream out(&sink);
    write(out, texts);
    CHECK(sink.str() == expected(texts));
    CHECK(!sink.plain_.empty());
    CHECK(sink.plain_.size() < sink.str().size());
    CHECK(sink.plain_.find('\x7F') == std::string::npos);
    CHECK(sink.str().ends_with(sink.plain_));
  }
}

}  // namespace
}  // namespace vrfleak
