#include <nn/elu.hpp>

#include "ulp.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

using nn_test::ulps;

TEST_CASE("elu values, with expm1 accuracy near zero", "[elu]") {
  CHECK(nn::elu(2.0) == 2.0);
  CHECK(ulps(nn::elu(-1.0), -0.6321205588285577) <= 1);
  CHECK(ulps(nn::elu(-1e-10f), -9.999999999500001e-11f) <= 1);
  CHECK(ulps(nn::elu(-1.0, 2.0), -1.2642411176571153) <= 1);
}

TEST_CASE("elu of negative zero is positive zero, as in PyTorch",
          "[elu]") {
  CHECK(nn::elu(-0.0) == 0.0);
  CHECK(!std::signbit(nn::elu(-0.0)));
  CHECK(!std::signbit(nn::elu(-0.0f)));
}

TEST_CASE("elu derivative is alpha at zero and NaN at NaN", "[elu]") {
  CHECK(nn::elu_grad(0.0) == 1.0);
  CHECK(nn::elu_grad(0.0, 2.0) == 2.0);
  CHECK(std::isnan(nn::elu_grad(std::nan(""))));
  CHECK(nn::elu_grad(3.0f) == 1.0f);
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(nn::elu(-inf) == -1.0);
  CHECK(nn::elu_grad(-inf) == 0.0);
  CHECK(std::isnan(nn::elu(std::nan(""))));
}

TEST_CASE("batched elu matches the scalar one and checks sizes", "[elu]") {
  const std::array<double, 3> x{-3.0, 0.5, 4.0};
  std::array<double, 3> y{};
  std::array<double, 3> g{};
  nn::elu<double>(x, y, 0.5);
  nn::elu_grad<double>(x, g, 0.5);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::elu(x[i], 0.5));
    CHECK(g[i] == nn::elu_grad(x[i], 0.5));
  }
  std::array<double, 2> bad{};
  CHECK_THROWS_WITH(nn::elu<double>(x, bad),
                    Catch::Contains("3") && Catch::Contains("2"));
  CHECK_THROWS_AS(nn::elu_grad<double>(x, bad), std::invalid_argument);
}
