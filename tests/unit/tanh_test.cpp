#include <nn/tanh.hpp>

#include "ulp.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

using nn_test::ulps;

TEST_CASE("tanh saturates at infinities and keeps negative zero",
          "[tanh]") {
  const float inf = std::numeric_limits<float>::infinity();
  CHECK(nn::tanh(inf) == 1.0f);
  CHECK(nn::tanh(-inf) == -1.0f);
  CHECK(std::signbit(nn::tanh(-0.0)));
  CHECK(nn::tanh_grad(inf) == 0.0f);
  CHECK(nn::tanh_grad(-inf) == 0.0f);
  CHECK(std::isnan(nn::tanh_grad(std::nan(""))));
}

TEST_CASE("tanh derivative near 5 has no cancellation", "[tanh]") {
  // sech(5)^2 = 1.815832309438067e-4; 1 - tanh(5)^2 in float is off by
  // thousands of ulp.
  CHECK(ulps(nn::tanh_grad(5.0f), 1.815832309438067e-4f) <= 1);
  CHECK(ulps(nn::tanh_grad(-5.0), 1.815832309438067e-4) <= 4);
  CHECK(nn::tanh_grad(0.0) == 1.0);
}

TEST_CASE("batched tanh matches the scalar one and checks sizes",
          "[tanh]") {
  const std::array<double, 3> x{-3.0, 0.5, 4.0};
  std::array<double, 3> y{};
  std::array<double, 3> g{};
  nn::tanh<double>(x, y);
  nn::tanh_grad<double>(x, g);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::tanh(x[i]));
    CHECK(g[i] == nn::tanh_grad(x[i]));
  }
  std::array<double, 1> bad{};
  CHECK_THROWS_WITH(nn::tanh<double>(x, bad),
                    Catch::Contains("3") && Catch::Contains("1"));
  CHECK_THROWS_AS(nn::tanh_grad<double>(x, bad), std::invalid_argument);
}
