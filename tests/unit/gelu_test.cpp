#include <nn/gelu.hpp>

#include "ulp.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using nn_test::ulps;

TEST_CASE("gelu exact form values and derivative", "[gelu]") {
  CHECK(ulps(nn::gelu(1.0), 0.8413447460685429) <= 2);
  CHECK(ulps(nn::gelu_grad(1.0), 1.0833154705876864) <= 2);
  CHECK(ulps(nn::gelu(1.0f), 0.8413447460685429f) <= 1);
  CHECK(nn::gelu_grad(0.0) == 0.5);
  CHECK(std::signbit(nn::gelu(-0.0)));
}

TEST_CASE("gelu tanh approximation values and derivative", "[gelu]") {
  CHECK(ulps(nn::gelu_tanh(1.0), 0.8411919906082767) <= 2);
  CHECK(ulps(nn::gelu_tanh_grad(1.0), 1.0829640838457826) <= 2);
  CHECK(ulps(nn::gelu_tanh_grad(1.0f), 1.0829640838457826f) <= 1);
  CHECK(nn::gelu_tanh_grad(0.0) == 0.5);
}

TEST_CASE("gelu is NaN where PyTorch's is: -inf, and the derivative "
          "at both infinities",
          "[gelu]") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(nn::gelu(inf) == inf);
  CHECK(std::isnan(nn::gelu(-inf)));
  CHECK(std::isnan(nn::gelu_grad(inf)));
  CHECK(std::isnan(nn::gelu_grad(-inf)));
  CHECK(nn::gelu_tanh(inf) == inf);
  CHECK(std::isnan(nn::gelu_tanh(-inf)));
  CHECK(std::isnan(nn::gelu_tanh_grad(inf)));
  CHECK(nn::gelu_grad(1e30) == 1.0);
}

namespace {
// gelu() of every NaN in `nans` (bit patterns), scalar and batched: each
// must be the input itself with the quiet bit set, sign and payload kept.
template <typename T, typename Bits>
void check_gelu_keeps_nan(std::vector<Bits> nans, Bits quiet) {
  std::vector<T> x;
  for (Bits b : nans) x.push_back(std::bit_cast<T>(b));
  x.resize(37, x.front());  // long enough for any vectorised loop
  std::vector<T> y(x.size());
  nn::gelu<T>(x, y);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const Bits want = std::bit_cast<Bits>(x[i]) | quiet;
    CHECK(std::bit_cast<Bits>(nn::gelu(x[i])) == want);
    CHECK(std::bit_cast<Bits>(y[i]) == want);
  }
}
}  // namespace

TEST_CASE("gelu of a NaN is that NaN, sign and payload kept (as PyTorch "
          "and nn::fast::gelu), scalar and batched alike",
          "[gelu]") {
  check_gelu_keeps_nan<float, std::uint32_t>(
      {0x7fc00000u, 0xffc00000u, 0x7fc01234u, 0xffa00001u}, 0x00400000u);
  check_gelu_keeps_nan<double, std::uint64_t>(
      {0x7ff8000000000000u, 0xfff8000000000000u, 0x7ff8000000001234u,
       0xfff4000000000001u},
      0x0008000000000000u);
}

TEST_CASE("batched gelu matches the scalar one and checks sizes",
          "[gelu]") {
  const std::array<float, 3> x{-3.0f, 0.5f, 4.0f};
  std::array<float, 3> y{};
  std::array<float, 3> g{};
  nn::gelu<float>(x, y);
  nn::gelu_grad<float>(x, g);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::gelu(x[i]));
    CHECK(g[i] == nn::gelu_grad(x[i]));
  }
  nn::gelu_tanh<float>(x, y);
  nn::gelu_tanh_grad<float>(x, g);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == nn::gelu_tanh(x[i]));
    CHECK(g[i] == nn::gelu_tanh_grad(x[i]));
  }
  std::array<float, 2> bad{};
  CHECK_THROWS_WITH(nn::gelu<float>(x, bad),
                    Catch::Contains("3") && Catch::Contains("2"));
  CHECK_THROWS_AS(nn::gelu_grad<float>(x, bad), std::invalid_argument);
  CHECK_THROWS_AS(nn::gelu_tanh<float>(x, bad), std::invalid_argument);
  CHECK_THROWS_AS(nn::gelu_tanh_grad<float>(x, bad),
                  std::invalid_argument);
}
