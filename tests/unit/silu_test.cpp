#include <nn/silu.hpp>

#include "ulp.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

using nn_test::ulps;

TEST_CASE("silu values and derivative", "[silu]") {
  CHECK(ulps(nn::silu(1.0), 0.7310585786300049) <= 2);
  CHECK(ulps(nn::silu_grad(1.0), 0.9276705118714867) <= 2);
  CHECK(ulps(nn::silu(1.0f), 0.7310585786300049f) <= 1);
  CHECK(nn::silu_grad(0.0) == 0.5);
  CHECK(std::signbit(nn::silu(-0.0f)));
}

TEST_CASE("silu is NaN where PyTorch's is", "[silu]") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(nn::silu(inf) == inf);
  CHECK(std::isnan(nn::silu(-inf)));
  CHECK(std::isnan(nn::silu_grad(inf)));
  CHECK(std::isnan(nn::silu_grad(-inf)));
}

TEST_CASE("batched silu matches the scalar one and checks sizes",
          "[silu]") {
  const std::array<double, 3> x{-3.0, 0.5, 4.0};
  std::array<double, 3> y{};
  std::array<double, 3> g{};
  nn::silu<double>(x, y);
  nn::silu_grad<double>(x, g);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::silu(x[i]));
    CHECK(g[i] == nn::silu_grad(x[i]));
  }
  std::array<double, 2> bad{};
  CHECK_THROWS_WITH(nn::silu<double>(x, bad),
                    Catch::Contains("3") && Catch::Contains("2"));
  CHECK_THROWS_AS(nn::silu_grad<double>(x, bad), std::invalid_argument);
}
