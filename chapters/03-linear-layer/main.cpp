// 3장: Linear(3, 4) 층 뒤의 ReLU와 시그모이드.
//
// 원문의 PyTorch 예제(특성 3개인 표본 5개를 nn.Linear(3, 4)에 넣고 ReLU와
// 시그모이드를 적용)를 PyTorch가 torch.manual_seed(0)으로 뽑은 입력에서
// 다시 계산하고, 그 결과를 PyTorch의 출력과 비교합니다. 그다음 라이브러리의
// 고정 난수 생성기로 뽑은 큰 배치에서 희소성과 출력의 범위를 잽니다.
#include "torch_capture.hpp"

#include <litbook/example.hpp>
#include <nn/linear.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace {

using MatrixF = nn::MatrixT<float>;

std::span<const float> view(const MatrixF& m) {
  return {m.data(), static_cast<std::size_t>(m.size())};
}
std::span<float> view(MatrixF& m) {
  return {m.data(), static_cast<std::size_t>(m.size())};
}

void print_matrix(std::string_view title, const MatrixF& m) {
  fmt::print("{} ({}x{})\n", title, m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    fmt::print(" ");
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      fmt::print(" {:8.4f}", m(i, j));
    }
    fmt::print("\n");
  }
}

// [forward]
// 선형 층의 출력과 거기에 적용한 두 활성화 함수.
struct Outputs {
  MatrixF z, relu, sigmoid;
};

// 입력은 모두 float32 값입니다. 층은 double로 계산하고, 결과를 PyTorch가
// 계산하는 정밀도인 float32로 반올림합니다.
Outputs forward(const nn::Linear& linear, const nn::Matrix& x) {
  Outputs out{linear.forward(x).cast<float>(), {}, {}};
  out.relu.resize(out.z.rows(), out.z.cols());
  out.sigmoid.resize(out.z.rows(), out.z.cols());
  nn::relu<float>(view(out.z), view(out.relu));
  nn::sigmoid<float>(view(out.z), view(out.sigmoid));
  return out;
}
// [/forward]

// [load]
// PyTorch가 뽑은 값과 이 라이브러리로 다시 계산한 결과를 출력합니다.
Outputs recompute_the_example(litbook::Example& ex,
                              const capture::TorchCapture& torch) {
  const nn::Matrix& x = torch.matrix("x");         // 5x3
  const nn::Matrix& w = torch.matrix("W");         // 4x3
  const nn::Vector b = torch.matrix("b").row(0).transpose();  // 4
  const Outputs out = forward(nn::Linear(w, b), x);
  ex.println("PyTorch가 torch.manual_seed(0)으로 뽑은 값\n");
  print_matrix(ex.tr("입력 x"), x.cast<float>());
  print_matrix(ex.tr("가중치 W"), w.cast<float>());
  print_matrix(ex.tr("편향 b"), b.transpose().cast<float>());
  ex.println("\n이 라이브러리로 다시 계산한 결과\n");
  print_matrix(ex.tr("선형 출력 z = x W^T + b"), out.z);
  print_matrix("ReLU(z)", out.relu);
  print_matrix("sigmoid(z)", out.sigmoid);
  return out;
}
// [/load]

// [compare]
// 같은 값의 개수와 가장 큰 차이(double로 계산하므로 float 입력에서는
// 정확합니다)를 출력하고, 가장 큰 차이를 돌려줍니다.
double compare(litbook::Example& ex, std::string_view name,
               const MatrixF& ours, const MatrixF& theirs) {
  const long same = static_cast<long>((ours.array() == theirs.array())
                                          .count());
  const double largest =
      (ours.cast<double>() - theirs.cast<double>()).cwiseAbs().maxCoeff();
  ex.println("  {:<11} 같은 값 {:2} / {}, 가장 큰 차이 {:.3g}",
             name, same, ours.size(), largest);
  return largest;
}

