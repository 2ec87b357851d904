// 7장: 역전파로 투여량 신경망 학습시키기.
//
// 1-2-1 신경망(ReLU 은닉 유닛 둘, 선형 출력)이 시드를 정한 무작위
// 초기화에서 출발해, 라이브러리의 역전파 함수만으로 평균 제곱 오차에 대한
// 경사 하강법을 써서 투여량 데이터의 세 점을 배웁니다. 예제는 손실이
// 줄어드는 모습을 출력하고, 학습한 가중치와 곡선을 원문이 손으로 정한
// 신경망과 비교하고, 은닉 유닛 하나가 처음부터 죽어 있는 시드를 ReLU와
// Leaky ReLU로 따라가고, 시드 100개의 학습이 어떻게 끝나는지 셉니다.
#include <litbook/example.hpp>
#include <nn/leaky_relu.hpp>
#include <nn/linear.hpp>
#include <nn/loss.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sgd.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using nn::Matrix;
using nn::Vector;

// [settings]
// 학습의 설정입니다. 학습률, 단계 수, 따라가는 학습의 시드와 활성화 함수는
// 매개변수로 바꿀 수 있고(예: --lr 0.05), 나머지는 고정된 값입니다.
struct Settings {
  double lr;           // 학습률
  int steps;           // 한 번의 학습에서 밟는 단계 수
  std::uint64_t seed;  // 따라가는 학습의 시드
  double leak;         // 따라가는 학습의 활성화 함수: 0이면 ReLU
  // k번째 체크포인트(k = 0..10): 손실은 전체 단계의 10분의 1마다 출력합니다.
  int tenth(int k) const { return k * steps / 10; }
};
constexpr double kLeak = 0.01;            // Leaky ReLU의 기울기(PyTorch 기본값)
constexpr double kBias = 0.1;             // 은닉 편향이 양수인 시작점
constexpr double kFitLoss = 1e-6;         // 손실이 이보다 작으면 "맞춤"
constexpr std::uint64_t kDeadSeed = 174;  // 유닛 하나가 죽은 채 시작하는 시드
constexpr int kSeeds = 100;               // 세어 보는 시드의 수
// [/settings]

// [data]
// 투여량 데이터: 낮은 투여량은 0, 중간 투여량은 1, 높은 투여량은 0.
Matrix dosages() {
  Matrix x(3, 1);
  x << 0.0, 0.5, 1.0;
  return x;
}
Matrix effects() {
  Matrix t(3, 1);
  t << 0.0, 1.0, 0.0;
  return t;
}
// [/data]

// [net]
// 입력 1개 -> 은닉 유닛 2개 -> 출력 1개. 은닉 유닛은 ReLU를 쓰고, `leak`가
// 0이 아니면 Leaky ReLU를 씁니다. 출력은 선형입니다.
struct Net {
  nn::Linear hidden;  // 가중치 2x1, 편향 2개
  nn::Linear output;  // 가중치 1x2, 편향 1개
  double leak;

  Net(nn::Generator& gen, double leak_slope)
      : hidden(1, 2, gen), output(2, 1, gen), leak(leak_slope) {}

  Matrix act(const Matrix& z) const {
    return z.unaryExpr([a = leak](double v) {
      return a == 0.0 ? nn::relu(v) : nn::leaky_relu(v, a);
    });
  }
  Matrix act_grad(const Matrix& z) const {
    return z.unaryExpr([a = leak](double v) {
      return a == 0.0 ? nn::relu_grad(v) : nn::leaky_relu_grad(v, a);
    });
  }
  Matrix forward(const Matrix& x) const {
    return output.forward(act(hidden.forward(x)));
  }
};
// [/net]

// [step]
// 세 점 모두를 써서 경사 하강법을 한 단계 밟고, 그 단계를 시작할 때의
// 손실을 돌려줍니다.
double train_step(Net& net, const Matrix& x, const Matrix& t, double lr) {
  const Matrix z = net.hidden.forward(x);  // 사전 활성화, 3x2
  const Matrix h = net.act(z);
  const Matrix y = net.output.forward(h);
  const double loss = nn::mse_loss(y, t);

  net.hidden.zero_grad();
  net.output.zero_grad();
  const Matrix grad_y = nn::mse_loss_grad(y, t);
  const Matrix grad_h = net.output.backward(h, grad_y);
  const Matrix grad_z = grad_h.cwiseProduct(net.act_grad(z));
  net.hidden.backward(x, grad_z);

  nn::sgd_step(net.hidden, lr);
  nn::sgd_step(net.output, lr);
  return loss;
}
// [/step]

