// 2장: ReLU의 도함수.
//
// 몇 가지 입력과 특수한 입력(0, -0.0, 아주 작은 양수, NaN)에서 ReLU'(x)를,
// 0에서의 한쪽 차분 몫을, 격자에서 시그모이드 기울기의 최댓값을 출력합니다.
// 끝으로 Linear 층을 깊이 쌓은 망에서 층마다 도달한 그래디언트의 크기를
// 잽니다. 그림을 위해 곡선과 그래디언트의 크기를 기록합니다.
#include <litbook/example.hpp>
#include <litbook/text_table.hpp>
#include <nn/gelu.hpp>
#include <nn/init.hpp>
#include <nn/leaky_relu.hpp>
#include <nn/linear.hpp>
#include <nn/loss.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>
#include <nn/tanh.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

// [table]
// 음수에서는 0, 양수에서는 1: 계단 모양입니다.
void relu_grad_at_a_few_inputs(litbook::Example& ex) {
  const double inputs[] = {-3.0, -1.5, -0.5, 0.5, 2.0, 4.5};
  ex.println("x와 ReLU'(x)");
  for (double x : inputs) {
    fmt::print("  x = {:4.1f}   ReLU'(x) = {}\n", x, nn::relu_grad(x));
  }
}
// [/table]

// [quotients]
// 0의 오른쪽과 왼쪽에서 잰 기울기는 h를 아무리 줄여도 다릅니다.
void difference_quotients_at_zero(litbook::Example& ex) {
  const double h = 1e-6;
  const double right = (nn::relu(h) - nn::relu(0.0)) / h;
  const double left = (nn::relu(0.0) - nn::relu(-h)) / h;
  ex.println("\n0에서의 한쪽 차분 몫 (h = {:g})", h);
  fmt::print("  (ReLU(h) - ReLU(0)) / h = {}\n", right);
  fmt::print("  (ReLU(0) - ReLU(-h)) / h = {}\n", left);
  // [/quotients]
  ex.value("h", "{:g}", h);
  ex.value("quotient-right", "{}", right);
  ex.value("quotient-left", "{}", left);
}

// [special]
// 0과 -0.0에서는 0, 가장 작은 양수에서는 벌써 1, NaN에서는 1입니다.
void relu_grad_at_special_inputs(litbook::Example& ex) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double tiny = std::numeric_limits<double>::denorm_min();
  ex.println("\n특수한 입력에서의 relu_grad");
  fmt::print("  relu_grad(0.0)  = {}\n", nn::relu_grad(0.0));
  fmt::print("  relu_grad(-0.0) = {}\n", nn::relu_grad(-0.0));
  fmt::print("  relu_grad({:g}) = {}\n", tiny, nn::relu_grad(tiny));
  fmt::print("  relu_grad(-{:g}) = {}\n", tiny, nn::relu_grad(-tiny));
  fmt::print("  relu_grad(NaN)  = {}\n", nn::relu_grad(nan));
  // [/special]
  ex.value("grad-at-zero", "{}", nn::relu_grad(0.0));
  ex.value("grad-at-minus-zero", "{}", nn::relu_grad(-0.0));
  ex.value("tiny", "{:g}", tiny);
  ex.value("grad-at-tiny", "{}", nn::relu_grad(tiny));
  ex.value("grad-at-minus-tiny", "{}", nn::relu_grad(-tiny));
  ex.value("grad-at-nan", "{}", nn::relu_grad(nan));
}

// [grid]
// 1장의 격자(간격 0.025, x = 0이 격자에 정확히 들어감)에서의 두 함수와
// 그 기울기.
struct Grid {
  std::vector<double> x, relu, relu_grad, sigmoid, sigmoid_grad;
};

