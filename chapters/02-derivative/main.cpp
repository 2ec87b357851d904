// Chapter 2: the derivative of ReLU.
//
// Prints ReLU'(x) at a few inputs and at the special inputs (0, -0.0, a
// tiny positive number, NaN), the one-sided difference quotients at 0,
// the largest slope of the sigmoid on a grid, and the gradient norm that
// reaches each layer of a deep stack of Linear layers with sigmoid or
// ReLU activations. Writes the curves and the norms for the figures.
#include <litbook/example.hpp>
#include <nn/init.hpp>
#include <nn/linear.hpp>
#include <nn/loss.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace {

enum class Act { sigmoid, relu };

// [stack]
// One experiment: `depth` layers of Linear + activation, all of
// width `width`, biases 0. Returns ||dL/dW|| of every layer, first
// layer first, for L = MSE(output, 0).
std::vector<double> grad_norms(Act act, bool kaiming, int depth,
                               int width, const nn::Matrix& x0) {
  nn::Generator gen(2);  // the same weight seed for every run
  std::vector<nn::Linear> layers;
  for (int l = 0; l < depth; ++l) {
    nn::Matrix w(width, width);
    if (kaiming) {
      nn::kaiming_normal(w, gen);
    } else {
      nn::xavier_normal(w, gen);
    }
    layers.emplace_back(w, nn::Vector::Zero(width));
  }
  auto f = [act](double v) {
    return act == Act::relu ? nn::relu(v) : nn::sigmoid(v);
  };
  auto df = [act](double v) {
    return act == Act::relu ? nn::relu_grad(v) : nn::sigmoid_grad(v);
  };

  std::vector<nn::Matrix> inputs, pre;  // kept for the backward pass
  nn::Matrix h = x0;
  for (const auto& layer : layers) {
    inputs.push_back(h);
    pre.push_back(layer.forward(h));
    h = pre.back().unaryExpr(f);
  }

  nn::Matrix g = nn::mse_loss_grad(h, nn::Matrix::Zero(h.rows(), width));
  std::vector<double> norms(depth);
  for (int l = depth - 1; l >= 0; --l) {
    const nn::Matrix gz = g.cwiseProduct(pre[l].unaryExpr(df));
    g = layers[l].backward(inputs[l], gz);  // chain rule, one layer
    norms[l] = layers[l].weight_grad.norm();
  }
  return norms;
}
// [/stack]

}  // namespace

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 2 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);

  // [table]
  const double inputs[] = {-3.0, -1.5, -0.5, 0.5, 2.0, 4.5};
  fmt::print("{}\n", tr("x와 ReLU'(x)", "x and ReLU'(x)"));
  for (double x : inputs) {
    fmt::print("  x = {:4.1f}   ReLU'(x) = {}\n", x, nn::relu_grad(x));
  }
  // [/table]

  // [quotients]
  const double h = 1e-6;
  const double right = (nn::relu(h) - nn::relu(0.0)) / h;
  const double left = (nn::relu(0.0) - nn::relu(-h)) / h;
  fmt::print("\n{} (h = {:g})\n",
             tr("0에서의 한쪽 차분 몫",
                "One-sided difference quotients at 0"),
             h);
  fmt::print("  (ReLU(h) - ReLU(0)) / h = {}\n", right);
  fmt::print("  (ReLU(0) - ReLU(-h)) / h = {}\n", left);
  // [/quotients]
  out.value("h", fmt::format("{:g}", h));
  out.value("quotient-right", fmt::format("{}", right));
  out.value("quotient-left", fmt::format("{}", left));

  // [special]
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double tiny = std::numeric_limits<double>::denorm_min();
  fmt::print("\n{}\n", tr("특수한 입력에서의 relu_grad",
                          "relu_grad at special inputs"));
  fmt::print("  relu_grad(0.0)  = {}\n", nn::relu_grad(0.0));
  fmt::print("  relu_grad(-0.0) = {}\n", nn::relu_grad(-0.0));
  fmt::print("  relu_grad({:g}) = {}\n", tiny, nn::relu_grad(tiny));
  fmt::print("  relu_grad(-{:g}) = {}\n", tiny, nn::relu_grad(-tiny));
  fmt::print("  relu_grad(NaN)  = {}\n", nn::relu_grad(nan));
  // [/special]
  out.value("grad-at-zero", fmt::format("{}", nn::relu_grad(0.0)));
  out.value("grad-at-minus-zero", fmt::format("{}", nn::relu_grad(-0.0)));
  out.value("tiny", fmt::format("{:g}", tiny));
  out.value("grad-at-tiny", fmt::format("{}", nn::relu_grad(tiny)));
  out.value("grad-at-minus-tiny", fmt::format("{}", nn::relu_grad(-tiny)));
  out.value("grad-at-nan", fmt::format("{}", nn::relu_grad(nan)));

  // The grid of chapter 1: step 0.025, x = 0 exactly on it.
  const int n = 401;
  std::vector<double> xs(n), ys(n), dys(n), ss(n), dss(n);
  for (int i = 0; i < n; ++i) xs[i] = -5.0 + 10.0 * i / (n - 1);
  nn::relu<double>(xs, ys);
  nn::relu_grad<double>(xs, dys);
  nn::sigmoid<double>(xs, ss);
  nn::sigmoid_grad<double>(xs, dss);

  litbook::Table curve({"x", "relu", "sigmoid"});
  litbook::Table slope_neg({"x", "relu_grad", "sigmoid_grad"});
  litbook::Table slope_pos({"x", "relu_grad", "sigmoid_grad"});
  for (int i = 0; i < n; ++i) {
    curve.row({xs[i], ys[i], ss[i]});
    (xs[i] > 0 ? slope_pos : slope_neg).row({xs[i], dys[i], dss[i]});
    if (xs[i] == 0.0) {  // the right-hand branch starts just after 0
      slope_pos.row({tiny, nn::relu_grad(tiny), nn::sigmoid_grad(tiny)});
    }
  }
  out.data("curve", curve);
  out.data("slope-neg", slope_neg);
  out.data("slope-pos", slope_pos);
  litbook::Table at_zero({"x", "grad", "right"});
  at_zero.row({0.0, nn::relu_grad(0.0), nn::relu_grad(tiny)});
  out.data("at-zero", at_zero);
  out.value("grid-points", fmt::format("{}", n));
  out.value("grid-step", fmt::format("{:g}", xs[1] - xs[0]));

  const auto ones = std::count(dys.begin(), dys.end(), 1.0);
  fmt::print("\n{}\n", tr("[-5, 5] 구간의 격자", "The grid on [-5, 5]"));
  fmt::print("  {}: {}\n", tr("점의 개수", "points"), n);
  fmt::print("  {}: {}\n",
             tr("ReLU'(x) = 1인 점", "points with ReLU'(x) = 1"), ones);
  fmt::print("  {}: {}\n",
             tr("ReLU'(x) = 0인 점", "points with ReLU'(x) = 0"), n - ones);
  out.value("grid-ones", fmt::format("{}", ones));
  out.value("grid-zeros", fmt::format("{}", n - ones));

  // [sigmoid-max]
  const auto top = std::max_element(dss.begin(), dss.end());
  const double x_top = xs[top - dss.begin()];
  fmt::print("  {} = {:.6f} (x = {:g})\n",
             tr("격자에서 시그모이드 기울기의 최댓값",
                "largest sigmoid slope on the grid"),
             *top, x_top);
  // [/sigmoid-max]
  out.value("sigmoid-grad-max", fmt::format("{:.6f}", *top));
  out.value("sigmoid-grad-argmax", fmt::format("{:g}", x_top));
  out.value("sigmoid-grad-at-5", fmt::format("{:.4f}", dss[n - 1]));

  // The deep stack: the same seeded input batch for every run.
  const int depth = 30, width = 64, batch = 64;
  nn::Generator data_gen(1);
  nn::Matrix x0(batch, width);
  for (Eigen::Index i = 0; i < x0.size(); ++i) {
    x0.data()[i] = data_gen.normal();
  }
  const auto sig = grad_norms(Act::sigmoid, false, depth, width, x0);
  const auto rx = grad_norms(Act::relu, false, depth, width, x0);
  const auto rk = grad_norms(Act::relu, true, depth, width, x0);

  litbook::Table norms({"layer", "sigmoid_xavier", "relu_xavier",
                        "relu_kaiming"});
  for (int l = 0; l < depth; ++l) {
    norms.row({double(l + 1), sig[l], rx[l], rk[l]});
  }
  out.data("norms", norms);
  out.value("depth", fmt::format("{}", depth));
  out.value("width", fmt::format("{}", width));
  out.value("batch", fmt::format("{}", batch));

  fmt::print("\n{}\n", tr("층마다 도달한 기울기의 크기 ||dL/dW||",
                          "Gradient norm ||dL/dW|| reaching each layer"));
  fmt::print(fmt::runtime(tr("  층 수 {}, 너비 {}, 배치 크기 {}\n",
                             "  {} layers, width {}, batch size {}\n")),
             depth, width, batch);
  fmt::print("  {:>11}  {:>14}  {:>12}  {:>12}\n", tr("층", "layer"),
             "sigmoid+Xavier", "ReLU+Xavier", "ReLU+Kaiming");
  for (int l = 0; l < depth; ++l) {
    if (l % 5 != 0 && l != depth - 1) continue;
    fmt::print("  {:>11}  {:>14.3e}  {:>12.3e}  {:>12.3e}\n", l + 1, sig[l],
               rx[l], rk[l]);
  }
  const double r_sig = sig.front() / sig.back();
  const double r_rx = rx.front() / rx.back();
  const double r_rk = rk.front() / rk.back();
  fmt::print("  {:>11}  {:>14.3e}  {:>12.3e}  {:>12.3e}\n",
             tr("첫 층/끝 층", "first/last"), r_sig, r_rx, r_rk);
  out.value("ratio-sigmoid", fmt::format("{:.1e}", r_sig));
  out.value("ratio-relu-kaiming", fmt::format("{:.2f}", r_rk));
  out.value("ratio-relu-xavier", fmt::format("{:.2f}", r_rx));
  // The geometric mean of the shrinking from one layer to the one below.
  const double per_layer = std::pow(r_sig, 1.0 / (depth - 1));
  fmt::print("  {}: {:.3f}\n",
             tr("시그모이드: 한 층 내려갈 때마다 곱해지는 평균 배율",
                "sigmoid: mean factor per layer, going down"),
             per_layer);
  out.value("sigmoid-per-layer", fmt::format("{:.3f}", per_layer));
  out.value("sigmoid-first", fmt::format("{:.1e}", sig.front()));
  out.value("sigmoid-last", fmt::format("{:.1e}", sig.back()));
  out.value("kaiming-first", fmt::format("{:.2f}", rk.front()));
  out.value("kaiming-last", fmt::format("{:.2f}", rk.back()));
  out.value("xavier-first", fmt::format("{:.1e}", rx.front()));
  out.value("xavier-last", fmt::format("{:.1e}", rx.back()));
  // With biases 0 a ReLU stack is positively homogeneous: scaling every
  // weight by c scales each ||dL/dW|| by c^(2 depth - 1).
  const double sd_x = std::sqrt(2.0 / (width + width));  // Xavier
  const double sd_k = std::sqrt(2.0 / width);            // Kaiming
  const double c = sd_k / sd_x;
  out.value("sd-xavier", fmt::format("{:.4f}", sd_x));
  out.value("sd-kaiming", fmt::format("{:.4f}", sd_k));
  out.value("kaiming-over-xavier", fmt::format("{:.3e}", rk[0] / rx[0]));
  out.value("homogeneity-factor",
            fmt::format("{:.3e}", std::pow(c, 2 * depth - 1)));
  return out.finish();
}