void compare_with_pytorch(litbook::Example& ex,
                          const capture::TorchCapture& torch,
                          const Outputs& ours) {
  const MatrixF torch_z = torch.matrix("linear").cast<float>();
  const MatrixF torch_relu = torch.matrix("relu").cast<float>();
  const MatrixF torch_sigmoid = torch.matrix("sigmoid").cast<float>();
  ex.println("\nPyTorch의 float32 출력과 비교");
  const double d_z = compare(ex, "z", ours.z, torch_z);
  const double d_relu = compare(ex, "ReLU(z)", ours.relu, torch_relu);
  const double d_sig = compare(ex, "sigmoid(z)", ours.sigmoid,
                               torch_sigmoid);
  // [/compare]
  ex.value("diff-linear", "{:.3g}", d_z);
  ex.value("diff-relu", "{:.3g}", d_relu);
  ex.value("diff-sigmoid", "{:.3g}", d_sig);
  ex.value("same-linear", "{}", (ours.z.array() == torch_z.array()).count());
  ex.value("same-relu", "{}",
           (ours.relu.array() == torch_relu.array()).count());
  ex.value("same-sigmoid", "{}",
           (ours.sigmoid.array() == torch_sigmoid.array()).count());
  ex.value("ulp-at-1", "{:.3g}", std::nextafter(1.0f, 2.0f) - 1.0f);
}

// [compare-f64]
// PyTorch가 float64로 계산해 한 번 반올림한 값과 비교합니다. 시그모이드는
// PyTorch의 z에 적용합니다.
void compare_with_pytorch_f64(litbook::Example& ex,
                              const capture::TorchCapture& torch,
                              const Outputs& ours) {
  const MatrixF torch_z = torch.matrix("linear").cast<float>();
  const MatrixF z_f64 = torch.matrix("linear_f64").cast<float>();
  const MatrixF sigmoid_f64 = torch.matrix("sigmoid_f64").cast<float>();
  MatrixF sigmoid_tz(torch_z.rows(), torch_z.cols());
  nn::sigmoid<float>(view(torch_z), view(sigmoid_tz));
  ex.println("\nPyTorch가 float64로 계산해 한 번 반올림한 값과 비교");
  const double d_z64 = compare(ex, "z", ours.z, z_f64);
  const double d_sig64 = compare(ex, "sigmoid", sigmoid_tz, sigmoid_f64);
  // [/compare-f64]
  ex.value("diff-linear-f64", "{:.3g}", d_z64);
  ex.value("diff-sigmoid-f64", "{:.3g}", d_sig64);
  // 본문이 인용하는 판정: 차이가 모두 0이면 그렇다고 말합니다.
  ex.value("f64-agree", "{}",
           d_z64 == 0 && d_sig64 == 0
               ? litbook::msg("z도, 시그모이드도 이 값과 비트까지 같습니다")
               : litbook::msg("z나 시그모이드에 아직 차이가 남습니다"));
}

// [small]
// 정확히 0인 원소의 수.
long count_zeros(const MatrixF& m) {
  return static_cast<long>((m.array() == 0.0f).count());
}

