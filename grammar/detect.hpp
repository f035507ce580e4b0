// grammar/detect: what a text file holds, judged from its first lines.
//
// Input: the first bytes of a file (a few KiB are enough). Output: whether they look like a
// running-config. Directory walks use it to tell configs from README.txt and notes, and the
// `--routes` reader to tell a config given by mistake from a route capture. The dialect of a
// config (OS9 or OS10, DESIGN 3.4) is judged here too, from the first line that tells.
// Diagnostics: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/dialect.hpp"

namespace vrfleak {

/// How many bytes of a file the detection reads.
inline constexpr std::size_t kDetectBytes = 8192;

/// Whether `head` (the start of a file) looks like a switch running-config: a "! Version" or
/// "Current Configuration" header, or mostly lines that start with config keywords (hostname,
/// interface, ip, router, ...), ignoring prompts, pager debris, comments and blank lines.
bool looks_like_running_config(std::string_view head);

/// The line that tells which dialect a config is written in.
struct DialectEvidence {
  Dialect dialect = Dialect::kOs9;
  uint32_t begin = 0;  // the line's text, without indentation and line end
  uint32_t end = 0;
};

/// The dialect `text` (a whole config) is written in, from the first top-level line that tells:
/// '! Version 10.' or an interface with an OS10 name ('interface ethernet1/1/1', 'vlan10',
/// 'port-channel10', 'mgmt1/1/1', 'loopback0', 'virtual-network30', 'ethernet 1/1/1') says OS10;
/// '! Version 9.', 'Current Configuration' or an interface with an OS9 type and a space before its
/// number ('interface TenGigabitEthernet 1/4', 'Vlan 10') says OS9. nullopt when no line tells.
std::optional<DialectEvidence> detect_dialect(std::string_view text);

}  // namespace vrfleak
