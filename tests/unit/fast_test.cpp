#include <nn/fast.hpp>
#include <nn/gelu.hpp>
#include <nn/sigmoid.hpp>
#include <nn/silu.hpp>
#include <nn/softplus.hpp>
#include <nn/tanh.hpp>

#include "ulp.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

using nn_test::ulps;

namespace {

using Fast = std::function<void(std::span<const float>, std::span<float>)>;
using Exact = std::function<float(float)>;

struct Case {
  std::string name;
  Fast fast;
  Exact exact;  // the accurate function: double, rounded once
};

std::vector<Case> cases() {
  return {
      {"sigmoid", [](auto x, auto y) { nn::fast::sigmoid(x, y); },
       [](float v) { return nn::sigmoid(v); }},
      {"tanh", [](auto x, auto y) { nn::fast::tanh(x, y); },
       [](float v) { return nn::tanh(v); }},
      {"silu", [](auto x, auto y) { nn::fast::silu(x, y); },
       [](float v) { return nn::silu(v); }},
      {"gelu", [](auto x, auto y) { nn::fast::gelu(x, y); },
       [](float v) { return nn::gelu(v); }},
      {"softplus", [](auto x, auto y) { nn::fast::softplus(x, y); },
       [](float v) { return nn::softplus(v); }},
      {"softplus beta 2 threshold 5",
       [](auto x, auto y) { nn::fast::softplus(x, y, 2.0f, 5.0f); },
       [](float v) { return nn::softplus(v, 2.0f, 5.0f); }},
  };
}

// Every 1021st bit pattern: about four million floats of every sign,
// scale and class (subnormals, infinities, NaNs included).
std::vector<float> all_floats_sampled() {
  std::vector<float> x;
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 32); b += 1021) {
    x.push_back(std::bit_cast<float>(static_cast<std::uint32_t>(b)));
  }
  return x;
}

}  // namespace

TEST_CASE("fast activations stay within 3 ulp of the accurate ones",
          "[fast]") {
  // The accurate functions round the double result once, so they are
  // within half an ulp (plus a hair) of the exact value: 3 ulp here
  // keeps the fast ones within 4 ulp of exact, PyTorch check's bound.
  const std::vector<float> x = all_floats_sampled();
  std::vector<float> y(x.size());
  for (const Case& c : cases()) {
    c.fast(x, y);
    std::int64_t worst = 0;
    float worst_x = 0.0f;
    long nan_mismatch = 0;
    long zero_sign_mismatch = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const float want = c.exact(x[i]);
      if (std::isnan(want) || std::isnan(y[i])) {
        nan_mismatch += std::isnan(want) != std::isnan(y[i]);
        continue;
      }
      if (want == 0.0f && y[i] == 0.0f) {
        zero_sign_mismatch += std::signbit(want) != std::signbit(y[i]);
      }
      const std::int64_t d = ulps(y[i], want);
      if (d > worst) {
        worst = d;
        worst_x = x[i];
      }
    }
    INFO(c.name << ": worst " << worst << " ulp at x = " << worst_x);
    CHECK(worst <= 3);
    CHECK(nan_mismatch == 0);
    CHECK(zero_sign_mismatch == 0);
  }
}

TEST_CASE("fast GELU stays within 1 ulp of the accurate one, tails "
          "included",
          "[fast]") {
  // nn::fast::gelu computes in double and rounds once, so it can promise
  // more than the others (chapter 8 says so).
  const std::vector<float> x = all_floats_sampled();
  std::vector<float> y(x.size());
  nn::fast::gelu(x, y);
  std::int64_t worst = 0;
  float worst_x = 0.0f;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const float want = nn::gelu(x[i]);
    if (std::isnan(want) || std::isnan(y[i])) continue;
    const std::int64_t d = ulps(y[i], want);
    if (d > worst) {
      worst = d;
      worst_x = x[i];
    }
  }
  INFO("worst " << worst << " ulp at x = " << worst_x);
  CHECK(worst <= 1);
}

TEST_CASE("fast activations handle infinities, zeros and NaN",
          "[fast]") {
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> x = {inf, -inf, 0.0f, -0.0f,
                                std::numeric_limits<float>::quiet_NaN()};
  std::vector<float> y(x.size());
  nn::fast::sigmoid(x, y);
  CHECK(y[0] == 1.0f);
  CHECK(y[1] == 0.0f);
  CHECK(y[2] == 0.5f);
  CHECK(std::isnan(y[4]));
  nn::fast::tanh(x, y);
  CHECK(y[0] == 1.0f);
  CHECK(y[1] == -1.0f);
  CHECK(std::signbit(y[3]));
  CHECK(std::isnan(y[4]));
  nn::fast::silu(x, y);
  CHECK(y[0] == inf);
  CHECK(std::isnan(y[1]));  // -inf * 0, as in PyTorch
  CHECK(std::signbit(y[3]));
  nn::fast::softplus(x, y);
  CHECK(y[0] == inf);
  CHECK(y[1] == 0.0f);
  CHECK(std::isnan(y[4]));
}

TEST_CASE("fast gelu and nn::gelu give a NaN the same bits", "[fast]") {
  std::vector<float> x;
  for (std::uint32_t b : {0x7fc00000u, 0xffc00000u, 0x7fc01234u}) {
    x.push_back(std::bit_cast<float>(b));
  }
  x.resize(37, x.front());  // whole vectors and a tail
  std::vector<float> y(x.size());
  nn::fast::gelu(x, y);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(std::bit_cast<std::uint32_t>(y[i]) ==
          std::bit_cast<std::uint32_t>(nn::gelu(x[i])));
  }
}

TEST_CASE("fast activations give each element the same bits whatever "
          "its position, and work in place",
          "[fast]") {
  std::vector<float> x;
  for (int i = 0; i < 50; ++i) x.push_back(0.37f * float(i) - 9.0f);
  for (const Case& c : cases()) {
    std::vector<float> whole(x.size());
    c.fast(x, whole);
    for (std::size_t n = 0; n <= x.size(); ++n) {
      std::vector<float> part(x.begin(), x.begin() + long(n));
      c.fast(part, part);  // in place, every tail length
      for (std::size_t i = 0; i < n; ++i) {
        INFO(c.name << " n = " << n << " i = " << i);
        CHECK(std::bit_cast<std::uint32_t>(part[i]) ==
              std::bit_cast<std::uint32_t>(whole[i]));
      }
    }
  }
}

TEST_CASE("fast activations name both sizes when they differ",
          "[fast]") {
  std::vector<float> x(3), y(2);
  CHECK_THROWS_WITH(nn::fast::sigmoid(x, y),
                    Catch::Contains("nn::fast::sigmoid") &&
                        Catch::Contains("3") && Catch::Contains("2"));
  CHECK_THROWS_AS(nn::fast::tanh(x, y), std::invalid_argument);
  CHECK_THROWS_AS(nn::fast::silu(x, y), std::invalid_argument);
  CHECK_THROWS_AS(nn::fast::softplus(x, y), std::invalid_argument);
}
