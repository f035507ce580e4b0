// core/dialect: the config dialects vrfleak reads (DESIGN 3.1, 3.4).
#pragma once

#include <cstdint>
#include <string_view>

namespace vrfleak {

/// The dialect of a running-config.
enum class Dialect : uint8_t { kOs9, kOs10 };

/// What `--dialect` asks for: detect per file (auto) or read every file in one dialect.
enum class DialectChoice : uint8_t { kAuto, kOs9, kOs10 };

/// "OS9" / "OS10", as messages name the dialects.
constexpr std::string_view dialect_name(Dialect dialect) {
  return dialect == Dialect::kOs10 ? "OS10" : "OS9";
}

/// "os9" / "os10", as `--dialect` and JSON spell them.
constexpr std::string_view dialect_slug(Dialect dialect) {
  return dialect == Dialect::kOs10 ? "os10" : "os9";
}

}  // namespace vrfleak
