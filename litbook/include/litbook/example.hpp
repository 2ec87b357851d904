// litbook/example.hpp: what every example program of a litbook book shares.
//
// An example program
//   * prints what a reader should see, in the language given by --lang
//     (any language of its book; its messages come from the chapter's
//     catalogues, see catalog.hpp);
//   * takes its declared parameters as --name value (see params.hpp); its
//     tested output is the output at the defaults;
//   * writes its figure data and the values its prose cites into --out DIR
//     (never into the source tree), all at once when it finishes;
//   * answers --help and --params-json, and exits 2 with a message on a
//     bad option or value, writing nothing.
// Output is deterministic: fixed formatting, no times, no addresses.
// litbook's functions that are not templates are compiled once per program,
// in the chapter's generated catalog.cpp (it defines LITBOOK_IMPLEMENTATION
// before it includes this header), not in every source that includes it.
//
//     int main(int argc, char** argv) {
//       litbook::Example ex(argc, argv, litbook::msg("제1장의 예제"));
//       ex.println("x와 ReLU(x)");
//       ex.value("relu-at-2", "{:.1f}", nn::relu(2.0));
//       return ex.finish();
//     }
#pragma once

#include <litbook/catalog.hpp>
#include <litbook/ko_particles.hpp>
#include <litbook/params.hpp>
#include <litbook/text_table.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace litbook {

/// A whitespace-separated table for gnuplot: a header row of column names,
/// then one row per point. Columns are read by name in the figure scripts.
class Table {
 public:
  explicit Table(std::vector<std::string> columns)
      : columns_(std::move(columns)) {}

  /// Appends one row; its size must match the header.
  void row(std::initializer_list<double> values);

  /// The table as text (%.9g: exact enough for a figure, stable).
  std::string text() const;

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<double>> rows_;
};

/// Collects the values the prose cites and the data the figures plot, and
/// writes them to the output directory when finish() is called.
///
/// Files are written under temporary names and renamed into place, so a
/// failing example never leaves half a result behind.
class Output {
 public:
  Output() = default;
  void set_dir(std::filesystem::path dir) { dir_ = std::move(dir); }

  /// Records a value the prose cites, already formatted for print.
  void value(const std::string& key, std::string text);

  /// Records a data table, written as `<name>.dat`.
  void data(const std::string& name, const Table& table);

  /// Writes everything to the output directory (if one was given).
  /// Returns 0, or 1 with a message on stderr when a file cannot be written.
  int finish() const;

 private:
  static void check_key(const std::string& key);
  static int fail(const std::filesystem::path& p, const std::string& why);

  std::filesystem::path dir_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> data_;
};

namespace detail {

/// A number formatted so that a value that rounds to zero never reads
/// "-0" or "-0.00" (the sign of a zero is noise in prose).
struct Tidy {
  double v;
};

template <class T>
auto tidy_arg(const T& a) {
  if constexpr (std::is_floating_point_v<T>) {
    return Tidy{static_cast<double>(a)};
  } else {
    return a;
  }
}

inline bool only_zero_digits(std::string_view s) {
  return s.find_first_of("123456789") == std::string_view::npos;
}

std::string json_string(std::string_view s);

// Looks msgid up in a catalogue; nullptr when it is not there.
const char* find_message(const Catalog& cat, std::size_t lang,
                         std::string_view msgid);

/// The format with each particle field ("{:g|로}": the particle after the
/// bar) turned into "\x1E{:g}\x1F로\x1F", so that the particle can be
/// made to agree with the value once it is formatted.
std::string mark_particles(std::string_view format);

/// The formatted text with each marked value followed by its particle in
/// the form that agrees with it (Korean: ko::attach). A particle field in
/// a message of another language is an error.
std::string agree_particles(std::string text, std::string_view lang);

/// litbook's own words (usage, option descriptions), in English as
/// msgids, translated by the catalogue shipped with litbook.
const Catalog& litbook_catalog();

}  // namespace detail

/// The reader's side of an example: its options, its language, its
/// messages, its parameters and what it writes for the book.
class Example {
 public:
  /// Parses argv. `about` (a message) says what the program does.
  /// On --help, --params-json or a bad argument it prints and exits.
  Example(int argc, char** argv, const char* about,
          std::vector<Param> params = {});

  /// The reader's language, as the book spells it ("ko", "en", "ja").
  std::string_view lang() const { return cat_.langs[lang_]; }

