// The vector plumbing of the kernels (src/nn/detail/simd.hpp).
#include <nn/detail/simd.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace {

using F = nn::detail::simd::vf<nn::detail::simd::portable>;

std::uint32_t bits(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// Triples where rounding a * b + c to double and then to float is wrong:
// a * b = 2^-24 (1 + k 2^-47) with 0 < k < 2^18, so that the exact sum
// with c = 1 is 1 + 2^-24 + k 2^-71, which rounds to the float midpoint
// 1 + 2^-24 in double (and then to 1, the even neighbour), while the
// correctly rounded result is 1 + 2^-23. With signs flipped too.
std::vector<float> hard_triples() {
  std::vector<float> t;
  const std::uint64_t two47 = std::uint64_t{1} << 47;
  for (std::uint64_t i = (1u << 23) + 1; t.size() < 3 * 400; ++i) {
    const std::uint64_t j = (two47 + i - 1) / i;  // i * j just above 2^47
    const std::uint64_t k = i * j - two47;
    if (k == 0 || k >= (1u << 18) || j >= (1u << 24)) continue;
    const float a = std::ldexp(float(i), -23 - 24);
    const float b = std::ldexp(float(j), -24);
    const float sign = (t.size() / 3) % 2 ? -1.0f : 1.0f;
    t.insert(t.end(), {sign * a, b, sign * 1.0f});
  }
  return t;
}

}  // namespace

TEST_CASE("fmaf_by_double rounds a * b + c once, where rounding twice "
          "would not",
          "[simd]") {
  const std::vector<float> t = hard_triples();
  int wrong_twice = 0;
  int mismatches = 0;
  for (std::size_t n = 0; n < t.size(); n += 3) {
    const float a = t[n], b = t[n + 1], c = t[n + 2];
    const float want = std::fmaf(a, b, c);
    const float twice = float(double(a) * double(b) + double(c));
    wrong_twice += bits(twice) != bits(want);
    const F got = nn::detail::simd::fmaf_by_double(F{} + a, F{} + b,
                                                    F{} + c);
    for (int lane = 0; lane < 4; ++lane) {
      mismatches += bits(got[lane]) != bits(want);
    }
  }
  CHECK(wrong_twice == int(t.size() / 3));  // every triple is hard
  CHECK(mismatches == 0);
}

TEST_CASE("fmaf_by_double equals fmaf on random, tiny, huge and special "
          "operands",
          "[simd]") {
  std::mt19937 gen(12345);
  std::uniform_int_distribution<std::uint32_t> any;
  auto pick = [&] {
    const std::uint32_t b = any(gen);
    float v;
    std::memcpy(&v, &b, sizeof v);
    return v;
  };
  using L = std::numeric_limits<float>;
  const float special[] = {0.0f, -0.0f, L::infinity(), -L::infinity(),
                           L::denorm_min(), L::min(), L::max(), 1.0f};
  int mismatches = 0;
  for (int n = 0; n < 200000; ++n) {
    F a, b, c;
    for (int lane = 0; lane < 4; ++lane) {
      a[lane] = n % 7 == 0 ? special[n % 8] : pick();
      b[lane] = pick();
      // c near -a * b (cancellation) half of the time
      c[lane] = n % 2 ? -(a[lane] * b[lane]) * (1.0f + 0x1p-20f * lane)
                      : pick();
    }
    const F got = nn::detail::simd::fmaf_by_double(a, b, c);
    for (int lane = 0; lane < 4; ++lane) {
      const float want = std::fmaf(a[lane], b[lane], c[lane]);
      if (std::isnan(want)) {
        mismatches += !std::isnan(got[lane]);
      } else {
        mismatches += bits(got[lane]) != bits(want);
      }
    }
  }
  CHECK(mismatches == 0);
}
