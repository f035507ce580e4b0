#include "grammar/json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>
#include <vector>

namespace vrfleak::json {

namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' ||
         c == '_';
}

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/// The string token whose closing quote is the byte before `end`, in `data`.
Span string_ending(const char* data, uint32_t end) {
  uint32_t begin = end >= 2 ? end - 2 : 0;
  while (begin > 0) {
    if (data[begin] == '"') {
      uint32_t backslashes = 0;
      while (begin > backslashes && data[begin - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) break;
    }
    --begin;
  }
  return {begin, end};
}

}  // namespace

ParseError parse_error(std::string_view text, std::size_t position, std::string_view what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..."
  if (const size_t bracket = what.find("] "); bracket != std::string_view::npos) {
    what.remove_prefix(bracket + 2);
  }
  if (what.substr(0, 11) == "parse error") {
    if (const size_t colon = what.find(": "); colon != std::string_view::npos) {
      what.remove_prefix(colon + 2);
    }
  }
  while (!what.empty() && (what.back() == '.' || what.back() == ' ')) what.remove_suffix(1);
  // `position` counts the bytes read, the offending one last: point at the start of its token
  // (a string, a literal or a number), or at the end of the input.
  const auto size = static_cast<uint32_t>(text.size());
  const auto last = static_cast<uint32_t>(std::min<std::size_t>(position, size + 1)) - 1;
  const char* data = text.data();
  uint32_t at = std::min(last, size);
  if (position == 0) {
    at = 0;
  } else if (at < size && data[at] == '"') {
    at = string_ending(data, at + 1).begin;
  } else if (at < size && (is_word_char(data[at]) || std::strchr(",:}] \t\r\n", data[at]))) {
    while (at > 0 && is_word_char(data[at - 1])) --at;
  }
  ParseError error;
  error.span = {at, std::min(std::max(last + 1, at + 1), size)};
  error.message = fmt::format("invalid JSON: {}", what);
  return error;
}

Span JsonPositions::string_span_ending(uint32_t end) const { return string_ending(data_, end); }

Span JsonPositions::number_span() const {
  uint32_t end = offset();
  if (end > 0 && !is_number_char(data_[end - 1])) --end;
  uint32_t begin = end;
  while (begin > 0 && is_number_char(data_[begin - 1])) --begin;
  return {begin, end};
}

Span JsonPositions::literal_span() const {
  uint32_t begin = offset();
  while (begin > 0 && data_[begin - 1] >= 'a' && data_[begin - 1] <= 'z') --begin;
  return {begin, offset()};
}

SourceRange JsonDocument::range(const nlohmann::json& value) const {
  const auto it = places_.find(&value);
  if (it == places_.end()) return {file_, 0, file_->size()};
  return {file_, it->second.value.begin, it->second.value.end};
}

SourceRange JsonDocument::key_range(const nlohmann::json& value) const {
  const auto it = places_.find(&value);
  if (it == places_.end() || !it->second.has_key) return range(value);
  return {file_, it->second.key.begin, it->second.key.end};
}

std::string_view kind_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "a number";
    case nlohmann::json::value_t::number_float:
      return "a fractional number";
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
      break;
  }
  return "binary";
}

/// The SAX handler that builds a JsonDocument: the value as nlohmann's own DOM parser builds
/// it, and the place of every value by its JSON pointer, turned into addresses at the end (while
/// the document grows, an array's elements move).
class DocumentBuilder final : public JsonPositions {
 public:
  DocumentBuilder(const SourceFile& file, DiagnosticSink& sink) : JsonPositions(file), sink_(sink) {
    document_.file_ = &file;
    document_.root_ = std::make_unique<nlohmann::json>();
  }

  bool null() { return add(nullptr, literal_span()); }
  bool boolean(bool value) { return add(value, literal_span()); }
  bool number_integer(int64_t value) { return add(value, number_span()); }
  bool number_unsigned(uint64_t value) { return add(value, number_span()); }
  bool number_float(double value, const std::string& /*text*/) { return add(value, number_span()); }
  bool string(std::string& value) { return add(std::move(value), string_span()); }
  bool binary(nlohmann::json::binary_t& /*value*/) { return false; }  // not in JSON text

