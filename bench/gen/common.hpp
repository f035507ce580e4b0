// bench/gen/common: what every workload of vrfleak-gen shares: deterministic draws, addresses,
// buffered output, VRF names, and the entry points of the workloads (config.cpp, routes.cpp,
// w3.cpp; main.cpp parses the command line). See gen/main.cpp for the generator as a whole.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
namespace vrfleak::bench {

// ---- deterministic draws --------------------------------------------------------------------

/// Draws from std::mt19937_64 reduced with '%': the same on every platform. The modulo bias is
/// irrelevant for synthetic data.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  /// A value in [0, n); 0 when n is 0.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  /// A value in [lo, hi].
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }
  /// True with probability p/100.
  bool percent(unsigned p) { return below(100) < p; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

/// Mixes a seed with a stream number, so that sub-generators get independent sequences.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + stream + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// ---- addresses ------------------------------------------------------------------------------

struct Ip4 {
  std::uint32_t value = 0;
};

struct Prefix4 {
  std::uint32_t network = 0;
  int length = 0;
  friend bool operator<(const Prefix4& a, const Prefix4& b) {
    return a.network != b.network ? a.network < b.network : a.length < b.length;
  }
};

constexpr std::uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

constexpr std::uint32_t mask_of(int length) {
  return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
}

/// Writes the dotted quad; returns the end. `out` needs 15 bytes.
inline char* write_ip4(char* out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    const unsigned octet = (value >> shift) & 0xFF;
    if (octet >= 100) *out++ = static_cast<char>('0' + octet / 100);
    if (octet >= 10) *out++ = static_cast<char>('0' + octet / 10 % 10);
    *out++ = static_cast<char>('0' + octet % 10);
    if (shift > 0) *out++ = '.';
  }
  return out;
}

/// Writes "A.B.C.D/NN"; returns the end. `out` needs 18 bytes.
inline char* write_prefix4(char* out, Prefix4 prefix) {
  out = write_ip4(out, prefix.network);
  *out++ = '/';
  if (prefix.length >= 10) *out++ = static_cast<char>('0' + prefix.length / 10);
  *out++ = static_cast<char>('0' + prefix.length % 10);
  return out;
}

/// First octets a public route table uses here: unicast, not 0, 10 (the generated connected
/// space), 100 (shared and 100.64/10 secondaries), 127, 169, 172 (transit links), 192
/// (documentation and management).
constexpr bool is_table_octet(unsigned first) {
  return first >= 1 && first <= 223 && first != 10 && first != 100 && first != 127 &&
         first != 169 && first != 172 && first != 192;
}

/// Distinct /24 networks spread over the public space: k -> k * odd (mod 2^24) is a bijection,
/// so consecutive k never repeat a network.
class NetworkSequence {
 public:
  explicit NetworkSequence(std::uint32_t start) : k_(start) {}
  std::uint32_t next() {
    for (;;) {
      const std::uint32_t x = static_cast<std::uint32_t>((k_++ * 2654435761ull) & 0xFFFFFF);
      if (is_table_octet(x >> 16)) return x << 8;
    }
  }

 private:
  std::uint64_t k_;
};

}  // namespace vrfleak::bench

template <>
struct fmt::formatter<vrfleak::bench::Ip4> {
  constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
  template <typename Context>
  auto format(vrfleak::bench::Ip4 address, Context& ctx) const {
    char text[16];
    char* end = vrfleak::bench::write_ip4(text, address.value);
    return std::copy(text, end, ctx.out());
  }
};

template <>
struct fmt::formatter<vrfleak::bench::Prefix4> {
  constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
  template <typename Context>
  auto format(vrfleak::bench::Prefix4 prefix, Context& ctx) const {
    char text[20];
    char* end = vrfleak::bench::write_prefix4(text, prefix);
    return std::copy(text, end, ctx.out());
  }
};

namespace vrfleak::bench {

// ---- output ---------------------------------------------------------------------------------

/// Buffered line writer. Without a file it only counts bytes (the --size-mb estimate).
class Writer {
 public:
  explicit Writer(std::FILE* file) : file_(file) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  template <typename... T>
  void line(fmt::format_string<T...> format, T&&... args) {
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<T>(args)...);
    buffer_.push_back('\n');
    ++lines_;
    if (buffer_.size() >= kFlushBytes) flush();
  }
  /// Appends text as is (it holds its own line ends, counted by the caller with add_lines).
  void raw(std::string_view text) {
    buffer_.append(text.data(), text.data() + text.size());
    if (buffer_.size() >= kFlushBytes) flush();
  }
  void add_lines(std::uint64_t n) { lines_ += n; }
  std::uint64_t bytes() const { return flushed_ + buffer_.size(); }
  std::uint64_t lines() const { return lines_; }
  /// Writes out the buffer; false once a write has failed.
  bool flush() {
    if (file_ != nullptr && buffer_.size() > 0 &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      failed_ = true;
    }
    flushed_ += buffer_.size();
    buffer_.clear();
    return !failed_;
  }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
  std::FILE* file_;
  fmt::memory_buffer buffer_;
  std::uint64_t flushed_ = 0;
  std::uint64_t lines_ = 0;
  bool failed_ = false;
};

