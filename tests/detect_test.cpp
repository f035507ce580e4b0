// Tests of grammar/detect: telling running-configs from other text files.
#include "grammar/detect.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;

TEST_CASE("detect: every sample config looks like a running-config") {
  size_t configs = 0;
  for (const auto& entry : fs::recursive_directory_iterator(VRFLEAK_SOURCE_DIR "/samples")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".cfg" || name.find("empty-input") != std::string::npos ||
        name.find("binary-input") != std::string::npos) {
      continue;
    }
    CAPTURE(entry.path().string());
    const std::string text = testing::read_file(entry.path());
    CHECK(looks_like_running_config(std::string_view(text).substr(0, kDetectBytes)));
    ++configs;
  }
  CHECK(configs > 20);
}

TEST_CASE("detect: notes, READMEs and route captures are not running-configs") {
  CHECK_FALSE(looks_like_running_config(""));
  CHECK_FALSE(
      looks_like_running_config("naming: one file per switch, named after its hostname.\n"
                                "interface naming follows the inventory.\n"));
  CHECK_FALSE(looks_like_running_config("todo: renumber the VRFs\n"));
  CHECK_FALSE(looks_like_running_config(
      "Dell#show ip route vrf VRF-Red\n"
      "Codes: C - connected, S - static, R - RIP,\n"
      "Gateway of last resort is not set\n"
      "  Destination        Gateway                      Dist/Metric Last Change\n"
      "  C    111.1.1.0/24       Direct, Te 1/11                    0/0    00:32:36\n"));
  CHECK_FALSE(looks_like_running_config("hostname only-one-line\n"));
}

TEST_CASE("detect: headers, prompts, pager debris and CRLF") {
  CHECK(looks_like_running_config("! Version 9.14(2.7)\n"));
  CHECK(looks_like_running_config("Current Configuration ...\n"));
  CHECK(
      looks_like_running_config("Dell#show running-config\r\n!\r\nhostname a\r\n--More--\b\b\b"
                                "\b\b\b\b\binterface Vlan 5\r\n ip address 10.0.0.1/24\r\n"));
  CHECK(looks_like_running_config("\xEF\xBB\xBFhostname a\nip vrf X\n"));
}

}  // namespace
}  // namespace vrfleak