  bool start_object(std::size_t /*elements*/) { return open(nlohmann::json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(nlohmann::json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& name) {
    key_ = std::move(name);
    key_span_ = string_span();
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    const ParseError error = json::parse_error(file().text(), position, ex.what());
    sink_.report(Rule::kSyntaxError, {&file(), error.span.begin, error.span.end}, error.message);
    return false;
  }

  /// The document, once sax_parse has read all of it.
  JsonDocument take() {
    const nlohmann::json& root = *document_.root_;
    for (const Record& record : records_) {
      if (!root.contains(record.pointer)) continue;  // a member replaced by a later duplicate
      document_.places_[&root.at(record.pointer)] = record.place;
    }
    return std::move(document_);
  }

 private:
  using Pointer = nlohmann::json::json_pointer;
  struct Open {
    nlohmann::json* value;
    Pointer pointer;
    size_t record;  // of the container, whose end is known at its close
  };
  struct Record {
    Pointer pointer;
    JsonDocument::Place place;
  };

  /// Adds a value where the parser is (the root, the next element, or the member of key_).
  nlohmann::json* place(nlohmann::json value, Span span) {
    JsonDocument::Place where{span, {}, false};
    Pointer pointer;
    nlohmann::json* slot = nullptr;
    if (open_.empty()) {
      *document_.root_ = std::move(value);
      slot = document_.root_.get();
    } else if (nlohmann::json& parent = *open_.back().value; parent.is_array()) {
      pointer = open_.back().pointer / parent.size();
      parent.push_back(std::move(value));
      slot = &parent.back();
    } else {
      pointer = open_.back().pointer / key_;
      where.key = key_span_;
      where.has_key = true;
      slot = &(parent[key_] = std::move(value));
    }
    records_.push_back({std::move(pointer), where});
    return slot;
  }

  bool add(nlohmann::json value, Span span) {
    place(std::move(value), span);
    return true;
  }

  bool open(nlohmann::json container) {
    const Span span = open_span();
    nlohmann::json* slot = place(std::move(container), span);
    open_.push_back({slot, records_.back().pointer, records_.size() - 1});
    return true;
  }

  bool close() {
    records_[open_.back().record].place.value.end = offset();
    open_.pop_back();
    return true;
  }

  DiagnosticSink& sink_;
  JsonDocument document_;
  std::vector<Open> open_;
  std::vector<Record> records_;
  std::string key_;
  Span key_span_;
};

std::optional<JsonDocument> read_json_document(const SourceFile& file, DiagnosticSink& sink,
                                               std::string_view what, std::string_view schema) {
  DocumentBuilder builder(file, sink);
  if (!sax_parse(builder)) return std::nullopt;
  JsonDocument document = builder.take();
  if (schema.empty()) return document;
  const nlohmann::json& root = document.root();
  const std::string expected = fmt::format("\"schema\": \"{}\"", schema);
  if (!root.is_object()) {
    sink.report(
        Rule::kSyntaxError, document.range(root),
        fmt::format("{} is {}; expected an object with {}", what, kind_name(root), expected));
    return std::nullopt;
  }
  const auto found = root.find("schema");
  if (found == root.end()) {
    const SourceRange whole = document.range(root);
    sink.report(Rule::kSyntaxError, {whole.file, whole.begin, whole.begin + 1},
                fmt::format("{} has no \"schema\"; expected {}", what, expected));
    return std::nullopt;
  }
  if (!found->is_string() || found->get_ref<const std::string&>() != schema) {
    sink.report(
        Rule::kSyntaxError, document.range(*found),
        fmt::format("\"schema\" of {} is {}; expected {}", what,
                    found->is_string() ? fmt::format("'{}'", found->get_ref<const std::string&>())
                                       : std::string(kind_name(*found)),
                    expected));
    return std::nullopt;
  }
  return document;
}

}  // namespace vrfleak::json
