#include <nn/prelu.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>

TEST_CASE("prelu scales negatives by alpha and keeps negative zero",
          "[prelu]") {
  CHECK(nn::prelu(2.0, 0.25) == 2.0);
  CHECK(nn::prelu(-2.0, 0.25) == -0.5);
  CHECK(std::signbit(nn::prelu(-0.0f, 0.25f)));
  CHECK(std::isnan(nn::prelu(std::nan(""), 0.25)));
}

TEST_CASE("prelu gradients with respect to x and alpha", "[prelu]") {
  CHECK(nn::prelu_grad(3.0, 0.25) == 1.0);
  CHECK(nn::prelu_grad(-3.0, 0.25) == 0.25);
  CHECK(nn::prelu_grad(0.0, 0.25) == 0.25);
  CHECK(nn::prelu_grad_alpha(3.0) == 0.0);
  CHECK(nn::prelu_grad_alpha(-3.0) == -3.0);
  CHECK(!std::signbit(nn::prelu_grad_alpha(-0.0)));
  CHECK(std::isnan(nn::prelu_grad_alpha(std::nan(""))));
}

TEST_CASE("PReLU starts at 0.25 and accumulates the alpha gradient",
          "[prelu]") {
  nn::PReLU<double> layer;
  CHECK(layer.alpha == 0.25);
  const std::array<double, 3> x{-2.0, 1.0, -4.0};
  const std::array<double, 3> gy{1.0, 10.0, 0.5};
  std::array<double, 3> y{};
  std::array<double, 3> gx{};
  layer.forward(x, y);
  CHECK(y == std::array<double, 3>{-0.5, 1.0, -1.0});
  layer.backward(x, gy, gx);
  CHECK(gx == std::array<double, 3>{0.25, 10.0, 0.125});
  CHECK(layer.alpha_grad == -4.0);  // 1 * -2 + 0.5 * -4
  layer.backward(x, gy, gx);
  CHECK(layer.alpha_grad == -8.0);
  layer.zero_grad();
  CHECK(layer.alpha_grad == 0.0);
}

TEST_CASE("PReLU backward rejects mismatched sizes", "[prelu]") {
  nn::PReLU<float> layer;
  const std::array<float, 3> x{};
  const std::array<float, 2> gy{};
  std::array<float, 3> gx{};
  CHECK_THROWS_WITH(layer.backward(x, gy, gx),
                    Catch::Contains("3") && Catch::Contains("2"));
  std::array<float, 4> y{};
  CHECK_THROWS_AS(nn::prelu<float>(x, y, 0.25f), std::invalid_argument);
  CHECK_THROWS_AS(nn::prelu_grad<float>(x, y, 0.25f),
                  std::invalid_argument);
}
