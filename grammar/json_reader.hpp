// grammar/json_reader: the one reader of JSON inputs: route snapshots ('vrfleak.routes/1'),
// policy files ('vrfleak.policy/1'), the project file (.vrfleak.json), and the port maps and
// intent files to come. nlohmann's parser reads the text; this reader adds what it lacks: the
// byte range of every token, and errors in plain words at the token where they happen.
//
// Input: a SourceFile holding JSON. Output, in one of two shapes:
// - read_json_document: a JsonDocument, the value (nlohmann::json) with the byte range of each
//   of its values and keys, for the small files a reader checks entry by entry. One call reads a
//   file and checks its "schema";
// - sax_parse: nlohmann's SAX events to a handler derived from JsonPositions, which tells the
//   handler where each token lies, for a document too large to hold twice (route snapshots).
// Diagnostics: syntax-error for invalid JSON at the offending token ("invalid JSON: syntax error
// while parsing value - unexpected ']'; expected '[', '{', or a literal": nlohmann's message
// without its "[json.exception...]" prefix and its own position); reading stops there.
// read_json_document also reports, as syntax-error, a document that is not an object with the
// "schema" it expects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace vrfleak::json {

/// A byte range [begin, end) of the text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// Where a JSON text stops being valid, and why.
struct ParseError {
  Span span;            ///< the offending token, or the end of the text
  std::string message;  ///< "invalid JSON: syntax error while parsing object key - ..."
};

/// The error nlohmann reports after reading `position` bytes of `text` (the offending byte
/// last), with message `what` ("[json.exception.parse_error.101] parse error at line 1, column
/// 9: syntax error ..."): the token it points at, and the message in plain words.
ParseError parse_error(std::string_view text, std::size_t position, std::string_view what);

/// The base of a SAX handler that needs the positions of the tokens it is told about: while
/// sax_parse runs, offset() is how far the lexer has read, and the spans below are those of the
/// token of the current event.
class JsonPositions {
 public:
  explicit JsonPositions(const SourceFile& file) : file_(file), data_(file.text().data()) {}

  const SourceFile& file() const { return file_; }
  /// Bytes read so far.
  uint32_t offset() const { return static_cast<uint32_t>(cursor_ - data_); }
  /// The string token that ends at the cursor (the lexer stops right after its closing quote).
  Span string_span() const { return string_span_ending(offset()); }
  /// The string token whose closing quote is the byte before `end`.
  Span string_span_ending(uint32_t end) const;
  /// The number token before the cursor (the lexer has read one byte past it, unless at the end).
  Span number_span() const;
  /// The literal (true, false, null) that ends at the cursor.
  Span literal_span() const;
  /// The '{' or '[' just read.
  Span open_span() const { return {offset() - 1, offset()}; }

 private:
  template <typename Handler>
  friend bool sax_parse(Handler& handler);
  friend struct TrackingIterator;

  const SourceFile& file_;
  const char* data_;
  const char* cursor_ = data_;
};

/// A char iterator over the text that publishes, after each step, how far the lexer has read.
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  JsonPositions* positions = nullptr;

  reference operator*() const { return *p; }
  TrackingIterator& operator++() {
    positions->cursor_ = ++p;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) {
    return a.p == b.p;
  }
};

/// Runs nlohmann's SAX parser over the handler's file. `Handler` derives from JsonPositions and
/// has nlohmann's SAX functions; its parse_error() may call json::parse_error() for the words.
/// Returns whether the whole document was read.
template <typename Handler>
bool sax_parse(Handler& handler) {
  JsonPositions& positions = handler;
  const std::string_view text = positions.file().text();
  positions.cursor_ = text.data();
  return nlohmann::json::sax_parse(TrackingIterator{text.data(), &positions},
                                   TrackingIterator{text.data() + text.size(), &positions},
                                   &handler);
}

/// A JSON document and the byte range of each of its values and member keys.
class JsonDocument {
 public:
  /// The value of the whole document.
  const nlohmann::json& root() const { return *root_; }
  const SourceFile& file() const { return *file_; }
  /// The text of `value`, a reference into root(); the whole document if it is not one.
  SourceRange range(const nlohmann::json& value) const;
  /// The key that names `value` in its object; the value's range when it has none.
  SourceRange key_range(const nlohmann::json& value) const;

 private:
  friend class DocumentBuilder;
  struct Place {
    Span value;
    Span key;
    bool has_key = false;
  };

  const SourceFile* file_ = nullptr;
  std::unique_ptr<nlohmann::json> root_;  // on the heap: places are keyed by address
  std::unordered_map<const nlohmann::json*, Place> places_;
};

/// Reads `file` as a JSON document. Invalid JSON is a syntax-error at the offending token
/// (nullopt). When `schema` is given, the document must be an object whose "schema" is that
/// string, else a syntax-error at the document or at its "schema" names `what` ("the policy
/// file") and says what is expected (nullopt).
std::optional<JsonDocument> read_json_document(const SourceFile& file, DiagnosticSink& sink,
                                               std::string_view what, std::string_view schema = {});

/// "a string", "an array", "null", ... for messages that say what a value is.
std::string_view kind_name(const nlohmann::json& value);

}  // namespace vrfleak::json