// [dead]
// 은닉 유닛의 사전 활성화가 모든 점에서 0 이하이면 그 유닛은 데이터 위에서
// 죽어 있습니다. 거기서 ReLU의 기울기는 0이라서, 그 유닛의 가중치와 편향에는
// 그래디언트가 전혀 오지 않습니다.
int dead_units(const Net& net, const Matrix& x) {
  const Matrix z = net.hidden.forward(x);
  int dead = 0;
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    if (z.col(j).maxCoeff() <= 0.0) ++dead;
  }
  return dead;
}
// [/dead]

// [train]
// 한 번의 학습 전체: 단계마다의 손실(항목 s는 s단계 뒤의 손실)을 돌려줍니다.
std::vector<double> train(Net& net, const Matrix& x, const Matrix& t,
                          const Settings& s) {
  std::vector<double> losses;
  for (int step = 0; step < s.steps; ++step) {
    losses.push_back(train_step(net, x, t, s.lr));
  }
  losses.push_back(nn::mse_loss(net.forward(x), t));
  return losses;
}
// [/train]

// [handset]
// 원문이 손으로 정한 신경망을 같은 종류의 층으로 만든 것: 두 은닉 유닛
// 모두 ReLU(아래쪽 유닛은 [0, 1]에서 음수가 되지 않습니다), 선형 출력,
// 그리고 원문이 마지막에 한 번 더 씌우는 ReLU.
struct HandSet {
  nn::Linear hidden{Matrix{{1.70}, {12.6}}, Vector{{-0.85, 0.0}}};
  nn::Linear output{Matrix{{-40.8, 2.70}}, Vector{{-16.0}}};

  Matrix forward(const Matrix& x) const {
    const Matrix h = hidden.forward(x).unaryExpr(
        [](double v) { return nn::relu(v); });
    return output.forward(h).unaryExpr(
        [](double v) { return nn::relu(v); });
  }
};

// 매개변수 일곱 개를 원문의 이름 순서로.
constexpr std::array<const char*, 7> kNames = {"w1", "b1", "w2", "b2",
                                              "w3", "w4", "b3"};
template <class Network>
std::array<double, 7> params(const Network& n) {
  return {n.hidden.weight(0, 0), n.hidden.bias(0),
          n.hidden.weight(1, 0), n.hidden.bias(1),
          n.output.weight(0, 0), n.output.weight(0, 1),
          n.output.bias(0)};
}
// [/handset]

// 매개변수의 표: 이름이 붙은 줄마다 일곱 개의 값.
using ParamRow = std::pair<std::string_view, std::array<double, 7>>;
void print_params(const std::vector<ParamRow>& rows) {
  std::vector<litbook::TextTable::Column> columns = {
      {"", litbook::TextTable::Align::left}};
  for (const char* name : kNames) columns.push_back({name});
  litbook::TextTable table(columns);
  for (const auto& [label, p] : rows) {
    std::vector<std::string> cells = {std::string(label)};
    for (double v : p) cells.push_back(litbook::format("{:>6.2f}", v));
    table.row(cells);
  }
  fmt::print("{}", table.text("  ", 2));
}

// 학습 데이터를 출력하고 그림에 넘깁니다.
void show_data(litbook::Example& ex, const Matrix& x, const Matrix& t) {
  ex.println("학습 데이터 (투여량, 효과)");
  litbook::Table points({"x", "t"});
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    fmt::print("  ({:.1f}, {:.0f})\n", x(i), t(i));
    ex.value(fmt::format("x-{}", i + 1), "{:.1f}", x(i));
    ex.value(fmt::format("t-{}", i + 1), "{:.0f}", t(i));
    points.row({x(i), t(i)});
  }
  ex.value("points", "{}", x.rows());
  ex.data("points", points);
}

