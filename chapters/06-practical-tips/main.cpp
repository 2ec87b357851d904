// 6장: 실전 팁.
//
// 모양을 비교하려고 [-4, 4] 구간에서 활성화 함수 다섯 개를 표본 추출하고,
// 가중치 초기화 세 가지로 깊이 쌓은 Linear+ReLU 층에서 활성값의 퍼짐을
// 따라가고, 같은 초기화로 시작한 깊은 망을 학습시켜 손실을 비교하고,
// 편향을 음수 쪽으로 민 망에서 죽은 ReLU 유닛을 BatchNorm이 있을 때와
// 없을 때 셉니다.
#include <litbook/example.hpp>
#include <nn/batchnorm.hpp>
#include <nn/gelu.hpp>
#include <nn/init.hpp>
#include <nn/linear.hpp>
#include <nn/loss.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sgd.hpp>
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

using nn::Matrix;
using nn::Vector;

// [helpers]
// 표준 정규 분포에서 뽑은 배치(표본이 행입니다).
Matrix standard_normal(int rows, int cols, nn::Generator& gen) {
  Matrix m(rows, cols);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) m(i, j) = gen.normal();
  }
  return m;
}

// 배치의 모든 원소에 ReLU를 적용합니다.
Matrix relu(const Matrix& z) {
  return z.unaryExpr([](double v) { return nn::relu(v); });
}

// 배치의 모든 원소에 대한 표준편차.
double stddev(const Matrix& a) {
  const double mean = a.mean();
  return std::sqrt((a.array() - mean).square().mean());
}
// [/helpers]

// [shapes]
// 다섯 함수를 [-4, 4] 구간에서 간격 0.025로 계산하고, GELU와 SiLU가 0
// 아래로 가장 깊이 내려가는 곳을 격자에서 찾습니다.
void five_activations(litbook::Example& ex) {
  const int n = 321;
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
  ex.data("shapes", shapes);
  ex.println("다섯 활성화 함수의 값");
  litbook::TextTable t({{"x"}, {"ReLU"}, {"GELU"}, {"SiLU"}, {"tanh"},
                        {"sigmoid"}});
  for (double x : {-3.0, -1.0, 0.0, 1.0, 3.0}) {
    t.row({fmt::format("{:.1f}", x), fmt::format("{:.3f}", nn::relu(x)),
           fmt::format("{:.3f}", nn::gelu(x)),
           fmt::format("{:.3f}", nn::silu(x)),
           fmt::format("{:.3f}", nn::tanh(x)),
           fmt::format("{:.3f}", nn::sigmoid(x))});
  }
  fmt::print("{}", t.text());
  ex.println("  격자에서의 최솟값: GELU {:.3f} (x = {:.3f}), "
             "SiLU {:.3f} (x = {:.3f})", gelu_min, gelu_at, silu_min,
             silu_at);
  ex.value("shape-step", "{:g}", 8.0 / (n - 1));
  ex.value("gelu-min", "{:.3f}", gelu_min);
  ex.value("gelu-argmin", "{:.3f}", gelu_at);
  ex.value("silu-min", "{:.3f}", silu_min);
  ex.value("silu-argmin", "{:.3f}", silu_at);
  ex.value("sigmoid-at-0", "{:.1f}", nn::sigmoid(0.0));
}

// [init]
// 세 가지 초기화. 매개변수 init의 값(이름)에서 Init을 고릅니다.
enum class Init { normal, xavier, he };

Init init_named(const std::string& name) {
  return name == "normal" ? Init::normal
       : name == "xavier" ? Init::xavier
                          : Init::he;
}

void init_weight(Matrix& w, Init init, nn::Generator& gen) {
  switch (init) {
    case Init::normal:  // N(0, 1): 너비와 상관없이
      for (int i = 0; i < w.rows(); ++i) {
        for (int j = 0; j < w.cols(); ++j) w(i, j) = gen.normal();
      }
      break;
    case Init::xavier:  // N(0, 2 / (fan_in + fan_out))
      nn::xavier_normal(w, gen);
      break;
    case Init::he:  // N(0, 2 / fan_in): 이득 sqrt(2), fan_in 방식
      nn::kaiming_normal(w, gen);
      break;
  }
}
// [/init]

