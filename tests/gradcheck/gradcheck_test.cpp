// Every derivative and backward pass of src/nn against central finite
// differences, in double.
//
// For a scalar function f the check is
//     f'(x)  ~  (f(x + h) - f(x - h)) / (2 h),
// whose error is about h^2 |f'''| / 6 plus rounding of about eps |f| / h.
// With h = 1e-5 both stay below 1e-9 for the inputs used here, so the
// tolerance 1e-7 (absolute, and relative for large values) is tight
// enough that a wrong factor, a wrong sign or a missing term fails.
// A layer's backward pass is checked through the scalar loss
//     L = sum(G .* forward(...)),
// whose gradient with respect to any input or parameter is exactly what
// backward() returns when it is given grad_y = G.
//
// Points within 1e-3 of a kink (0 for the piecewise functions, the
// threshold of softplus) are left out: there the derivative does not
// exist and the library only follows a convention.
#include <nn/batchnorm.hpp>
#include <nn/elu.hpp>
#include <nn/gelu.hpp>
#include <nn/leaky_relu.hpp>
#include <nn/linear.hpp>
#include <nn/loss.hpp>
#include <nn/prelu.hpp>
#include <nn/random.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>
#include <nn/silu.hpp>
#include <nn/softplus.hpp>
#include <nn/tanh.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <span>
#include <vector>

namespace {

using nn::Matrix;
using nn::Vector;

constexpr double kStep = 1e-5;
constexpr double kTol = 1e-7;

// True when `analytic` is within kTol of `numeric` (relative when the
// values are larger than 1).
bool close(double analytic, double numeric) {
  return std::fabs(analytic - numeric) <=
         kTol * std::max(1.0, std::fabs(numeric));
}

double central(const std::function<double(double)>& f, double x) {
  return (f(x + kStep) - f(x - kStep)) / (2 * kStep);
}

// 481 points on [-6, 6], spaced 0.025, shifted by 0.0137 so that none
// is within 1e-3 of 0.
std::vector<double> points() {
  std::vector<double> xs;
  for (int i = 0; i <= 480; ++i) xs.push_back(-6.0 + 0.0137 + 0.025 * i);
  return xs;
}

// Checks df against central differences of f at every point that is
// farther than 1e-3 from every kink. Returns how many points it checked.
int check_derivative(const std::function<double(double)>& f,
                     const std::function<double(double)>& df,
                     const std::vector<double>& kinks = {}) {
  int checked = 0;
  for (double x : points()) {
    const bool near_kink =
        std::any_of(kinks.begin(), kinks.end(),
                    [x](double k) { return std::fabs(x - k) < 1e-3; });
    if (near_kink) continue;
    const double analytic = df(x);
    const double numeric = central(f, x);
    INFO("x = " << x << ", derivative " << analytic
                << ", finite difference " << numeric);
    CHECK(close(analytic, numeric));
    ++checked;
  }
  return checked;
}

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols,
                     nn::Generator& gen) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = gen.normal();
  return m;
}

// d/dp of loss() for every element of `p`, by central differences;
// `p` is perturbed in place and restored.
template <typename M>
M numeric_gradient(M& p, const std::function<double()>& loss) {
  M g(p.rows(), p.cols());
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const double keep = p.data()[i];
    p.data()[i] = keep + kStep;
    const double up = loss();
    p.data()[i] = keep - kStep;
    const double down = loss();
    p.data()[i] = keep;
    g.data()[i] = (up - down) / (2 * kStep);
  }
  return g;
}

template <typename A, typename B>
void check_all_close(const A& analytic, const B& numeric) {
  REQUIRE(analytic.rows() == numeric.rows());
  REQUIRE(analytic.cols() == numeric.cols());
  for (Eigen::Index i = 0; i < analytic.size(); ++i) {
    INFO("element " << i << ": backward " << analytic.data()[i]
                    << ", finite difference " << numeric.data()[i]);
    CHECK(close(analytic.data()[i], numeric.data()[i]));
  }
}

}  // namespace

// ---- Activations: the scalar derivatives ----------------------------

