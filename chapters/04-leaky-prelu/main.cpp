// 4장: Leaky ReLU와 PReLU.
//
// [-5, 5] 구간에서 ReLU 계열을 표본 추출하고, 3장의 배치에 Leaky ReLU와
// PReLU를 적용해 PyTorch와 비교합니다. 죽은 ReLU 유닛에는 그래디언트가 흐르지
// 않지만 두 변형은 계속 배운다는 것을 보이고, 큰 학습률로 학습한 층에서
// 조용한 유닛을 세고, 마지막으로 PReLU가 기울기를 배우게 합니다.
#include "../03-linear-layer/torch_capture.hpp"

#include <litbook/example.hpp>
#include <nn/leaky_relu.hpp>
#include <nn/linear.hpp>
#include <nn/loss.hpp>
#include <nn/prelu.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sgd.hpp>

#include <fmt/core.h>

#include <cmath>
#include <span>
#include <string>
#include <utility>
#include <vector>

using MatrixF = nn::MatrixT<float>;

// Eigen 행렬의 원소를 라이브러리의 배치 함수가 받는 span으로 봅니다.
template <typename M>
std::span<typename M::Scalar> view(M& m) {
  return {m.data(), static_cast<std::size_t>(m.size())};
}
template <typename M>
std::span<const typename M::Scalar> cview(const M& m) {
  return {m.data(), static_cast<std::size_t>(m.size())};
}

nn::Matrix normal_matrix(nn::Generator& gen, Eigen::Index rows,
                         Eigen::Index cols) {
  nn::Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = gen.normal();
  }
  return m;
}

void print_matrix(const MatrixF& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    fmt::print(" ");
    for (Eigen::Index j = 0; j < m.cols(); ++j) fmt::print(" {:8.4f}", m(i, j));
    fmt::print("\n");
  }
}

// [family]
// 그림을 위한 격자: ReLU, 기울기 0.01과 0.2의 Leaky ReLU, 처음 상태의
// PReLU(PyTorch처럼 α = 0.25에서 시작합니다).
void relu_family_on_a_grid(litbook::Example& ex) {
  const double alpha0 = nn::PReLU<double>().alpha;
  litbook::Table t({"x", "relu", "leaky001", "leaky02", "prelu"});
  for (int i = 0; i <= 400; ++i) {
    const double x = -5.0 + 10.0 * i / 400;
    t.row({x, nn::relu(x), nn::leaky_relu(x, 0.01), nn::leaky_relu(x, 0.2),
           nn::prelu(x, alpha0)});
  }
  ex.data("family", t);
  ex.println("x = -5에서의 값");
  fmt::print("  ReLU {:.2f}, Leaky(0.01) {:.2f}, Leaky(0.2) {:.2f}, "
             "PReLU(α = {:.2f}) {:.2f}\n",
             nn::relu(-5.0), nn::leaky_relu(-5.0, 0.01),
             nn::leaky_relu(-5.0, 0.2), alpha0, nn::prelu(-5.0, alpha0));
  ex.value("alpha0", "{:g}", alpha0);
  ex.value("leaky-at-minus-5", "{:g}", nn::leaky_relu(-5.0, 0.01));
}
// [/family]

