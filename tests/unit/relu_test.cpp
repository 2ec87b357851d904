#include <nn/relu.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

TEST_CASE("relu keeps positives and zeroes negatives", "[relu]") {
  CHECK(nn::relu(2.5) == 2.5);
  CHECK(nn::relu(-2.5) == 0.0);
  CHECK(nn::relu(2.5f) == 2.5f);
}

TEST_CASE("relu keeps negative zero and propagates NaN", "[relu]") {
  const double nz = nn::relu(-0.0);
  CHECK(nz == 0.0);
  CHECK(std::signbit(nz));
  CHECK(std::isnan(nn::relu(std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("relu derivative is 0 at zero and at negative zero", "[relu]") {
  CHECK(nn::relu_grad(0.0) == 0.0);
  CHECK(nn::relu_grad(-0.0) == 0.0);
  CHECK(nn::relu_grad(1e-300) == 1.0);
  CHECK(nn::relu_grad(-3.0f) == 0.0f);
}

TEST_CASE("batched relu rejects a size mismatch naming both sizes",
          "[relu]") {
  std::array<double, 3> x{-1.0, 0.0, 1.0};
  std::array<double, 2> y{};
  CHECK_THROWS_WITH(nn::relu<double>(x, y),
                    Catch::Contains("3") && Catch::Contains("2"));
}

TEST_CASE("relu derivative at NaN is 1, as PyTorch's autograd gives",
          "[relu]") {
  CHECK(nn::relu_grad(std::numeric_limits<double>::quiet_NaN()) == 1.0);
  CHECK(nn::relu_grad(-std::numeric_limits<float>::infinity()) == 0.0f);
}

TEST_CASE("batched relu derivative matches the scalar one", "[relu]") {
  const std::array<double, 4> x{-1.0, -0.0, 0.0, 2.0};
  std::array<double, 4> g{};
  nn::relu_grad<double>(x, g);
  CHECK(g == std::array<double, 4>{0.0, 0.0, 0.0, 1.0});
  std::array<double, 3> bad{};
  CHECK_THROWS_AS(nn::relu_grad<double>(x, bad), std::invalid_argument);
}