Grid sample_the_grid() {
  const int n = 401;
  Grid g{std::vector<double>(n), {}, {}, {}, {}};
  for (int i = 0; i < n; ++i) g.x[i] = -5.0 + 10.0 * i / (n - 1);
  for (auto* v : {&g.relu, &g.relu_grad, &g.sigmoid, &g.sigmoid_grad}) {
    v->resize(n);
  }
  nn::relu<double>(g.x, g.relu);  // 배치 버전: 격자 전체를 한 번에
  nn::relu_grad<double>(g.x, g.relu_grad);
  nn::sigmoid<double>(g.x, g.sigmoid);
  nn::sigmoid_grad<double>(g.x, g.sigmoid_grad);
  return g;
}
// [/grid]

// [sigmoid-max]
// ReLU의 기울기는 0 아니면 1이고, 시그모이드의 기울기는 0.25를 넘지
// 않습니다.
void slopes_on_the_grid(litbook::Example& ex, const Grid& g) {
  const auto n = static_cast<long>(g.x.size());
  const auto ones = std::count(g.relu_grad.begin(), g.relu_grad.end(), 1.0);
  ex.println("\n[-5, 5] 구간의 격자");
  ex.println("  점의 개수: {}", n);
  ex.println("  ReLU'(x) = 1인 점: {}", ones);
  ex.println("  ReLU'(x) = 0인 점: {}", n - ones);
  const auto top = std::max_element(g.sigmoid_grad.begin(),
                                    g.sigmoid_grad.end());
  const double x_top = g.x[top - g.sigmoid_grad.begin()];
  ex.println("  격자에서 시그모이드 기울기의 최댓값 = {:.6f} (x = {:g})",
             *top, x_top);
  // [/sigmoid-max]
  ex.value("grid-points", "{}", n);
  ex.value("grid-step", "{:g}", g.x[1] - g.x[0]);
  ex.value("grid-ones", "{}", ones);
  ex.value("grid-zeros", "{}", n - ones);
  ex.value("sigmoid-grad-max", "{:.6f}", *top);
  ex.value("sigmoid-grad-argmax", "{:g}", x_top);
  ex.value("sigmoid-grad-at-5", "{:.4f}", g.sigmoid_grad.back());
}

// 그림의 데이터: 곡선, 0의 양쪽으로 나눈 기울기, x = 0의 두 점.
void write_the_curves(litbook::Example& ex, const Grid& g) {
  const double tiny = std::numeric_limits<double>::denorm_min();
  litbook::Table curve({"x", "relu", "sigmoid"});
  litbook::Table slope_neg({"x", "relu_grad", "sigmoid_grad"});
  litbook::Table slope_pos({"x", "relu_grad", "sigmoid_grad"});
  for (std::size_t i = 0; i < g.x.size(); ++i) {
    curve.row({g.x[i], g.relu[i], g.sigmoid[i]});
    (g.x[i] > 0 ? slope_pos : slope_neg)
        .row({g.x[i], g.relu_grad[i], g.sigmoid_grad[i]});
    if (g.x[i] == 0.0) {  // 오른쪽 가지는 0 바로 다음에서 시작합니다
      slope_pos.row({tiny, nn::relu_grad(tiny), nn::sigmoid_grad(tiny)});
    }
  }
  ex.data("curve", curve);
  ex.data("slope-neg", slope_neg);
  ex.data("slope-pos", slope_pos);
  litbook::Table at_zero({"x", "grad", "right"});
  at_zero.row({0.0, nn::relu_grad(0.0), nn::relu_grad(tiny)});
  ex.data("at-zero", at_zero);
}

// [activation]
// 활성화 함수와 그 도함수. 이름은 --activation으로 고릅니다.
struct Activation {
  double (*f)(double);
  double (*df)(double);
};

Activation activation_named(const std::string& name) {
  if (name == "relu") {
    return {[](double v) { return nn::relu(v); },
            [](double v) { return nn::relu_grad(v); }};
  }
  if (name == "leaky-relu") {
    return {[](double v) { return nn::leaky_relu(v); },
            [](double v) { return nn::leaky_relu_grad(v); }};
  }
  if (name == "tanh") {
    return {[](double v) { return nn::tanh(v); },
            [](double v) { return nn::tanh_grad(v); }};
  }
  if (name == "gelu") {
    return {[](double v) { return nn::gelu(v); },
            [](double v) { return nn::gelu_grad(v); }};
  }
  return {[](double v) { return nn::sigmoid(v); },
          [](double v) { return nn::sigmoid_grad(v); }};
}
// [/activation]