void on_the_batch_of_chapter_3(litbook::Example& ex) {
  // [batch]
  const auto torch = capture::read_torch_capture(
      LITBOOK_CHAPTER_DIR "/../03-linear-layer/torch_seed0.txt");
  const float slope = static_cast<float>(torch.scalar("leaky_slope"));
  const float alpha = static_cast<float>(torch.scalar("prelu_alpha"));
  const MatrixF z = torch.matrix("linear").cast<float>();  // PyTorch의 z
  MatrixF leaky(z.rows(), z.cols());
  MatrixF prelu(z.rows(), z.cols());
  nn::leaky_relu<float>(cview(z), view(leaky), slope);
  nn::prelu<float>(cview(z), view(prelu), alpha);

  // PyTorch가 같은 z에서 낸 결과와 한 칸씩 비교합니다.
  const MatrixF torch_leaky = torch.matrix("leaky_relu").cast<float>();
  const MatrixF torch_prelu = torch.matrix("prelu").cast<float>();
  const long same_leaky = (leaky.array() == torch_leaky.array()).count();
  const long same_prelu = (prelu.array() == torch_prelu.array()).count();
  const double diff_leaky = (leaky - torch_leaky).cwiseAbs().maxCoeff();
  const double diff_prelu = (prelu - torch_prelu).cwiseAbs().maxCoeff();
  const long negatives = (z.array() < 0.0f).count();
  // [/batch]
  const long cells = z.size();
  ex.println("\n3장의 배치에서 (PyTorch의 z에 적용)");
  ex.println("Leaky ReLU (기울기 = {:g})", slope);
  print_matrix(leaky);
  fmt::print("PReLU (α = {:g})\n", alpha);
  print_matrix(prelu);
  ex.println("PyTorch와 똑같은 값: Leaky ReLU {} / {}, PReLU {} / {}",
             same_leaky, cells, same_prelu, cells);
  ex.println("가장 큰 차이: Leaky ReLU {:.3g}, PReLU {:.3g}",
             diff_leaky, diff_prelu);
  ex.println("z가 음수인 칸 (ReLU라면 0이 되었을 칸): {} / {}", negatives,
             cells);
  ex.value("slope", "{:g}", slope);
  ex.value("same-leaky", "{}", same_leaky);
  ex.value("same-prelu", "{}", same_prelu);
  ex.value("diff-leaky", "{:.3g}", diff_leaky);
  ex.value("diff-prelu", "{:.3g}", diff_prelu);
  // 본문이 인용하는 판정: 모든 값이 같으면 그렇다고 말합니다.
  ex.value("torch-agree", "{}",
           same_leaky == cells && same_prelu == cells
               ? litbook::msg("모두 PyTorch와 비트까지 같습니다")
               : litbook::msg("모두 PyTorch와 같지는 않습니다"));
  ex.value("cells", "{}", cells);
  ex.value("negatives", "{}", negatives);
  ex.value("leaky-min", "{:.4f}", leaky.minCoeff());
  ex.value("prelu-min", "{:.4f}", prelu.minCoeff());
  ex.value("z-min", "{:.4f}", z.minCoeff());
}

// [activation]
// 이 장에서 비교하는 활성화 함수를 행렬 전체에 적용합니다. Leaky ReLU는
// 정해 둔 기울기를, PReLU는 학습되는 기울기 α와 그 미분을 가집니다.
enum class Act { relu, leaky, prelu };

struct Activation {
  Act kind;
  const char* name;
  const char* key;  // 기록하는 값의 이름에 붙는 말
  double slope = 0.0;             // Leaky ReLU의 음수 쪽 기울기
  nn::PReLU<double> prelu{0.25};  // PReLU의 α와 dL/dα

  nn::Matrix forward(const nn::Matrix& z) const {
    nn::Matrix y(z.rows(), z.cols());
    if (kind == Act::relu) nn::relu<double>(cview(z), view(y));
    if (kind == Act::leaky) nn::leaky_relu<double>(cview(z), view(y), slope);
    if (kind == Act::prelu) prelu.forward(cview(z), view(y));
    return y;
  }
  // dL/dy에서 dL/dz를 구합니다. PReLU는 dL/dα도 prelu.alpha_grad에
  // 더합니다.
  nn::Matrix backward(const nn::Matrix& z, const nn::Matrix& grad_y) {
    nn::Matrix grad_z(z.rows(), z.cols());
    if (kind == Act::prelu) {
      prelu.backward(cview(z), cview(grad_y), view(grad_z));
      return grad_z;
    }
    if (kind == Act::relu) nn::relu_grad<double>(cview(z), view(grad_z));
    if (kind == Act::leaky) {
      nn::leaky_relu_grad<double>(cview(z), view(grad_z), slope);
    }
    return grad_y.cwiseProduct(grad_z);  // 연쇄 법칙: 도함수를 곱합니다
  }
};
// [/activation]

// [dead-setup]
// 입력 3개짜리 유닛 하나와, 목표값을 만드는 "교사" t = ReLU(x v + 0.5).
struct DeadUnit {
  nn::Matrix x, t;
  nn::Linear unit;
};

DeadUnit make_dead_unit(double bias) {
  nn::Generator gen(4);
  nn::Matrix x = normal_matrix(gen, 256, 3);
  nn::Vector v(3);
  v << 1.0, -0.5, 0.8;
  nn::Matrix t = ((x * v).array() + 0.5).cwiseMax(0.0).matrix();
  nn::Linear unit(3, 1, gen);
  unit.bias(0) = bias;  // 기본값 -4: 어느 표본에서도 켜지지 않을 만큼 낮게
  return {std::move(x), std::move(t), std::move(unit)};
}
// [/dead-setup]

