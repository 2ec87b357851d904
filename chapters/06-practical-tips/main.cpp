// Chapter 6: practical tips.
//
// Samples five activations on [-4, 4] for a shape comparison, follows the
// spread of activations through 30 Linear+ReLU layers under three weight
// initialisations, and counts dead ReLU units in a network whose biases
// are shifted negative, with and without BatchNorm.
#include <litbook/example.hpp>
#include <nn/batchnorm.hpp>
#include <nn/gelu.hpp>
#include <nn/init.hpp>
#include <nn/linear.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>
#include <nn/silu.hpp>
#include <nn/tanh.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace {

using nn::Matrix;
using nn::Vector;

Matrix standard_normal(int rows, int cols, nn::Generator& gen) {
  Matrix m(rows, cols);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) m(i, j) = gen.normal();
  }
  return m;
}

// ReLU on every element of a batch.
Matrix relu(const Matrix& z) {
  return z.unaryExpr([](double v) { return nn::relu(v); });
}

// Standard deviation over all elements of a batch.
double stddev(const Matrix& a) {
  const double mean = a.mean();
  return std::sqrt((a.array() - mean).square().mean());
}

enum class Init { normal, xavier, he };

// [init]
void init_weight(Matrix& w, Init init, nn::Generator& gen) {
  switch (init) {
    case Init::normal:  // N(0, 1), whatever the width
      for (int i = 0; i < w.rows(); ++i) {
        for (int j = 0; j < w.cols(); ++j) w(i, j) = gen.normal();
      }
      break;
    case Init::xavier:  // N(0, 2 / (fan_in + fan_out))
      nn::xavier_normal(w, gen);
      break;
    case Init::he:  // N(0, 2 / fan_in): gain sqrt(2), fan_in mode
      nn::kaiming_normal(w, gen);
      break;
  }
}
// [/init]

// [stack]
// Std of the activations after each Linear+ReLU layer (biases 0).
std::vector<double> layer_stds(Init init, int depth, int width,
                               int batch) {
  nn::Generator gen(6);  // the same input batch for every initialisation
  Matrix x = standard_normal(batch, width, gen);
  std::vector<double> stds;
  for (int l = 0; l < depth; ++l) {
    Matrix w(width, width);
    init_weight(w, init, gen);
    const nn::Linear layer(std::move(w), Vector::Zero(width));
    x = relu(layer.forward(x));
    stds.push_back(stddev(x));
  }
  return stds;
}
// [/stack]

// [dead]
// Fraction of units that output 0 for every sample of the batch.
double dead_fraction(const Matrix& a) {
  int dead = 0;
  for (int j = 0; j < a.cols(); ++j) {
    if (a.col(j).maxCoeff() <= 0.0) ++dead;
  }
  return static_cast<double>(dead) / static_cast<double>(a.cols());
}

