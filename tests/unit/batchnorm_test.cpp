#include <nn/batchnorm.hpp>

#include <catch2/catch.hpp>

#include <cmath>

TEST_CASE("batchnorm normalises with the biased batch variance",
          "[batchnorm]") {
  nn::BatchNorm1d bn(1);
  nn::Matrix x(2, 1);
  x << 1.0, 3.0;  // mean 2, biased variance 1
  const nn::Matrix y = bn.forward(x);
  const double s = 1.0 / std::sqrt(1.0 + 1e-5);
  CHECK(y(0, 0) == Approx(-s).epsilon(1e-15));
  CHECK(y(1, 0) == Approx(s).epsilon(1e-15));
}

TEST_CASE("batchnorm running statistics use momentum and the unbiased "
          "variance",
          "[batchnorm]") {
  nn::BatchNorm1d bn(1);
  nn::Matrix x(2, 1);
  x << 1.0, 3.0;  // unbiased variance 2
  bn.forward(x);
  CHECK(bn.running_mean(0) == Approx(0.2).epsilon(1e-15));
  CHECK(bn.running_var(0) == Approx(0.9 + 0.1 * 2.0).epsilon(1e-15));
}

TEST_CASE("batchnorm in evaluation mode uses the running statistics",
          "[batchnorm]") {
  nn::BatchNorm1d bn(2);
  bn.running_mean << 1.0, -1.0;
  bn.running_var << 4.0, 0.25;
  bn.gamma << 2.0, 1.0;
  bn.beta << 0.5, 0.0;
  bn.eval();
  CHECK(!bn.training());
  nn::Matrix x(1, 2);
  x << 3.0, 0.0;
  const nn::Matrix y = bn.forward(x);
  CHECK(y(0, 0) == Approx(0.5 + 2.0 * 2.0 / std::sqrt(4.0 + 1e-5)));
  CHECK(y(0, 1) == Approx(1.0 / std::sqrt(0.25 + 1e-5)));
  CHECK(bn.running_mean(0) == 1.0);
}

TEST_CASE("batchnorm backward agrees with finite differences",
          "[batchnorm]") {
  nn::BatchNorm1d bn(3);
  bn.gamma << 1.5, -0.5, 2.0;
  bn.beta << 0.1, 0.2, 0.3;
  nn::Matrix x(4, 3);
  x << 1, 2, 0, -1, 0.5, 3, 2, -2, 1, 0.3, 1, -1;
  nn::Matrix gy(4, 3);
  gy << 1, -1, 0.5, 2, 0, 1, -1, 3, 0.25, 0.5, 1, -2;
  auto loss = [&](nn::BatchNorm1d layer, const nn::Matrix& in) {
    return (layer.forward(in).array() * gy.array()).sum();
  };
  const nn::BatchNorm1d fresh = bn;
  bn.forward(x);
  const nn::Matrix gx = bn.backward(gy);
  const double h = 1e-6;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      nn::Matrix xp = x;
      nn::Matrix xm = x;
      xp(i, j) += h;
      xm(i, j) -= h;
      const double numeric = (loss(fresh, xp) - loss(fresh, xm)) / (2 * h);
      CHECK(gx(i, j) == Approx(numeric).margin(1e-7));
    }
  }
  nn::BatchNorm1d shifted = fresh;
  shifted.gamma(1) += h;
  CHECK(bn.gamma_grad(1) ==
        Approx((loss(shifted, x) - loss(fresh, x)) / h).epsilon(1e-5));
  CHECK(bn.beta_grad(2) == Approx(0.5 + 1 + 0.25 - 2));
}

TEST_CASE("batchnorm rejects wrong shapes and one-sample training "
          "batches",
          "[batchnorm]") {
  nn::BatchNorm1d bn(3);
  CHECK_THROWS_WITH(bn.forward(nn::Matrix::Zero(4, 2)),
                    Catch::Contains("4x2") && Catch::Contains("3"));
  CHECK_THROWS_WITH(bn.forward(nn::Matrix::Zero(1, 3)),
                    Catch::Contains("1x3"));
  bn.forward(nn::Matrix::Ones(4, 3));
  CHECK_THROWS_WITH(bn.backward(nn::Matrix::Zero(5, 3)),
                    Catch::Contains("5x3") && Catch::Contains("4x3"));
}