// [stack]
// Linear+ReLU 층(편향 0)을 하나씩 지날 때마다 활성값의 표준편차를 잽니다.
std::vector<double> layer_stds(Init init, int depth, int width,
                               int batch) {
  nn::Generator gen(6);  // 세 초기화 모두 같은 입력 배치에서 시작합니다
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

// [growth]
// ReLU를 지나면 제곱 평균이 층마다 fan_in * Var(w) / 2배가 되므로,
// 표준편차는 그 제곱근만큼 변합니다. 잰 배율을 이 이론값과 비교합니다.
void growth_per_layer(litbook::Example& ex,
                      const std::array<std::vector<double>, 3>& stds,
                      int width) {
  const double fan = width;
  const std::array<double, 3> weight_var = {1.0, 2.0 / (2.0 * fan),
                                            2.0 / fan};
  std::array<double, 3> ratio, measured, theory;
  for (int k = 0; k < 3; ++k) {
    ratio[k] = stds[k].back() / stds[k].front();  // 마지막 층 / 첫 층
    measured[k] = std::pow(ratio[k], 1.0 / (stds[k].size() - 1));
    theory[k] = std::sqrt(fan * weight_var[k] / 2.0);
  }
  // [/growth]
  const std::array<std::string, 3> names = {"N(0,1)", "Xavier", "He"};
  const std::array<std::string, 3> keys = {"normal", "xavier", "he"};
  ex.println("\n층마다 표준편차가 커지는 배율");
  litbook::TextTable t({{"", litbook::TextTable::Align::left},
                        {std::string(ex.tr("측정"))},
                        {std::string(ex.tr("이론"))},
                        {std::string(ex.tr("마지막/처음"))}});
  for (int k = 0; k < 3; ++k) {
    t.row({names[k], fmt::format("{:.3f}", measured[k]),
           fmt::format("{:.3f}", theory[k]),
           fmt::format("{:.3e}", ratio[k])});
    ex.value("std-first-" + keys[k], "{:.3g}", stds[k].front());
    ex.value("std-last-" + keys[k], "{:.3g}", stds[k].back());
    ex.value("ratio-" + keys[k], "{:.3g}", ratio[k]);
    ex.value("factor-" + keys[k], "{:.3f}", measured[k]);
    ex.value("theory-" + keys[k], "{:.3f}", theory[k]);
  }
  fmt::print("{}", t.text());
}

// [spread]
// 세 가지 초기화로 같은 깊이의 층을 쌓고, 층마다 잰 표준편차를 비교합니다.
void three_initialisations(litbook::Example& ex) {
  const int depth = ex.integer("depth"), width = 256, batch = 512;
  const std::array<Init, 3> inits = {Init::normal, Init::xavier, Init::he};
  std::array<std::vector<double>, 3> stds;
  for (int k = 0; k < 3; ++k) {
    stds[k] = layer_stds(inits[k], depth, width, batch);
  }
  // [/spread]
  litbook::Table data({"layer", "normal", "xavier", "he"});
  ex.println("\n층을 지난 뒤 활성값의 표준편차");
  litbook::TextTable t(
      {{std::string(ex.tr("층"))}, {"N(0,1)"}, {"Xavier"}, {"He"}});
  for (int l = 0; l < depth; ++l) {
    data.row({l + 1.0, stds[0][l], stds[1][l], stds[2][l]});
    if (l == 0 || (l + 1) % 5 == 0 || l == depth - 1) {
      t.row({fmt::format("{}", l + 1), fmt::format("{:.3e}", stds[0][l]),
             fmt::format("{:.3e}", stds[1][l]),
             fmt::format("{:.3e}", stds[2][l])});
    }
  }
  ex.data("init", data);
  fmt::print("{}", t.text());
  growth_per_layer(ex, stds, width);
  ex.value("init-depth", "{}", depth);
  ex.value("init-width", "{}", width);
  ex.value("init-batch", "{}", batch);
}

// [train-net]
// 학습 실험의 크기: 입력 수, 은닉층의 너비, 표본 수.
constexpr int kTrainInputs = 8, kTrainWidth = 16, kTrainBatch = 64;

// 학습 실험의 망: 입력 -> Linear+ReLU 층 `depth`개 -> 출력 1개(선형).
// 모든 층의 가중치를 init으로 뽑고 편향은 0에서 시작합니다.
std::vector<nn::Linear> deep_net(Init init, int depth, int width,
                                 int inputs, nn::Generator& gen) {
  std::vector<nn::Linear> net;
  for (int l = 0; l <= depth; ++l) {
    const int in = l == 0 ? inputs : width, out = l == depth ? 1 : width;
    Matrix w(out, in);
    init_weight(w, init, gen);
    net.emplace_back(std::move(w), Vector::Zero(out));
  }
  return net;
}

// 배치 전체로 평균 제곱 오차의 경사 하강법을 한 단계 밟고, 단계를 시작할
// 때의 손실을 돌려줍니다. 손실이 유한하지 않으면(넘침) 밟지 않습니다.
double train_step(std::vector<nn::Linear>& net, const Matrix& x,
                  const Matrix& t, double lr) {
  std::vector<Matrix> in = {x}, z;  // 층마다 입력과 사전 활성화
  for (std::size_t l = 0; l < net.size(); ++l) {
    z.push_back(net[l].forward(in.back()));
    if (l + 1 < net.size()) in.push_back(relu(z.back()));
  }
  const double loss = nn::mse_loss(z.back(), t);
  if (!std::isfinite(loss)) return loss;
  Matrix g = nn::mse_loss_grad(z.back(), t);
  for (std::size_t l = net.size(); l-- > 0;) {
    net[l].zero_grad();
    g = net[l].backward(in[l], g);
    if (l > 0) {
      g = g.cwiseProduct(z[l - 1].unaryExpr(
          [](double v) { return nn::relu_grad(v); }));
    }
  }
  for (nn::Linear& layer : net) nn::sgd_step(layer, lr);
  return loss;
}
// [/train-net]

// [train-run]
// 학습 데이터: 표준 정규 분포에서 뽑은 입력과 목표
// t = sin(x1) + x2 x3 / 2. 세 초기화 모두 같은 데이터에서 시작합니다.
struct Run {
  std::vector<double> loss;  // 단계마다 손실(유한한 것만)
  bool diverged = false;     // 손실이 넘쳐 학습이 멈췄는지
};

Run train_from(Init init, int depth, int steps, double lr) {
  nn::Generator gen(6);
  const Matrix x = standard_normal(kTrainBatch, kTrainInputs, gen);
  Matrix t(kTrainBatch, 1);
  for (int i = 0; i < kTrainBatch; ++i) {
    t(i, 0) = std::sin(x(i, 0)) + x(i, 1) * x(i, 2) / 2.0;
  }
  std::vector<nn::Linear> net =
      deep_net(init, depth, kTrainWidth, kTrainInputs, gen);
  Run run;
  for (int s = 0; s <= steps; ++s) {  // 마지막 단계는 손실만 씁니다
    const double loss = train_step(net, x, t, lr);
    if (!std::isfinite(loss)) {
      run.diverged = true;
      break;
    }
    run.loss.push_back(loss);
  }
  return run;
}
// [/train-run]

// [train]
// 세 가지 초기화에서 같은 망을 같은 데이터로 학습시킵니다.
void training_from_three_starts(litbook::Example& ex) {
  const int depth = 10, steps = ex.integer("steps");
  const double lr = ex.number("lr");
  const std::array<Init, 3> inits = {Init::normal, Init::xavier, Init::he};
  std::array<Run, 3> runs;
  for (int k = 0; k < 3; ++k) {
    runs[k] = train_from(inits[k], depth, steps, lr);
  }
  // [/train]
  const std::array<std::string, 3> names = {"N(0,1)", "Xavier", "He"};
  const std::array<std::string, 3> keys = {"normal", "xavier", "he"};
  ex.println("\n깊이 {}인 망의 학습: 손실 (학습률 {:g})", depth, lr);
  litbook::TextTable t(
      {{std::string(ex.tr("단계"))}, {"N(0,1)"}, {"Xavier"}, {"He"}});
  for (int c = 0; c <= 10; ++c) {
    const int s = c * steps / 10;
    std::vector<std::string> cells = {fmt::format("{}", s)};
    for (const Run& r : runs) {
      cells.push_back(s < static_cast<int>(r.loss.size())
                          ? fmt::format("{:.3e}", r.loss[s])
                          : std::string("-"));
    }
    t.row(cells);
  }
  fmt::print("{}", t.text());
  for (int k = 0; k < 3; ++k) {
    const Run& r = runs[k];
    litbook::Table curve({"step", "loss"});
    for (std::size_t s = 0; s < r.loss.size(); ++s) {
      curve.row({double(s), r.loss[s]});
    }
    ex.data("train-" + keys[k], curve);
    ex.value("train-start-" + keys[k], "{:.3g}", r.loss.front());
    if (r.diverged) {
      ex.println("  {}: {}단계에서 손실이 넘쳐 학습을 멈췄습니다", names[k],
                 r.loss.size());
      ex.value("train-end-" + keys[k], "-");
      ex.value("train-left-" + keys[k], "-");
    } else {
      ex.value("train-end-" + keys[k], "{:.3g}", r.loss.back());
      ex.value("train-left-" + keys[k], "{:.1f}%",
               100.0 * r.loss.back() / r.loss.front());
    }
    ex.value("train-blowup-" + keys[k], "{}",
             r.diverged ? fmt::format("{}", r.loss.size()) : "-");
  }
  // 본문이 인용하는 판정: 발산했는지, 그리고 He가 가장 낮게 끝났는지.
  const Run &normal = runs[0], &xavier = runs[1], &he = runs[2];
  ex.value("train-normal-outcome", "{}",
           normal.diverged
               ? litbook::msg("손실이 넘쳐 학습이 멈춥니다")
               : litbook::msg("손실이 넘치지 않고 끝까지 학습합니다"));
  const bool he_lowest =
      !he.diverged && (xavier.diverged || he.loss.back() < xavier.loss.back())
      && (normal.diverged || he.loss.back() < normal.loss.back());
  ex.value("train-he-lowest", "{}",
           he_lowest ? litbook::msg("He에서 시작한 학습의 손실이 가장 "
                                    "낮습니다")
                     : litbook::msg("He에서 시작한 학습보다 손실이 낮은 "
                                    "것이 있습니다"));
  ex.value("train-xavier-outcome", "{}",
           !xavier.diverged && !he.diverged &&
                   xavier.loss.back() > 10.0 * he.loss.back()
               ? litbook::msg("He보다 열 배 넘게 높은 곳에서 끝납니다")
               : litbook::msg("He와 열 배 안쪽의 차이로 끝납니다"));
  // He의 손실이 그때까지의 가장 낮은 손실보다 가장 높이 튄 배율.
  double spike = 1.0, lowest = he.loss.front();
  for (double l : he.loss) {
    spike = std::max(spike, l / lowest);
    lowest = std::min(lowest, l);
  }
  ex.value("train-he-spike", "{:.1f}", spike);
  ex.value("train-he-bumpy", "{}",
           spike > 1.5
               ? litbook::msg("중간에 손실이 튀어 오르는 단계가 있습니다")
               : litbook::msg("손실이 거의 꾸준히 내려갑니다"));
  ex.value("train-depth", "{}", depth);
  ex.value("train-width", "{}", kTrainWidth);
  ex.value("train-inputs", "{}", kTrainInputs);
  ex.value("train-batch", "{}", kTrainBatch);
  ex.value("train-steps", "{}", steps);
  ex.value("train-lr", "{:g}", lr);
}

// [dead]
// 배치의 모든 표본에서 0을 내는 유닛의 비율.
double dead_fraction(const Matrix& a) {
  int dead = 0;
  for (int j = 0; j < a.cols(); ++j) {
    if (a.col(j).maxCoeff() <= 0.0) ++dead;
  }
  return static_cast<double>(dead) / static_cast<double>(a.cols());
}

// 층마다 죽은 유닛의 비율: Linear(가중치는 init으로, 편향은 모두 `shift`),
// 요청하면 학습 모드의 BatchNorm1d, 그리고 ReLU.
std::vector<double> dead_per_layer(double shift, bool batchnorm, Init init,
                                   int depth, int width, int batch) {
  nn::Generator gen(6);  // 모든 실행이 같은 가중치와 입력에서 시작합니다
  Matrix x = standard_normal(batch, width, gen);
  std::vector<double> dead;
  for (int l = 0; l < depth; ++l) {
    Matrix w(width, width);
    init_weight(w, init, gen);
    const nn::Linear layer(std::move(w), Vector::Constant(width, shift));
    Matrix z = layer.forward(x);
    if (batchnorm) {
      nn::BatchNorm1d bn(width);  // 학습 모드: 배치의 통계를 씁니다
      z = bn.forward(z);
    }
    x = relu(z);
    dead.push_back(dead_fraction(x));
  }
  return dead;
}
// [/dead]

// [dead-run]
// 편향 b와 그 절반, 4분의 1, 그리고 0에서, BatchNorm이 없을 때와 있을 때.
void dead_units_and_batchnorm(litbook::Example& ex) {
  const int depth = 10, width = 128, batch = 256;
  const double b = ex.number("bias");
  const Init init = init_named(ex.choice("init"));
  const std::array<double, 4> shifts = {0.0, b / 4, b / 2, b};
  std::array<std::vector<double>, 4> plain, with_bn;
  for (int s = 0; s < 4; ++s) {
    plain[s] = dead_per_layer(shifts[s], false, init, depth, width, batch);
    with_bn[s] = dead_per_layer(shifts[s], true, init, depth, width, batch);
  }
  // [/dead-run]
  litbook::Table data({"layer", "b0", "bm05", "bm1", "bm2", "bn_bm2"});
  for (int l = 0; l < depth; ++l) {
    data.row({l + 1.0, plain[0][l], plain[1][l], plain[2][l], plain[3][l],
              with_bn[3][l]});
  }
  ex.data("dead", data);
  ex.println("\n죽은 유닛의 비율 (층마다)");
  std::vector<litbook::TextTable::Column> columns = {
      {std::string(ex.tr("편향")), litbook::TextTable::Align::left}};
  for (int l = 0; l < depth; ++l) columns.push_back({fmt::format("{}", l + 1)});
  litbook::TextTable t(columns);
  double bn_max = 0.0;
  const std::array<std::string, 4> keys = {"0", "m05", "m1", "m2"};
  for (int s = 0; s < 4; ++s) {
    for (bool bn : {false, true}) {
      const std::vector<double>& d = bn ? with_bn[s] : plain[s];
      std::vector<std::string> cells = {
          litbook::format("{:g}", shifts[s]) + (bn ? " +BN" : "")};
      for (double f : d) cells.push_back(fmt::format("{:.2f}", f));
      t.row(cells);
      if (bn) bn_max = std::max(bn_max, *std::max_element(d.begin(), d.end()));
    }
    const auto all = std::find(plain[s].begin(), plain[s].end(), 1.0);
    ex.value("dead-last-b" + keys[s], "{:.2f}", plain[s].back());
    ex.value("dead-all-from-b" + keys[s], "{}",
             all == plain[s].end()
                 ? std::string("-")
                 : fmt::format("{}", all - plain[s].begin() + 1));
    ex.value("shift-b" + keys[s], "{:g}", shifts[s]);
  }
  fmt::print("{}", t.text());
  ex.println("  BatchNorm을 넣었을 때 가장 큰 비율: {:.2f}", bn_max);
  ex.value("dead-bn-max", "{:.2f}", bn_max);
  ex.value("dead-bn-none", "{}",
           bn_max == 0
               ? litbook::msg("모든 편향, 모든 층에서 죽은 유닛이 하나도 "
                              "없습니다")
               : litbook::msg("죽은 유닛이 남는 층이 있습니다"));
  ex.value("dead-depth", "{}", depth);
  ex.value("dead-width", "{}", width);
  ex.value("dead-batch", "{}", batch);
}

// [bn-train-net]
// 죽은 유닛이 학습 중에 생기는지 보는 망의 크기: 입력 수, 은닉층의 수와
// 너비, 표본 수.
constexpr int kBnInputs = 8, kBnLayers = 3, kBnWidth = 32, kBnBatch = 128;

// 입력 -> 은닉층 kBnLayers개 -> 출력 1개. 은닉층마다 Linear, (켜면) 학습
// 모드의 BatchNorm1d, ReLU 순서이고, 가중치는 He 초기화, 편향은 0에서
// 시작합니다.
struct BnNet {
  std::vector<nn::Linear> linear;     // 은닉층들과 출력층
  std::vector<nn::BatchNorm1d> norm;  // 은닉층마다 하나(켰을 때만 씀)
  bool batchnorm;
  BnNet(bool with_bn, nn::Generator& gen) : batchnorm(with_bn) {
    for (int l = 0; l <= kBnLayers; ++l) {
      const int out = l == kBnLayers ? 1 : kBnWidth;
      Matrix w(out, l == 0 ? kBnInputs : kBnWidth);
      nn::kaiming_normal(w, gen);
      linear.emplace_back(std::move(w), Vector::Zero(out));
      if (l < kBnLayers) norm.emplace_back(kBnWidth);
    }
  }
};

// 한 단계: 순전파, 손실, 역전파, SGD(BatchNorm의 gamma와 beta도).
// 단계를 시작할 때의 손실과 죽은 은닉 유닛 수(배치의 모든 표본에서 0을
// 내는 유닛)를 돌려줍니다.
std::pair<double, int> bn_train_step(BnNet& net, const Matrix& x,
                                     const Matrix& t, double lr) {
  std::vector<Matrix> in = {x}, u;  // 층마다 입력, ReLU에 들어가는 값
  int dead = 0;
  for (int l = 0; l < kBnLayers; ++l) {
    const Matrix z = net.linear[l].forward(in.back());
    u.push_back(net.batchnorm ? net.norm[l].forward(z) : z);
    in.push_back(relu(u.back()));
    for (int j = 0; j < in.back().cols(); ++j) {
      if (in.back().col(j).maxCoeff() <= 0.0) ++dead;
    }
  }
  const Matrix y = net.linear[kBnLayers].forward(in.back());
  const double loss = nn::mse_loss(y, t);
  if (!std::isfinite(loss)) return {loss, dead};
  Matrix g = nn::mse_loss_grad(y, t);
  for (int l = kBnLayers; l >= 0; --l) {
    net.linear[l].zero_grad();
    g = net.linear[l].backward(in[l], g);
    if (l == 0) break;
    g = g.cwiseProduct(u[l - 1].unaryExpr(
        [](double v) { return nn::relu_grad(v); }));
    if (net.batchnorm) {
      nn::BatchNorm1d& bn = net.norm[l - 1];
      bn.zero_grad();
      g = bn.backward(g);
      nn::sgd_step(bn.gamma, bn.gamma_grad, lr);
      nn::sgd_step(bn.beta, bn.beta_grad, lr);
    }
  }
  for (nn::Linear& layer : net.linear) nn::sgd_step(layer, lr);
  return {loss, dead};
}
// [/bn-train-net]

// [bn-train]
// 같은 데이터, 같은 시작 가중치로 BatchNorm이 없을 때와 있을 때를
// 학습시키며 단계마다 죽은 유닛 수와 손실을 기록합니다.
struct DeadRun {
  std::vector<int> dead;
  std::vector<double> loss;
};

DeadRun train_watching_dead_units(bool batchnorm, double lr, int steps) {
  nn::Generator gen(6);
  const Matrix x = standard_normal(kBnBatch, kBnInputs, gen);
  Matrix t(kBnBatch, 1);
  for (int i = 0; i < kBnBatch; ++i) {
    t(i, 0) = std::sin(x(i, 0)) + x(i, 1) * x(i, 2) / 2.0;
  }
  BnNet net(batchnorm, gen);
  DeadRun run;
  for (int s = 0; s <= steps; ++s) {  // 마지막 단계는 손실만 씁니다
    const auto [loss, dead] = bn_train_step(net, x, t, lr);
    if (!std::isfinite(loss)) break;
    run.loss.push_back(loss);
    run.dead.push_back(dead);
  }
  return run;
}
// [/bn-train]

void dead_units_in_training(litbook::Example& ex) {
  const int steps = 200, units = kBnLayers * kBnWidth;
  const double lr = ex.number("bn-lr");
  const DeadRun plain = train_watching_dead_units(false, lr, steps);
  const DeadRun with_bn = train_watching_dead_units(true, lr, steps);
  // BatchNorm도 보장은 아닙니다: 학습률을 1.5배로 올려 한 번 더 봅니다.
  const DeadRun bn_faster = train_watching_dead_units(true, 1.5 * lr, steps);
  ex.println("\n학습 중의 죽은 유닛 (은닉 유닛 {}개, 학습률 {:g})", units,
             lr);
  litbook::TextTable t({{std::string(ex.tr("단계"))},
                        {std::string(ex.tr("죽은 유닛"))},
                        {std::string(ex.tr("손실"))},
                        {std::string(ex.tr("+BN 죽은 유닛"))},
                        {std::string(ex.tr("+BN 손실"))}});
  auto cell_int = [](const DeadRun& r, int s) {
    return s < static_cast<int>(r.dead.size()) ? fmt::format("{}", r.dead[s])
                                               : std::string("-");
  };
  auto cell_loss = [](const DeadRun& r, int s) {
    return s < static_cast<int>(r.loss.size())
               ? fmt::format("{:.3e}", r.loss[s])
               : std::string("-");
  };
  for (int c = 0; c <= 10; ++c) {
    const int s = c * steps / 10;
    t.row({fmt::format("{}", s), cell_int(plain, s), cell_loss(plain, s),
           cell_int(with_bn, s), cell_loss(with_bn, s)});
  }
  fmt::print("{}", t.text());
  const std::array<const DeadRun*, 2> runs = {&plain, &with_bn};
  const std::array<std::string, 2> keys = {"plain", "bn"};
  std::array<int, 2> most{}, first{};
  for (int k = 0; k < 2; ++k) {
    const DeadRun& r = *runs[k];
    litbook::Table curve({"step", "dead", "loss"});
    first[k] = -1;
    for (std::size_t s = 0; s < r.dead.size(); ++s) {
      curve.row({double(s), double(r.dead[s]), r.loss[s]});
      most[k] = std::max(most[k], r.dead[s]);
      if (first[k] < 0 && r.dead[s] > 0) first[k] = static_cast<int>(s);
    }
    ex.data("dead-train-" + keys[k], curve);
    const bool finished = static_cast<int>(r.loss.size()) == steps + 1;
    ex.value("dead-train-end-" + keys[k], "{}",
             finished ? fmt::format("{}", r.dead.back()) : "-");
    ex.value("dead-train-most-" + keys[k], "{}", most[k]);
    ex.value("dead-train-first-" + keys[k], "{}",
             first[k] < 0 ? std::string("-") : fmt::format("{}", first[k]));
    ex.value("dead-train-loss-" + keys[k], "{}",
             finished ? fmt::format("{:.3g}", r.loss.back()) : "-");
    ex.value("dead-train-loss0-" + keys[k], "{:.3g}", r.loss.front());
    if (!finished) {
      ex.println("  {}: {}단계에서 손실이 넘쳐 학습을 멈췄습니다",
                 k == 0 ? "ReLU" : "BN+ReLU", r.loss.size());
    }
  }
  ex.println("  가장 많을 때의 죽은 유닛: BatchNorm 없이 {}, 있을 때 {}",
             most[0], most[1]);
  const int most_faster =
      *std::max_element(bn_faster.dead.begin(), bn_faster.dead.end());
  ex.println("  BatchNorm, 학습률 {:g}: 가장 많을 때 {}", 1.5 * lr,
             most_faster);
  ex.value("dead-train-faster-lr", "{:g}", 1.5 * lr);
  ex.value("dead-train-faster-most", "{}", most_faster);
  ex.value("dead-train-faster-verdict", "{}",
           most_faster > 0
               ? litbook::msg("BatchNorm을 넣은 망에서도 유닛이 죽습니다")
               : litbook::msg("BatchNorm을 넣은 망에서는 여전히 죽는 "
                              "유닛이 없습니다"));
  // 본문이 인용하는 판정.
  ex.value("dead-train-plain-verdict", "{}",
           most[0] > 0 ? litbook::msg("학습 중에 유닛이 죽습니다")
                       : litbook::msg("학습 중에 죽는 유닛이 없습니다"));
  ex.value("dead-train-bn-verdict", "{}",
           most[1] == 0
               ? litbook::msg("학습 내내 죽은 유닛이 하나도 없습니다")
               : litbook::msg("BatchNorm을 넣어도 죽는 유닛이 있습니다"));
  ex.value("dead-train-units", "{}", units);
  ex.value("dead-train-inputs", "{}", kBnInputs);
  ex.value("dead-train-layers", "{}", kBnLayers);
  ex.value("dead-train-width", "{}", kBnWidth);
  ex.value("dead-train-batch", "{}", kBnBatch);
  ex.value("dead-train-steps", "{}", steps);
  ex.value("dead-train-lr", "{:g}", lr);
}

// [main]
int main(int argc, char** argv) {
  litbook::Example ex(
      argc, argv, litbook::msg("『시각적으로 이해하는 ReLU』 6장의 예제"),
      {litbook::integer("depth", 30, 2, 60,
                        litbook::msg("초기화 실험에서 쌓는 층의 수")),
       litbook::choice("init", "he", {"he", "xavier", "normal"},
                       litbook::msg("죽은 유닛 실험의 가중치 초기화")),
       litbook::number("bias", -2, -4, 2, 0.1,
                       litbook::msg("죽은 유닛 실험의 편향 b "
                                    "(b/2, b/4, 0과 함께 실험합니다)")),
       litbook::number("lr", 0.01, 0.001, 0.1, 0.001,
                       litbook::msg("학습 실험의 학습률")),
       litbook::integer("steps", 400, 10, 2000,
                        litbook::msg("학습 실험의 단계 수")),
       litbook::number("bn-lr", 0.2, 0.01, 0.5, 0.01,
                       litbook::msg("학습 중 죽은 유닛 실험의 학습률"))});
  five_activations(ex);
  three_initialisations(ex);
  training_from_three_starts(ex);
  dead_units_and_batchnorm(ex);
  dead_units_in_training(ex);
  return ex.finish();
}
// [/main]