// Dead fraction after each layer: Linear (He weights, every bias equal
// to `shift`), then BatchNorm1d in training mode if asked, then ReLU.
std::vector<double> dead_per_layer(double shift, bool batchnorm,
                                   int depth, int width, int batch) {
  nn::Generator gen(6);  // the same weights and inputs for every run
  Matrix x = standard_normal(batch, width, gen);
  std::vector<double> dead;
  for (int l = 0; l < depth; ++l) {
    Matrix w(width, width);
    nn::kaiming_normal(w, gen);
    const nn::Linear layer(std::move(w), Vector::Constant(width, shift));
    Matrix z = layer.forward(x);
    if (batchnorm) {
      nn::BatchNorm1d bn(width);  // training mode: batch statistics
      z = bn.forward(z);
    }
    x = relu(z);
    dead.push_back(dead_fraction(x));
  }
  return dead;
}
// [/dead]

}  // namespace

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 6 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);

  // 1. Shapes of five activations on [-4, 4].
  // [shapes]
  const int n = 321;  // step 0.025
  litbook::Table shapes({"x", "relu", "gelu", "silu", "tanh", "sigmoid"});
  double gelu_min = 0.0, gelu_at = 0.0, silu_min = 0.0, silu_at = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = -4.0 + 8.0 * i / (n - 1);
    const double g = nn::gelu(x), s = nn::silu(x);
    shapes.row({x, nn::relu(x), g, s, nn::tanh(x), nn::sigmoid(x)});
    if (g < gelu_min) std::tie(gelu_min, gelu_at) = std::pair{g, x};
    if (s < silu_min) std::tie(silu_min, silu_at) = std::pair{s, x};
  }
  // [/shapes]
  out.data("shapes", shapes);

  fmt::print("{}\n", tr("다섯 활성화 함수의 값", "Five activations"));
  fmt::print("  {:>5} {:>7} {:>7} {:>7} {:>7} {:>7}\n", "x", "ReLU",
             "GELU", "SiLU", "tanh", "sigmoid");
  for (double x : {-3.0, -1.0, 0.0, 1.0, 3.0}) {
    fmt::print("  {:5.1f} {:7.3f} {:7.3f} {:7.3f} {:7.3f} {:7.3f}\n", x,
               nn::relu(x), nn::gelu(x), nn::silu(x), nn::tanh(x),
               nn::sigmoid(x));
  }
  fmt::print("  {}: GELU {:.3f} (x = {:.3f}), SiLU {:.3f} (x = {:.3f})\n",
             tr("격자에서의 최솟값", "minimum on the grid"), gelu_min,
             gelu_at, silu_min, silu_at);
  out.value("shape-step", fmt::format("{:g}", 8.0 / (n - 1)));
  out.value("gelu-min", fmt::format("{:.3f}", gelu_min));
  out.value("gelu-argmin", fmt::format("{:.3f}", gelu_at));
  out.value("silu-min", fmt::format("{:.3f}", silu_min));
  out.value("silu-argmin", fmt::format("{:.3f}", silu_at));
  out.value("sigmoid-at-0", fmt::format("{:.1f}", nn::sigmoid(0.0)));

  // 2. Three initialisations through a deep Linear+ReLU stack.
  const int depth = 30, width = 256, batch = 512;
  const std::array<Init, 3> inits = {Init::normal, Init::xavier,
                                     Init::he};
  std::array<std::vector<double>, 3> stds;
  for (int k = 0; k < 3; ++k) {
    stds[k] = layer_stds(inits[k], depth, width, batch);
  }

  litbook::Table init_table({"layer", "normal", "xavier", "he"});
  for (int l = 0; l < depth; ++l) {
    init_table.row({l + 1.0, stds[0][l], stds[1][l], stds[2][l]});
  }
  out.data("init", init_table);

  fmt::print("\n{}\n", tr("층을 지난 뒤 활성값의 표준편차",
                          "Std of the activations after each layer"));
  fmt::print("  {:>5} {:>12} {:>12} {:>12}\n", tr("층", "layer"),
             "N(0,1)", "Xavier", "He");
  for (int l = 0; l < depth; ++l) {
    if (l != 0 && (l + 1) % 5 != 0) continue;
    fmt::print("  {:5} {:12.3e} {:12.3e} {:12.3e}\n", l + 1, stds[0][l],
               stds[1][l], stds[2][l]);
  }

  // Per-layer growth of the second moment through ReLU:
  // fan_in * Var(w) / 2, so the std changes by its square root.
  const double fan = width;
  const std::array<double, 3> weight_var = {1.0, 2.0 / (2.0 * fan),
                                            2.0 / fan};
  const std::array<std::string, 3> keys = {"normal", "xavier", "he"};
  fmt::print("\n{}\n", tr("층마다 표준편차가 커지는 배율",
                          "Factor by which the std grows per layer"));
  fmt::print("  {:>8} {:>10} {:>10} {:>12}\n", "", tr("측정", "measured"),
             tr("이론", "theory"), tr("마지막/처음", "last/first"));
  for (int k = 0; k < 3; ++k) {
    const double ratio = stds[k].back() / stds[k].front();
    const double measured = std::pow(ratio, 1.0 / (depth - 1));
    const double theory = std::sqrt(fan * weight_var[k] / 2.0);
    const auto& name = keys[k];
    fmt::print("  {:>8} {:10.3f} {:10.3f} {:12.3e}\n",
               k == 0 ? "N(0,1)" : (k == 1 ? "Xavier" : "He"), measured,
               theory, ratio);
    out.value("std-first-" + name, fmt::format("{:.3g}", stds[k].front()));
    out.value("std-last-" + name, fmt::format("{:.3g}", stds[k].back()));
    out.value("ratio-" + name, fmt::format("{:.3g}", ratio));
    out.value("factor-" + name, fmt::format("{:.3f}", measured));
    out.value("theory-" + name, fmt::format("{:.3f}", theory));
  }
  out.value("init-depth", fmt::format("{}", depth));
  out.value("init-width", fmt::format("{}", width));
  out.value("init-batch", fmt::format("{}", batch));

  // 3. Dead ReLU units with and without BatchNorm.
  const int dd = 10, dw = 128, db = 256;
  const std::array<double, 4> shifts = {0.0, -0.5, -1.0, -2.0};
  const std::array<std::string, 4> skeys = {"0", "m05", "m1", "m2"};
  litbook::Table dead_table(
      {"layer", "b0", "bm05", "bm1", "bm2", "bn_bm2"});
  std::array<std::vector<double>, 4> plain, withbn;
  for (int s = 0; s < 4; ++s) {
    plain[s] = dead_per_layer(shifts[s], false, dd, dw, db);
    withbn[s] = dead_per_layer(shifts[s], true, dd, dw, db);
  }
  for (int l = 0; l < dd; ++l) {
    dead_table.row({l + 1.0, plain[0][l], plain[1][l], plain[2][l],
                    plain[3][l], withbn[3][l]});
  }
  out.data("dead", dead_table);

  fmt::print("\n{}\n", tr("죽은 유닛의 비율 (층마다)",
                          "Fraction of dead units (per layer)"));
  fmt::print("  {:<12}", tr("편향", "bias"));
  for (int l = 0; l < dd; ++l) fmt::print(" {:>5}", l + 1);
  fmt::print("\n");
  double bn_max = 0.0;
  for (int s = 0; s < 4; ++s) {
    for (int bn = 0; bn < 2; ++bn) {
      const auto& d = bn ? withbn[s] : plain[s];
      const std::string label =
          fmt::format("{:4.1f}{}", shifts[s], bn ? " +BN" : "");
      fmt::print("  {:<12}", label);
      for (double f : d) fmt::print(" {:5.2f}", f);
      fmt::print("\n");
      if (bn) bn_max = std::max(bn_max, *std::max_element(d.begin(),
                                                          d.end()));
    }
    const auto all = std::find(plain[s].begin(), plain[s].end(), 1.0);
    const auto& key = skeys[s];
    out.value("dead-last-b" + key, fmt::format("{:.2f}", plain[s].back()));
    out.value("dead-all-from-b" + key,
              all == plain[s].end()
                  ? std::string("-")
                  : fmt::format("{}", all - plain[s].begin() + 1));
    out.value("shift-b" + key, fmt::format("{:g}", shifts[s]));
  }
  fmt::print("  {}: {:.2f}\n",
             tr("BatchNorm을 넣었을 때 가장 큰 비율",
                "largest fraction with BatchNorm"),
             bn_max);
  out.value("dead-bn-max", fmt::format("{:.2f}", bn_max));
  out.value("dead-depth", fmt::format("{}", dd));
  out.value("dead-width", fmt::format("{}", dw));
  out.value("dead-batch", fmt::format("{}", db));
  return out.finish();
}
