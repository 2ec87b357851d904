#include <nn/softplus.hpp>

#include "ulp.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

using nn_test::ulps;

TEST_CASE("softplus follows PyTorch's threshold rule", "[softplus]") {
  CHECK(nn::softplus(20.5) == 20.5);  // beta * x > 20: x itself
  CHECK(ulps(nn::softplus(20.0), 20.000000002061153) <= 1);
  CHECK(nn::softplus(3.0, 2.0, 5.0) == 3.0);  // 2 * 3 > 5
  CHECK(nn::softplus_grad(20.5) == 1.0);
  CHECK(nn::softplus_grad(3.0f, 2.0f, 5.0f) == 1.0f);
}

TEST_CASE("softplus values and derivative", "[softplus]") {
  CHECK(ulps(nn::softplus(1.0), 1.3132616875182228) <= 1);
  CHECK(ulps(nn::softplus(-30.0), 9.357622968839737e-14) <= 1);
  CHECK(ulps(nn::softplus(0.0f), 0.6931471805599453f) <= 1);
  CHECK(nn::softplus_grad(0.0) == 0.5);
}

TEST_CASE("softplus at infinities and NaN", "[softplus]") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(nn::softplus(-inf) == 0.0);
  CHECK(nn::softplus(inf) == inf);
  CHECK(nn::softplus_grad(-inf) == 0.0);
  CHECK(std::isnan(nn::softplus(std::nan(""))));
  CHECK(std::isnan(nn::softplus_grad(std::nan(""))));
}

TEST_CASE("batched softplus matches the scalar one and checks sizes",
          "[softplus]") {
  const std::array<float, 3> x{-3.0f, 0.5f, 4.0f};
  std::array<float, 3> y{};
  std::array<float, 3> g{};
  nn::softplus<float>(x, y, 2.0f, 5.0f);
  nn::softplus_grad<float>(x, g, 2.0f, 5.0f);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::softplus(x[i], 2.0f, 5.0f));
    CHECK(g[i] == nn::softplus_grad(x[i], 2.0f, 5.0f));
  }
  std::array<float, 4> bad{};
  CHECK_THROWS_WITH(nn::softplus<float>(x, bad),
                    Catch::Contains("3") && Catch::Contains("4"));
  CHECK_THROWS_AS(nn::softplus_grad<float>(x, bad),
                  std::invalid_argument);
}
