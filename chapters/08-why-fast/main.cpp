// 8장: ReLU는 왜 빠른가.
//
// `make bench`가 재서 커밋해 둔 결과(bench-results.csv와
// bench-machine.txt)를 읽어, 활성화 함수마다 처리량을 복사와 견준 비를
// 반올림해 출력하고 그림의 데이터를 씁니다. 실행 시간은 잴 때마다
// 달라지므로 이 예제는 기본값으로는 스스로 아무것도 재지 않고, 기록된
// 측정 한 번을 보고할 뿐입니다. --measure yes를 주면 분기 있는 ReLU와
// 분기 없는 ReLU를 독자의 기계에서 직접 잽니다.
#include "branchy_relu.hpp"

#include <litbook/example.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// [read]
// 측정 하나: 초당 처리한 원소 수(G개)를 이 라이브러리, numpy, PyTorch,
// 그리고 같은 크기의 복사에 대해 적습니다.
struct Rate {
  double ours = NAN, numpy = NAN, torch = NAN, copy = NAN;
};
using Key = std::pair<std::string, long>;  // (함수, 원소 수)

// 빈 칸은 그쪽에 같은 함수가 없다는 뜻입니다.
double number(const std::string& s) {
  return s.empty() ? NAN : std::stod(s);
}

// CSV의 앞 여섯 열: op, elements, ours, numpy, torch, copy
// (뒤쪽의 따옴표 친 열들은 numpy와 PyTorch에서 부른 코드입니다).
std::map<Key, Rate> read_results(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::map<Key, Rate> rates;
  std::string line;
  std::getline(in, line);  // 머리글
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

// [machine]
// bench-machine.txt에는 한 줄에 "이름<탭>값"이 하나씩 있습니다.
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

// 두 파일을 함께 들고, 없는 값을 찾으면 무엇이 없는지 말합니다.
struct Bench {
  explicit Bench(const std::string& dir)
      : dir(dir),
        rates(read_results(dir + "/bench-results.csv")),
        machine(read_machine(dir + "/bench-machine.txt")) {}

  std::string dir;
  std::map<Key, Rate> rates;
  std::map<std::string, std::string> machine;

  bool has(const std::string& op, long n) const {
    return rates.count({op, n}) > 0;
  }
  const Rate& at(const std::string& op, long n) const {
    const auto it = rates.find({op, n});
    if (it == rates.end()) {
      throw std::runtime_error("no result for " + op + "/" +
                               std::to_string(n));
    }
    return it->second;
  }
  const std::string& spec(const std::string& key) const {
    const auto it = machine.find(key);
    if (it == machine.end()) {
      throw std::runtime_error(dir + "/bench-machine.txt has no " + key +
                               " (run make bench)");
    }
    return it->second;
  }
};
// [/machine]

void print_machine(litbook::Example& ex, const Bench& b) {
  ex.println("측정한 기계");
  ex.println("  CPU: {} ({} 코어, {})", b.spec("cpu"), b.spec("cores"),
             b.spec("simd"));
  ex.println("  컴파일러: {}, numpy {}, PyTorch {} ({})", b.spec("compiler"),
             b.spec("numpy"), b.spec("torch"),
             b.spec("torch_cpu_capability"));
  ex.println("  이 라이브러리의 커널: {}", b.spec("kernels"));
  ex.println("  측정 시각: {}", b.spec("date"));
  ex.println("  분기 있는 ReLU를 잰 시각: {}", b.spec("partial_date"));
}

// [branch-cost]
// 원소 10만 개에서 분기 있는 ReLU를 부호가 무작위인 입력과 정렬된
// 입력에서, 그리고 분기 없는 ReLU를 같은 두 입력에서 견줍니다.
void branch_costs(litbook::Example& ex, const Bench& b) {
  const long n = 100'000;
  const double branchy = b.at("relu_branchy", n).ours;
  const double branchy_sorted = b.at("relu_branchy_sorted", n).ours;
  const double free_sorted = b.at("relu_sorted", n).ours;
  const double free_random = b.at("relu_random", n).ours;
  ex.println("\n원소 {}개, 초당 처리한 원소 수(G개)", n);
  ex.println("  분기 있음, 부호가 무작위: {:6.2f}", branchy);
  ex.println("  분기 있음, 부호가 정렬됨: {:6.2f}", branchy_sorted);
  ex.println("  분기 없음, 부호가 무작위: {:6.2f}", free_random);
  ex.println("  분기 없음, 부호가 정렬됨: {:6.2f}", free_sorted);
  // [/branch-cost]
  ex.value("branchy-rate", "{:.2f}", branchy);
  ex.value("branchy-sorted-rate", "{:.2f}", branchy_sorted);
  ex.value("branchy-sorted-over-random", "{:.1f}", branchy_sorted / branchy);
  ex.value("free-over-branchy", "{:.0f}", free_random / branchy);
  ex.value("free-sorted-rate", "{:.1f}", free_sorted);
  ex.value("free-random-rate", "{:.1f}", free_random);
  ex.value("branch-date", "{}", b.spec("partial_date"));
  // 본문이 인용하는 판정: 분기 없는 커널이 입력의 순서를 타는지.
  ex.value("free-order-verdict", "{}",
           std::abs(free_sorted / free_random - 1.0) < 0.2
               ? litbook::msg("입력의 순서에 거의 영향을 받지 않습니다")
               : litbook::msg("입력의 순서에 따라 20% 넘게 달라집니다"));
}

// [measure]
// --measure yes: 독자의 기계에서 직접 잽니다. 원소 10만 개의 무작위 입력
// (표준편차 3인 정규 분포)과 그것을 정렬한 입력에서, 각 함수를 0.2초 넘게
// 되풀이하고 걸린 시간(벽시계)으로 처리량을 셉니다.
template <class F>
double rate_of(F f, const std::vector<float>& x, std::vector<float>& y) {
  using clock = std::chrono::steady_clock;
  long calls = 0;
  const auto start = clock::now();
  std::chrono::duration<double> spent{};
  do {
    f(x.data(), y.data(), x.size());
    ++calls;
    spent = clock::now() - start;
  } while (spent.count() < 0.2);
  return double(calls) * double(x.size()) / spent.count() / 1e9;
}

void measure_here(litbook::Example& ex) {
  nn::Generator gen(42);
  std::vector<float> random(100'000), out(random.size());
  for (float& v : random) v = static_cast<float>(3.0 * gen.normal());
  std::vector<float> sorted = random;
  std::sort(sorted.begin(), sorted.end());
  auto branchy = [](const float* x, float* y, std::size_t n) {
    why_fast::relu_branchy(x, y, n);
  };
  auto branch_free = [](const float* x, float* y, std::size_t n) {
    nn::relu<float>({x, n}, {y, n});
  };
  ex.println("\n이 기계에서 잰 값: 원소 {}개, 초당 처리한 원소 수(G개)",
             random.size());
  ex.println("  분기 있음, 부호가 무작위: {:6.2f}",
             rate_of(branchy, random, out));
  ex.println("  분기 있음, 부호가 정렬됨: {:6.2f}",
             rate_of(branchy, sorted, out));
  ex.println("  분기 없음, 부호가 무작위: {:6.2f}",
             rate_of(branch_free, random, out));
  ex.println("  분기 없음, 부호가 정렬됨: {:6.2f}",
             rate_of(branch_free, sorted, out));
}
// [/measure]

// [ratios]
// 처리량의 비 a / b를 소수 한 자리로. 한쪽이 없으면 "-"
std::string ratio(double a, double b) {
  return std::isnan(a) || std::isnan(b) ? "-" : fmt::format("{:.1f}", a / b);
}

// 원소 n개에서 함수마다 처리량을 복사, PyTorch와 견주어 출력하고, 그림의
// 데이터를 돌려줍니다. 함수의 순서는 그림의 가로축 순서입니다.
litbook::Table compare_at(litbook::Example& ex, const Bench& b, long n) {
  const char* ops[] = {"relu",    "relu_grad", "leaky_relu",
                       "prelu",   "sigmoid",   "tanh",
                       "softplus", "silu",     "gelu"};
  ex.println("\n원소 {}개, 처리량의 비 (복사 대비, PyTorch 대비)",
             n);
  using Align = litbook::TextTable::Align;
  litbook::TextTable t({{std::string(ex.tr("함수")), Align::left},
                        {std::string(ex.tr("복사"))}, {"torch"}});
  litbook::Table fig({"i", "ours", "torch", "copy"});
  int i = 0;
  for (const char* op : ops) {
    ++i;
    if (!b.has(op, n)) continue;  // 원소 1억 개에서는 몇 함수만 쟀습니다
    const Rate& r = b.at(op, n);
    t.row({op, ratio(r.ours, r.copy), ratio(r.ours, r.torch)});
    fig.row({double(i), r.ours, r.torch, r.copy});
  }
  fmt::print("{}", t.text());
  return fig;
}
// [/ratios]

// 본문이 인용하는 값. 처리량은 잴 때마다 흔들리므로 반올림합니다.
void cite_values(litbook::Example& ex, const Bench& b) {
  for (const char* key : {"cpu", "cores", "simd", "date", "kernels"}) {
    ex.value(key, "{}", b.spec(key));
  }
  ex.value("torch-version", "{}", b.spec("torch"));
  ex.value("torch-isa", "{}", b.spec("torch_cpu_capability"));
  const Rate &relu_c = b.at("relu", 100'000),
             &relu_m = b.at("relu", 10'000'000),
             &relu_b = b.at("relu", 100'000'000);
  const Rate &sig_c = b.at("sigmoid", 100'000),
             &sig_m = b.at("sigmoid", 10'000'000);
  ex.value("relu-rate-memory", "{:.2f}", relu_m.ours);
  ex.value("copy-rate-memory", "{:.2f}", relu_m.copy);
  ex.value("relu-rate-big", "{:.2f}", relu_b.ours);
  ex.value("copy-rate-big", "{:.2f}", relu_b.copy);
  ex.value("relu-over-copy-memory", "{:.1f}", relu_m.ours / relu_m.copy);
  ex.value("relu-over-copy-big", "{:.1f}", relu_b.ours / relu_b.copy);
  ex.value("relu-over-torch-memory", "{:.1f}", relu_m.ours / relu_m.torch);
  ex.value("relu-over-numpy-memory", "{:.1f}", relu_m.ours / relu_m.numpy);
  ex.value("relu-over-torch-big", "{:.1f}", relu_b.ours / relu_b.torch);
  ex.value("relu-over-numpy-big", "{:.1f}", relu_b.ours / relu_b.numpy);
  const Rate& inplace = b.at("relu_inplace", 100'000);
  ex.value("relu-inplace-over-torch", "{:.1f}", inplace.ours / inplace.torch);
  ex.value("relu-over-loop-cache", "{:.1f}",
           relu_c.ours / b.at("relu_scalar_loop", 100'000).ours);
  ex.value("relu-over-sigmoid-cache", "{:.1f}", relu_c.ours / sig_c.ours);
  ex.value("relu-over-sigmoid-memory", "{:.1f}", relu_m.ours / sig_m.ours);
  ex.value("sigmoid-over-copy-cache", "{:.1f}", sig_c.ours / sig_c.copy);
  ex.value("sigmoid-fast-over-accurate", "{:.1f}",
           sig_c.ours / b.at("sigmoid_accurate", 100'000).ours);
  ex.value("gelu-fast-over-accurate", "{:.1f}",
           b.at("gelu", 100'000).ours / b.at("gelu_accurate", 100'000).ours);
  for (const char* op : {"sigmoid", "tanh", "silu", "softplus", "gelu"}) {
    const Rate& r = b.at(op, 100'000);
    ex.value(fmt::format("{}-over-torch-cache", op), "{:.1f}",
             r.ours / r.torch);
  }
}

// [main]
int main(int argc, char** argv) {
  litbook::Example ex(
      argc, argv,
      litbook::msg("『시각적으로 이해하는 ReLU』 8장의 예제"),
      {litbook::choice("measure", "no", {"no", "yes"},
                       litbook::msg("yes면 이 기계에서 분기 있는 ReLU와 "
                                    "분기 없는 ReLU를 직접 잽니다"))});
  try {
    const Bench bench(LITBOOK_CHAPTER_DIR);
    print_machine(ex, bench);
    ex.data("cache", compare_at(ex, bench, 100'000));  // 캐시 안
    ex.data("memory", compare_at(ex, bench, 10'000'000));  // 메모리
    compare_at(ex, bench, 100'000'000);  // 더 큰 배열: 표만
    branch_costs(ex, bench);
    cite_values(ex, bench);
    if (ex.choice("measure") == "yes") measure_here(ex);  // 기록과 별도로
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return ex.finish();
}
// [/main]
