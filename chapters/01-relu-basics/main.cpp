// Chapter 1: ReLU basics.
//
// Prints ReLU at a few inputs (including -0.0 and NaN), samples it on
// [-5, 5] for the chapter's figure, and records the values the prose cites.
#include <litbook/example.hpp>
#include <nn/relu.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 1 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);

  // [table]
  const double inputs[] = {-3.0, -1.5, -0.0, 0.0, 0.5, 2.0, 4.5};
  fmt::print("{}\n", tr("x와 ReLU(x)", "x and ReLU(x)"));
  for (double x : inputs) {
    fmt::print("  x = {:5.1f}   ReLU(x) = {:4.1f}\n", x, nn::relu(x));
  }
  // [/table]

  // [special]
  const double nan = std::numeric_limits<double>::quiet_NaN();
  fmt::print("\n{}\n", tr("특수한 입력", "Special inputs"));
  fmt::print("  ReLU(-0.0) = {}   ReLU(NaN) = {}\n", nn::relu(-0.0),
             nn::relu(nan));
  // [/special]

  // [sample]
  const int n = 401;  // step 0.025: the grid contains x = 0 exactly
  std::vector<double> xs(n), ys(n);
  for (int i = 0; i < n; ++i) xs[i] = -5.0 + 10.0 * i / (n - 1);
  nn::relu<double>(xs, ys);  // the batched form: one call for the grid
  // [/sample]

  litbook::Table curve({"x", "relu"});
  for (int i = 0; i < n; ++i) curve.row({xs[i], ys[i]});
  out.data("relu", curve);

  const auto zeros = std::count(ys.begin(), ys.end(), 0.0);
  const auto [lo, hi] = std::minmax_element(ys.begin(), ys.end());
  fmt::print("\n{}\n", tr("[-5, 5] 구간의 격자", "The grid on [-5, 5]"));
  fmt::print("  {}: {}\n", tr("점의 개수", "points"), n);
  fmt::print("  {}: {}\n", tr("출력이 0인 점", "points with output 0"),
             zeros);
  fmt::print("  {}: [{}, {}]\n", tr("출력의 범위", "range of the output"),
             *lo, *hi);

  out.value("grid-points", fmt::format("{}", n));
  out.value("grid-step", fmt::format("{:g}", xs[1] - xs[0]));
  out.value("grid-zeros", fmt::format("{}", zeros));
  out.value("grid-min", fmt::format("{}", *lo));
  out.value("grid-max", fmt::format("{}", *hi));
  out.value("relu-at-minus-3", fmt::format("{}", nn::relu(-3.0)));
  out.value("relu-at-2", fmt::format("{}", nn::relu(2.0)));
  out.value("relu-at-4-5", fmt::format("{}", nn::relu(4.5)));
  return out.finish();
}
