// litbook/example.hpp: what every example program of a litbook book shares.
//
// An example program
//   * prints what a reader should see, in the language given by --lang;
//   * writes its figure data and the values its prose cites into --out DIR
//     (never into the source tree), all at once when it finishes;
//   * answers --help, and exits 2 with a usage message on a bad option.
// Output is deterministic: fixed formatting, no times, no addresses.
#pragma once

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
#include <utility>
#include <vector>

namespace litbook {

/// The reader's language.
enum class Lang { ko, en };

/// Picks the text for the reader's language.
inline std::string_view tr(Lang lang, std::string_view ko,
                           std::string_view en) {
  return lang == Lang::ko ? ko : en;
}

/// Command-line options shared by all examples.
struct Options {
  Lang lang = Lang::ko;
  std::filesystem::path out_dir;  ///< empty: write no data or values
};

namespace detail {
[[noreturn]] inline void usage(const char* prog, std::string_view about,
                               int code) {
  std::FILE* f = code == 0 ? stdout : stderr;
  std::fprintf(f,
               "usage: %s [--lang ko|en] [--out DIR] [--help]\n"
               "%.*s\n"
               "  --lang ko|en  language of the printed text (default: ko)\n"
               "  --out DIR     write figure data and cited values to DIR\n"
               "  --help        show this help and exit\n",
               prog, static_cast<int>(about.size()), about.data());
  std::exit(code);
}
}  // namespace detail

/// Parses argv; prints usage and exits 2 on anything it does not know.
inline Options parse_args(int argc, char** argv, std::string_view about) {
  Options o;
  const char* prog = argc > 0 ? argv[0] : "example";
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&](std::string_view flag) -> std::string_view {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: %.*s needs a value\n", prog,
                     static_cast<int>(flag.size()), flag.data());
        detail::usage(prog, about, 2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      detail::usage(prog, about, 0);
    } else if (a == "--lang") {
      const std::string_view v = value(a);
      if (v == "ko") {
        o.lang = Lang::ko;
      } else if (v == "en") {
        o.lang = Lang::en;
      } else {
        std::fprintf(stderr, "%s: unknown language '%.*s' (use ko or en)\n",
                     prog, static_cast<int>(v.size()), v.data());
        detail::usage(prog, about, 2);
      }
    } else if (a == "--out") {
      o.out_dir = std::string(value(a));
    } else {
      std::fprintf(stderr, "%s: unknown option '%.*s'\n", prog,
                   static_cast<int>(a.size()), a.data());
      detail::usage(prog, about, 2);
    }
  }
  return o;
}

/// A whitespace-separated table for gnuplot: a header row of column names,
/// then one row per point. Columns are read by name in the figure scripts.
class Table {
 public:
  explicit Table(std::vector<std::string> columns)
      : columns_(std::move(columns)) {}

  /// Appends one row; its size must match the header.
  void row(std::initializer_list<double> values) {
    if (values.size() != columns_.size()) {
      throw std::invalid_argument(
          "litbook::Table::row: " + std::to_string(values.size()) +
          " values for " + std::to_string(columns_.size()) + " columns");
    }
    rows_.emplace_back(values);
  }

  /// The table as text (%.9g: exact enough for a figure, stable).
  std::string text() const {
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
  explicit Output(const Options& opts) : dir_(opts.out_dir) {}

  /// Records a value the prose cites, already formatted for print.
  void value(const std::string& key, std::string text) {
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

  /// Records a data table, written as `<name>.dat`.
  void data(const std::string& name, const Table& table) {
    check_key(name);
    if (!data_.emplace(name, table.text()).second) {
      throw std::invalid_argument("litbook: data '" + name +
                                  "' is written twice");
    }
  }

  /// Writes everything to the output directory (if one was given).
  /// Returns 0, or 1 with a message on stderr when a file cannot be written.
  int finish() const {
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

 private:
  static void check_key(const std::string& key) {
    if (key.empty() ||
        key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") !=
            std::string::npos) {
      throw std::invalid_argument("litbook: bad key '" + key +
                                  "' (use a-z, 0-9, _ and -)");
    }
  }
  static int fail(const std::filesystem::path& p, const std::string& why) {
    std::fprintf(stderr, "error: cannot write %s: %s\n", p.c_str(),
                 why.c_str());
    return 1;
  }

  std::filesystem::path dir_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> data_;
};

}  // namespace litbook
