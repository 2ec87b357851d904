// Chapter 7: training the dosage network with backpropagation.
//
// A 1-2-1 network (two ReLU hidden units, a linear output) starts from a
// seeded random initialisation and learns the three dosage points by
// gradient descent on the mean squared error, using the library's
// backward passes. The example prints the loss as it falls, compares the
// learned weights and curve with the article's hand-set network, follows
// a seed whose hidden unit is dead from the start (and the same start
// with Leaky ReLU), and counts how 100 seeds end.
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
#include <vector>

namespace {

using nn::Matrix;
using nn::Vector;

// [settings]
constexpr double kLearningRate = 0.1;
constexpr int kSteps = 2000;        // full-batch steps per run
constexpr int kPrintEvery = 200;    // print the loss this often
constexpr double kLeak = 0.01;      // Leaky ReLU slope (PyTorch default)
constexpr double kBias = 0.1;       // a start with positive hidden biases
constexpr double kFitLoss = 1e-6;   // below this a run "fits"
constexpr std::uint64_t kSeed = 5;        // the run we follow
constexpr std::uint64_t kDeadSeed = 174;  // a start with a dead unit
// [/settings]

// [data]
// The dosage data: low dose 0, middle dose 1, high dose 0.
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
// 1 input -> 2 hidden units -> 1 output. The hidden units use ReLU, or
// Leaky ReLU when `leak` is not 0; the output is linear.
struct Net {
  nn::Linear hidden;  // weight 2x1, bias 2
  nn::Linear output;  // weight 1x2, bias 1
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
// One step of gradient descent on all three points; returns the loss
// the step started from.
double train_step(Net& net, const Matrix& x, const Matrix& t) {
  const Matrix z = net.hidden.forward(x);  // pre-activations, 3x2
  const Matrix h = net.act(z);
  const Matrix y = net.output.forward(h);
  const double loss = nn::mse_loss(y, t);

  net.hidden.zero_grad();
  net.output.zero_grad();
  const Matrix grad_y = nn::mse_loss_grad(y, t);
  const Matrix grad_h = net.output.backward(h, grad_y);
  const Matrix grad_z = grad_h.cwiseProduct(net.act_grad(z));
  net.hidden.backward(x, grad_z);

  nn::sgd_step(net.hidden, kLearningRate);
  nn::sgd_step(net.output, kLearningRate);
  return loss;
}
// [/step]

// [dead]
// A hidden unit is dead on the data when its pre-activation is <= 0 at
// every point: ReLU's slope is 0 there, so no gradient ever reaches its
// weight or bias.
int dead_units(const Net& net, const Matrix& x) {
  const Matrix z = net.hidden.forward(x);
  int dead = 0;
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    if (z.col(j).maxCoeff() <= 0.0) ++dead;
  }
  return dead;
}
// [/dead]

// A whole run: the loss after every step (entry s: after s steps).
std::vector<double> train(Net& net, const Matrix& x, const Matrix& t) {
  std::vector<double> losses;
  for (int s = 0; s < kSteps; ++s) losses.push_back(train_step(net, x, t));
  losses.push_back(nn::mse_loss(net.forward(x), t));
  return losses;
}

// A printed or glued 0 must not read "-0.00".
double tidy(double v) { return std::fabs(v) < 5e-5 ? 0.0 : v + 0.0; }
std::string f2(double v) { return fmt::format("{:.2f}", tidy(v)); }
std::string f3(double v) { return fmt::format("{:.3f}", tidy(v)); }
std::string e2(double v) { return fmt::format("{:.2e}", v); }

// Columns a text takes in a terminal: Hangul (three UTF-8 bytes) takes
// two, so Korean labels line up with the numbers.
int columns(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) {
    if (c < 0x80) n += 1;        // ASCII
    else if (c >= 0xe0) n += 2;  // lead byte of a wide character
  }
  return n;
}
std::string left(std::string_view s, int width) {
  return std::string(s) + std::string(
      static_cast<std::size_t>(std::max(0, width - columns(s))), ' ');
}
std::string right(std::string_view s, int width) {
  return std::string(
      static_cast<std::size_t>(std::max(0, width - columns(s))), ' ') +
      std::string(s);
}

// The seven parameters in the article's names.
std::array<double, 7> params(const Net& n) {
  return {n.hidden.weight(0, 0), n.hidden.bias(0),
          n.hidden.weight(1, 0), n.hidden.bias(1),
          n.output.weight(0, 0), n.output.weight(0, 1),
          n.output.bias(0)};
}