// 본문이 인용하는 설정값.
void record_settings(litbook::Example& ex, const Settings& s) {
  ex.value("lr", "{:g}", s.lr);
  ex.value("steps", "{}", s.steps);
  ex.value("every", "{}", s.tenth(1));
  ex.value("leak", "{:g}", kLeak);
  ex.value("fit-loss", "{:.0e}", kFitLoss);
  ex.value("seed", "{}", s.seed);
  ex.value("dead-seed", "{}", kDeadSeed);
}

// [main-run]
// 그림을 위한 격자: [0, 1]을 400칸으로 나눈 401개의 투여량.
Matrix grid() {
  Matrix g(401, 1);
  for (Eigen::Index i = 0; i < g.rows(); ++i) g(i) = i / 400.0;
  return g;
}

// 시작점 하나에서 학습한 결과: 시작 매개변수, 단계마다의 손실,
// 몇 단계 뒤(snap_steps)의 격자 위 곡선.
struct Run {
  Net net;
  std::array<double, 7> start;
  std::vector<int> snap_steps;
  std::vector<double> losses;
  std::vector<Matrix> curves;
};

// 따라가는 학습: 시드에서 시작점을 뽑아 s.steps 단계를 학습하고, 그림을
// 위해 몇 단계 뒤의 곡선을 격자 위에서 찍어 둡니다.
Run follow_one_run(litbook::Example& ex, const Settings& s, const Matrix& x,
                   const Matrix& t) {
  nn::Generator gen(s.seed);
  Run run{Net(gen, s.leak), {}, {}, {}, {}};
  run.start = params(run.net);
  run.snap_steps = {0, s.tenth(1), s.tenth(2), s.tenth(3), s.steps};
  const Matrix gx = grid();
  for (int step = 0; step < s.steps; ++step) {
    if (std::count(run.snap_steps.begin(), run.snap_steps.end(), step)) {
      run.curves.push_back(run.net.forward(gx));  // 이 단계의 곡선
    }
    run.losses.push_back(train_step(run.net, x, t, s.lr));
  }
  run.losses.push_back(nn::mse_loss(run.net.forward(x), t));
  run.curves.push_back(run.net.forward(gx));  // 마지막 곡선

  ex.println("\n시드 {}의 무작위 시작점", s.seed);
  print_params({{ex.tr("시작"), run.start}});
  ex.println("\n손실(MSE) (학습률 {})", s.lr);
  for (int k = 0; k <= 10; ++k) {
    ex.println("  단계 {:4}   {:.2e}", s.tenth(k), run.losses[s.tenth(k)]);
  }
  // [/main-run]
  ex.value("loss-0", "{:.2e}", run.losses[0]);
  ex.value("loss-200", "{:.2e}", run.losses[run.snap_steps[1]]);
  ex.value("loss-600", "{:.2e}", run.losses[run.snap_steps[3]]);
  ex.value("loss-final", "{:.2e}", run.losses.back());
  for (std::size_t k = 0; k < run.snap_steps.size(); ++k) {
    ex.value(fmt::format("snap-{}", k), "{}", run.snap_steps[k]);
  }
  return run;
}

// [compare-weights]
// 학습한 가중치를 원문의 가중치와 나란히 놓습니다. 은닉 유닛이 꺾이는
// 점은 w x + b = 0, 곧 x = -b / w입니다.
void compare_weights(litbook::Example& ex, const Run& run) {
  const auto learned = params(run.net);
  const auto article = params(HandSet{});
  ex.println("\n학습한 가중치와 원문의 가중치");
  print_params({{ex.tr("학습"), learned}, {ex.tr("원문"), article}});
  // [/compare-weights]
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    ex.value(fmt::format("start-{}", kNames[i]), "{:.2f}", run.start[i]);
    ex.value(fmt::format("learned-{}", kNames[i]), "{:.2f}", learned[i]);
    ex.value(fmt::format("article-{}", kNames[i]), "{:.2f}", article[i]);
  }
  ex.value("learned-kink-1", "{:.3f}", -learned[1] / learned[0]);
  ex.value("learned-kink-2", "{:.3f}", -learned[3] / learned[2]);
  ex.value("article-kink", "{:.3f}", -article[1] / article[0]);
  // 같은 점인지는 본문이 보여 주는 자릿수(소수 셋째 자리)로 판정합니다.
  const double kink_gap =
      std::abs(-learned[1] / learned[0] + article[1] / article[0]);
  ex.value("kink-same", "{}",
           kink_gap < 5e-4 ? litbook::msg("같은 점에서 꺾입니다")
                           : litbook::msg("다른 점에서 꺾입니다"));
}

