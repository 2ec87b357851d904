#include <nn/elementwise.hpp>

#include <catch2/catch.hpp>

#include <array>

TEST_CASE("map applies a function element by element", "[elementwise]") {
  const std::array<double, 3> x{1.0, 2.0, 3.0};
  std::array<double, 3> y{};
  nn::detail::map<double>("t", x, y, [](double v) { return v * v; });
  CHECK(y == std::array<double, 3>{1.0, 4.0, 9.0});
}

TEST_CASE("size check names the function and both sizes",
          "[elementwise]") {
  CHECK_THROWS_WITH(nn::detail::check_same_size("nn::f", 7, 8),
                    "nn::f: input has 7 elements but output has 8");
  CHECK_NOTHROW(nn::detail::check_same_size("nn::f", 8, 8));
}
