#include <nn/kernels.hpp>
#include <nn/leaky_relu.hpp>
#include <nn/prelu.hpp>
#include <nn/relu.hpp>

#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

template <typename T>
auto bits(T v) {
  using U = std::conditional_t<sizeof(T) == 4, std::uint32_t,
                               std::uint64_t>;
  return std::bit_cast<U>(v);
}

// Special values first, then random ones of both signs and many scales.
template <typename T>
std::vector<T> inputs(std::size_t n) {
  using L = std::numeric_limits<T>;
  std::vector<T> x = {T(0),          -T(0),          T(1),
                      T(-1),         L::infinity(),  -L::infinity(),
                      L::quiet_NaN(), -L::quiet_NaN(), L::denorm_min(),
                      -L::denorm_min(), L::min(),     -L::max()};
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> mant(-1.0, 1.0);
  std::uniform_int_distribution<int> expo(-40, 40);
  while (x.size() < n) x.push_back(T(std::ldexp(mant(rng), expo(rng))));
  x.resize(n);
  return x;
}

// Runs the batched function on every prefix length 0..n (so every tail
// length of the vector loop is covered) and in place, and compares each
// element with the scalar function bit for bit.
template <typename T, typename Batch, typename Scalar>
void check_against_scalar(Batch batch, Scalar scalar) {
  const std::vector<T> x = inputs<T>(67);
  for (std::size_t n = 0; n <= x.size(); ++n) {
    std::vector<T> y(n, T(7));
    batch(std::span<const T>(x.data(), n), std::span<T>(y));
    for (std::size_t i = 0; i < n; ++i) {
      INFO("n = " << n << ", x = " << x[i]);
      CHECK(bits(y[i]) == bits(scalar(x[i])));
    }
  }
  std::vector<T> z = inputs<T>(1000);
  const std::vector<T> copy = z;
  batch(std::span<const T>(z), std::span<T>(z));  // in place
  for (std::size_t i = 0; i < z.size(); ++i) {
    CHECK(bits(z[i]) == bits(scalar(copy[i])));
  }
}

}  // namespace

TEMPLATE_TEST_CASE("vectorised relu and its slope give the scalar bits",
                   "[kernels]", float, double) {
  using T = TestType;
  check_against_scalar<T>([](auto x, auto y) { nn::relu<T>(x, y); },
                          [](T v) { return nn::relu(v); });
  check_against_scalar<T>([](auto x, auto y) { nn::relu_grad<T>(x, y); },
                          [](T v) { return nn::relu_grad(v); });
}

TEMPLATE_TEST_CASE("vectorised leaky relu gives the scalar bits",
                   "[kernels]", float, double) {
  using T = TestType;
  for (T slope : {T(0.01), T(0.2), T(-0.5)}) {
    check_against_scalar<T>(
        [=](auto x, auto y) { nn::leaky_relu<T>(x, y, slope); },
        [=](T v) { return nn::leaky_relu(v, slope); });
    check_against_scalar<T>(
        [=](auto x, auto y) { nn::leaky_relu_grad<T>(x, y, slope); },
        [=](T v) { return nn::leaky_relu_grad(v, slope); });
  }
}

TEMPLATE_TEST_CASE("vectorised prelu gives the scalar bits", "[kernels]",
                   float, double) {
  using T = TestType;
  check_against_scalar<T>(
      [](auto x, auto y) { nn::prelu<T>(x, y, T(0.25)); },
      [](T v) { return nn::prelu(v, T(0.25)); });
  check_against_scalar<T>(
      [](auto x, auto y) { nn::prelu_grad<T>(x, y, T(0.25)); },
      [](T v) { return nn::prelu_grad(v, T(0.25)); });
}

TEST_CASE("relu kernel keeps -0.0 and the NaN payload", "[kernels]") {
  const float nan = std::bit_cast<float>(0x7fc01234u);
  const float x[2] = {-0.0f, nan};
  float y[2];
  nn::detail::relu_kernel(x, y, 2);
  CHECK(bits(y[0]) == bits(-0.0f));
  CHECK(bits(y[1]) == 0x7fc01234u);
}

TEST_CASE("large outputs, written past the cache, give the scalar bits",
          "[kernels]") {
  // From stream_threshold_bytes() on, the kernels use non-temporal
  // stores after a scalar prologue that aligns the output (start one
  // float off), four pages at a time, then single vectors, then a
  // scalar tail: 37 floats past a few blocks reach all of them.
  const std::size_t block = 4 * 4096 / sizeof(float);
  const std::size_t n =
      (nn::detail::stream_threshold_bytes() / sizeof(float) / block + 2) *
          block +
      37;
  REQUIRE(n * sizeof(float) >= nn::detail::stream_threshold_bytes());
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = float(int(i % 2001) - 1000) * 0.37f;
  }
  x[5] = -0.0f;
  x[n - 3] = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> buf(n + 1);
  const std::span<float> y(buf.data() + 1, n);
  auto mismatches = [&](auto scalar) {
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
      bad += bits(y[i]) != bits(scalar(x[i]));
    }
    return bad;
  };
  nn::relu<float>(x, y);
  CHECK(mismatches([](float v) { return nn::relu(v); }) == 0);
  nn::relu_grad<float>(x, y);
  CHECK(mismatches([](float v) { return nn::relu_grad(v); }) == 0);
  nn::leaky_relu<float>(x, y, 0.2f);
  CHECK(mismatches([](float v) { return nn::leaky_relu(v, 0.2f); }) == 0);
  nn::prelu_grad<float>(x, y, 0.25f);
  CHECK(mismatches([](float v) { return nn::prelu_grad(v, 0.25f); }) == 0);
  std::vector<double> xd(x.begin(), x.end());
  std::vector<double> yd(n + 1);
  nn::relu<double>(xd, std::span<double>(yd.data() + 1, n));
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    bad += bits(yd[i + 1]) != bits(nn::relu(xd[i]));
  }
  CHECK(bad == 0);
}

TEST_CASE("the streaming threshold is the size of a core's cache",
          "[kernels]") {
  const std::size_t bytes = nn::detail::stream_threshold_bytes();
  CHECK(bytes >= (std::size_t{64} << 10));
  CHECK(bytes <= (std::size_t{1} << 30));
}