// [compare-outputs]
// 세 점에서 두 신경망의 출력과 손실.
void compare_outputs(litbook::Example& ex, const Run& run, const Matrix& x,
                     const Matrix& t) {
  const Matrix y_learned = run.net.forward(x);
  const Matrix y_hand = HandSet{}.forward(x);
  const double hand_loss = nn::mse_loss(y_hand, t);
  ex.println("\n세 점에서의 출력");
  litbook::TextTable table(
      {{"x"},
       {std::string(ex.tr("목표"))},
       {std::string(ex.tr("학습"))},
       {std::string(ex.tr("원문"))}});
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    table.row({fmt::format("{:.1f}", x(i)), fmt::format("{:.0f}", t(i)),
               litbook::format("{:.3f}", y_learned(i)),
               litbook::format("{:.3f}", y_hand(i))});
    ex.value(fmt::format("learned-y-{}", i + 1), "{:.3f}", y_learned(i));
    ex.value(fmt::format("article-y-{}", i + 1), "{:.3f}", y_hand(i));
  }
  fmt::print("{}", table.text("  ", 4));
  ex.println("  손실: 학습 {:.2e}, 원문 {:.2e}", run.losses.back(),
             hand_loss);
  ex.value("article-loss", "{:.2e}", hand_loss);
}
// [/compare-outputs]

// [compare-curves]
// 데이터 점 사이에서 두 곡선을 비교하고, 원문의 곡선이 0보다 큰 격자점의
// 범위를 찾습니다.
void compare_curves(litbook::Example& ex, const Run& run) {
  const Matrix gx = grid();
  const Matrix hand = HandSet{}.forward(gx);
  double lo = 2.0, hi = -1.0;
  for (Eigen::Index i = 0; i < gx.rows(); ++i) {
    if (hand(i) > 0.0) {
      lo = std::min(lo, gx(i));
      hi = std::max(hi, gx(i));
    }
  }
  Matrix between(2, 1);
  between << 0.25, 0.75;
  const Matrix b_learned = run.net.forward(between);
  const Matrix b_hand = HandSet{}.forward(between);
  // [/compare-curves]
  ex.println("\n두 곡선 비교");
  litbook::TextTable table({{"", litbook::TextTable::Align::left},
                            {std::string(ex.tr("학습"))},
                            {std::string(ex.tr("원문"))}});
  for (int i = 0; i < 2; ++i) {
    table.row({fmt::format(fmt::runtime(ex.tr("출력, x = {:.2f}")),
                           between(i)),
               litbook::format("{:.3f}", b_learned(i)),
               litbook::format("{:.3f}", b_hand(i))});
  }
  fmt::print("{}", table.text("  ", 4));
  ex.println("  원문의 출력이 0보다 큰 격자점: {:.3f} - {:.3f}",
             lo, hi);
  ex.value("quarter", "{:.2f}", between(0));
  ex.value("3quarter", "{:.2f}", between(1));
  ex.value("learned-at-quarter", "{:.3f}", b_learned(0));
  ex.value("learned-at-3quarter", "{:.3f}", b_learned(1));
  ex.value("article-at-quarter", "{:.3f}", b_hand(0));
  ex.value("article-at-3quarter", "{:.3f}", b_hand(1));
  ex.value("article-between", "{}",
           b_hand(0) == 0 && b_hand(1) == 0
               ? litbook::msg("모두 0이고")
               : litbook::msg("0이 아닌 값을 내고"));
  ex.value("article-pos-lo", "{:.3f}", lo);
  ex.value("article-pos-hi", "{:.3f}", hi);
  ex.value("grid-step", "{:g}", gx(1) - gx(0));

  litbook::Table fit({"x", "s0", "s1", "s2", "s3", "s4", "article"});
  litbook::Table snapshots({"k", "step"});
  const auto& c = run.curves;
  for (Eigen::Index i = 0; i < gx.rows(); ++i) {
    fit.row({gx(i), c[0](i), c[1](i), c[2](i), c[3](i), c[4](i), hand(i)});
  }
  for (std::size_t k = 0; k < run.snap_steps.size(); ++k) {
    snapshots.row({double(k), double(run.snap_steps[k])});
  }
  ex.data("fit", fit);
  ex.data("snapshots", snapshots);
}