// 표본 5개인 배치의 희소성과 범위: ReLU는 정확한 0을 내고 시그모이드는
// 그러지 않습니다.
void sparsity_of_the_small_batch(litbook::Example& ex, const Outputs& out) {
  const long n = static_cast<long>(out.z.size());
  const long zeros = count_zeros(out.relu);
  const long sig_zeros = count_zeros(out.sigmoid);
  const double pct = 100.0 * zeros / n;
  ex.println("\n표본 5개인 배치에서");
  ex.println("  ReLU 출력 가운데 정확히 0인 것: {} / {} ({:.1f}%)", zeros, n,
             pct);
  ex.println("  sigmoid 출력 가운데 정확히 0인 것: {} / {}", sig_zeros, n);
  ex.println("  sigmoid 출력의 범위: [{:.4f}, {:.4f}]",
             out.sigmoid.minCoeff(), out.sigmoid.maxCoeff());
  // [/small]
  ex.value("batch-size", "{}", out.z.rows());
  ex.value("small-n", "{}", n);
  ex.value("small-zeros", "{}", zeros);
  ex.value("small-zero-pct", "{:.1f}%", pct);
  ex.value("small-sig-zeros", "{}", sig_zeros);
  ex.value("small-sig-none", "{}",
           sig_zeros == 0
               ? litbook::msg("시그모이드 출력에는 정확히 0인 값이 하나도 "
                              "없고")
               : litbook::msg("시그모이드 출력에도 정확히 0인 값이 있고"));
  ex.value("small-sig-min", "{:.4f}", out.sigmoid.minCoeff());
  ex.value("small-sig-max", "{:.4f}", out.sigmoid.maxCoeff());
  ex.value("small-z-min", "{:.4f}", out.z.minCoeff());
  ex.value("small-z-max", "{:.4f}", out.z.maxCoeff());

  litbook::Table cells({"sample", "unit", "z", "relu", "sigmoid"});
  for (Eigen::Index i = 0; i < out.z.rows(); ++i) {
    for (Eigen::Index j = 0; j < out.z.cols(); ++j) {
      cells.row({double(i + 1), double(j + 1), out.z(i, j),
                 out.relu(i, j), out.sigmoid(i, j)});
    }
  }
  ex.data("cells", cells);
}

// [large]
// 큰 배치: 표준 정규 분포에서 뽑은 입력과, PyTorch의 기본 초기화를 따르는
// 같은 모양의 층.
Outputs a_large_batch(litbook::Example& ex, std::uint64_t seed, long n) {
  nn::Generator gen(seed);
  nn::Matrix x(n, 3);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) x(i, j) = gen.normal();
  }
  const nn::Linear linear(3, 4, gen);
  const Outputs out = forward(linear, x);

  const long total = static_cast<long>(out.z.size());
  const long zeros = count_zeros(out.relu);
  ex.println("\n큰 배치 ({}x3, 시드 {}, 같은 모양의 층)",
             n, seed);
  ex.println("  ReLU 출력 가운데 정확히 0인 것: {} / {} ({:.1f}%)", zeros,
             total, 100.0 * zeros / total);
  double unit_min = 1.0, unit_max = 0.0;  // 유닛별 0의 비율
  for (Eigen::Index j = 0; j < 4; ++j) {
    const double f = double((out.relu.col(j).array() == 0.0f).count()) / n;
    unit_min = std::min(unit_min, f);
    unit_max = std::max(unit_max, f);
    ex.println("    유닛 {}: {:.1f}% (b = {:+.4f})", j + 1, 100.0 * f,
               linear.bias(j));
  }
  // [/large]
  ex.value("unit-zero-min", "{:.1f}%", 100.0 * unit_min);
  ex.value("unit-zero-max", "{:.1f}%", 100.0 * unit_max);
  return out;
}

// [ranges]
// 큰 배치의 희소성과 범위를 출력하고, 본문이 인용하는 값을 기록합니다.
void ranges_of_the_large_batch(litbook::Example& ex, const Outputs& out,
                               std::uint64_t seed, long n) {
  const long total = static_cast<long>(out.z.size());
  const long sig_zeros = count_zeros(out.sigmoid);
  ex.println("  sigmoid 출력 가운데 정확히 0인 것: {} / {}",
             sig_zeros, total);
  ex.println("  sigmoid 출력의 범위: [{:.4f}, {:.4f}]",
             out.sigmoid.minCoeff(), out.sigmoid.maxCoeff());
  ex.println("  ReLU 출력의 범위: [{:.4f}, {:.4f}]",
             out.relu.minCoeff(), out.relu.maxCoeff());
  // [/ranges]
  ex.value("big-n", "{}", n);
  ex.value("big-seed", "{}", seed);
  ex.value("big-total", "{}", total);
  ex.value("big-zeros", "{}", count_zeros(out.relu));
  ex.value("big-zero-pct", "{:.1f}%", 100.0 * count_zeros(out.relu) / total);
  ex.value("big-sig-zeros", "{}", sig_zeros);
  ex.value("big-sig-none", "{}",
           sig_zeros == 0 ? litbook::msg("정확히 0인 것은 하나도 없습니다")
                          : litbook::msg("정확히 0인 것도 있습니다"));
  ex.value("big-sig-min", "{:.4f}", out.sigmoid.minCoeff());
  ex.value("big-sig-max", "{:.4f}", out.sigmoid.maxCoeff());
  ex.value("big-relu-max", "{:.4f}", out.relu.maxCoeff());
}