void print_params(std::string_view name, const std::array<double, 7>& p) {
  fmt::print("  {}", left(name, 12));
  for (double v : p) fmt::print("{:>8}", f2(v));
  fmt::print("\n");
}

// The article's hand-set network as layers of the same kind: ReLU on
// both hidden units (the bottom one is never negative on [0, 1]), a
// linear output, then the final ReLU the article applies.
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

}  // namespace

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 7 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);

  const Matrix x = dosages();
  const Matrix t = effects();

  fmt::print("{}\n", tr("학습 데이터 (투여량, 효과)",
                        "Training data (dosage, effect)"));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    fmt::print("  ({:.1f}, {:.0f})\n", x(i), t(i));
    out.value(fmt::format("x-{}", i + 1), fmt::format("{:.1f}", x(i)));
    out.value(fmt::format("t-{}", i + 1), fmt::format("{:.0f}", t(i)));
  }
  out.value("points", fmt::format("{}", x.rows()));
  out.value("lr", fmt::format("{:g}", kLearningRate));
  out.value("steps", fmt::format("{}", kSteps));
  out.value("every", fmt::format("{}", kPrintEvery));
  out.value("leak", fmt::format("{:g}", kLeak));
  out.value("fit-loss", fmt::format("{:.0e}", kFitLoss));
  out.value("seed", fmt::format("{}", kSeed));
  out.value("dead-seed", fmt::format("{}", kDeadSeed));

  // ---- The main run -------------------------------------------------
  // [main-run]
  nn::Generator gen(kSeed);
  Net net(gen, 0.0);
  const auto start = params(net);
  // [/main-run]

  const std::vector<int> snap_steps = {0, 200, 400, 600, kSteps};
  const int n_grid = 401;
  std::vector<double> grid(n_grid);
  for (int i = 0; i < n_grid; ++i) grid[i] = static_cast<double>(i) / 400;
  Matrix gx(n_grid, 1);
  for (int i = 0; i < n_grid; ++i) gx(i) = grid[i];
  std::vector<Matrix> snaps;

  std::vector<double> main_losses;
  for (int s = 0; s <= kSteps; ++s) {
    if (std::find(snap_steps.begin(), snap_steps.end(), s) !=
        snap_steps.end()) {
      snaps.push_back(net.forward(gx));
    }
    if (s < kSteps) {
      main_losses.push_back(train_step(net, x, t));
    } else {
      main_losses.push_back(nn::mse_loss(net.forward(x), t));
    }
  }

  const std::array<const char*, 7> names = {"w1", "b1", "w2", "b2",
                                            "w3", "w4", "b3"};
  fmt::print("\n{} {}{}\n", tr("시드", "Seed"), kSeed,
             tr("의 무작위 시작점", ": the random start"));
  fmt::print("  {:<12}", "");
  for (const char* n : names) fmt::print("{:>8}", n);
  fmt::print("\n");
  print_params(tr("시작", "start"), start);

  fmt::print("\n{} ({} {})\n", tr("손실(MSE)", "Loss (MSE)"),
             tr("학습률", "learning rate"), kLearningRate);
  for (int s = 0; s <= kSteps; s += kPrintEvery) {
    fmt::print("  {} {:4}   {}\n", tr("단계", "step"), s,
               e2(main_losses[s]));
  }
  out.value("loss-0", e2(main_losses[0]));
  out.value("loss-200", e2(main_losses[200]));
  out.value("loss-600", e2(main_losses[600]));
  out.value("loss-final", e2(main_losses[kSteps]));

  // ---- Learned versus hand-set -------------------------------------
  const HandSet hand;
  const auto learned = params(net);
  const std::array<double, 7> article = {
      hand.hidden.weight(0, 0), hand.hidden.bias(0),
      hand.hidden.weight(1, 0), hand.hidden.bias(1),
      hand.output.weight(0, 0), hand.output.weight(0, 1),
      hand.output.bias(0)};
  fmt::print("\n{}\n", tr("학습한 가중치와 원래 글의 가중치",
                          "Learned weights and the article's"));
  fmt::print("  {:<12}", "");
  for (const char* n : names) fmt::print("{:>8}", n);
  fmt::print("\n");
  print_params(tr("학습", "learned"), learned);
  print_params(tr("원래 글", "article"), article);
  for (std::size_t i = 0; i < names.size(); ++i) {
    out.value(fmt::format("start-{}", names[i]), f2(start[i]));
    out.value(fmt::format("learned-{}", names[i]), f2(learned[i]));
    out.value(fmt::format("article-{}", names[i]), f2(article[i]));
  }

  // Where each hidden unit bends: w x + b = 0 at x = -b / w.
  const double kink1 = -learned[1] / learned[0];
  const double kink2 = -learned[3] / learned[2];
  const double hand_kink = -article[1] / article[0];
  out.value("learned-kink-1", f3(kink1));
  out.value("learned-kink-2", f3(kink2));
  out.value("article-kink", f3(hand_kink));

  const Matrix y_learned = net.forward(x);
  const Matrix y_hand = hand.forward(x);
  fmt::print("\n{}\n", tr("세 점에서의 출력", "Outputs at the three points"));
  fmt::print("  {:>6}{}{}{}\n", "x", right(tr("목표", "target"), 8),
             right(tr("학습", "learned"), 10),
             right(tr("원래 글", "article"), 10));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    fmt::print("  {:>6.1f}{:>8.0f}{:>10}{:>10}\n", x(i), t(i),
               f3(y_learned(i)), f3(y_hand(i)));
    out.value(fmt::format("learned-y-{}", i + 1), f3(y_learned(i)));
    out.value(fmt::format("article-y-{}", i + 1), f3(y_hand(i)));
  }
  const double hand_loss = nn::mse_loss(y_hand, t);
  fmt::print("  {}: {} {}, {} {}\n", tr("손실", "loss"),
             tr("학습", "learned"), e2(main_losses[kSteps]),
             tr("원래 글", "article"), e2(hand_loss));
  out.value("article-loss", e2(hand_loss));

  // The two curves away from the data points, and where the article's
  // is above 0 on the grid.
  const Matrix c_learned = snaps.back();
  const Matrix c_hand = hand.forward(gx);
  double lo = 2.0, hi = -1.0;
  for (int i = 0; i < n_grid; ++i) {
    if (c_hand(i) > 0.0) {
      lo = std::min(lo, grid[i]);
      hi = std::max(hi, grid[i]);
    }
  }
  Matrix between(2, 1);
  between << 0.25, 0.75;
  const Matrix b_learned = net.forward(between);
  const Matrix b_hand = hand.forward(between);
  fmt::print("\n{}\n", tr("두 곡선 비교", "The two curves"));
  fmt::print("  {:<22}{}{}\n", "", right(tr("학습", "learned"), 10),
             right(tr("원래 글", "article"), 10));
  for (int i = 0; i < 2; ++i) {
    const std::string label = fmt::format(
        "{} {:.2f}", tr("출력, x =", "output at x ="), between(i));
    fmt::print("  {}{:>10}{:>10}\n", left(label, 22), f3(b_learned(i)),
               f3(b_hand(i)));
  }
  fmt::print("  {}: {} - {}\n",
             tr("원래 글의 출력이 0보다 큰 격자점",
                "grid x where the article's output > 0"),
             f3(lo), f3(hi));
  out.value("quarter", fmt::format("{:.2f}", between(0)));
  out.value("3quarter", fmt::format("{:.2f}", between(1)));
  out.value("learned-at-quarter", f3(b_learned(0)));
  out.value("learned-at-3quarter", f3(b_learned(1)));
  out.value("article-at-quarter", f3(b_hand(0)));
  out.value("article-at-3quarter", f3(b_hand(1)));
  out.value("article-pos-lo", f3(lo));
  out.value("article-pos-hi", f3(hi));
  out.value("grid-step", fmt::format("{:g}", grid[1] - grid[0]));

  litbook::Table fit({"x", "s0", "s1", "s2", "s3", "s4", "article"});
  for (int i = 0; i < n_grid; ++i) {
    fit.row({grid[i], snaps[0](i), snaps[1](i), snaps[2](i), snaps[3](i),
             snaps[4](i), c_hand(i)});
  }
  out.data("fit", fit);
  litbook::Table snap_table({"k", "step"});
  for (std::size_t k = 0; k < snap_steps.size(); ++k) {
    snap_table.row({static_cast<double>(k),
                    static_cast<double>(snap_steps[k])});
    out.value(fmt::format("snap-{}", k), fmt::format("{}", snap_steps[k]));
  }
  out.data("snapshots", snap_table);
  litbook::Table points({"x", "t"});
  for (Eigen::Index i = 0; i < x.rows(); ++i) points.row({x(i), t(i)});
  out.data("points", points);

  // ---- A dead unit, and Leaky ReLU from the same start -------------
  // [dead-run]
  nn::Generator gen_relu(kDeadSeed);
  Net stuck(gen_relu, 0.0);
  nn::Generator gen_leaky(kDeadSeed);  // the very same start
  Net leaky(gen_leaky, kLeak);
  const auto p_dead_start = params(stuck);
  const Matrix z_start = stuck.hidden.forward(x);
  const int dead_at_start = dead_units(stuck, x);
  const std::vector<double> stuck_losses = train(stuck, x, t);
  const std::vector<double> leaky_losses = train(leaky, x, t);
  // [/dead-run]

  fmt::print("\n{} {}{}\n", tr("시드", "Seed"), kDeadSeed,
             tr(": 두 번째 은닉 유닛의 시작 사전 활성화",
                ": pre-activation of hidden unit 2 at the start"));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    fmt::print("  x = {:.1f}   w2 x + b2 = {}\n", x(i), f3(z_start(i, 1)));
    out.value(fmt::format("dead-z-{}", i + 1), f3(z_start(i, 1)));
  }
  fmt::print("  {}: {}\n", tr("죽은 은닉 유닛", "dead hidden units"),
             dead_at_start);
  out.value("dead-at-start", fmt::format("{}", dead_at_start));

  fmt::print("\n{}\n", tr("같은 시작점에서의 손실",
                          "Loss from the same start"));
  fmt::print("  {:>9}{:>12}{:>12}\n", "", "ReLU", "Leaky ReLU");
  for (int s = 0; s <= kSteps; s += kPrintEvery) {
    fmt::print("  {} {:4}{:>12}{:>12}\n", tr("단계", "step"), s,
               e2(stuck_losses[s]), e2(leaky_losses[s]));
  }
  fmt::print("  {}: ReLU {}, Leaky ReLU {}\n",
             tr("끝난 뒤 죽은 은닉 유닛", "dead hidden units at the end"),
             dead_units(stuck, x), dead_units(leaky, x));
  out.value("stuck-loss", e2(stuck_losses[kSteps]));
  out.value("leaky-loss-0", e2(leaky_losses[0]));
  out.value("leaky-loss", e2(leaky_losses[kSteps]));
  out.value("stuck-dead-end", fmt::format("{}", dead_units(stuck, x)));
  out.value("leaky-dead-end", fmt::format("{}", dead_units(leaky, x)));

  // The first step at which Leaky ReLU's loss is below 0.01.
  const double escape_loss = 0.01;
  int escape = -1;
  for (int s = 0; s <= kSteps && escape < 0; ++s) {
    if (leaky_losses[s] < escape_loss) escape = s;
  }
  out.value("leaky-escape", fmt::format("{}", escape));
  out.value("escape-loss", fmt::format("{:g}", escape_loss));

  const Matrix y_stuck = stuck.forward(x);
  const Matrix y_leaky = leaky.forward(x);
  const auto p_stuck = params(stuck);
  const auto p_leaky = params(leaky);
  fmt::print("\n{}\n", tr("끝난 뒤의 가중치", "Weights at the end"));
  fmt::print("  {:<12}", "");
  for (const char* n : names) fmt::print("{:>8}", n);
  fmt::print("\n");
  print_params(tr("시작", "start"), p_dead_start);
  print_params("ReLU", p_stuck);
  print_params("Leaky ReLU", p_leaky);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    out.value(fmt::format("stuck-y-{}", i + 1), f3(y_stuck(i)));
    out.value(fmt::format("leaky-y-{}", i + 1), f3(y_leaky(i)));
  }
  out.value("stuck-w2", f2(p_stuck[2]));
  out.value("stuck-b2", f2(p_stuck[3]));
  out.value("dead-start-w2", f2(p_dead_start[2]));
  out.value("dead-start-b2", f2(p_dead_start[3]));
  out.value("leaky-kink-1", f3(-p_leaky[1] / p_leaky[0]));
  out.value("leaky-kink-2", f3(-p_leaky[3] / p_leaky[2]));

  litbook::Table loss_table({"step", "main", "stuck", "leaky"});
  for (int s = 0; s <= kSteps; ++s) {
    loss_table.row({static_cast<double>(s), main_losses[s],
                    stuck_losses[s], leaky_losses[s]});
  }
  out.data("loss", loss_table);
  const Matrix c_stuck = stuck.forward(gx);
  const Matrix c_leaky = leaky.forward(gx);
  litbook::Table dead_table({"x", "stuck", "leaky"});
  for (int i = 0; i < n_grid; ++i) {
    dead_table.row({grid[i], c_stuck(i), c_leaky(i)});
  }
  out.data("dead", dead_table);

  // ---- 100 seeds ----------------------------------------------------
  // [census]
  constexpr int kSeeds = 100;
  struct Count { int fit = 0, dead = 0, straight = 0, other = 0; };
  // Three ways to start each seed: ReLU; Leaky ReLU; ReLU with both
  // hidden biases set to kBias (positive, so every unit starts alive
  // at x = 0). The weights are the seed's in all three.
  std::array<Count, 3> counts;
  int first_fit = -1;
  int output_dead = 0;  // with a final ReLU: output <= 0 at all points
  for (int seed = 0; seed < kSeeds; ++seed) {
    for (int way = 0; way < 3; ++way) {
      nn::Generator g(static_cast<std::uint64_t>(seed));
      Net n(g, way == 1 ? kLeak : 0.0);
      if (way == 2) n.hidden.bias.setConstant(kBias);
      if (way == 0 && n.forward(x).maxCoeff() <= 0.0) ++output_dead;
      const double loss = train(n, x, t).back();
      Count& c = counts[way];
      if (loss < kFitLoss) {
        ++c.fit;
        if (way == 0 && first_fit < 0) first_fit = seed;
      } else if (dead_units(n, x) > 0) {
        ++c.dead;
      } else if (n.hidden.forward(x).minCoeff() > 0.0) {
        ++c.straight;  // both units on everywhere: one straight line
      } else {
        ++c.other;
      }
    }
  }
  // [/census]

  fmt::print("\n{} 0-{}{}\n", tr("시드", "Seeds"), kSeeds - 1,
             tr("의 결과", ": how the runs end"));
  fmt::print("  {:<36}{:>6}{:>8}{:>8}\n", "", "ReLU", "Leaky",
             fmt::format("b={:g}", kBias));
  auto row = [&](std::string_view name, int Count::*field) {
    fmt::print("  {}{:>6}{:>8}{:>8}\n", left(name, 36), counts[0].*field,
               counts[1].*field, counts[2].*field);
  };
  row(fmt::format("{} < {:.0e})", tr("맞춤 (손실", "fit (loss"), kFitLoss),
      &Count::fit);
  row(tr("멈춤: 세 점 모두 음수인 유닛", "stuck: a unit negative at all 3"),
      &Count::dead);
  row(tr("멈춤: 두 유닛 모두 세 점에서 양수",
         "stuck: both units positive at all 3"),
      &Count::straight);
  row(tr("그 밖의 이유로 멈춤", "stuck otherwise"), &Count::other);
  fmt::print("  {}: {}\n",
             tr("ReLU로 맞춘 가장 작은 시드", "smallest seed ReLU fits"),
             first_fit);
  fmt::print("  {}: {}\n",
             tr("출력에도 ReLU를 두면 처음부터 출력이 죽는 시드",
                "seeds whose output would start dead under a final ReLU"),
             output_dead);
  out.value("seeds", fmt::format("{}", kSeeds));
  out.value("seeds-last", fmt::format("{}", kSeeds - 1));
  const std::array<const char*, 3> ways = {"relu", "leaky", "bias"};
  for (int way = 0; way < 3; ++way) {
    out.value(fmt::format("{}-fit", ways[way]),
              fmt::format("{}", counts[way].fit));
    out.value(fmt::format("{}-dead", ways[way]),
              fmt::format("{}", counts[way].dead));
    out.value(fmt::format("{}-straight", ways[way]),
              fmt::format("{}", counts[way].straight));
    out.value(fmt::format("{}-other", ways[way]),
              fmt::format("{}", counts[way].other));
  }
  out.value("bias", fmt::format("{:g}", kBias));
  out.value("first-fit", fmt::format("{}", first_fit));
  out.value("output-dead", fmt::format("{}", output_dead));
  return out.finish();
}