// [stack]
// 실험 하나: 너비가 모두 `width`이고 편향이 0인 Linear + 활성화 함수를
// `depth` 층 쌓습니다. L = MSE(출력, 0)에 대한 층마다의 ||dL/dW||를 첫
// 층부터 돌려줍니다.
std::vector<double> grad_norms(Activation act, bool kaiming, int depth,
                               int width, const nn::Matrix& x0) {
  nn::Generator gen(2);  // 어느 망이든 가중치의 시드는 같습니다
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

  std::vector<nn::Matrix> inputs, pre;  // 역전파에 쓰려고 남겨 둡니다
  nn::Matrix h = x0;
  for (const auto& layer : layers) {
    inputs.push_back(h);
    pre.push_back(layer.forward(h));
    h = pre.back().unaryExpr(act.f);
  }

  nn::Matrix g = nn::mse_loss_grad(h, nn::Matrix::Zero(h.rows(), width));
  std::vector<double> norms(depth);
  for (int l = depth - 1; l >= 0; --l) {
    const nn::Matrix gz = g.cwiseProduct(pre[l].unaryExpr(act.df));
    g = layers[l].backward(inputs[l], gz);  // 연쇄 법칙, 한 층
    norms[l] = layers[l].weight_grad.norm();
  }
  return norms;
}
// [/stack]

// 그래디언트 크기를 잰 망 하나: 표의 열 제목과 층마다의 ||dL/dW||.
struct Network {
  std::string name;
  std::vector<double> norms;
};

std::string network_name(const std::string& activation, bool kaiming) {
  const std::string act = activation == "relu"         ? "ReLU"
                          : activation == "leaky-relu" ? "LeakyReLU"
                          : activation == "gelu"       ? "GELU"
                                                       : activation;
  return act + (kaiming ? "+Kaiming" : "+Xavier");
}

// 다섯 층마다 한 줄, 마지막 층, 그리고 첫 층과 끝 층의 비.
void print_norms(litbook::Example& ex, const std::vector<Network>& nets) {
  std::vector<litbook::TextTable::Column> columns{
      {std::string(ex.tr("층"))}};
  for (const auto& net : nets) columns.push_back({net.name});
  litbook::TextTable t(columns);
  const auto depth = nets[0].norms.size();
  for (std::size_t l = 0; l < depth; ++l) {
    if (l % 5 != 0 && l != depth - 1) continue;
    std::vector<std::string> row{fmt::format("{}", l + 1)};
    for (const auto& net : nets) {
      row.push_back(fmt::format("{:.3e}", net.norms[l]));
    }
    t.row(row);
  }
  std::vector<std::string> ratios{std::string(ex.tr("첫 층/끝 층"))};
  for (const auto& net : nets) {
    ratios.push_back(
        fmt::format("{:.3e}", net.norms.front() / net.norms.back()));
  }
  t.row(ratios);
  fmt::print("{}", t.text());
}