// [slopes]
// 기울기의 평균: ReLU의 기울기는 0 아니면 1이라서, 그 평균은 양수 출력의
// 비율입니다.
void mean_slopes(litbook::Example& ex, const Outputs& out) {
  double relu_slope = 0.0, sigmoid_slope = 0.0, sigmoid_slope_max = 0.0;
  for (float v : view(out.z)) {
    relu_slope += nn::relu_grad(v);
    sigmoid_slope += nn::sigmoid_grad(v);
    sigmoid_slope_max = std::max<double>(sigmoid_slope_max,
                                         nn::sigmoid_grad(v));
  }
  relu_slope /= out.z.size();
  sigmoid_slope /= out.z.size();
  ex.println("  기울기의 평균: ReLU {:.4f}, sigmoid {:.4f} (최대 {:.4f})",
             relu_slope, sigmoid_slope, sigmoid_slope_max);
  // [/slopes]
  ex.value("relu-slope-mean", "{:.4f}", relu_slope);
  ex.value("sigmoid-slope-mean", "{:.4f}", sigmoid_slope);
  ex.value("sigmoid-slope-max", "{:.4f}", sigmoid_slope_max);
}

// [means]
// 원문은 시그모이드의 출력이 "전체적으로 작아진다"고 말합니다. 두 출력의
// 평균과 표준편차를 재고, z가 양수인 자리만 따로 평균합니다. 시그모이드가
// ReLU보다 작은 것은 z가 sigmoid(c) = c인 점 c를 넘는 자리뿐입니다.
void mean_outputs(litbook::Example& ex, const Outputs& out) {
  const Eigen::ArrayXd z = out.z.reshaped().cast<double>().array();
  const Eigen::ArrayXd r = out.relu.reshaped().cast<double>().array();
  const Eigen::ArrayXd s = out.sigmoid.reshaped().cast<double>().array();
  auto sd = [](const Eigen::ArrayXd& a) {
    return std::sqrt((a - a.mean()).square().mean());
  };
  const Eigen::ArrayXd pos = (z > 0.0).cast<double>();
  const double n_pos = pos.sum();
  const double relu_pos = (r * pos).sum() / n_pos;
  const double sig_pos = (s * pos).sum() / n_pos;
  double c = 1.0;  // sigmoid(c) = c: 되풀이하면 그 점으로 다가갑니다
  for (int i = 0; i < 100; ++i) c = nn::sigmoid(c);
  const long smaller =
      static_cast<long>((pos * (s < r).cast<double>()).sum());
  ex.println("  출력의 평균: ReLU {:.4f}, sigmoid {:.4f}", r.mean(),
             s.mean());
  ex.println("  출력의 표준편차: ReLU {:.4f}, sigmoid {:.4f}", sd(r), sd(s));
  ex.println("  z > 0인 {}개에서 평균: ReLU {:.4f}, sigmoid {:.4f}",
             static_cast<long>(n_pos), relu_pos, sig_pos);
  ex.println("  sigmoid(z) < ReLU(z)인 것: {} / {} (z > {:.4f})", smaller,
             static_cast<long>(n_pos), c);
  // [/means]
  ex.value("relu-mean", "{:.4f}", r.mean());
  ex.value("sigmoid-mean", "{:.4f}", s.mean());
  ex.value("relu-sd", "{:.4f}", sd(r));
  ex.value("sigmoid-sd", "{:.4f}", sd(s));
  ex.value("pos-n", "{}", static_cast<long>(n_pos));
  ex.value("relu-pos-mean", "{:.4f}", relu_pos);
  ex.value("sigmoid-pos-mean", "{:.4f}", sig_pos);
  ex.value("sigmoid-below-relu", "{}", smaller);
  ex.value("sigmoid-below-relu-pct", "{:.1f}%", 100.0 * smaller / n_pos);
  ex.value("sigmoid-crossing", "{:.4f}", c);
  // 본문이 인용하는 판정: 원문의 말이 평균에서, 양수 쪽에서, 퍼짐에서
  // 맞는지 말합니다.
  const bool mean_smaller = s.mean() < r.mean();
  ex.value("mean-verdict", "{}",
           mean_smaller
               ? litbook::msg("원문의 말대로 시그모이드 쪽이 작습니다")
               : litbook::msg("원문의 말과 달리 시그모이드 쪽이 큽니다"));
  const char* pos_verdict;  // 앞의 판정과 같으면 "도", 다르면 "는"
  if (sig_pos < relu_pos) {
    pos_verdict = mean_smaller
                      ? litbook::msg("여기서도 시그모이드 쪽이 작습니다")
                      : litbook::msg("여기서는 시그모이드 쪽이 작습니다");
  } else {
    pos_verdict = mean_smaller
                      ? litbook::msg("여기서는 시그모이드 쪽이 큽니다")
                      : litbook::msg("여기서도 시그모이드 쪽이 큽니다");
  }
  ex.value("pos-verdict", "{}", pos_verdict);
  ex.value("sd-verdict", "{}",
           sd(s) < sd(r)
               ? litbook::msg("시그모이드 출력이 더 좁게 모여 있습니다")
               : litbook::msg("시그모이드 출력이 오히려 넓게 퍼져 있습니다"));
}