// [dead-start]
// 시드 kDeadSeed의 시작점: 둘째 은닉 유닛의 사전 활성화가 세 점 모두에서
// 음수입니다.
void dead_unit_at_start(litbook::Example& ex, const Matrix& x) {
  nn::Generator gen(kDeadSeed);
  const Net net(gen, 0.0);
  const Matrix z = net.hidden.forward(x);
  ex.println("\n시드 {}: 두 번째 은닉 유닛의 시작 사전 활성화",
             kDeadSeed);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    fmt::print("  x = {:.1f}   w2 x + b2 = {}\n", x(i),
               litbook::format("{:.3f}", z(i, 1)));
    ex.value(fmt::format("dead-z-{}", i + 1), "{:.3f}", z(i, 1));
  }
  ex.println("  죽은 은닉 유닛: {}", dead_units(net, x));
  // [/dead-start]
  ex.value("dead-at-start", "{}", dead_units(net, x));
}

// 죽은 유닛 실험에서 본문이 인용하는 값들.
void record_dead_run(litbook::Example& ex, const Matrix& x, const Net& stuck,
                     const Net& leaky, const std::array<double, 7>& start,
                     const std::vector<double>& stuck_losses,
                     const std::vector<double>& leaky_losses) {
  const Matrix y_stuck = stuck.forward(x);
  const Matrix y_leaky = leaky.forward(x);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    ex.value(fmt::format("stuck-y-{}", i + 1), "{:.3f}", y_stuck(i));
    ex.value(fmt::format("leaky-y-{}", i + 1), "{:.3f}", y_leaky(i));
  }
  const auto p_stuck = params(stuck);
  const auto p_leaky = params(leaky);
  ex.value("stuck-w2", "{:.2f}", p_stuck[2]);
  ex.value("stuck-b2", "{:.2f}", p_stuck[3]);
  ex.value("dead-start-w2", "{:.2f}", start[2]);
  ex.value("dead-start-b2", "{:.2f}", start[3]);
  ex.value("dead-moved", "{}",
           p_stuck[2] == start[2] && p_stuck[3] == start[3]
               ? litbook::msg("한 자리도 움직이지 않았습니다")
               : litbook::msg("조금 움직였습니다"));
  ex.value("leaky-kink-1", "{:.3f}", -p_leaky[1] / p_leaky[0]);
  ex.value("leaky-kink-2", "{:.3f}", -p_leaky[3] / p_leaky[2]);
  ex.value("stuck-loss", "{:.2e}", stuck_losses.back());
  ex.value("leaky-loss-0", "{:.2e}", leaky_losses[0]);
  ex.value("leaky-loss", "{:.2e}", leaky_losses.back());
  ex.value("stuck-dead-end", "{}", dead_units(stuck, x));
  ex.value("leaky-dead-end", "{}", dead_units(leaky, x));
  ex.value("leaky-dead-end-none", "{}",
           dead_units(leaky, x) == 0
               ? litbook::msg("끝난 뒤에는 세 점 모두에서 음수인 유닛이 "
                              "하나도 없고")
               : litbook::msg("끝난 뒤에도 세 점 모두에서 음수인 유닛이 "
                              "남고"));
  // Leaky ReLU의 손실이 처음으로 0.01 아래로 내려가는 단계(없으면 -1).
  const double escape_loss = 0.01;
  const auto below = std::find_if(leaky_losses.begin(), leaky_losses.end(),
                                  [&](double l) { return l < escape_loss; });
  ex.value("leaky-escape", "{}",
           below == leaky_losses.end() ? -1 : below - leaky_losses.begin());
  ex.value("escape-loss", "{:g}", escape_loss);
}

