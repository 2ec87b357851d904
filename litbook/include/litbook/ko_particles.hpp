// litbook/ko_particles.hpp: Korean particles that agree with a value as it
// is read aloud, for the messages of example programs.
//
// A Korean particle has one form after a syllable that ends in a consonant
// and one after a vowel (은/는, 이/가, 을/를, 과/와, 으로/로 with ㄹ taking 로,
// 이다/다 ...); which one follows a number depends on how the number is
// read: 0 is 영 (0으로), 0.25 ends in 오 (0.25로), 0.1 in 일 (0.1로),
// 20 in 십 (20은), 12% in 트 (12%는), 1.2e-05 in 곱 (1.2e-05은).
//
// A message asks for agreement by writing the particle inside the field,
// after a bar, in either form: "α는 {:g|로} 고정" prints "α는 0.25로 고정"
// and, with 0, "α는 0으로 고정". The rules are those of the book's glue role
// (litbook/sphinxext/ko_particles.py, `:val:`key|로``), and a test runs both
// over the same values (litbook/tests/test_ko_particles_cpp.py).
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace litbook::ko {

namespace detail {

// The code point that ends `s` (UTF-8) and where it starts; 0 when empty.
inline std::pair<char32_t, std::size_t> last_code_point(std::string_view s) {
  if (s.empty()) return {0, 0};
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const std::size_t n = s.size() - i;
  char32_t cp = b0;
  if (n == 2) cp = b0 & 0x1F;
  if (n == 3) cp = b0 & 0x0F;
  if (n == 4) cp = b0 & 0x07;
  for (std::size_t k = i + 1; k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
  }
  return {cp, i};
}

inline bool is_syllable(char32_t c) { return c >= 0xAC00 && c < 0xAC00 + 11172; }

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The syllable a UTF-8 word of Hangul ends with.
inline char32_t last_of(std::string_view word) {
  return last_code_point(word).first;
}

inline constexpr std::array<std::string_view, 10> kDigits = {
    "영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"};

// How the end of a value is read when it is not a digit (the same table as
// ko_particles.SUFFIX_READINGS).
struct Reading {
  std::string_view suffix, read;
};
inline constexpr std::array<Reading, 25> kSuffixes = {{
    {"%", "퍼센트"},      {"%p", "퍼센트포인트"}, {"‰", "퍼밀"},
    {"×", "배"},          {"x", "배"},            {"배", "배"},
    {"ns", "나노초"},     {"µs", "마이크로초"},   {"us", "마이크로초"},
    {"ms", "밀리초"},     {"s", "초"},            {"B", "바이트"},
    {"KB", "킬로바이트"}, {"KiB", "키비바이트"},  {"MB", "메가바이트"},
    {"MiB", "메비바이트"}, {"GB", "기가바이트"},  {"GiB", "기비바이트"},
    {"GHz", "기가헤르츠"}, {"ulp", "울프"},       {"ULP", "울프"},
    {"nan", "난"},        {"NaN", "난"},          {"inf", "무한대"},
    {"∞", "무한대"},
}};

inline bool is_superscript(char32_t c) {
  return c == 0x2070 || c == 0xB9 || c == 0xB2 || c == 0xB3 ||
         (c >= 0x2074 && c <= 0x2079);
}

// Latin capitals as read in an acronym (SGD: 에스지디): their last syllable.
inline constexpr std::array<std::string_view, 26> kLetters = {
    "이", "비", "씨", "디", "이", "프", "지", "치", "이", "이", "이", "엘", "엠",
    "엔", "오", "피", "큐", "알", "스", "티", "유", "이", "유", "스", "이", "트"};

inline bool ends_with(std::string_view s, std::string_view t) {
  return s.size() >= t.size() && s.substr(s.size() - t.size()) == t;
}

inline std::string_view rstrip(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

[[noreturn]] inline void unreadable(std::string_view text) {
  throw std::invalid_argument(
      "litbook: cannot tell how '" + std::string(text) +
      "' is read in Korean, so no particle can agree with it");
}

// The last syllable of a non-negative integer (digits only) read in
// Sino-Korean: 20 이십 -> 십, 1000 천, 20000 이만 -> 만.
inline std::string_view read_integer(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  if (digits == "0") return "영";
  std::size_t power = 0;
  while (digits.back() == '0') {
    digits.remove_suffix(1);
    ++power;
  }
  if (power == 0) return kDigits[static_cast<std::size_t>(digits.back() - '0')];
  static constexpr std::array<std::string_view, 4> small = {"", "십", "백",
                                                            "천"};
  if (power < 4) return small[power];
  static constexpr std::array<std::string_view, 5> groups = {"", "만", "억",
                                                             "조", "경"};
  if (power / 4 >= groups.size()) unreadable(digits);
  return groups[power / 4];
}

// The last syllable of an unsigned number such as 12, 0.250 or 1,000;
// empty when `s` is not one.
inline std::string_view read_plain_number(std::string_view s) {
  const std::size_t dot = s.find('.');
  std::string_view ip = s.substr(0, dot);
  std::string_view fp = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (dot != std::string_view::npos && fp.empty()) return {};
  if (ip.empty() && fp.empty()) return {};
  if (!ip.empty() && !is_digit(ip.front())) return {};
  std::string digits;
  for (char c : ip) {
    if (c == ',') continue;
    if (!is_digit(c)) return {};
    digits += c;
  }
  for (char c : fp) {
    if (!is_digit(c)) return {};
  }
  if (!fp.empty()) return kDigits[static_cast<std::size_t>(fp.back() - '0')];
  return read_integer(digits);
}

// Where the last number of a list or range starts ("0.36, -0.41", "1–3"):
// after a space, ~, –, ( or [, a comma that does not group thousands, or a
// hyphen between digits.
inline std::string_view last_item(std::string_view s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    std::size_t len = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '~' || c == '(' ||
        c == '[') {
      len = 1;
    } else if (s.substr(i, 3) == "–") {
      len = 3;
    } else if (c == ',') {
      const bool thousands = i + 3 < s.size() && is_digit(s[i + 1]) &&
                             is_digit(s[i + 2]) &&
                             is_digit(s[i + 3]) &&
                             (i + 4 >= s.size() || !is_digit(s[i + 4]));
      if (!thousands) len = 1;
    } else if (c == '-' && i > 0 && i + 1 < s.size() && is_digit(s[i - 1]) &&
               is_digit(s[i + 1])) {
      len = 1;
    }
    if (len) {
      start = i + len;
      i += len - 1;
    }
  }
  return s.substr(start);
}

inline bool ends_in_exponent(std::string_view s) {
  if (is_superscript(last_code_point(s).first)) return true;
  std::size_t i = s.size();
  while (i > 0 && is_digit(s[i - 1])) --i;
  if (i == s.size()) return false;
  std::string_view head = s.substr(0, i);
  if (ends_with(head, "−")) head.remove_suffix(3);
  else if (ends_with(head, "-") || ends_with(head, "+")) head.remove_suffix(1);
  if (ends_with(head, "^")) return true;
  if (ends_with(head, "e") || ends_with(head, "E")) {
    head.remove_suffix(1);
    return !head.empty() && (is_digit(head.back()) || head.back() == '.');
  }
  return false;
}

}  // namespace detail

