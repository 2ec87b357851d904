#include <nn/tensor.hpp>

#include <catch2/catch.hpp>

TEST_CASE("shape prints rows x cols", "[tensor]") {
  CHECK(nn::shape(nn::Matrix(5, 2)) == "5x2");
  CHECK(nn::shape(nn::Vector(4)) == "4x1");
}

TEST_CASE("matrices are row major so rows are samples", "[tensor]") {
  nn::Matrix m(2, 3);
  m << 1, 2, 3, 4, 5, 6;
  CHECK(m.data()[1] == 2.0);
  CHECK(m.data()[3] == 4.0);
}
