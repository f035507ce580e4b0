// read_snapshot: picks the snapshot reader by content (DESIGN 3.2).
#include "grammar/snapshot.hpp"

#include "grammar/detect.hpp"

namespace vrfleak {

Snapshot read_snapshot(const SourceFile& file, DiagnosticSink& sink) {
  std::string_view text = file.text();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  const size_t first = text.find_first_not_of(" \t\r\n\f\v");
  if (first != std::string_view::npos && text[first] == '{') return read_routes_json(file, sink);
  // A running-config given by mistake would give an error for nearly every line: one says so.
  if (looks_like_running_config(file.text().substr(0, kDetectBytes))) {
    sink.report(Rule::kSyntaxError, {&file, 0, 0},
                "this file is a running-config, not a route snapshot ('show ip route' or "
                "vrfleak.routes/1 JSON); give it as CONFIG, not as --routes");
    Snapshot snapshot;
    snapshot.file = &file;
    return snapshot;
  }
  return read_show_ip_route(file, sink);
}

}  // namespace vrfleak