  /// A message in the reader's language. A message without letters
  /// ("  {}: {}") is its own translation.
  std::string_view tr(std::string_view msgid) const;

  /// Prints a message, translated, with fmt's replacement fields. A field
  /// may name the Korean particle that follows it after a bar,
  /// "{:g|로}", in either form: it is printed in the form that agrees with
  /// the value as read (0으로, 0.25로; see ko_particles.hpp).
  template <class... A>
  void print(std::string_view format, const A&... args) const {
    const std::string f = detail::mark_particles(tr(format));
    fmt::print("{}", detail::agree_particles(
                         fmt::format(fmt::runtime(f), args...), lang()));
  }

  /// print(), then a new line.
  template <class... A>
  void println(std::string_view format, const A&... args) const {
    print(format, args...);
    std::fputc('\n', stdout);
  }

  /// The value of a parameter (declared with litbook::number, integer or
  /// choice).
  double number(std::string_view name) const { return values_[index(name)]; }
  long integer(std::string_view name) const {
    return static_cast<long>(values_[index(name)]);
  }
  const std::string& choice(std::string_view name) const {
    const auto i = index(name);
    return params_[i].choices.at(picks_[i]);
  }
  /// True when every parameter has its default value (the tested run).
  bool at_defaults() const {
    for (std::size_t i = 0; i < params_.size(); ++i) {
      if (values_[i] != params_[i].def || picks_[i] != params_[i].def_choice)
        return false;
    }
    return true;
  }

  /// Records a value the prose cites, formatted with fmt; a number that
  /// rounds to zero is written without a sign.
  template <class... A>
  void value(const std::string& key, std::string_view format,
             const A&... args) {
    out_.value(key, fmt::format(fmt::runtime(format),
                                detail::tidy_arg(args)...));
  }

  /// Records a data table for the figures, written as `<name>.dat`.
  void data(const std::string& name, const Table& table) {
    out_.data(name, table);
  }

  /// Writes the data and values to --out (if given): 0, or 1 with a
  /// message when a file cannot be written. main() returns it.
  int finish() const { return out_.finish(); }

 private:
  static bool has_letters(std::string_view s);

  // litbook's own words in the reader's language.
  std::string_view own(std::string_view msgid) const;
  template <class... A>
  std::string own_fmt(std::string_view msgid, const A&... args) const {
    return fmt::format(fmt::runtime(own(msgid)), args...);
  }

  std::string lang_list() const;

  void set_lang(std::string_view code);

  std::size_t index(std::string_view name) const;

  std::string accepts(const Param& p) const;

  std::string default_text(const Param& p) const;

  void parse_one(int argc, char** argv, int& i);

  [[noreturn]] void fail(const std::string& why) const;

  void usage(std::FILE* f) const;

  void params_json() const;

  std::string prog_;
  const char* about_;
  std::vector<Param> params_;
  std::vector<double> values_;
  std::vector<std::size_t> picks_;
  const Catalog& cat_;
  std::size_t lang_ = 0;
  Output out_;
};

/// Formats like fmt::format, but a number that rounds to zero is written
/// without a sign ("0.00", never "-0.00").
template <class... A>
std::string format(std::string_view format, const A&... args) {
  return fmt::format(fmt::runtime(format), detail::tidy_arg(args)...);
}

}  // namespace litbook

template <>
struct fmt::formatter<litbook::detail::Tidy> {
  char spec[32] = {};
  constexpr auto parse(fmt::format_parse_context& ctx) {
    auto it = ctx.begin();
    std::size_t n = 0;
    while (it != ctx.end() && *it != '}' && n + 1 < sizeof spec) {
      spec[n++] = *it++;
    }
    return it;
  }
  template <class Ctx>
  auto format(litbook::detail::Tidy t, Ctx& ctx) const {
    const std::string f = std::string("{:") + spec + "}";
    std::string s = fmt::format(fmt::runtime(f), t.v);
    if (s.find('-') != std::string::npos &&
        litbook::detail::only_zero_digits(s)) {
      s = fmt::format(fmt::runtime(f), 0.0);
    }
    return fmt::format_to(ctx.out(), "{}", s);
  }
};