// 본문이 인용하는 값. 첫 망은 기본값에서 시그모이드와 Xavier입니다.
void record_norms(litbook::Example& ex, const std::vector<Network>& nets,
                  int width, int batch) {
  const auto& sig = nets[0].norms;
  const auto& rx = nets[1].norms;
  const auto& rk = nets[2].norms;
  const int depth = static_cast<int>(sig.size());
  litbook::Table norms({"layer", "sigmoid_xavier", "relu_xavier",
                        "relu_kaiming"});
  for (int l = 0; l < depth; ++l) {
    norms.row({double(l + 1), sig[l], rx[l], rk[l]});
  }
  ex.data("norms", norms);
  ex.value("depth", "{}", depth);
  ex.value("width", "{}", width);
  ex.value("batch", "{}", batch);
  ex.value("ratio-sigmoid", "{:.1e}", sig.front() / sig.back());
  ex.value("ratio-relu-kaiming", "{:.2f}", rk.front() / rk.back());
  ex.value("ratio-relu-xavier", "{:.2f}", rx.front() / rx.back());
  ex.value("sigmoid-first", "{:.1e}", sig.front());
  ex.value("sigmoid-last", "{:.1e}", sig.back());
  ex.value("kaiming-first", "{:.2f}", rk.front());
  ex.value("kaiming-last", "{:.2f}", rk.back());
  ex.value("xavier-first", "{:.1e}", rx.front());
  ex.value("xavier-last", "{:.1e}", rx.back());
  // 편향이 0이면 ReLU 망은 양의 동차 함수입니다. 모든 가중치를 c배 하면
  // 층마다의 ||dL/dW||는 c^(2 depth - 1)배가 됩니다.
  const double sd_x = std::sqrt(2.0 / (width + width));  // Xavier
  const double sd_k = std::sqrt(2.0 / width);            // Kaiming
  const double c = sd_k / sd_x;
  ex.value("sd-xavier", "{:.4f}", sd_x);
  ex.value("sd-kaiming", "{:.4f}", sd_k);
  ex.value("kaiming-over-xavier", "{:.3e}", rk[0] / rx[0]);
  ex.value("homogeneity-factor", "{:.3e}", std::pow(c, 2 * depth - 1));
}

// [layers]
// 같은 입력 배치를 세 망에 넣습니다. 첫 망은 --activation과 --init으로
// 고르고(기본값은 시그모이드와 Xavier), 나머지 두 망은 ReLU에 두 가지
// 초기화를 씁니다.
void gradients_through_the_layers(litbook::Example& ex) {
  const int depth = static_cast<int>(ex.integer("depth"));
  const int width = 64, batch = 64;
  nn::Generator data_gen(1);
  nn::Matrix x0(batch, width);
  for (Eigen::Index i = 0; i < x0.size(); ++i) {
    x0.data()[i] = data_gen.normal();
  }
  const auto relu = activation_named("relu");
  const bool kaiming = ex.choice("init") == "kaiming";
  const std::vector<Network> nets{
      {network_name(ex.choice("activation"), kaiming),
       grad_norms(activation_named(ex.choice("activation")), kaiming,
                  depth, width, x0)},
      {"ReLU+Xavier", grad_norms(relu, false, depth, width, x0)},
      {"ReLU+Kaiming", grad_norms(relu, true, depth, width, x0)}};

  ex.println("\n층마다 도달한 그래디언트의 크기 ||dL/dW||");
  ex.println("  층 수 {}, 너비 {}, 배치 크기 {}", depth, width, batch);
  print_norms(ex, nets);
  // 한 층 내려갈 때마다 곱해지는 배율의 기하 평균.
  const auto& first = nets[0].norms;
  const double per_layer =
      std::pow(first.front() / first.back(), 1.0 / (depth - 1));
  ex.println("  {}: 한 층 내려갈 때마다 곱해지는 평균 배율: {:.3f}",
             nets[0].name, per_layer);
  // [/layers]
  record_norms(ex, nets, width, batch);
  ex.value("sigmoid-per-layer", "{:.3f}", per_layer);
}

}  // namespace

// [main]
int main(int argc, char** argv) {
  litbook::Example ex(
      argc, argv,
      litbook::msg("『시각적으로 이해하는 ReLU』 2장의 예제"),
      {litbook::integer(
           "depth", 30, 2, 100,
           litbook::msg("그래디언트 소실 실험의 층 수")),
       litbook::choice(
           "activation", "sigmoid",
           {"sigmoid", "tanh", "relu", "leaky-relu", "gelu"},
           litbook::msg("첫 망의 활성화 함수")),
       litbook::choice(
           "init", "xavier", {"xavier", "kaiming"},
           litbook::msg("첫 망의 가중치 초기화"))});
  relu_grad_at_a_few_inputs(ex);
  difference_quotients_at_zero(ex);
  relu_grad_at_special_inputs(ex);
  const Grid grid = sample_the_grid();
  slopes_on_the_grid(ex, grid);
  write_the_curves(ex, grid);
  gradients_through_the_layers(ex);
  return ex.finish();
}
// [/main]
