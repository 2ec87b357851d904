// Chapter 4: Leaky ReLU and PReLU.
//
// Samples the ReLU family on [-5, 5], applies Leaky ReLU and PReLU to the
// batch of chapter 3 and compares with PyTorch, shows that a dead ReLU
// unit gets no gradient while the leaky variants keep learning, counts
// dead units in a layer trained with a large step, and lets PReLU learn
// its slope.
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

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace {

using MatrixF = nn::MatrixT<float>;

template <typename M>
std::span<typename M::Scalar> view(M& m) {
  return {m.data(), static_cast<std::size_t>(m.size())};
}
template <typename M>
std::span<const typename M::Scalar> cview(const M& m) {
  return {m.data(), static_cast<std::size_t>(m.size())};
}

long same(const MatrixF& a, const MatrixF& b) {
  return static_cast<long>((a.array() == b.array()).count());
}

// The activations of this chapter, on a whole matrix. PReLU keeps its
// learnable slope and its gradient.
enum class Act { relu, leaky, prelu };

struct Activation {
  Act kind;
  nn::PReLU<double> prelu{0.25};

  nn::Matrix forward(const nn::Matrix& z) const {
    nn::Matrix y(z.rows(), z.cols());
    if (kind == Act::relu) nn::relu<double>(cview(z), view(y));
    if (kind == Act::leaky) nn::leaky_relu<double>(cview(z), view(y), 0.01);
    if (kind == Act::prelu) prelu.forward(cview(z), view(y));
    return y;
  }
  // dL/dz from dL/dy; PReLU also adds dL/dalpha to prelu.alpha_grad.
  nn::Matrix backward(const nn::Matrix& z, const nn::Matrix& grad_y) {
    nn::Matrix slope(z.rows(), z.cols());
    if (kind == Act::prelu) {
      prelu.backward(cview(z), cview(grad_y), view(slope));
      return slope;
    }
    if (kind == Act::relu) nn::relu_grad<double>(cview(z), view(slope));
    if (kind == Act::leaky) {
      nn::leaky_relu_grad<double>(cview(z), view(slope), 0.01);
    }
    return grad_y.cwiseProduct(slope);
  }
};

nn::Matrix normal_matrix(nn::Generator& gen, Eigen::Index rows,
                         Eigen::Index cols) {
  nn::Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = gen.normal();
  }
  return m;
}

