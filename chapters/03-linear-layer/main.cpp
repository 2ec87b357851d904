// Chapter 3: a Linear(3, 4) layer followed by ReLU or sigmoid.
//
// Recomputes the article's PyTorch example (a batch of 5 samples with 3
// features through nn.Linear(3, 4), then ReLU and sigmoid) from the
// inputs PyTorch drew under torch.manual_seed(0), compares the results
// with PyTorch's own outputs, and then measures sparsity and range on a
// large batch drawn from the library's seeded generator.
#include "torch_capture.hpp"

#include <litbook/example.hpp>
#include <nn/linear.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <string_view>

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

// Largest |a - b| over all entries, in double (exact for float inputs).
double max_abs_diff(const MatrixF& a, const MatrixF& b) {
  return (a.cast<double>() - b.cast<double>()).cwiseAbs().maxCoeff();
}

long same(const MatrixF& a, const MatrixF& b) {
  return static_cast<long>((a.array() == b.array()).count());
}

// Prints how many entries are equal and the largest difference.
template <typename Tr>
double compare(std::string_view name, const MatrixF& ours,
               const MatrixF& theirs, Tr tr) {
  const double d = max_abs_diff(ours, theirs);
  fmt::print("  {:<11} {} {:2} / {}, {} {:.3g}\n", name,
             tr("같은 값", "equal"), same(ours, theirs), ours.size(),
             tr("가장 큰 차이", "largest difference"), d);
  return d;
}

long count_zeros(const MatrixF& m) {
  return static_cast<long>((m.array() == 0.0f).count());
}

