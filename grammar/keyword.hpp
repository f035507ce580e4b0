// grammar/keyword: the keyword rule both PEGTL grammars use (os9/, showroute/): a whole word,
// case-insensitive, that is the keyword or an abbreviation of it at least `Min` characters long,
// as the OS9 CLI accepts it. Included only by grammar/ files (it includes PEGTL).
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <cstddef>

namespace vrfleak::grammar {

/// A string usable as a template argument: kw<3, "interface">.
template <std::size_t N>
struct Lit {
  char chars[N];
  constexpr Lit(const char (&text)[N]) {  // NOLINT: implicit on purpose
    for (std::size_t i = 0; i < N; ++i) chars[i] = text[i];
  }
  constexpr std::size_t size() const { return N - 1; }
};

inline bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// A keyword as the CLI accepts it: a whole word, case-insensitive, that is the keyword or an
/// abbreviation of it at least `Min` characters long.
template <unsigned Min, Lit Keyword>
struct kw {
  using rule_t = kw;
  using subs_t = tao::pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* p = in.current();
    const std::size_t avail = in.size(Keyword.size() + 1);
    std::size_t n = 0;
    while (n < avail && !is_separator(p[n])) {
      if (n >= Keyword.size()) return false;
      char c = p[n];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != Keyword.chars[n]) return false;
      ++n;
    }
    if (n == 0 || n < Min) return false;
    in.bump(n);
    return true;
  }
};

}  // namespace vrfleak::grammar

namespace tao::pegtl {

/// A keyword consumes input whenever it matches (for tao::pegtl::analyze).
template <typename Name, unsigned Min, vrfleak::grammar::Lit Keyword>
struct analyze_traits<Name, vrfleak::grammar::kw<Min, Keyword>> : analyze_any_traits<> {};

}  // namespace tao::pegtl
