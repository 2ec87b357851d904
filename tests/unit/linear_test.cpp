#include <nn/linear.hpp>

#include <catch2/catch.hpp>

namespace {
nn::Linear small_layer() {
  nn::Matrix w(2, 3);
  w << 1, 2, 3, -1, 0, 1;
  nn::Vector b(2);
  b << 0.5, -0.5;
  return nn::Linear(w, b);
}
}  // namespace

TEST_CASE("linear forward computes x W^T + b", "[linear]") {
  const nn::Linear layer = small_layer();
  nn::Matrix x(2, 3);
  x << 1, 0, 0, 1, 1, 1;
  const nn::Matrix y = layer.forward(x);
  nn::Matrix expected(2, 2);
  expected << 1.5, -1.5, 6.5, -0.5;
  CHECK(y == expected);
  CHECK(layer.in_features() == 3);
  CHECK(layer.out_features() == 2);
}

TEST_CASE("linear backward gives the gradients of W, b and x",
          "[linear]") {
  nn::Linear layer = small_layer();
  nn::Matrix x(2, 3);
  x << 1, 0, 0, 1, 1, 1;
  nn::Matrix gy(2, 2);
  gy << 1, 0, 0, 2;
  const nn::Matrix gx = layer.backward(x, gy);
  nn::Matrix gw(2, 3);
  gw << 1, 0, 0, 2, 2, 2;
  nn::Vector gb(2);
  gb << 1, 2;
  nn::Matrix expected_gx(2, 3);
  expected_gx << 1, 2, 3, -2, 0, 2;
  CHECK(layer.weight_grad == gw);
  CHECK(layer.bias_grad == gb);
  CHECK(gx == expected_gx);
  layer.backward(x, gy);
  CHECK(layer.weight_grad == 2 * gw);
  layer.zero_grad();
  CHECK(layer.weight_grad.isZero());
  CHECK(layer.bias_grad.isZero());
}

TEST_CASE("linear backward agrees with finite differences", "[linear]") {
  nn::Generator gen(11);
  nn::Linear layer(4, 3, gen);
  nn::Matrix x(5, 4);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = gen.normal();
  nn::Matrix gy(5, 3);
  for (Eigen::Index i = 0; i < gy.size(); ++i) gy.data()[i] = gen.normal();
  const nn::Matrix gx = layer.backward(x, gy);
  auto loss = [&](const nn::Linear& l, const nn::Matrix& in) {
    return (l.forward(in).array() * gy.array()).sum();
  };
  const double h = 1e-6;
  nn::Linear shifted = layer;
  shifted.weight(1, 2) += h;
  CHECK((loss(shifted, x) - loss(layer, x)) / h ==
        Approx(layer.weight_grad(1, 2)).epsilon(1e-6));
  nn::Matrix x2 = x;
  x2(3, 1) += h;
  CHECK((loss(layer, x2) - loss(layer, x)) / h ==
        Approx(gx(3, 1)).epsilon(1e-6));
}

TEST_CASE("linear forward names both shapes on a mismatch", "[linear]") {
  nn::Generator gen(1);
  const nn::Linear layer(3, 4, gen);
  CHECK_THROWS_WITH(layer.forward(nn::Matrix::Zero(5, 2)),
                    "nn::Linear::forward: input is 5x2 but the layer "
                    "expects 3 features (weight is 4x3)");
}

TEST_CASE("linear backward rejects a wrongly shaped gradient",
          "[linear]") {
  nn::Generator gen(1);
  nn::Linear layer(3, 4, gen);
  CHECK_THROWS_WITH(
      layer.backward(nn::Matrix::Zero(5, 3), nn::Matrix::Zero(5, 3)),
      Catch::Contains("grad_y is 5x3") && Catch::Contains("5x4"));
  CHECK_THROWS_WITH(nn::Linear(nn::Matrix::Zero(2, 3), nn::Vector(3)),
                    Catch::Contains("bias has 3") &&
                        Catch::Contains("2x3"));
}
