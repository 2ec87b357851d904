// 1장: ReLU의 기초.
//
// 몇 가지 입력(-0.0과 NaN 포함)에서 ReLU를 출력하고, 그림을 위해
// [-5, 5] 구간에서 ReLU를 표본 추출하고, 본문이 인용하는 값을 기록합니다.
#include <litbook/example.hpp>
#include <nn/relu.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <limits>
#include <vector>

// [table]
// 음수는 0이 되고, 0 이상은 그대로 나옵니다.
void relu_at_a_few_inputs(litbook::Example& ex) {
  const double inputs[] = {-3.0, -1.5, -0.0, 0.0, 0.5, 2.0, 4.5};
  ex.println("x와 ReLU(x)");
  for (double x : inputs) {
    fmt::print("  x = {:5.1f}   ReLU(x) = {:4.1f}\n", x, nn::relu(x));
  }
  ex.value("relu-at-minus-3", "{}", nn::relu(-3.0));
  ex.value("relu-at-2", "{}", nn::relu(2.0));
  ex.value("relu-at-4-5", "{}", nn::relu(4.5));
}
// [/table]

// [special]
// x < 0은 -0.0에서도 NaN에서도 거짓이라서, 입력이 그대로 나옵니다.
void relu_at_special_inputs(litbook::Example& ex) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ex.println("\n특수한 입력");
  fmt::print("  ReLU(-0.0) = {}   ReLU(NaN) = {}\n", nn::relu(-0.0),
             nn::relu(nan));
}
// [/special]

// [sample]
// 그림을 위한 격자: 점이 홀수 개이면 가운데 점이 정확히 x = 0입니다.
void relu_on_a_grid(litbook::Example& ex) {
  const int n = static_cast<int>(ex.integer("points"));
  std::vector<double> xs(n), ys(n);
  for (int i = 0; i < n; ++i) xs[i] = -5.0 + 10.0 * i / (n - 1);
  nn::relu<double>(xs, ys);  // 배치 버전: 격자 전체를 한 번에

  const auto zeros = std::count(ys.begin(), ys.end(), 0.0);
  const auto [lo, hi] = std::minmax_element(ys.begin(), ys.end());
  ex.println("\n[-5, 5] 구간의 격자");
  ex.println("  점의 개수: {}", n);
  ex.println("  출력이 0인 점: {}", zeros);
  ex.println("  출력의 범위: [{}, {}]", *lo, *hi);
  // [/sample]

  litbook::Table curve({"x", "relu"});
  for (int i = 0; i < n; ++i) curve.row({xs[i], ys[i]});
  ex.data("relu", curve);
  ex.value("grid-points", "{}", n);
  ex.value("grid-step", "{:g}", xs[1] - xs[0]);
  ex.value("grid-zeros", "{}", zeros);
  ex.value("grid-min", "{}", *lo);
  ex.value("grid-max", "{}", *hi);
}

// [main]
int main(int argc, char** argv) {
  litbook::Example ex(
      argc, argv, litbook::msg("『시각적으로 이해하는 ReLU』 1장의 예제"),
      {litbook::integer("points", 401, 2, 4001,
                        litbook::msg("[-5, 5] 구간 격자의 점의 개수"))});
  relu_at_a_few_inputs(ex);
  relu_at_special_inputs(ex);
  relu_on_a_grid(ex);
  return ex.finish();
}
// [/main]