/// The last syllable of `text` as read aloud in Korean, as UTF-8.
/// Throws std::invalid_argument when its reading cannot be told.
inline std::string last_syllable(std::string_view text) {
  using namespace detail;
  std::string_view s = rstrip(text);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  if (s.empty()) unreadable(text);
  const auto [cp, at] = last_code_point(s);
  if (is_syllable(cp)) return std::string(s.substr(at));
  // The longest suffix that reads after a number (or alone) wins.
  const Reading* best = nullptr;
  for (const Reading& r : kSuffixes) {
    if (!ends_with(s, r.suffix)) continue;
    const std::string_view head =
        rstrip(s.substr(0, s.size() - r.suffix.size()));
    const char32_t h = last_code_point(head).first;
    // A unit reads after its number; alone it is a word of its own.
    const bool after_number = head.empty() || (h >= '0' && h <= '9') ||
                              h == '.' || h == U'∞' || is_superscript(h) ||
                              r.suffix == "nan" || r.suffix == "NaN" ||
                              r.suffix == "inf" || r.suffix == "∞";
    if (after_number && (!best || r.suffix.size() > best->suffix.size()))
      best = &r;
  }
  if (best) {
    return std::string(best->read.substr(last_code_point(best->read).second));
  }
  // Closing brackets and quotes are not read.
  for (std::string_view close : {")", "]", "}", "」", "』", "”", "’", "\"", "'"}) {
    if (ends_with(s, close)) {
      return last_syllable(rstrip(s.substr(0, s.size() - close.size())));
    }
  }
  if (ends_in_exponent(s)) return "곱";
  std::string_view tail = last_item(s);
  for (;;) {
    if (!tail.empty() && (tail.front() == '+' || tail.front() == '-')) {
      tail.remove_prefix(1);
    } else if (tail.substr(0, 3) == "−") {
      tail.remove_prefix(3);
    } else {
      break;
    }
  }
  std::string_view reading = read_plain_number(tail);
  if (reading.empty()) {
    std::size_t i = tail.size();
    while (i > 0 && is_digit(tail[i - 1])) --i;
    if (i < tail.size()) {
      reading = read_integer(tail.substr(i));
    } else if (!tail.empty()) {
      bool capitals = true;
      for (char c : tail) capitals = capitals && c >= 'A' && c <= 'Z';
      if (capitals) reading = kLetters[static_cast<std::size_t>(tail.back() - 'A')];
    }
  }
  if (reading.empty()) unreadable(text);
  return std::string(reading);
}

