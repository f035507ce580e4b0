// read_snapshot: picks the snapshot reader by content (DESIGN 3.2).
#include "grammar/snapshot.hpp"

namespace vrfleak {

Snapshot read_snapshot(const SourceFile& file, DiagnosticSink& sink) {
  std::string_view text = file.text();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  const size_t first = text.find_first_not_of(" \t\r\n\f\v");
  if (first != std::string_view::npos && text[first] == '{') return read_routes_json(file, sink);
  return read_show_ip_route(file, sink);
}

}  // namespace vrfleak