// 그림을 위한 큰 배치의 출력 분포. ReLU의 정확한 0은 양수 출력과 따로
// 셉니다.
void write_the_histogram(litbook::Example& ex, const Outputs& out) {
  const double width = 0.05;
  const long total = static_cast<long>(out.z.size());
  const int bins =
      static_cast<int>(std::floor(out.relu.maxCoeff() / width)) + 1;
  std::vector<long> h_relu(bins, 0), h_sigmoid(bins, 0);
  auto bin_of = [&](float v) {
    return std::min(bins - 1, static_cast<int>(v / width));
  };
  for (float v : view(out.relu)) {
    if (v > 0.0f) ++h_relu[bin_of(v)];
  }
  for (float v : view(out.sigmoid)) ++h_sigmoid[bin_of(v)];
  litbook::Table hist({"left", "center", "relu", "sigmoid"});
  for (int k = 0; k < bins; ++k) {
    hist.row({k * width, (k + 0.5) * width, double(h_relu[k]) / total,
              double(h_sigmoid[k]) / total});
  }
  ex.data("hist", hist);
  litbook::Table zero_bar({"x", "fraction"});
  zero_bar.row({0.0, double(count_zeros(out.relu)) / total});
  ex.data("zeros", zero_bar);
  ex.value("hist-width", "{:g}", width);
}

}  // namespace

// [main]
int main(int argc, char** argv) {
  litbook::Example ex(
      argc, argv,
      litbook::msg("『시각적으로 이해하는 ReLU』 3장의 예제"),
      {litbook::integer("seed", 2024, 0, 1000000,
                        litbook::msg("큰 배치의 난수 시드")),
       litbook::integer("samples", 10000, 100, 100000,
                        litbook::msg("큰 배치의 표본 수"))});
  const auto torch = capture::read_torch_capture(
      LITBOOK_CHAPTER_DIR "/torch_seed0.txt");
  const Outputs small = recompute_the_example(ex, torch);
  compare_with_pytorch(ex, torch, small);
  compare_with_pytorch_f64(ex, torch, small);
  sparsity_of_the_small_batch(ex, small);

  const auto seed = static_cast<std::uint64_t>(ex.integer("seed"));
  const long n = ex.integer("samples");
  const Outputs large = a_large_batch(ex, seed, n);
  ranges_of_the_large_batch(ex, large, seed, n);
  mean_slopes(ex, large);
  mean_outputs(ex, large);
  write_the_histogram(ex, large);
  return ex.finish();
}
// [/main]