// 손실 그림과 죽은 유닛 그림의 데이터.
void record_loss_and_dead_curves(litbook::Example& ex, const Run& main_run,
                                 const std::vector<double>& stuck_losses,
                                 const std::vector<double>& leaky_losses,
                                 const Net& stuck, const Net& leaky) {
  litbook::Table loss({"step", "main", "stuck", "leaky"});
  for (std::size_t s = 0; s < stuck_losses.size(); ++s) {
    loss.row({double(s), main_run.losses[s], stuck_losses[s],
              leaky_losses[s]});
  }
  ex.data("loss", loss);
  const Matrix gx = grid();
  const Matrix c_stuck = stuck.forward(gx);
  const Matrix c_leaky = leaky.forward(gx);
  litbook::Table dead({"x", "stuck", "leaky"});
  for (Eigen::Index i = 0; i < gx.rows(); ++i) {
    dead.row({gx(i), c_stuck(i), c_leaky(i)});
  }
  ex.data("dead", dead);
}

// [dead-run]
// 같은 시드로 생성기를 두 번 만들어, 똑같은 시작점에서 ReLU와 Leaky ReLU로
// 각각 학습합니다.
void relu_and_leaky_from_dead_start(litbook::Example& ex, const Settings& s,
                                    const Matrix& x, const Matrix& t,
                                    const Run& main_run) {
  nn::Generator gen_relu(kDeadSeed);
  Net stuck(gen_relu, 0.0);
  nn::Generator gen_leaky(kDeadSeed);  // 똑같은 시작점
  Net leaky(gen_leaky, kLeak);
  const auto start = params(stuck);
  const std::vector<double> stuck_losses = train(stuck, x, t, s);
  const std::vector<double> leaky_losses = train(leaky, x, t, s);

  ex.println("\n같은 시작점에서의 손실");
  fmt::print("  {:>9}{:>12}{:>12}\n", "", "ReLU", "Leaky ReLU");
  for (int k = 0; k <= 10; ++k) {
    const int step = s.tenth(k);
    ex.println("  단계 {:4}{:>12.2e}{:>12.2e}", step, stuck_losses[step],
               leaky_losses[step]);
  }
  ex.println("  끝난 뒤 죽은 은닉 유닛: ReLU {}, Leaky ReLU {}",
             dead_units(stuck, x), dead_units(leaky, x));
  ex.println("\n끝난 뒤의 가중치");
  print_params({{ex.tr("시작"), start},
                {"ReLU", params(stuck)},
                {"Leaky ReLU", params(leaky)}});
  // [/dead-run]
  record_dead_run(ex, x, stuck, leaky, start, stuck_losses, leaky_losses);
  record_loss_and_dead_curves(ex, main_run, stuck_losses, leaky_losses,
                              stuck, leaky);
}

// 시드 하나의 학습이 끝난 상태를 세는 칸.
struct Count {
  int fit = 0, dead = 0, straight = 0, other = 0;
};

// 시드를 센 결과의 표와 본문이 인용하는 값들.
void print_census(litbook::Example& ex, const std::array<Count, 3>& counts,
                  int first_fit, int output_dead) {
  ex.println("\n시드 0-{}의 결과", kSeeds - 1);
  litbook::TextTable table({{"", litbook::TextTable::Align::left},
                            {"ReLU"},
                            {"Leaky"},
                            {fmt::format("b={:g}", kBias)}});
  auto row = [&](std::string label, int Count::*field) {
    table.row({std::move(label), fmt::format("{}", counts[0].*field),
               fmt::format("{}", counts[1].*field),
               fmt::format("{}", counts[2].*field)});
  };
  row(fmt::format(fmt::runtime(ex.tr("맞춤 (손실 < {:.0e})")), kFitLoss),
      &Count::fit);
  row(std::string(ex.tr("멈춤: 세 점 모두 음수인 유닛")), &Count::dead);
  row(std::string(ex.tr("멈춤: 두 유닛 모두 세 점에서 양수")),
      &Count::straight);
  row(std::string(ex.tr("그 밖의 이유로 멈춤")), &Count::other);
  fmt::print("{}", table.text("  ", 3));
  ex.println("  ReLU로 맞춘 가장 작은 시드: {}", first_fit);
  ex.println("  출력에도 ReLU를 두면 처음부터 출력이 죽는 시드: {}",
             output_dead);

  ex.value("seeds", "{}", kSeeds);
  ex.value("seeds-last", "{}", kSeeds - 1);
  const std::array<const char*, 3> ways = {"relu", "leaky", "bias"};
  for (int way = 0; way < 3; ++way) {
    ex.value(fmt::format("{}-fit", ways[way]), "{}", counts[way].fit);
    ex.value(fmt::format("{}-dead", ways[way]), "{}", counts[way].dead);
    ex.value(fmt::format("{}-straight", ways[way]), "{}",
             counts[way].straight);
    ex.value(fmt::format("{}-other", ways[way]), "{}", counts[way].other);
  }
  const int relu_fit = counts[0].fit, leaky_fit = counts[1].fit;
  ex.value("leaky-fit-vs-relu", "{}",
           leaky_fit == relu_fit  ? litbook::msg("ReLU와 같습니다")
           : leaky_fit > relu_fit ? litbook::msg("ReLU보다 많습니다")
                                  : litbook::msg("ReLU보다 적습니다"));
  ex.value("bias", "{:g}", kBias);
  ex.value("first-fit", "{}", first_fit);
  ex.value("output-dead", "{}", output_dead);
}

