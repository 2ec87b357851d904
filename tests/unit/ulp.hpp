// Test helper: distance in units in the last place between two values.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace nn_test {

// Maps a float onto an integer line where neighbours differ by 1 and
// +0 and -0 meet at 0.
inline std::int64_t ordered(double x) {
  const auto b = std::bit_cast<std::int64_t>(x);
  return b < 0 ? std::numeric_limits<std::int64_t>::min() - b : b;
}
inline std::int64_t ordered(float x) {
  const auto b = std::bit_cast<std::int32_t>(x);
  return b < 0 ? std::int64_t{std::numeric_limits<std::int32_t>::min()} - b
               : std::int64_t{b};
}

// ulp distance; NaN against anything is "infinitely" far.
template <typename T>
std::int64_t ulps(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) {
    return std::numeric_limits<std::int64_t>::max();
  }
  const std::int64_t d = ordered(a) - ordered(b);
  return d < 0 ? -d : d;
}

}  // namespace nn_test
