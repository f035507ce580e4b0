// grammar/detect: what a text file holds, judged from its first lines.
//
// Input: the first bytes of a file (a few KiB are enough). Output: whether they look like a
// running-config. Directory walks use it to tell configs from README.txt and notes, and the
// `--routes` reader to tell a config given by mistake from a route capture. Dialect detection
// (OS9, OS10) belongs here too. Diagnostics: none.
#pragma once

#include <cstddef>
#include <string_view>

namespace vrfleak {

/// How many bytes of a file the detection reads.
inline constexpr std::size_t kDetectBytes = 8192;

/// Whether `head` (the start of a file) looks like a switch running-config: a "! Version" or
/// "Current Configuration" header, or mostly lines that start with config keywords (hostname,
/// interface, ip, router, ...), ignoring prompts, pager debris, comments and blank lines.
bool looks_like_running_config(std::string_view head);

}  // namespace vrfleak