// Units (columns of z) whose input is <= 0 for every sample.
long count_silent(const nn::Matrix& z) {
  long n = 0;
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    if (z.col(j).maxCoeff() <= 0.0) ++n;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const auto opts = litbook::parse_args(
      argc, argv, "Chapter 4 of 'Understanding ReLU, Visually'.");
  const auto lang = opts.lang;
  auto tr = [lang](auto ko, auto en) { return litbook::tr(lang, ko, en); };
  litbook::Output out(opts);

  // ---- The family on [-5, 5] --------------------------------------
  const double alpha0 = nn::PReLU<double>().alpha;
  {
    litbook::Table t({"x", "relu", "leaky001", "leaky02", "prelu"});
    for (int i = 0; i <= 400; ++i) {
      const double x = -5.0 + 10.0 * i / 400;
      t.row({x, nn::relu(x), nn::leaky_relu(x, 0.01),
             nn::leaky_relu(x, 0.2), nn::prelu(x, alpha0)});
    }
    out.data("family", t);
    fmt::print("{}\n", tr("x = -5에서의 값", "Values at x = -5"));
    fmt::print("  ReLU {:.2f}, Leaky(0.01) {:.2f}, Leaky(0.2) {:.2f}, "
               "PReLU(α = {:.2f}) {:.2f}\n",
               nn::relu(-5.0), nn::leaky_relu(-5.0, 0.01),
               nn::leaky_relu(-5.0, 0.2), alpha0, nn::prelu(-5.0, alpha0));
    out.value("alpha0", fmt::format("{:g}", alpha0));
    out.value("leaky-at-minus-5", fmt::format("{:g}",
                                              nn::leaky_relu(-5.0, 0.01)));
  }

  // ---- The batch of chapter 3 against PyTorch ----------------------
  // [batch]
  const auto torch = capture::read_torch_capture(
      LITBOOK_CHAPTER_DIR "/../03-linear-layer/torch_seed0.txt");
  const float slope = static_cast<float>(torch.scalar("leaky_slope"));
  const float alpha = static_cast<float>(torch.scalar("prelu_alpha"));
  const MatrixF z = torch.matrix("linear").cast<float>();  // PyTorch's z
  MatrixF leaky(z.rows(), z.cols());
  MatrixF prelu(z.rows(), z.cols());
  nn::leaky_relu<float>(cview(z), view(leaky), slope);
  nn::prelu<float>(cview(z), view(prelu), alpha);
  // [/batch]
  const MatrixF torch_leaky = torch.matrix("leaky_relu").cast<float>();
  const MatrixF torch_prelu = torch.matrix("prelu").cast<float>();
  auto print_matrix = [](const MatrixF& m) {
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      fmt::print(" ");
      for (Eigen::Index j = 0; j < m.cols(); ++j) {
        fmt::print(" {:8.4f}", m(i, j));
      }
      fmt::print("\n");
    }
  };
  fmt::print("\n{}\n", tr("3장의 배치에서 (PyTorch의 z에 적용)",
                          "On the batch of chapter 3 (applied to PyTorch's "
                          "z)"));
  fmt::print("Leaky ReLU ({} = {:g})\n", tr("기울기", "slope"), slope);
  print_matrix(leaky);
  fmt::print("PReLU (α = {:g})\n", alpha);
  print_matrix(prelu);
  const long n_cells = static_cast<long>(z.size());
  const double d_leaky = (leaky - torch_leaky).cwiseAbs().maxCoeff();
  const double d_prelu = (prelu - torch_prelu).cwiseAbs().maxCoeff();
  fmt::print("{}: Leaky ReLU {} / {}, PReLU {} / {}\n",
             tr("PyTorch와 똑같은 값", "values equal to PyTorch's"),
             same(leaky, torch_leaky), n_cells, same(prelu, torch_prelu),
             n_cells);
  fmt::print("{}: Leaky ReLU {:.3g}, PReLU {:.3g}\n",
             tr("가장 큰 차이", "largest difference"), d_leaky, d_prelu);
  const long negatives = static_cast<long>((z.array() < 0.0f).count());
  fmt::print("{}: {} / {}\n",
             tr("z가 음수인 칸 (ReLU라면 0이 되었을 칸)",
                "cells where z is negative (0 under ReLU)"),
             negatives, n_cells);
  out.value("slope", fmt::format("{:g}", slope));
  out.value("same-leaky", fmt::format("{}", same(leaky, torch_leaky)));
  out.value("same-prelu", fmt::format("{}", same(prelu, torch_prelu)));
  out.value("diff-leaky", fmt::format("{:.3g}", d_leaky));
  out.value("diff-prelu", fmt::format("{:.3g}", d_prelu));
  out.value("cells", fmt::format("{}", n_cells));
  out.value("negatives", fmt::format("{}", negatives));
  out.value("leaky-min", fmt::format("{:.4f}", leaky.minCoeff()));
  out.value("prelu-min", fmt::format("{:.4f}", prelu.minCoeff()));
  out.value("z-min", fmt::format("{:.4f}", z.minCoeff()));

  // ---- A dead unit --------------------------------------------------
  // [dead-setup]
  nn::Generator gen(4);
  const nn::Matrix x = normal_matrix(gen, 256, 3);
  nn::Vector v(3);
  v << 1.0, -0.5, 0.8;  // a teacher: t = ReLU(x v + 0.5)
  nn::Matrix t = ((x * v).array() + 0.5).cwiseMax(0.0).matrix();
  nn::Linear unit(3, 1, gen);
  unit.bias(0) = -4.0;  // so negative that the unit never fires
  // [/dead-setup]
  const double z_max = unit.forward(x).maxCoeff();
  fmt::print("\n{}\n", tr("죽은 유닛 (표본 256개, 편향 -4)",
                          "A dead unit (256 samples, bias -4)"));
  fmt::print("  {}: {:.4f}\n",
             tr("모든 표본에서 w·x + b의 최댓값", "largest w·x + b over all "
                                                 "samples"),
             z_max);
  out.value("dead-samples", fmt::format("{}", x.rows()));
  out.value("dead-bias", fmt::format("{:g}", unit.bias(0)));
  out.value("dead-zmax", fmt::format("{:.4f}", z_max));

  // [dead-train]
  const double lr = 0.5;
  auto train = [&](Act kind, int steps, int* revived_at) {
    nn::Linear u = unit;
    Activation act{kind};
    for (int s = 1; s <= steps; ++s) {
      const nn::Matrix zz = u.forward(x);
      const nn::Matrix y = act.forward(zz);
      const nn::Matrix gz = act.backward(zz, nn::mse_loss_grad(y, t));
      u.zero_grad();
      u.backward(x, gz);
      nn::sgd_step(u, lr);  // alpha of PReLU stays at 0.25 here
      if (revived_at && *revived_at == 0 && u.forward(x).maxCoeff() > 0) {
        *revived_at = s;
      }
    }
    return u;
  };
  // [/dead-train]

  // The gradient of the first step, for each activation.
  const Act kinds[] = {Act::relu, Act::leaky, Act::prelu};
  const char* names[] = {"ReLU", "Leaky ReLU", "PReLU"};
  const char* keys[] = {"relu", "leaky", "prelu"};
  const int steps = 20;
  fmt::print("  {:<11} {:>12} {:>12} {:>11}\n", "",
             tr("|dL/dw|", "|dL/dw|"), tr("|Δw|", "|Δw|"),
             tr("Δb", "Δb"));
  for (int k = 0; k < 3; ++k) {
    Activation act{kinds[k]};
    nn::Linear u = unit;
    const nn::Matrix zz = u.forward(x);
    const nn::Matrix gz =
        act.backward(zz, nn::mse_loss_grad(act.forward(zz), t));
    u.backward(x, gz);
    const double gnorm = u.weight_grad.norm();
    const nn::Linear after = train(kinds[k], steps, nullptr);
    const double dw = (after.weight - unit.weight).norm();
    const double db = after.bias(0) - unit.bias(0);
    fmt::print("  {:<11} {:>12.3e} {:>12.3e} {:>+11.3e}\n", names[k], gnorm,
               dw, db);
    out.value(fmt::format("grad-{}", keys[k]), fmt::format("{:.3g}", gnorm));
    out.value(fmt::format("dw-{}", keys[k]), fmt::format("{:.3g}", dw));
    if (kinds[k] == Act::relu) {
      const bool unchanged = after.weight == unit.weight &&
                             after.bias == unit.bias;
      fmt::print("  {}: {}\n",
                 tr("ReLU 유닛의 가중치와 편향이 비트까지 그대로인가",
                    "ReLU unit's weights and bias unchanged to the bit"),
                 unchanged ? tr("예", "yes") : tr("아니요", "no"));
    }
  }
  fmt::print("  ({} {}, lr = {:g}; {})\n", tr("SGD 단계", "SGD steps"),
             steps, lr, tr("PReLU의 α는 0.25로 고정",
                           "PReLU's α held at 0.25"));
  out.value("dead-steps", fmt::format("{}", steps));
  out.value("dead-lr", fmt::format("{:g}", lr));

  // How long until each unit fires again on some sample.
  const int cap = 2000;
  fmt::print("  {}\n", tr("어느 표본에서든 다시 0보다 커지기까지의 단계",
                          "steps until w·x + b > 0 again for some sample"));
  for (int k = 0; k < 3; ++k) {
    int revived = 0;
    train(kinds[k], cap, &revived);
    const std::string shown =
        revived ? fmt::format("{}", revived)
                : fmt::format("{} {}", cap, tr("단계 안에 없음",
                                               "steps: never"));
    fmt::print("    {:<11} {}\n", names[k], shown);
    if (revived) {
      out.value(fmt::format("revive-{}", keys[k]),
                fmt::format("{}", revived));
    }
  }
  out.value("revive-cap", fmt::format("{}", cap));

  // ---- Dead units in a layer -----------------------------------------
  // [layer]
  nn::Generator gen2(11);
  const nn::Matrix xl = normal_matrix(gen2, 256, 3);
  nn::Matrix tl(xl.rows(), 1);
  for (Eigen::Index i = 0; i < xl.rows(); ++i) {
    tl(i, 0) = std::sin(2.0 * xl(i, 0)) + xl(i, 1) * xl(i, 2);
  }
  const nn::Linear hidden0(3, 64, gen2);
  const nn::Linear output0(64, 1, gen2);
  // Trains 3 -> 64 -> 1 with full-batch SGD: `hot` steps with a large
  // step size, then `calm` steps with a small one. Returns how many
  // hidden units are silent (w.x + b <= 0 on every sample) after each.
  auto silent = [&](Act kind, int hot, int calm) {
    nn::Linear hidden = hidden0, output = output0;
    Activation act{kind};  // PReLU: alpha stays at 0.25
    auto step = [&](double rate) {
      const nn::Matrix zh = hidden.forward(xl);
      const nn::Matrix a = act.forward(zh);
      const nn::Matrix y = output.forward(a);
      hidden.zero_grad();
      output.zero_grad();
      const nn::Matrix ga = output.backward(a, nn::mse_loss_grad(y, tl));
      hidden.backward(xl, act.backward(zh, ga));
      nn::sgd_step(hidden, rate);
      nn::sgd_step(output, rate);
    };
    for (int s = 0; s < hot; ++s) step(0.3);
    const long after_hot = count_silent(hidden.forward(xl));
    for (int s = 0; s < calm; ++s) step(0.05);
    return std::pair{after_hot, count_silent(hidden.forward(xl))};
  };
  // [/layer]
  const int hot = 200, calm = 1000;
  fmt::print("\n{}\n", tr("층 하나(3 -> 64 -> 1)의 조용한 유닛 "
                          "(모든 표본에서 w·x + b <= 0)",
                          "Silent units of a layer (3 -> 64 -> 1): "
                          "w·x + b <= 0 on every sample"));
  const long before = count_silent(hidden0.forward(xl));
  fmt::print("  {}: {} / 64 ({})\n", tr("학습 전", "before training"),
             before, tr("PReLU의 α는 0.25로 고정", "PReLU's α held at 0.25"));
  fmt::print("  {}\n", tr("lr 0.3으로 200단계 뒤 -> lr 0.05로 1000단계 더 뒤",
                          "after 200 steps at lr 0.3 -> after 1000 more "
                          "at lr 0.05"));
  for (int k = 0; k < 3; ++k) {
    const auto [h, c] = silent(kinds[k], hot, calm);
    fmt::print("    {:<11} {:2} / 64 -> {:2} / 64\n", names[k], h, c);
    out.value(fmt::format("silent-hot-{}", keys[k]), fmt::format("{}", h));
    out.value(fmt::format("silent-calm-{}", keys[k]), fmt::format("{}", c));
  }
  out.value("silent-before", fmt::format("{}", before));
  out.value("hidden-units", "64");
  out.value("layer-samples", fmt::format("{}", xl.rows()));

  // ---- PReLU learns its slope ----------------------------------------
  // [alpha-data]
  nn::Generator gen3(5);
  const int n_alpha = 200;
  const double true_slope = 0.1;
  std::vector<double> xa(n_alpha), ta(n_alpha);
  for (int i = 0; i < n_alpha; ++i) {
    xa[i] = gen3.normal();
    ta[i] = nn::prelu(xa[i], true_slope) + 0.05 * gen3.normal();
  }
  // [/alpha-data]
  // The best slope in the least-squares sense: only x < 0 depends on it.
  double sxt = 0.0, sxx = 0.0;
  for (int i = 0; i < n_alpha; ++i) {
    if (xa[i] < 0.0) {
      sxt += xa[i] * ta[i];
      sxx += xa[i] * xa[i];
    }
  }
  const double best = sxt / sxx;

  // [alpha-train]
  nn::PReLU<double> unit_p;  // alpha starts at PyTorch's 0.25
  const double lr_alpha = 0.2;
  const int alpha_steps = 60;
  std::vector<double> y(n_alpha), gy(n_alpha), gx(n_alpha);
  std::vector<double> alphas{unit_p.alpha};
  for (int s = 1; s <= alpha_steps; ++s) {
    unit_p.forward(xa, y);
    for (int i = 0; i < n_alpha; ++i) {
      gy[i] = 2.0 * (y[i] - ta[i]) / n_alpha;  // d(MSE)/dy
    }
    unit_p.zero_grad();
    unit_p.backward(xa, gy, gx);
    unit_p.alpha -= lr_alpha * unit_p.alpha_grad;
    alphas.push_back(unit_p.alpha);
  }
  // [/alpha-train]
  fmt::print("\n{}\n", tr("PReLU가 기울기 α를 배우는 과정",
                          "PReLU learning its slope α"));
  fmt::print("  {}: {:g}, {}: {:.4f}\n",
             tr("데이터를 만든 기울기", "slope that made the data"),
             true_slope, tr("최소제곱 최적값", "least-squares best"), best);
  for (int s = 0; s <= alpha_steps; s += 10) {
    fmt::print("  {} {:>2}: α = {:.4f}\n", tr("단계", "step"), s, alphas[s]);
  }
  litbook::Table ta_table({"step", "alpha", "best"});
  for (int s = 0; s <= alpha_steps; ++s) {
    ta_table.row({double(s), alphas[s], best});
  }
  out.data("alpha", ta_table);
  out.value("alpha-n", fmt::format("{}", n_alpha));
  out.value("true-slope", fmt::format("{:g}", true_slope));
  out.value("alpha-best", fmt::format("{:.4f}", best));
  out.value("alpha-lr", fmt::format("{:g}", lr_alpha));
  out.value("alpha-steps", fmt::format("{}", alpha_steps));
  out.value("alpha-final", fmt::format("{:.4f}", alphas.back()));
  out.value("alpha-at-10", fmt::format("{:.4f}", alphas[10]));

  return out.finish();
}
