// Chapter 8: why ReLU is fast.
//
// Reads the committed benchmark results (bench-results.csv and
// bench-machine.txt, written by `make bench`), prints the throughput of
// each activation against a plain copy, rounded, and writes the data of
// the chapter's figures. Timings are not deterministic, so this example
// measures nothing itself: it only reports a recorded run.
#include <litbook/example.hpp>

#include <fmt/core.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

// One measurement: G elements/s of ours, numpy, torch and a copy.
struct Rate {
  double ours = NAN, numpy = NAN, torch = NAN, copy = NAN;
};
using Key = std::pair<std::string, long>;  // (op, elements)

double number(const std::string& s) {
  return s.empty() ? NAN : std::stod(s);
}

// [read]
// The CSV's first six columns: op, elements, ours, numpy, torch, copy
// (the later, quoted columns describe the numpy and torch calls).
std::map<Key, Rate> read_results(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::map<Key, Rate> rates;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream s(line);
    for (std::string cell; f.size() < 6 && std::getline(s, cell, ',');)
      f.push_back(cell);
    if (f.size() < 6) throw std::runtime_error("short line in " + path);
    rates[{f[0], std::stol(f[1])}] = {number(f[2]), number(f[3]),
                                      number(f[4]), number(f[5])};
  }
  return rates;
}
// [/read]

std::map<std::string, std::string> read_machine(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::map<std::string, std::string> m;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) {
      m[line.substr(0, tab)] = line.substr(tab + 1);
    }
  }
  return m;
}

std::string ratio(double a, double b) {
  return std::isnan(a) || std::isnan(b) ? "-" : fmt::format("{:.1f}", a / b);
}

}  // namespace

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 8 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);

  const std::string dir = LITBOOK_CHAPTER_DIR;
  const auto rates = read_results(dir + "/bench-results.csv");
  const auto fields = read_machine(dir + "/bench-machine.txt");
  auto machine = [&](const std::string& key) {
    const auto it = fields.find(key);
    if (it == fields.end()) {
      throw std::runtime_error(dir + "/bench-machine.txt has no " + key +
                               " (run make bench)");
    }
    return it->second;
  };
  auto at = [&](const std::string& op, long n) {
    const auto it = rates.find({op, n});
    if (it == rates.end()) {
      throw std::runtime_error("no result for " + op + "/" +
                               std::to_string(n));
    }
    return it->second;
  };

  fmt::print("{}\n", tr("측정한 기계", "The machine measured"));
  fmt::print("  CPU: {} ({} {}, {})\n", machine("cpu"), machine("cores"),
             tr("코어", "cores"), machine("simd"));
  fmt::print("  {}: {}, numpy {}, PyTorch {} ({})\n",
             tr("컴파일러", "compiler"), machine("compiler"),
             machine("numpy"), machine("torch"),
             machine("torch_cpu_capability"));
  fmt::print("  {}: {}\n", tr("이 라이브러리의 커널", "this library's kernels"),
             machine("kernels"));
  fmt::print("  {}: {}\n", tr("측정 시각", "measured"), machine("date"));

  // The ops of the figures, in their order on the x axis.
  const std::vector<std::string> ops = {
      "relu",    "relu_grad", "leaky_relu", "prelu",
      "sigmoid", "tanh",      "softplus",   "silu", "gelu"};
  for (long n : {100'000L, 10'000'000L, 100'000'000L}) {
    fmt::print(fmt::runtime(tr("\n원소 {}개, 처리량의 비 (복사 대비, "
                               "PyTorch 대비)\n",
                               "\n{} elements, throughput relative to "
                               "a copy and to PyTorch\n")),
               n);
    fmt::print("  {:<11} {:>5} {:>5}\n", tr("함수", "op"),
               tr("복사", "copy"), "torch");
    litbook::Table t({"i", "ours", "torch", "copy"});
    int i = 0;
    for (const auto& op : ops) {
      ++i;
      if (!rates.count({op, n})) continue;
      const Rate r = at(op, n);
      fmt::print("  {:<11} {:>5} {:>5}\n", op, ratio(r.ours, r.copy),
                 ratio(r.ours, r.torch));
      t.row({double(i), r.ours, r.torch, r.copy});
    }
    if (n != 100'000'000L) {
      out.data(n == 100'000L ? "cache" : "memory", t);
    }
  }

  // Values the prose cites, rounded: timings vary from run to run.
  auto one = [](double v) { return fmt::format("{:.1f}", v); };
  const Rate relu_c = at("relu", 100'000), relu_m = at("relu", 10'000'000);
  const Rate relu_b = at("relu", 100'000'000);
  const Rate sig_c = at("sigmoid", 100'000);
  const Rate sig_m = at("sigmoid", 10'000'000);
  const Rate loop_c = at("relu_scalar_loop", 100'000);
  const Rate acc_c = at("sigmoid_accurate", 100'000);
  const Rate inplace = at("relu_inplace", 100'000);
  out.value("cpu", machine("cpu"));
  out.value("cores", machine("cores"));
  out.value("simd", machine("simd"));
  out.value("date", machine("date"));
  out.value("torch-version", machine("torch"));
  out.value("torch-isa", machine("torch_cpu_capability"));
  out.value("relu-rate-memory", fmt::format("{:.2f}", relu_m.ours));
  out.value("copy-rate-memory", fmt::format("{:.2f}", relu_m.copy));
  out.value("relu-over-copy-memory", one(relu_m.ours / relu_m.copy));
  out.value("relu-over-copy-big", one(relu_b.ours / relu_b.copy));
  out.value("relu-over-torch-memory", one(relu_m.ours / relu_m.torch));
  out.value("relu-over-numpy-memory", one(relu_m.ours / relu_m.numpy));
  out.value("relu-inplace-over-torch", one(inplace.ours / inplace.torch));
  out.value("relu-over-loop-cache", one(relu_c.ours / loop_c.ours));
  out.value("relu-over-sigmoid-cache", one(relu_c.ours / sig_c.ours));
  out.value("relu-over-sigmoid-memory", one(relu_m.ours / sig_m.ours));
  out.value("sigmoid-over-torch-cache", one(sig_c.ours / sig_c.torch));
  out.value("sigmoid-fast-over-accurate", one(sig_c.ours / acc_c.ours));
  out.value("sigmoid-over-copy-cache", one(sig_c.ours / sig_c.copy));
  auto over_torch = [&](const std::string& op) {
    const Rate r = at(op, 100'000);
    return one(r.ours / r.torch);
  };
  out.value("tanh-over-torch-cache", over_torch("tanh"));
  out.value("silu-over-torch-cache", over_torch("silu"));
  out.value("softplus-over-torch-cache", over_torch("softplus"));
  out.value("gelu-over-torch-cache", over_torch("gelu"));
  out.value("gelu-fast-over-accurate",
            one(at("gelu", 100'000).ours / at("gelu_accurate", 100'000).ours));
  out.value("kernels", machine("kernels"));
  out.value("copy-rate-big", fmt::format("{:.2f}", relu_b.copy));
  out.value("relu-rate-big", fmt::format("{:.2f}", relu_b.ours));
  out.value("relu-over-torch-big", one(relu_b.ours / relu_b.torch));
  out.value("relu-over-numpy-big", one(relu_b.ours / relu_b.numpy));
  return out.finish();
}