// [dead-train]
// 평균 제곱 오차가 줄도록 유닛을 SGD로 한 단계 학습합니다. 활성화 함수의
// 기울기가 연쇄 법칙으로 가중치의 그래디언트에 곱해집니다.
void sgd_step(const DeadUnit& d, nn::Linear& u, Activation& act, double lr) {
  const nn::Matrix z = u.forward(d.x);
  const nn::Matrix y = act.forward(z);
  const nn::Matrix grad_z = act.backward(z, nn::mse_loss_grad(y, d.t));
  u.zero_grad();
  u.backward(d.x, grad_z);
  nn::sgd_step(u, lr);  // 유닛의 w와 b만 갱신: PReLU의 α는 그대로
}

// 어느 한 표본에서라도 w·x + b > 0이 되기까지의 단계 수입니다(cap
// 단계 안에 없으면 -1).
int steps_until_it_fires(const DeadUnit& d, Activation act, double lr,
                         int cap) {
  nn::Linear u = d.unit;
  for (int s = 0;; ++s) {
    if (u.forward(d.x).maxCoeff() > 0.0) return s;
    if (s == cap) return -1;
    sgd_step(d, u, act, lr);
  }
}
// [/dead-train]

// [dead]
// 같은 유닛을 한 활성화 함수로 학습시켜, 첫 단계의 그래디언트, `steps` 단계
// 동안 움직인 양, 다시 켜지기까지의 단계 수를 잽니다.
struct DeadResult {
  double grad, dw, db;
  bool unchanged;  // 가중치와 편향이 비트까지 그대로인가
  int fired;
};

DeadResult train_dead_unit(const DeadUnit& d, Activation act, int steps,
                           double lr, int cap) {
  nn::Linear u = d.unit;
  sgd_step(d, u, act, lr);
  const double grad = u.weight_grad.norm();  // 첫 단계의 |dL/dw|
  for (int s = 2; s <= steps; ++s) sgd_step(d, u, act, lr);
  return {grad, (u.weight - d.unit.weight).norm(),
          u.bias(0) - d.unit.bias(0),
          u.weight == d.unit.weight && u.bias == d.unit.bias,
          steps_until_it_fires(d, act, lr, cap)};
}
// [/dead]

void a_dead_unit(litbook::Example& ex, const std::vector<Activation>& acts) {
  const DeadUnit d = make_dead_unit(ex.number("dead-bias"));
  const double z_max = d.unit.forward(d.x).maxCoeff();
  const double lr = 0.5;
  const int steps = 20, cap = 2000;
  ex.println("\n죽은 유닛 (표본 {}개, 편향 {:g})", d.x.rows(),
             d.unit.bias(0));
  ex.println("  모든 표본에서 w·x + b의 최댓값: {:.4f}", z_max);
  if (z_max > 0.0) {
    ex.println("  이 편향에서는 유닛이 처음부터 켜집니다");
  }
  litbook::TextTable moved({{"", litbook::TextTable::Align::left},
                            {"|dL/dw|"}, {"|Δw|"}, {"Δb"}});
  litbook::TextTable revived({{"", litbook::TextTable::Align::left},
                              {"", litbook::TextTable::Align::left}});
  bool relu_unchanged = false;
  for (const Activation& act : acts) {
    const DeadResult r = train_dead_unit(d, act, steps, lr, cap);
    moved.row({act.name, fmt::format("{:.3e}", r.grad),
               fmt::format("{:.3e}", r.dw), fmt::format("{:+.3e}", r.db)});
    revived.row({act.name,
                 r.fired >= 0 ? fmt::format("{}", r.fired)
                              : fmt::format(fmt::runtime(ex.tr(
                                    "{} 단계 안에 없음")), cap)});
    if (act.kind == Act::relu) relu_unchanged = r.unchanged;
    ex.value(fmt::format("grad-{}", act.key), "{:.3g}", r.grad);
    ex.value(fmt::format("dw-{}", act.key), "{:.3g}", r.dw);
    if (r.fired >= 0) {
      ex.value(fmt::format("revive-{}", act.key), "{}", r.fired);
    }
  }
  fmt::print("{}", moved.text());
  ex.println("  ReLU 유닛의 가중치와 편향이 비트까지 그대로인가: {}",
             relu_unchanged ? ex.tr("예") : ex.tr("아니요"));
  ex.value("relu-unchanged", "{}",
           relu_unchanged
               ? litbook::msg("가중치와 편향이 비트 하나 다르지 않습니다")
               : litbook::msg("가중치와 편향이 움직였습니다"));
  ex.println("  (SGD 단계 {}, lr = {:g}; PReLU의 α는 {:g|로} 고정)", steps,
             lr, ex.number("prelu-alpha"));
  ex.println("  어느 표본에서든 다시 0보다 커지기까지의 단계");
  fmt::print("{}", revived.text("    "));
  ex.value("dead-samples", "{}", d.x.rows());
  ex.value("dead-bias", "{:g}", d.unit.bias(0));
  ex.value("dead-zmax", "{:.4f}", z_max);
  ex.value("dead-steps", "{}", steps);
  ex.value("dead-lr", "{:g}", lr);
  ex.value("revive-cap", "{}", cap);
}