/// The particle (written in either form, with anything after it: "로",
/// "으로는") in the form that agrees with `text` as read.
inline std::string attach(std::string_view text, std::string_view particle) {
  // (form after a consonant, form after a vowel), longest first.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14>
      pairs = {{{"으로서", "로서"}, {"으로써", "로써"}, {"으로", "로"},
                {"이라고", "라고"}, {"이라는", "라는"}, {"이라", "라"},
                {"이나", "나"},     {"이다", "다"},     {"이며", "며"},
                {"이랑", "랑"},     {"은", "는"},       {"이", "가"},
                {"을", "를"},       {"과", "와"}}};
  const std::pair<std::string_view, std::string_view>* pair = nullptr;
  std::size_t form = 0;
  for (const auto& p : pairs) {
    for (std::string_view f : {p.first, p.second}) {
      if (particle.substr(0, f.size()) == f && f.size() > form) {
        pair = &p;
        form = f.size();
      }
    }
  }
  if (!pair) {
    throw std::invalid_argument(
        "litbook: '" + std::string(particle) +
        "' does not start with a particle that changes with the word before "
        "it (은/는, 이/가, 을/를, 과/와, 으로/로, 이다/다 ...)");
  }
  const std::string_view rest = particle.substr(form);
  if (pair->first == "이" && !rest.empty()) {
    throw std::invalid_argument(
        "litbook: '" + std::string(particle) +
        "' reads as the subject particle 이/가 followed by more; a copula "
        "(이고, 입니다 ...) does not change: write it after the field");
  }
  const std::string syllable = last_syllable(text);
  const char32_t final_consonant =
      (detail::last_of(syllable) - 0xAC00) % 28;
  std::string_view chosen = pair->first;
  if (final_consonant == 0 ||
      (final_consonant == 8 && pair->first.substr(0, 6) == "으로")) {
    chosen = pair->second;  // after a vowel; 일로, 칠로, 팔로
  }
  return std::string(chosen) + std::string(rest);
}

}  // namespace litbook::ko
