#include <nn/loss.hpp>

#include <catch2/catch.hpp>

TEST_CASE("mse loss is the mean of squared differences", "[loss]") {
  nn::Matrix pred(2, 2);
  pred << 1, 2, 3, 4;
  nn::Matrix target(2, 2);
  target << 1, 0, 3, 0;
  CHECK(nn::mse_loss(pred, target) == 5.0);  // (4 + 16) / 4
  nn::Matrix expected(2, 2);
  expected << 0, 1, 0, 2;  // 2 (pred - target) / 4
  CHECK(nn::mse_loss_grad(pred, target) == expected);
}

TEST_CASE("mse loss names both shapes on a mismatch", "[loss]") {
  CHECK_THROWS_WITH(
      nn::mse_loss(nn::Matrix::Zero(5, 1), nn::Matrix::Zero(4, 1)),
      "nn::mse_loss: prediction is 5x1 but target is 4x1");
  CHECK_THROWS_WITH(
      nn::mse_loss_grad(nn::Matrix::Zero(2, 3), nn::Matrix::Zero(3, 2)),
      Catch::Contains("2x3") && Catch::Contains("3x2"));
}
