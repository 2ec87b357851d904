// litbook/params.hpp: the tunable parameters of an example, declared once.
//
// From one declaration come the command-line option (--name value), the
// --help listing with defaults and ranges, the controls of the in-page
// runner and the parameter table of the book (both from --params-json).
#pragma once

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace litbook {

/// One parameter: a number in [lo, hi] (moved in steps of `step` by the
/// page's controls), an integer in [lo, hi], or one of a list of choices.
/// The label is a message (mark it with litbook::msg) in the source
/// language; it is translated like every other message.
struct Param {
  enum class Kind { number, integer, choice };
  std::string name;
  Kind kind = Kind::number;
  double def = 0, lo = 0, hi = 0, step = 0;
  std::vector<std::string> choices;  ///< for Kind::choice; [0] by default
  std::size_t def_choice = 0;
  const char* label = "";
};

/// A real-valued parameter.
inline Param number(std::string name, double def, double lo, double hi,
                    double step, const char* label) {
  Param p;
  p.name = std::move(name);
  p.kind = Param::Kind::number;
  p.def = def;
  p.lo = lo;
  p.hi = hi;
  p.step = step;
  p.label = label;
  return p;
}

/// An integer parameter.
inline Param integer(std::string name, long def, long lo, long hi,
                     const char* label) {
  Param p = number(std::move(name), static_cast<double>(def),
                   static_cast<double>(lo), static_cast<double>(hi), 1,
                   label);
  p.kind = Param::Kind::integer;
  return p;
}

/// A parameter that takes one of `choices`; `def` must be one of them.
inline Param choice(std::string name, std::string def,
                    std::vector<std::string> choices, const char* label) {
  Param p;
  p.name = std::move(name);
  p.kind = Param::Kind::choice;
  p.choices = std::move(choices);
  p.label = label;
  for (std::size_t i = 0; i < p.choices.size(); ++i) {
    if (p.choices[i] == def) p.def_choice = i;
  }
  return p;
}

namespace detail {

/// A bound or default as a reader types it: 0.01, -40.8, 2000.
inline std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v == 0 ? 0.0 : v);
  return buf;
}

/// What a parameter accepts, in words: "a number from -50 to 50".
inline std::string accepts(const Param& p) {
  if (p.kind == Param::Kind::choice) {
    std::string all;
    for (const auto& c : p.choices) all += (all.empty() ? "" : ", ") + c;
    return "one of " + all;
  }
  return std::string(p.kind == Param::Kind::integer ? "an integer"
                                                    : "a number") +
         " from " + format_number(p.lo) + " to " + format_number(p.hi);
}

/// Parses `text` as a value of `p`: true on success (the value goes to
/// `num`, or its index among the choices to `pick`).
inline bool parse_param(const Param& p, const std::string& text,
                        double& num, std::size_t& pick) {
  if (p.kind == Param::Kind::choice) {
    for (std::size_t i = 0; i < p.choices.size(); ++i) {
      if (p.choices[i] == text) {
        pick = i;
        return true;
      }
    }
    return false;
  }
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v =
      p.kind == Param::Kind::integer
          ? static_cast<double>(std::strtol(text.c_str(), &end, 10))
          : std::strtod(text.c_str(), &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(v) || v < p.lo ||
      v > p.hi) {
    return false;
  }
  num = v;
  return true;
}

}  // namespace detail
}  // namespace litbook
