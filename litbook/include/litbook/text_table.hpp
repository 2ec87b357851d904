// litbook/text_table.hpp: columns of text that line up in a terminal, for
// any script: cells are padded by their display width, so a column of
// Hangul (two columns a syllable) lines up as well as one of digits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace litbook {

namespace detail {
// Decodes one UTF-8 code point at s[i] and advances i (a bad byte counts
// as one code point, U+FFFD).
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3
                : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = len == 1 ? b : b & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += len;
  return c;
}
}  // namespace detail

/// How many terminal columns a code point takes: 2 for East Asian wide and
/// full-width characters (Hangul, kana, CJK ideographs), 0 for combining
/// marks and Hangul's medial and final jamo, 1 for the rest.
inline int display_width(char32_t c) {
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1160 && c <= 0x11FF) ||
      c == 0x200B || (c >= 0xFE00 && c <= 0xFE0F)) {
    return 0;
  }
  constexpr std::pair<char32_t, char32_t> wide[] = {
      {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
      {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
      {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
      {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6},
      {0x20000, 0x3FFFD}};
  for (const auto& [lo, hi] : wide) {
    if (c >= lo && c <= hi) return 2;
  }
  return 1;
}

/// The display width of a UTF-8 string.
inline std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    w += static_cast<std::size_t>(display_width(detail::next_code_point(s, i)));
  }
  return w;
}

/// A table printed as aligned text: a heading row, then the rows.
///
///     litbook::TextTable t({{"x"}, {"ReLU(x)"}});
///     t.row({"-3.0", "0.0"});
///     fmt::print("{}", t.text());
class TextTable {
 public:
  enum class Align { left, right };
  struct Column {
    std::string heading;
    Align align = Align::right;
  };

  explicit TextTable(std::vector<Column> columns)
      : columns_(std::move(columns)) {}

  /// Appends one row; it must have one cell per column.
  TextTable& row(std::vector<std::string> cells) {
    if (cells.size() != columns_.size()) {
      throw std::invalid_argument(
          "litbook::TextTable::row: " + std::to_string(cells.size()) +
          " cells for " + std::to_string(columns_.size()) + " columns");
    }
    rows_.push_back(std::move(cells));
    return *this;
  }

  /// The table, each line starting with `indent` and columns `gap` apart.
  /// Without headings (all empty) no heading row is printed.
  std::string text(std::string_view indent = "  ",
                   std::size_t gap = 2) const {
    std::vector<std::size_t> width(columns_.size(), 0);
    bool headings = false;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      width[c] = display_width(columns_[c].heading);
      headings = headings || !columns_[c].heading.empty();
    }
    for (const auto& r : rows_) {
      for (std::size_t c = 0; c < r.size(); ++c) {
        width[c] = std::max(width[c], display_width(r[c]));
      }
    }
    std::string out;
    auto line = [&](auto cell_of) {
      std::string l(indent);
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        const std::string& cell = cell_of(c);
        const std::string pad(width[c] - display_width(cell), ' ');
        if (c) l.append(gap, ' ');
        l += columns_[c].align == Align::right ? pad + cell : cell + pad;
      }
      while (!l.empty() && l.back() == ' ') l.pop_back();
      out += l + '\n';
    };
    if (headings) {
      line([&](std::size_t c) -> const std::string& {
        return columns_[c].heading;
      });
    }
    for (const auto& r : rows_) {
      line([&](std::size_t c) -> const std::string& { return r[c]; });
    }
    return out;
  }

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace litbook