std::string percent(double fraction) {
  return fmt::format("{:.1f}%", 100.0 * fraction);
}

}  // namespace

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 3 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);

  // [load]
  const auto torch = capture::read_torch_capture(
      LITBOOK_CHAPTER_DIR "/torch_seed0.txt");
  const nn::Matrix& x = torch.matrix("x");         // 5x3
  const nn::Matrix& w = torch.matrix("W");         // 4x3
  const nn::Vector b = torch.matrix("b").row(0).transpose();  // 4
  // [/load]

  fmt::print("{}\n\n", tr("PyTorch가 torch.manual_seed(0)으로 뽑은 값",
                          "What PyTorch drew under torch.manual_seed(0)"));
  print_matrix(tr("입력 x", "input x"), x.cast<float>());
  print_matrix(tr("가중치 W", "weight W"), w.cast<float>());
  print_matrix(tr("편향 b", "bias b"), b.transpose().cast<float>());

  // [forward]
  const nn::Linear linear(w, b);
  // Every input is a float32 value; the layer works in double and the
  // result is rounded to float32, the precision PyTorch computes in.
  const MatrixF z = linear.forward(x).cast<float>();
  MatrixF relu_z(z.rows(), z.cols());
  MatrixF sigmoid_z(z.rows(), z.cols());
  nn::relu<float>(view(z), view(relu_z));
  nn::sigmoid<float>(view(z), view(sigmoid_z));
  // [/forward]

  fmt::print("\n{}\n\n", tr("이 라이브러리로 다시 계산한 결과",
                            "Recomputed with this library"));
  print_matrix(tr("선형 출력 z = x W^T + b", "linear output z = x W^T + b"),
               z);
  print_matrix("ReLU(z)", relu_z);
  print_matrix("sigmoid(z)", sigmoid_z);

  // [compare]
  const MatrixF torch_z = torch.matrix("linear").cast<float>();
  const MatrixF torch_relu = torch.matrix("relu").cast<float>();
  const MatrixF torch_sigmoid = torch.matrix("sigmoid").cast<float>();
  fmt::print("\n{}\n", tr("PyTorch의 float32 출력과 비교",
                          "Compared with PyTorch's float32 outputs"));
  const double d_z = compare("z", z, torch_z, tr);
  const double d_relu = compare("ReLU(z)", relu_z, torch_relu, tr);
  const double d_sig = compare("sigmoid(z)", sigmoid_z, torch_sigmoid, tr);
  // [/compare]

  // [compare-f64]
  const MatrixF z_f64 = torch.matrix("linear_f64").cast<float>();
  const MatrixF sigmoid_f64 = torch.matrix("sigmoid_f64").cast<float>();
  MatrixF sigmoid_tz(z.rows(), z.cols());  // applied to PyTorch's own z
  nn::sigmoid<float>(view(torch_z), view(sigmoid_tz));
  fmt::print("\n{}\n", tr("PyTorch가 float64로 계산해 한 번 반올림한 값과 비교",
                        "Compared with PyTorch in float64, rounded once"));
  const double d_z64 = compare("z", z, z_f64, tr);
  const double d_sig64 = compare("sigmoid", sigmoid_tz, sigmoid_f64, tr);
  // [/compare-f64]

  out.value("diff-linear", fmt::format("{:.3g}", d_z));
  out.value("diff-relu", fmt::format("{:.3g}", d_relu));
  out.value("diff-sigmoid", fmt::format("{:.3g}", d_sig));
  out.value("diff-linear-f64", fmt::format("{:.3g}", d_z64));
  out.value("diff-sigmoid-f64", fmt::format("{:.3g}", d_sig64));
  out.value("same-linear", fmt::format("{}", same(z, torch_z)));
  out.value("same-relu", fmt::format("{}", same(relu_z, torch_relu)));
  out.value("same-sigmoid", fmt::format("{}", same(sigmoid_z,
                                                   torch_sigmoid)));
  out.value("ulp-at-1", fmt::format("{:.3g}",
                                    std::nextafter(1.0f, 2.0f) - 1.0f));

  // Sparsity and range on the article's batch.
  const long small_n = static_cast<long>(z.size());
  const long small_zeros = count_zeros(relu_z);
  const long small_sig_zeros = count_zeros(sigmoid_z);
  fmt::print("\n{}\n", tr("배치 5개에서", "On the batch of 5"));
  fmt::print("  {}: {} / {} ({})\n",
             tr("ReLU 출력 가운데 정확히 0인 것",
                "ReLU outputs that are exactly 0"),
             small_zeros, small_n, percent(double(small_zeros) / small_n));
  fmt::print("  {}: {} / {}\n",
             tr("sigmoid 출력 가운데 정확히 0인 것",
                "sigmoid outputs that are exactly 0"),
             small_sig_zeros, small_n);
  fmt::print("  {}: [{:.4f}, {:.4f}]\n",
             tr("sigmoid 출력의 범위", "range of the sigmoid outputs"),
             sigmoid_z.minCoeff(), sigmoid_z.maxCoeff());
  out.value("batch-size", fmt::format("{}", x.rows()));
  out.value("small-n", fmt::format("{}", small_n));
  out.value("small-zeros", fmt::format("{}", small_zeros));
  out.value("small-zero-pct",
            percent(double(small_zeros) / small_n));
  out.value("small-sig-zeros", fmt::format("{}", small_sig_zeros));
  out.value("small-sig-min", fmt::format("{:.4f}", sigmoid_z.minCoeff()));
  out.value("small-sig-max", fmt::format("{:.4f}", sigmoid_z.maxCoeff()));
  out.value("small-z-min", fmt::format("{:.4f}", z.minCoeff()));
  out.value("small-z-max", fmt::format("{:.4f}", z.maxCoeff()));

  litbook::Table cells({"sample", "unit", "z", "relu", "sigmoid"});
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    for (Eigen::Index j = 0; j < z.cols(); ++j) {
      cells.row({double(i + 1), double(j + 1), z(i, j), relu_z(i, j),
                 sigmoid_z(i, j)});
    }
  }
  out.data("cells", cells);

  // [large]
  const std::uint64_t seed = 2024;
  const Eigen::Index n = 10000;
  nn::Generator gen(seed);
  nn::Matrix big_x(n, 3);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) big_x(i, j) = gen.normal();
  }
  const nn::Linear big_linear(3, 4, gen);  // PyTorch's default init
  const MatrixF big_z = big_linear.forward(big_x).cast<float>();
  MatrixF big_relu(n, 4);
  MatrixF big_sigmoid(n, 4);
  nn::relu<float>(view(big_z), view(big_relu));
  nn::sigmoid<float>(view(big_z), view(big_sigmoid));
  // [/large]

  const long big_total = static_cast<long>(big_z.size());
  const long big_zeros = count_zeros(big_relu);
  const long big_sig_zeros = count_zeros(big_sigmoid);
  const double big_frac = double(big_zeros) / big_total;
  fmt::print("\n{}\n",
             tr("큰 배치 (10000x3, 시드 2024, 같은 모양의 층)",
                "A large batch (10000x3, seed 2024, a layer of the same "
                "shape)"));
  fmt::print("  {}: {} / {} ({})\n",
             tr("ReLU 출력 가운데 정확히 0인 것",
                "ReLU outputs that are exactly 0"),
             big_zeros, big_total, percent(big_frac));
  double unit_min = 1.0, unit_max = 0.0;
  for (Eigen::Index j = 0; j < 4; ++j) {
    const long zj = static_cast<long>((big_relu.col(j).array() == 0.0f)
                                          .count());
    const double fj = double(zj) / n;
    unit_min = std::min(unit_min, fj);
    unit_max = std::max(unit_max, fj);
    fmt::print("    {} {}: {} (b = {:+.4f})\n", tr("유닛", "unit"), j + 1,
               percent(fj), big_linear.bias(j));
  }
  out.value("unit-zero-min", percent(unit_min));
  out.value("unit-zero-max", percent(unit_max));
  fmt::print("  {}: {} / {}\n",
             tr("sigmoid 출력 가운데 정확히 0인 것",
                "sigmoid outputs that are exactly 0"),
             big_sig_zeros, big_total);
  fmt::print("  {}: [{:.4f}, {:.4f}]\n",
             tr("sigmoid 출력의 범위", "range of the sigmoid outputs"),
             big_sigmoid.minCoeff(), big_sigmoid.maxCoeff());
  fmt::print("  {}: [{:.4f}, {:.4f}]\n",
             tr("ReLU 출력의 범위", "range of the ReLU outputs"),
             big_relu.minCoeff(), big_relu.maxCoeff());

  // [slopes]
  double relu_slope = 0.0, sigmoid_slope = 0.0, sigmoid_slope_max = 0.0;
  for (float v : view(big_z)) {
    relu_slope += nn::relu_grad(v);
    sigmoid_slope += nn::sigmoid_grad(v);
    sigmoid_slope_max = std::max<double>(sigmoid_slope_max,
                                         nn::sigmoid_grad(v));
  }
  relu_slope /= big_total;
  sigmoid_slope /= big_total;
  // [/slopes]
  fmt::print("  {}: ReLU {:.4f}, sigmoid {:.4f} ({} {:.4f})\n",
             tr("기울기의 평균", "mean slope"), relu_slope, sigmoid_slope,
             tr("최대", "largest"), sigmoid_slope_max);

  out.value("big-n", fmt::format("{}", n));
  out.value("big-seed", fmt::format("{}", seed));
  out.value("big-total", fmt::format("{}", big_total));
  out.value("big-zeros", fmt::format("{}", big_zeros));
  out.value("big-zero-pct", percent(big_frac));
  out.value("big-sig-zeros", fmt::format("{}", big_sig_zeros));
  out.value("big-sig-min", fmt::format("{:.4f}", big_sigmoid.minCoeff()));
  out.value("big-sig-max", fmt::format("{:.4f}", big_sigmoid.maxCoeff()));
  out.value("big-relu-max", fmt::format("{:.4f}", big_relu.maxCoeff()));
  out.value("relu-slope-mean", fmt::format("{:.4f}", relu_slope));
  out.value("sigmoid-slope-mean", fmt::format("{:.4f}", sigmoid_slope));
  out.value("sigmoid-slope-max", fmt::format("{:.4f}", sigmoid_slope_max));

  // Histogram of the large batch's outputs: ReLU's exact zeros are
  // counted apart from its positive outputs.
  const double width = 0.05;
  const int bins =
      static_cast<int>(std::floor(big_relu.maxCoeff() / width)) + 1;
  std::vector<long> h_relu(bins, 0), h_sigmoid(bins, 0);
  auto bin_of = [&](float v) {
    return std::min(bins - 1, static_cast<int>(v / width));
  };
  for (float v : view(big_relu)) {
    if (v > 0.0f) ++h_relu[bin_of(v)];
  }
  for (float v : view(big_sigmoid)) ++h_sigmoid[bin_of(v)];
  litbook::Table hist({"left", "center", "relu", "sigmoid"});
  for (int k = 0; k < bins; ++k) {
    hist.row({k * width, (k + 0.5) * width,
              double(h_relu[k]) / big_total,
              double(h_sigmoid[k]) / big_total});
  }
  out.data("hist", hist);
  litbook::Table zero_bar({"x", "fraction"});
  zero_bar.row({0.0, big_frac});
  out.data("zeros", zero_bar);
  out.value("hist-width", fmt::format("{:g}", width));
  return out.finish();
}
