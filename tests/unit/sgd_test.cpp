#include <nn/sgd.hpp>

#include <catch2/catch.hpp>

TEST_CASE("sgd step subtracts lr times the gradient", "[sgd]") {
  nn::Matrix w(1, 2);
  w << 1.0, -1.0;
  nn::Matrix g(1, 2);
  g << 2.0, 4.0;
  nn::sgd_step(w, g, 0.5);
  CHECK(w(0, 0) == 0.0);
  CHECK(w(0, 1) == -3.0);
  nn::Vector b(1);
  b << 1.0;
  nn::Vector gb(1);
  gb << -2.0;
  nn::sgd_step(b, gb, 0.25);
  CHECK(b(0) == 1.5);
}

TEST_CASE("sgd step on a Linear layer uses its gradients", "[sgd]") {
  nn::Linear layer(nn::Matrix::Ones(2, 2), nn::Vector::Zero(2));
  layer.weight_grad.setConstant(1.0);
  layer.bias_grad.setConstant(-1.0);
  nn::sgd_step(layer, 0.1);
  CHECK(layer.weight.isApproxToConstant(0.9));
  CHECK(layer.bias.isApproxToConstant(0.1));
}

TEST_CASE("sgd step names both shapes on a mismatch", "[sgd]") {
  nn::Matrix w(2, 3);
  CHECK_THROWS_WITH(nn::sgd_step(w, nn::Matrix(3, 2), 0.1),
                    "nn::sgd_step: parameter is 2x3 but gradient is 3x2");
  nn::Vector b(2);
  CHECK_THROWS_AS(nn::sgd_step(b, nn::Vector(3), 0.1),
                  std::invalid_argument);
}