// [layer]
// 입력 3개, 은닉 유닛 64개, 출력 1개인 망과 목표 sin(2 x0) + x1 x2.
struct SmallNet {
  nn::Matrix x, t;
  nn::Linear hidden, output;
};

SmallNet make_small_net() {
  nn::Generator gen(11);
  nn::Matrix x = normal_matrix(gen, 256, 3);
  nn::Matrix t(x.rows(), 1);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    t(i, 0) = std::sin(2.0 * x(i, 0)) + x(i, 1) * x(i, 2);
  }
  nn::Linear hidden(3, 64, gen);
  nn::Linear output(64, 1, gen);
  return {std::move(x), std::move(t), std::move(hidden), std::move(output)};
}

// 모든 표본에서 입력이 0 이하인 은닉 유닛(z의 열)의 수.
long count_silent(const nn::Matrix& z) {
  long n = 0;
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    if (z.col(j).maxCoeff() <= 0.0) ++n;
  }
  return n;
}

// 전체 배치 SGD로 큰 학습률 0.3에서 `hot` 단계, 이어서 작은 학습률
// 0.05에서 `calm` 단계 학습합니다. 각 단계가 끝났을 때의 조용한 유닛
// 수를 돌려줍니다.
std::pair<long, long> silent_after_training(SmallNet net, Activation act,
                                            int hot, int calm) {
  auto step = [&](double rate) {
    const nn::Matrix zh = net.hidden.forward(net.x);
    const nn::Matrix a = act.forward(zh);
    const nn::Matrix y = net.output.forward(a);
    net.hidden.zero_grad();
    net.output.zero_grad();
    const nn::Matrix ga = net.output.backward(a, nn::mse_loss_grad(y, net.t));
    net.hidden.backward(net.x, act.backward(zh, ga));
    nn::sgd_step(net.hidden, rate);
    nn::sgd_step(net.output, rate);  // PReLU의 α는 여기서도 그대로
  };
  for (int s = 0; s < hot; ++s) step(0.3);
  const long after_hot = count_silent(net.hidden.forward(net.x));
  for (int s = 0; s < calm; ++s) step(0.05);
  return {after_hot, count_silent(net.hidden.forward(net.x))};
}
// [/layer]

void silent_units_in_a_layer(litbook::Example& ex,
                             const std::vector<Activation>& acts) {
  const SmallNet net = make_small_net();
  const int hot = 200, calm = 1000;
  const long units = net.hidden.weight.rows();
  const long before = count_silent(net.hidden.forward(net.x));
  ex.println("\n층 하나(3 -> {} -> 1)의 조용한 유닛 (모든 표본에서 "
             "w·x + b <= 0)", units);
  ex.println("  학습 전: {} / {} (PReLU의 α는 {:g|로} 고정)",
             before, units, ex.number("prelu-alpha"));
  ex.println("  lr 0.3으로 {}단계 뒤 -> lr 0.05로 {}단계 더 뒤",
             hot, calm);
  litbook::TextTable t({{"", litbook::TextTable::Align::left},
                        {"", litbook::TextTable::Align::left}});
  for (const Activation& act : acts) {
    const auto [h, c] = silent_after_training(net, act, hot, calm);
    t.row({act.name,
           fmt::format("{:2} / {} -> {:2} / {}", h, units, c, units)});
    ex.value(fmt::format("silent-hot-{}", act.key), "{}", h);
    ex.value(fmt::format("silent-calm-{}", act.key), "{}", c);
    ex.value(fmt::format("silent-back-{}", act.key), "{}",
             c >= h ? litbook::msg("하나도 돌아오지 않음")
                    : litbook::msg("일부가 돌아옴"));
  }
  fmt::print("{}", t.text("    "));
  ex.value("silent-before", "{}", before);
  ex.value("silent-before-none", "{}",
           before == 0
               ? litbook::msg("학습 전에는 조용한 유닛이 하나도 없었습니다")
               : litbook::msg("학습 전에도 조용한 유닛이 있었습니다"));
  ex.value("hidden-units", "{}", units);
  ex.value("layer-samples", "{}", net.x.rows());
}