// [census]
// 시드마다 세 가지로 시작합니다: ReLU, Leaky ReLU, 두 은닉 편향을 kBias로
// 바꾼 ReLU(양수라서 모든 유닛이 x = 0에서 살아 있는 채로 출발합니다).
// 가중치는 세 가지 모두 그 시드의 것입니다.
void count_seeds(litbook::Example& ex, const Settings& s, const Matrix& x,
                 const Matrix& t) {
  std::array<Count, 3> counts;
  int first_fit = -1;
  int output_dead = 0;  // 출력에도 ReLU가 있다면: 세 점 모두에서 출력 <= 0
  for (int seed = 0; seed < kSeeds; ++seed) {
    for (int way = 0; way < 3; ++way) {
      nn::Generator gen(static_cast<std::uint64_t>(seed));
      Net net(gen, way == 1 ? kLeak : 0.0);
      if (way == 2) net.hidden.bias.setConstant(kBias);
      if (way == 0 && net.forward(x).maxCoeff() <= 0.0) ++output_dead;
      const double loss = train(net, x, t, s).back();
      Count& c = counts[way];
      if (loss < kFitLoss) {
        ++c.fit;
        if (way == 0 && first_fit < 0) first_fit = seed;
      } else if (dead_units(net, x) > 0) {
        ++c.dead;
      } else if (net.hidden.forward(x).minCoeff() > 0.0) {
        ++c.straight;  // 두 유닛이 모든 점에서 켜짐: 직선 하나
      } else {
        ++c.other;
      }
    }
  }
  // [/census]
  print_census(ex, counts, first_fit, output_dead);
}

}  // namespace

// [main]
// 프로그램의 단계: 설정을 읽고, 데이터를 보이고, 학습 하나를 따라가 원래
// 글의 신경망과 비교하고, 죽은 유닛을 만나고, 시드 100개를 셉니다.
int main(int argc, char** argv) {
  using litbook::msg;
  litbook::Example ex(
      argc, argv, msg("『시각적으로 이해하는 ReLU』 7장의 예제"),
      {litbook::number("lr", 0.1, 0.005, 0.5, 0.005, msg("학습률")),
       litbook::integer("steps", 2000, 10, 5000,
                        msg("학습 단계 수")),
       litbook::integer("seed", 5, 0, 999, msg("따라가는 학습의 시드")),
       litbook::choice("activation", "relu", {"relu", "leaky"},
                       msg("따라가는 학습의 은닉 활성화 함수"))});
  const Settings s{ex.number("lr"), static_cast<int>(ex.integer("steps")),
                   static_cast<std::uint64_t>(ex.integer("seed")),
                   ex.choice("activation") == "leaky" ? kLeak : 0.0};
  const Matrix x = dosages();
  const Matrix t = effects();

  show_data(ex, x, t);
  const Run run = follow_one_run(ex, s, x, t);
  compare_weights(ex, run);
  compare_outputs(ex, run, x, t);
  compare_curves(ex, run);
  dead_unit_at_start(ex, x);
  relu_and_leaky_from_dead_start(ex, s, x, t, run);
  count_seeds(ex, s, x, t);
  // [/main]
  record_settings(ex, s);
  return ex.finish();
}