TEST_CASE("relu_grad matches finite differences away from 0",
          "[gradcheck][relu]") {
  const int n = check_derivative([](double x) { return nn::relu(x); },
                                 [](double x) { return nn::relu_grad(x); },
                                 {0.0});
  CHECK(n > 400);
}

TEST_CASE("leaky_relu_grad matches finite differences for several slopes",
          "[gradcheck][leaky_relu]") {
  for (double a : {0.01, 0.2, 1.5}) {
    INFO("negative_slope = " << a);
    check_derivative([a](double x) { return nn::leaky_relu(x, a); },
                     [a](double x) { return nn::leaky_relu_grad(x, a); },
                     {0.0});
  }
  check_derivative([](double x) { return nn::leaky_relu(x); },
                   [](double x) { return nn::leaky_relu_grad(x); }, {0.0});
}

TEST_CASE("prelu_grad matches finite differences in x",
          "[gradcheck][prelu]") {
  for (double a : {0.25, -0.5, 2.0}) {
    INFO("alpha = " << a);
    check_derivative([a](double x) { return nn::prelu(x, a); },
                     [a](double x) { return nn::prelu_grad(x, a); },
                     {0.0});
  }
}

TEST_CASE("prelu_grad_alpha matches finite differences in alpha",
          "[gradcheck][prelu]") {
  for (double x : points()) {
    for (double a : {0.25, -0.5, 2.0}) {
      const double numeric =
          central([x](double alpha) { return nn::prelu(x, alpha); }, a);
      INFO("x = " << x << ", alpha = " << a);
      CHECK(close(nn::prelu_grad_alpha(x), numeric));
    }
  }
}

TEST_CASE("sigmoid_grad matches finite differences",
          "[gradcheck][sigmoid]") {
  check_derivative([](double x) { return nn::sigmoid(x); },
                   [](double x) { return nn::sigmoid_grad(x); });
}

TEST_CASE("tanh_grad matches finite differences", "[gradcheck][tanh]") {
  check_derivative([](double x) { return nn::tanh(x); },
                   [](double x) { return nn::tanh_grad(x); });
}

TEST_CASE("softplus_grad matches finite differences for several betas",
          "[gradcheck][softplus]") {
  // The threshold (20 / beta) is far outside [-6, 6] for these betas.
  for (double beta : {1.0, 0.5, 2.0}) {
    INFO("beta = " << beta);
    check_derivative(
        [beta](double x) { return nn::softplus(x, beta); },
        [beta](double x) { return nn::softplus_grad(x, beta); });
  }
  // A low threshold puts the switch to the identity inside the range.
  check_derivative([](double x) { return nn::softplus(x, 1.0, 3.0); },
                   [](double x) { return nn::softplus_grad(x, 1.0, 3.0); },
                   {3.0});
}

TEST_CASE("elu_grad matches finite differences for several alphas",
          "[gradcheck][elu]") {
  for (double a : {1.0, 0.5, 2.0}) {
    INFO("alpha = " << a);
    check_derivative([a](double x) { return nn::elu(x, a); },
                     [a](double x) { return nn::elu_grad(x, a); }, {0.0});
  }
}

TEST_CASE("gelu_grad matches finite differences", "[gradcheck][gelu]") {
  check_derivative([](double x) { return nn::gelu(x); },
                   [](double x) { return nn::gelu_grad(x); });
}

TEST_CASE("gelu_tanh_grad matches finite differences",
          "[gradcheck][gelu]") {
  check_derivative([](double x) { return nn::gelu_tanh(x); },
                   [](double x) { return nn::gelu_tanh_grad(x); });
}

TEST_CASE("silu_grad matches finite differences", "[gradcheck][silu]") {
  check_derivative([](double x) { return nn::silu(x); },
                   [](double x) { return nn::silu_grad(x); });
}

// ---- Activations: the batched derivatives ----------------------------