// [alpha-data]
// 음수 쪽 기울기가 true_slope인 PReLU에 작은 잡음을 더한 표본 200개.
struct SlopeData {
  std::vector<double> x, t;
};

SlopeData make_slope_data(double true_slope) {
  nn::Generator gen(5);
  SlopeData d{std::vector<double>(200), std::vector<double>(200)};
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    d.x[i] = gen.normal();
    d.t[i] = nn::prelu(d.x[i], true_slope) + 0.05 * gen.normal();
  }
  return d;
}
// [/alpha-data]

// 최소제곱의 뜻에서 가장 좋은 기울기: x < 0인 표본만 α에 달려
// 있습니다.
double best_slope(const SlopeData& d) {
  double sxt = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    if (d.x[i] < 0.0) {
      sxt += d.x[i] * d.t[i];
      sxx += d.x[i] * d.x[i];
    }
  }
  return sxt / sxx;
}

// [alpha-train]
// α만 SGD로 학습하고, 단계마다의 α를 돌려줍니다(0단계 포함).
std::vector<double> learn_alpha(const SlopeData& d, double alpha0, double lr,
                                int steps) {
  nn::PReLU<double> unit(alpha0);
  const std::size_t n = d.x.size();
  std::vector<double> y(n), grad_y(n), grad_x(n);
  std::vector<double> alphas{unit.alpha};
  for (int s = 1; s <= steps; ++s) {
    unit.forward(d.x, y);
    for (std::size_t i = 0; i < n; ++i) {
      grad_y[i] = 2.0 * (y[i] - d.t[i]) / n;  // d(MSE)/dy
    }
    unit.zero_grad();
    unit.backward(d.x, grad_y, grad_x);  // dL/dα를 alpha_grad에 더합니다
    unit.alpha -= lr * unit.alpha_grad;
    alphas.push_back(unit.alpha);
  }
  return alphas;
}
// [/alpha-train]

void prelu_learns_its_slope(litbook::Example& ex) {
  const double true_slope = 0.1, lr = 0.2;
  const int steps = 60;
  const SlopeData d = make_slope_data(true_slope);
  const double best = best_slope(d);
  const std::vector<double> alphas =
      learn_alpha(d, ex.number("prelu-alpha"), lr, steps);
  ex.println("\nPReLU가 기울기 α를 배우는 과정");
  ex.println("  데이터를 만든 기울기: {:g}, 최소제곱 최적값: {:.4f}",
             true_slope, best);
  for (int s = 0; s <= steps; s += 10) {
    ex.println("  단계 {:>2}: α = {:.4f}", s, alphas[s]);
  }
  litbook::Table t({"step", "alpha", "best"});
  for (int s = 0; s <= steps; ++s) t.row({double(s), alphas[s], best});
  ex.data("alpha", t);
  ex.value("alpha-n", "{}", d.x.size());
  ex.value("true-slope", "{:g}", true_slope);
  ex.value("alpha-best", "{:.4f}", best);
  ex.value("alpha-lr", "{:g}", lr);
  ex.value("alpha-steps", "{}", steps);
  ex.value("alpha-final", "{:.4f}", alphas.back());
  ex.value("alpha-at-10", "{:.4f}", alphas[10]);
}

// [main]
int main(int argc, char** argv) {
  litbook::Example ex(
      argc, argv, litbook::msg("『시각적으로 이해하는 ReLU』 4장의 예제"),
      {litbook::number("leaky-slope", 0.01, 0, 1, 0.01,
                       litbook::msg("학습 실험에서 Leaky ReLU의 기울기")),
       litbook::number("prelu-alpha", 0.25, 0, 1, 0.01,
                       litbook::msg("PReLU의 처음 기울기 α")),
       litbook::number("dead-bias", -4, -10, 2, 0.1,
                       litbook::msg("죽은 유닛의 편향"))});
  relu_family_on_a_grid(ex);
  on_the_batch_of_chapter_3(ex);

  // 뒤의 세 실험이 비교하는 활성화 함수들.
  const std::vector<Activation> acts = {
      {Act::relu, "ReLU", "relu"},
      {Act::leaky, "Leaky ReLU", "leaky", ex.number("leaky-slope")},
      {Act::prelu, "PReLU", "prelu", 0.0,
       nn::PReLU<double>(ex.number("prelu-alpha"))}};
  a_dead_unit(ex, acts);
  silent_units_in_a_layer(ex, acts);
  prelu_learns_its_slope(ex);
  return ex.finish();
}
// [/main]
