#include <nn/sigmoid.hpp>

#include "ulp.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

using nn_test::ulps;

TEST_CASE("sigmoid has its textbook values", "[sigmoid]") {
  CHECK(nn::sigmoid(0.0) == 0.5);
  CHECK(ulps(nn::sigmoid(2.0), 0.8807970779778824) <= 1);
  CHECK(ulps(nn::sigmoid(-2.0f), 1.0f - 0.8807970779778824f) <= 1);
}

TEST_CASE("sigmoid saturates at infinities without NaN", "[sigmoid]") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(nn::sigmoid(inf) == 1.0);
  CHECK(nn::sigmoid(-inf) == 0.0);
  CHECK(nn::sigmoid_grad(inf) == 0.0);
  CHECK(nn::sigmoid_grad(-inf) == 0.0);
  CHECK(nn::sigmoid_grad(-1e30f) == 0.0f);
  CHECK(std::isnan(nn::sigmoid(std::nan(""))));
  CHECK(std::isnan(nn::sigmoid_grad(std::nan(""))));
}

TEST_CASE("sigmoid keeps tiny values far on the negative side",
          "[sigmoid]") {
  // exp(-740) = 4.2e-322, a subnormal; 1/(1+exp(740)) would give 0.
  CHECK(nn::sigmoid(-740.0) == 4.2e-322);
}

TEST_CASE("sigmoid derivative keeps its digits for large inputs",
          "[sigmoid]") {
  // s(25) (1 - s(25)) loses five digits to cancellation in double.
  CHECK(ulps(nn::sigmoid_grad(25.0), 1.388794386457827e-11) <= 2);
  CHECK(ulps(nn::sigmoid_grad(25.0f), 1.388794386457827e-11f) <= 1);
  CHECK(nn::sigmoid_grad(0.0) == 0.25);
}

TEST_CASE("batched sigmoid matches the scalar one and checks sizes",
          "[sigmoid]") {
  const std::array<float, 3> x{-3.0f, 0.0f, 4.0f};
  std::array<float, 3> y{};
  std::array<float, 3> g{};
  nn::sigmoid<float>(x, y);
  nn::sigmoid_grad<float>(x, g);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::sigmoid(x[i]));
    CHECK(g[i] == nn::sigmoid_grad(x[i]));
  }
  std::array<float, 2> bad{};
  CHECK_THROWS_WITH(nn::sigmoid<float>(x, bad),
                    Catch::Contains("nn::sigmoid") &&
                        Catch::Contains("3") && Catch::Contains("2"));
  CHECK_THROWS_AS(nn::sigmoid_grad<float>(x, bad), std::invalid_argument);
}