TEST_CASE("batched derivatives match finite differences of batched forms",
          "[gradcheck][batched]") {
  std::vector<double> xs = points();
  std::erase_if(xs, [](double x) { return std::fabs(x) < 1e-3; });
  const std::size_t n = xs.size();
  std::vector<double> up(n), down(n), y_up(n), y_down(n), grad(n);
  for (std::size_t i = 0; i < n; ++i) {
    up[i] = xs[i] + kStep;
    down[i] = xs[i] - kStep;
  }
  using Fwd = std::function<void(std::span<const double>,
                                 std::span<double>)>;
  auto check = [&](const char* name, const Fwd& f, const Fwd& df) {
    f(up, y_up);
    f(down, y_down);
    df(xs, grad);
    for (std::size_t i = 0; i < n; ++i) {
      const double numeric = (y_up[i] - y_down[i]) / (2 * kStep);
      INFO(name << " at x = " << xs[i] << ": " << grad[i] << " vs "
                << numeric);
      CHECK(close(grad[i], numeric));
    }
  };
  using S = std::span<const double>;
  using D = std::span<double>;
  check("relu", [](S x, D y) { nn::relu<double>(x, y); },
        [](S x, D y) { nn::relu_grad<double>(x, y); });
  check("leaky_relu", [](S x, D y) { nn::leaky_relu<double>(x, y, 0.1); },
        [](S x, D y) { nn::leaky_relu_grad<double>(x, y, 0.1); });
  check("prelu", [](S x, D y) { nn::prelu<double>(x, y, 0.3); },
        [](S x, D y) { nn::prelu_grad<double>(x, y, 0.3); });
  check("sigmoid", [](S x, D y) { nn::sigmoid<double>(x, y); },
        [](S x, D y) { nn::sigmoid_grad<double>(x, y); });
  check("tanh", [](S x, D y) { nn::tanh<double>(x, y); },
        [](S x, D y) { nn::tanh_grad<double>(x, y); });
  check("softplus", [](S x, D y) { nn::softplus<double>(x, y, 2.0); },
        [](S x, D y) { nn::softplus_grad<double>(x, y, 2.0); });
  check("elu", [](S x, D y) { nn::elu<double>(x, y, 0.5); },
        [](S x, D y) { nn::elu_grad<double>(x, y, 0.5); });
  check("gelu", [](S x, D y) { nn::gelu<double>(x, y); },
        [](S x, D y) { nn::gelu_grad<double>(x, y); });
  check("gelu_tanh", [](S x, D y) { nn::gelu_tanh<double>(x, y); },
        [](S x, D y) { nn::gelu_tanh_grad<double>(x, y); });
  check("silu", [](S x, D y) { nn::silu<double>(x, y); },
        [](S x, D y) { nn::silu_grad<double>(x, y); });
}

// ---- Layers: backward passes ------------------------------------------

TEST_CASE("PReLU backward gives d/dx and d/dalpha of the loss",
          "[gradcheck][prelu]") {
  nn::Generator gen(61);
  std::vector<double> x(40), g(40), y(40), gx(40);
  for (double& v : x) {
    v = gen.normal();
    if (std::fabs(v) < 1e-3) v = 0.5;
  }
  for (double& v : g) v = gen.normal();
  nn::PReLU<double> layer(0.3);
  auto loss = [&](const std::vector<double>& in, double alpha) {
    nn::PReLU<double> l(alpha);
    l.forward(in, y);
    double s = 0;
    for (std::size_t i = 0; i < y.size(); ++i) s += g[i] * y[i];
    return s;
  };
  layer.backward(x, g, gx);
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::vector<double> xp = x, xm = x;
    xp[i] += kStep;
    xm[i] -= kStep;
    const double numeric =
        (loss(xp, layer.alpha) - loss(xm, layer.alpha)) / (2 * kStep);
    INFO("x[" << i << "] = " << x[i]);
    CHECK(close(gx[i], numeric));
  }
  const double numeric_alpha =
      (loss(x, layer.alpha + kStep) - loss(x, layer.alpha - kStep)) /
      (2 * kStep);
  CHECK(close(layer.alpha_grad, numeric_alpha));
}

