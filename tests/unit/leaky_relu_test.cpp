#include <nn/leaky_relu.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

TEST_CASE("leaky relu scales negatives by the slope", "[leaky_relu]") {
  CHECK(nn::leaky_relu(3.0) == 3.0);
  CHECK(nn::leaky_relu(-1.0) == -0.01);
  CHECK(nn::leaky_relu(-1.0f) == -0.01f);
  CHECK(nn::leaky_relu(-2.0, 0.2) == -0.4);
}

TEST_CASE("leaky relu keeps negative zero, NaN and infinities",
          "[leaky_relu]") {
  CHECK(std::signbit(nn::leaky_relu(-0.0)));
  CHECK(!std::signbit(nn::leaky_relu(0.0f)));
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(nn::leaky_relu(-inf) == -inf);
  CHECK(nn::leaky_relu(inf) == inf);
  CHECK(std::isnan(nn::leaky_relu(std::nan(""))));
}

TEST_CASE("leaky relu derivative is the slope at zero and NaN, "
          "as PyTorch's autograd",
          "[leaky_relu]") {
  CHECK(nn::leaky_relu_grad(0.0) == 0.01);
  CHECK(nn::leaky_relu_grad(-0.0) == 0.01);
  CHECK(nn::leaky_relu_grad(std::nan("")) == 0.01);
  CHECK(nn::leaky_relu_grad(1e-300) == 1.0);
  CHECK(nn::leaky_relu_grad(-5.0f, 0.3f) == 0.3f);
}

TEST_CASE("batched leaky relu matches the scalar one", "[leaky_relu]") {
  const std::array<float, 4> x{-2.0f, -0.0f, 0.5f, 3.0f};
  std::array<float, 4> y{};
  std::array<float, 4> g{};
  nn::leaky_relu<float>(x, y, 0.1f);
  nn::leaky_relu_grad<float>(x, g, 0.1f);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::leaky_relu(x[i], 0.1f));
    CHECK(g[i] == nn::leaky_relu_grad(x[i], 0.1f));
  }
}

TEST_CASE("batched leaky relu rejects a size mismatch naming both sizes",
          "[leaky_relu]") {
  const std::array<double, 3> x{};
  std::array<double, 5> y{};
  CHECK_THROWS_WITH(nn::leaky_relu<double>(x, y),
                    Catch::Contains("nn::leaky_relu") &&
                        Catch::Contains("3") && Catch::Contains("5"));
  CHECK_THROWS_AS(nn::leaky_relu_grad<double>(x, y),
                  std::invalid_argument);
}