// The functions declared above, compiled once per program (see the top).
#ifdef LITBOOK_IMPLEMENTATION
namespace litbook {

void Table::row(std::initializer_list<double> values) {
  if (values.size() != columns_.size()) {
    throw std::invalid_argument(
        "litbook::Table::row: " + std::to_string(values.size()) +
        " values for " + std::to_string(columns_.size()) + " columns");
  }
  rows_.emplace_back(values);
}

std::string Table::text() const {
  std::string s;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i) s += ' ';
    s += columns_[i];
  }
  s += '\n';
  char buf[32];
  for (const auto& r : rows_) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%.9g", r[i] == 0.0 ? 0.0 : r[i]);
      if (i) s += ' ';
      s += buf;
    }
    s += '\n';
  }
  return s;
}

void Output::value(const std::string& key, std::string text) {
  check_key(key);
  if (text.find_first_of("\"\\\n") != std::string::npos) {
    throw std::invalid_argument("litbook: value '" + key +
                                "' contains a quote, backslash or newline");
  }
  if (text.find("nan") != std::string::npos ||
      text.find("inf") != std::string::npos) {
    throw std::invalid_argument("litbook: value '" + key +
                                "' is not a finite number: " + text);
  }
  if (!values_.emplace(key, std::move(text)).second) {
    throw std::invalid_argument("litbook: value '" + key +
                                "' is set twice");
  }
}

void Output::data(const std::string& name, const Table& table) {
  check_key(name);
  if (!data_.emplace(name, table.text()).second) {
    throw std::invalid_argument("litbook: data '" + name +
                                "' is written twice");
  }
}

int Output::finish() const {
  if (dir_.empty()) return 0;
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  std::string json = "{\n";
  std::size_t n = 0;
  for (const auto& [k, v] : values_) {
    json += "  \"" + k + "\": \"" + v + "\"";
    json += ++n < values_.size() ? ",\n" : "\n";
  }
  json += "}\n";
  files.emplace_back(dir_ / "values.json", json);
  for (const auto& [name, text] : data_) {
    files.emplace_back(dir_ / (name + ".dat"), text);
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return fail(dir_, ec.message());
  auto tmp_of = [](std::filesystem::path p) { return p += ".tmp"; };
  auto drop_tmps = [&] {
    for (const auto& f : files) {
      std::filesystem::remove(tmp_of(f.first), ec);
    }
  };
  for (const auto& [path, text] : files) {
    const auto tmp = tmp_of(path);
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    f.close();
    if (!f) {
      const std::string why = std::strerror(errno);
      drop_tmps();
      return fail(tmp, why);
    }
  }
  for (const auto& [path, text] : files) {
    std::filesystem::rename(tmp_of(path), path, ec);
    if (ec) {
      drop_tmps();
      return fail(path, ec.message());
    }
  }
  return 0;
}

void Output::check_key(const std::string& key) {
  if (key.empty() ||
      key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") !=
          std::string::npos) {
    throw std::invalid_argument("litbook: bad key '" + key +
                                "' (use a-z, 0-9, _ and -)");
  }
}

int Output::fail(const std::filesystem::path& p, const std::string& why) {
  std::fprintf(stderr, "error: cannot write %s: %s\n", p.c_str(),
               why.c_str());
  return 1;
}

namespace detail {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string mark_particles(std::string_view f) {
  if (f.find('|') == std::string_view::npos) return std::string(f);
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.compare(i, 2, "{{") == 0 || f.compare(i, 2, "}}") == 0) {
      out += f.substr(i, 2);
      ++i;
      continue;
    }
    if (f[i] != '{') {
      out += f[i];
      continue;
    }
    // The field up to its closing brace (a nested {} gives a width).
    std::size_t j = i + 1;
    for (int depth = 1; j < f.size(); ++j) {
      if (f[j] == '{') ++depth;
      if (f[j] == '}' && --depth == 0) break;
    }
    const std::string_view field = f.substr(i, j + 1 - i);
    // A particle is Hangul: a bar before anything else is fmt's fill.
    const std::size_t bar = field.rfind('|');
    if (bar == std::string_view::npos || bar + 2 >= field.size() ||
        static_cast<unsigned char>(field[bar + 1]) < 0x80) {
      out += field;
    } else {
      out += '\x1E';
      out += field.substr(0, bar);
      out += "}\x1F";
      out += field.substr(bar + 1, field.size() - bar - 2);
      out += '\x1F';
    }
    i = j;
  }
  return out;
}

