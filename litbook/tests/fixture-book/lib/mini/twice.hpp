/// @file
/// \~english Doubling. \~korean 두 배 하기. \~
#pragma once

namespace mini {

/// \~english
/// @brief Doubles a number.
/// \~korean
/// @brief 수를 두 배로 만든다.
/// \~
/// @param x \~english the number \~korean 수 \~
/// @return \~english `2 * x` \~korean `2 * x` \~
constexpr double twice(double x) { return 2 * x; }

}  // namespace mini