struct GenError {
  std::string message;
};

/// An output file opened for writing ("-": standard output); closed and checked by finish().
class OutputFile {
 public:
  explicit OutputFile(const std::string& path) : path_(path) {
    if (path == "-") {
      file_ = stdout;
    } else {
      file_ = std::fopen(path.c_str(), "wb");
      if (file_ == nullptr) {
        throw GenError{fmt::format("cannot write '{}': {}", path, std::strerror(errno))};
      }
    }
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() {
    if (file_ != nullptr && file_ != stdout) std::fclose(file_);
  }
  std::FILE* get() const { return file_; }
  void finish(Writer& writer) {
    bool ok = writer.flush();
    if (file_ == stdout) {
      ok = std::fflush(stdout) == 0 && ok;
    } else {
      ok = std::fclose(file_) == 0 && ok;
    }
    file_ = nullptr;
    if (!ok) throw GenError{fmt::format("error writing '{}'", path_)};
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
};

// ---- names shared by the subcommands ---------------------------------------------------------

constexpr std::array<std::string_view, 8> kVrfStems = {"CUST", "TENANT", "SVC",    "DMZ",
                                                       "PCI",  "LAB",    "BACKUP", "PARTNER"};

/// The name of user VRF v (1-based). Depends on the index only, so `routes` captures name the
/// VRFs of a `config` generated with any seed.
inline std::string vrf_name(int v) {
  return fmt::format("{}-{:04}", kVrfStems[static_cast<std::size_t>(v) % kVrfStems.size()], v);
}

/// The VRF ID of user VRF v: 1, 2, ..., skipping 512 (the management VRF).
inline int vrf_id(int v) { return v < 512 ? v : v + 1; }

constexpr std::array<std::string_view, 6> kTimestamps = {
    "Thu Jul  6 19:58:01 2023", "Mon Feb 16 16:37:25 2026", "Tue Mar  3 09:00:00 2026",
    "Wed Oct 11 02:14:53 2023", "Fri Dec 20 23:59:07 2024", "Sat Jan  4 11:30:42 2025"};

// ---- the workloads --------------------------------------------------------------------------

enum class Topology { kHub, kMesh, kChain, kNone };

struct ConfigCounts {
  int vrfs = 16;
  int interfaces = 256;
  int statics = 1024;
  int route_maps = 32;
  int prefix_list_entries = 256;
};

struct ConfigParams {
  std::uint64_t seed = 1;
  ConfigCounts counts;
  Topology topology = Topology::kHub;
  std::string hostname;  // empty: derived from the seed
};

/// Bytes written per part of a config: what the --size-mb estimate extrapolates from.
struct SectionBytes {
  std::uint64_t fixed = 0;
  std::uint64_t per_vrf = 0;
  std::uint64_t interfaces = 0;
  std::uint64_t statics = 0;
  std::uint64_t route_maps = 0;
  std::uint64_t prefix_lists = 0;
};

/// Which counts were given on the command line (kept as given when scaling).
struct CountOverrides {
  std::optional<int> vrfs, interfaces, statics, route_maps, prefix_list_entries;
};

/// Writes a config; `bytes`, when given, receives the bytes of each part.
void write_config(const ConfigParams& params, Writer& out, SectionBytes* bytes = nullptr);
ConfigCounts scaled_counts(double s, const CountOverrides& given);
/// The counts that make a config of about `target_bytes`.
ConfigCounts counts_for_size(const ConfigParams& params, const CountOverrides& given,
                             double target_bytes);

enum class RouteFormat { kText, kJson };

struct RoutesParams {
  std::uint64_t seed = 1;
  int vrfs = 8;
  std::uint64_t routes = 100000;
  unsigned default_percent = 50;
  RouteFormat format = RouteFormat::kText;
};

/// A route snapshot (bench/README.md: routes).
void write_routes(const RoutesParams& params, Writer& out);

struct W3Params {
  std::uint64_t seed = 1;
  std::uint64_t default_routes = 1000000;
  int importers = 100;
  int mesh_vrfs = 100;
  int mesh_routes = 1000;
  unsigned permit_percent = 10;
};

/// The W3 leak workload: DIR/w3.cfg and DIR/w3.routes.json.
void write_w3(const W3Params& p, const std::string& dir);

}  // namespace vrfleak::bench