std::string agree_particles(std::string text, std::string_view lang) {
  for (std::size_t a = text.find('\x1E'); a != std::string::npos;
       a = text.find('\x1E', a)) {
    const std::size_t b = text.find('\x1F', a);
    const std::size_t c = text.find('\x1F', b + 1);
    const std::string value = text.substr(a + 1, b - a - 1);
    const std::string particle = text.substr(b + 1, c - b - 1);
    if (lang != "ko") {
      throw std::invalid_argument(
          "litbook: the particle field '|" + particle +
          "' is for Korean messages; the " + std::string(lang) +
          " message must not have one");
    }
    const std::string agreed = value + ko::attach(value, particle);
    text.replace(a, c + 1 - a, agreed);
    a += agreed.size();
  }
  return text;
}

const char* find_message(const Catalog& cat, std::size_t lang,
                         std::string_view msgid) {
  const CatalogEntry* b = cat.entries;
  const CatalogEntry* e = cat.entries + cat.nentries;
  const auto* it = std::lower_bound(
      b, e, msgid, [](const CatalogEntry& x, std::string_view id) {
        return std::string_view(x.msgid) < id;
      });
  if (it == e || std::string_view(it->msgid) != msgid) return nullptr;
  const char* t = it->translations[lang];
  return t && *t ? t : nullptr;
}

}  // namespace detail

Example::Example(int argc, char** argv, const char* about,
                 std::vector<Param> params)
    : prog_(argc > 0 ? argv[0] : "example"),
      about_(about),
      params_(std::move(params)),
      cat_(example_catalog()) {
  values_.resize(params_.size());
  picks_.resize(params_.size());
  for (std::size_t i = 0; i < params_.size(); ++i) {
    values_[i] = params_[i].def;
    picks_[i] = params_[i].def_choice;
  }
  const auto slash = prog_.find_last_of('/');
  if (slash != std::string::npos) prog_ = prog_.substr(slash + 1);
  // --lang first: every message after it, --help included, is in it.
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string_view(argv[i]) == "--lang") set_lang(argv[i + 1]);
  }
  for (int i = 1; i < argc; ++i) parse_one(argc, argv, i);
}

std::string_view Example::tr(std::string_view msgid) const {
  if (!has_letters(msgid)) return msgid;
  // The catalogue knows each message by its source text and by every
  // translation: a reader's copy, written in another language, works.
  if (const char* t = detail::find_message(cat_, lang_, msgid)) return t;
  if (lang_ == 0) return msgid;
  std::fprintf(stderr, "error: %s/%s.po has no translation of \"%.*s\"\n",
               cat_.po_dir, cat_.langs[lang_],
               static_cast<int>(msgid.size()), msgid.data());
  std::exit(1);
}

bool Example::has_letters(std::string_view s) {
  bool field = false;
  for (char c : s) {
    if (c == '{') field = true;
    else if (c == '}') field = false;
    else if (!field && (static_cast<unsigned char>(c) >= 0x80 ||
                        std::isalpha(static_cast<unsigned char>(c))))
      return true;
  }
  return false;
}

std::string_view Example::own(std::string_view msgid) const {
  const Catalog& c = detail::litbook_catalog();
  for (std::size_t i = 0; i < c.nlangs; ++i) {
    if (std::string_view(c.langs[i]) == lang()) {
      if (const char* t = detail::find_message(c, i, msgid)) return t;
    }
  }
  return msgid;
}

std::string Example::lang_list() const {
  std::string s;
  for (std::size_t i = 0; i < cat_.nlangs; ++i) {
    s += (i ? ", " : "") + std::string(cat_.langs[i]);
  }
  return s;
}

void Example::set_lang(std::string_view code) {
  for (std::size_t i = 0; i < cat_.nlangs; ++i) {
    if (code == cat_.langs[i]) {
      lang_ = i;
      return;
    }
  }
  fail(own_fmt("unknown language '{}' (this book has: {})", code,
               lang_list()));
}

std::size_t Example::index(std::string_view name) const {
  for (std::size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].name == name) return i;
  }
  throw std::logic_error("litbook: no parameter '" + std::string(name) +
                         "' was declared");
}

std::string Example::accepts(const Param& p) const {
  if (p.kind == Param::Kind::choice) {
    std::string all;
    for (const auto& c : p.choices) all += (all.empty() ? "" : ", ") + c;
    return own_fmt("one of {}", all);
  }
  return own_fmt(p.kind == Param::Kind::integer ? "an integer from {} to {}"
                                                : "a number from {} to {}",
                 detail::format_number(p.lo), detail::format_number(p.hi));
}

std::string Example::default_text(const Param& p) const {
  return p.kind == Param::Kind::choice ? p.choices.at(p.def_choice)
                                       : detail::format_number(p.def);
}