TEST_CASE("Linear backward gives dL/dW, dL/db and dL/dx",
          "[gradcheck][linear]") {
  nn::Generator gen(62);
  nn::Linear layer(4, 3, gen);
  Matrix x = random_matrix(5, 4, gen);
  const Matrix g = random_matrix(5, 3, gen);
  auto loss = [&] { return (layer.forward(x).array() * g.array()).sum(); };

  layer.zero_grad();
  const Matrix gx = layer.backward(x, g);
  SECTION("weight") {
    check_all_close(layer.weight_grad, numeric_gradient(layer.weight, loss));
  }
  SECTION("bias") {
    check_all_close(layer.bias_grad, numeric_gradient(layer.bias, loss));
  }
  SECTION("input") { check_all_close(gx, numeric_gradient(x, loss)); }
}

TEST_CASE("mse_loss_grad gives the gradient of mse_loss",
          "[gradcheck][loss]") {
  nn::Generator gen(63);
  Matrix pred = random_matrix(6, 2, gen);
  const Matrix target = random_matrix(6, 2, gen);
  const Matrix grad = nn::mse_loss_grad(pred, target);
  check_all_close(grad, numeric_gradient(pred, [&] {
                    return nn::mse_loss(pred, target);
                  }));
}

TEST_CASE("BatchNorm1d backward in training mode gives dgamma, dbeta, dx",
          "[gradcheck][batchnorm]") {
  nn::Generator gen(64);
  nn::BatchNorm1d bn(3);
  bn.gamma << 1.5, -0.5, 2.0;
  bn.beta << 0.1, 0.2, -0.3;
  Matrix x = random_matrix(6, 3, gen);
  const Matrix g = random_matrix(6, 3, gen);
  // A copy for every evaluation: forward() also moves the running
  // statistics, which must not leak from one evaluation into the next.
  nn::BatchNorm1d probe = bn;
  auto loss = [&] {
    nn::BatchNorm1d fresh = probe;
    return (fresh.forward(x).array() * g.array()).sum();
  };

  REQUIRE(bn.training());
  bn.forward(x);
  const Matrix gx = bn.backward(g);
  SECTION("gamma") {
    check_all_close(bn.gamma_grad, numeric_gradient(probe.gamma, loss));
  }
  SECTION("beta") {
    check_all_close(bn.beta_grad, numeric_gradient(probe.beta, loss));
  }
  SECTION("input") { check_all_close(gx, numeric_gradient(x, loss)); }
}

// ---- A whole network, as chapter 7 trains it --------------------------

TEST_CASE("a Linear-ReLU-Linear network's gradients through MSE are right",
          "[gradcheck][network]") {
  nn::Generator gen(65);
  nn::Linear hidden(1, 2, gen);
  nn::Linear output(2, 1, gen);
  // Hidden pre-activations away from 0 at every sample.
  hidden.weight << 1.3, -0.7;
  hidden.bias << -0.2, 0.45;
  Matrix x(5, 1);
  x << 0.0, 0.25, 0.5, 0.75, 1.0;
  Matrix t(5, 1);
  t << 0.0, 0.5, 1.0, 0.5, 0.0;
  auto relu = [](const Matrix& z) {
    return Matrix(z.unaryExpr([](double v) { return nn::relu(v); }));
  };
  auto loss = [&] {
    return nn::mse_loss(output.forward(relu(hidden.forward(x))), t);
  };

  const Matrix z = hidden.forward(x);
  REQUIRE(z.cwiseAbs().minCoeff() > 1e-3);
  const Matrix h = relu(z);
  const Matrix y = output.forward(h);
  hidden.zero_grad();
  output.zero_grad();
  const Matrix gh = output.backward(h, nn::mse_loss_grad(y, t));
  const Matrix gz =
      gh.cwiseProduct(z.unaryExpr([](double v) { return nn::relu_grad(v); }));
  hidden.backward(x, gz);

  check_all_close(output.weight_grad, numeric_gradient(output.weight, loss));
  check_all_close(output.bias_grad, numeric_gradient(output.bias, loss));
  check_all_close(hidden.weight_grad, numeric_gradient(hidden.weight, loss));
  check_all_close(hidden.bias_grad, numeric_gradient(hidden.bias, loss));
}