void Example::parse_one(int argc, char** argv, int& i) {
  std::string a = argv[i];
  std::string val;
  bool has_val = false;
  if (const auto eq = a.find('='); a.rfind("--", 0) == 0 &&
                                   eq != std::string::npos) {
    val = a.substr(eq + 1);
    a = a.substr(0, eq);
    has_val = true;
  }
  auto value = [&]() -> std::string {
    if (has_val) return val;
    if (i + 1 >= argc) fail(own_fmt("{} needs a value", a));
    return argv[++i];
  };
  if (a == "--help" || a == "-h") {
    usage(stdout);
    std::exit(0);
  } else if (a == "--params-json") {
    params_json();
    std::exit(0);
  } else if (a == "--lang") {
    set_lang(value());
  } else if (a == "--out") {
    out_.set_dir(value());
  } else if (a.rfind("--", 0) == 0) {
    for (std::size_t k = 0; k < params_.size(); ++k) {
      if (a.substr(2) == params_[k].name) {
        const std::string v = value();
        if (!detail::parse_param(params_[k], v, values_[k], picks_[k])) {
          fail(own_fmt("{}: '{}' is not accepted: {} takes {}", a, v,
                       params_[k].name, accepts(params_[k])));
        }
        return;
      }
    }
    fail(own_fmt("unknown option '{}'", a));
  } else {
    fail(own_fmt("unknown option '{}'", a));
  }
}

void Example::fail(const std::string& why) const {
  std::fprintf(stderr, "%s: %s\n", prog_.c_str(), why.c_str());
  usage(stderr);
  std::exit(2);
}

void Example::usage(std::FILE* f) const {
  std::string s = std::string(own("usage")) + ": " + prog_ +
                  " [--lang CODE] [--out DIR]";
  for (const auto& p : params_) s += " [--" + p.name + " X]";
  s += " [--help]\n" + std::string(tr(about_)) + "\n\n";
  TextTable t({{"", TextTable::Align::left}, {"", TextTable::Align::left}});
  t.row({"--lang CODE", own_fmt("language of the printed text: {} "
                                "(default: {})", lang_list(),
                                cat_.langs[0])});
  t.row({"--out DIR", std::string(own("write figure data and cited "
                                      "values to DIR"))});
  for (const auto& p : params_) {
    t.row({"--" + p.name + " X",
           own_fmt("{}: {}; default {}", tr(p.label), accepts(p),
                   default_text(p))});
  }
  t.row({"--params-json", std::string(own("describe the parameters "
                                          "as JSON and exit"))});
  t.row({"--help", std::string(own("show this help and exit"))});
  s += t.text("  ", 2);
  std::fputs(s.c_str(), f);
}

void Example::params_json() const {
  std::string s = "{\n  \"langs\": [";
  for (std::size_t i = 0; i < cat_.nlangs; ++i) {
    s += (i ? ", " : "") + detail::json_string(cat_.langs[i]);
  }
  s += "],\n  \"params\": [";
  for (std::size_t k = 0; k < params_.size(); ++k) {
    const Param& p = params_[k];
    s += k ? ",\n    {" : "\n    {";
    s += "\"name\": " + detail::json_string(p.name);
    if (p.kind == Param::Kind::choice) {
      s += ", \"kind\": \"choice\", \"default\": " +
           detail::json_string(p.choices.at(p.def_choice)) +
           ", \"choices\": [";
      for (std::size_t c = 0; c < p.choices.size(); ++c) {
        s += (c ? ", " : "") + detail::json_string(p.choices[c]);
      }
      s += "]";
    } else {
      s += std::string(", \"kind\": ") +
           (p.kind == Param::Kind::integer ? "\"integer\"" : "\"number\"") +
           ", \"default\": " + detail::format_number(p.def) +
           ", \"min\": " + detail::format_number(p.lo) +
           ", \"max\": " + detail::format_number(p.hi) +
           ", \"step\": " + detail::format_number(p.step);
    }
    s += ", \"label\": {";
    for (std::size_t i = 0; i < cat_.nlangs; ++i) {
      const char* t = i == 0 ? p.label
                             : detail::find_message(cat_, i, p.label);
      s += (i ? ", " : "") + detail::json_string(cat_.langs[i]) + ": " +
           detail::json_string(t ? t : "");
    }
    s += "}}";
  }
  s += params_.empty() ? "]\n}\n" : "\n  ]\n}\n";
  std::fputs(s.c_str(), stdout);
}

}  // namespace litbook
#endif  // LITBOOK_IMPLEMENTATION
