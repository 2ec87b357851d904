/// @file
/// \~english SiLU (swish), `x * sigmoid(x)`, and its derivative, scalar
/// and batched.
/// \~korean SiLU(swish) `x * sigmoid(x)`와 그 도함수(스칼라, 배치).
/// \~
#pragma once

#include <concepts>
#include <span>

#include "nn/elementwise.hpp"
#include "nn/sigmoid.hpp"

namespace nn {
/// @addtogroup smooth
/// @{

/// \~english
/// @brief SiLU, `x * sigmoid(x)` (`torch.nn.functional.silu`).
///
/// As in PyTorch, `silu(-inf)` is NaN (`-inf * 0`).
/// \~korean
/// @brief SiLU `x * sigmoid(x)` (`torch.nn.functional.silu`).
///
/// PyTorch처럼 `silu(-inf)`는 NaN입니다(`-inf * 0`).
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the activation \~korean 활성화 값 \~
template <std::floating_point T>
T silu(T x) noexcept {
  using W = detail::wider_t<T>;
  const W w = x;
  return static_cast<T>(w * sigmoid(w));
}

/// \~english
/// @brief Derivative of silu(): `s(x) * (1 + x * s(-x))`, `s` the
/// sigmoid. NaN at `±inf`, as PyTorch's autograd gives.
/// \~korean
/// @brief silu()의 도함수. `s`를 시그모이드라 하면
/// `s(x) * (1 + x * s(-x))`입니다. PyTorch 자동 미분처럼 `±inf`에서는
/// NaN입니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the derivative at `x` \~korean `x`에서의 미분값 \~
template <std::floating_point T>
T silu_grad(T x) noexcept {
  using W = detail::wider_t<T>;
  const W w = x;
  return static_cast<T>(sigmoid(w) * (W(1) + w * sigmoid(-w)));
}

/// \~english
/// @brief Applies silu() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 silu()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
template <std::floating_point T>
void silu(std::span<const T> x, std::span<T> y) {
  detail::map("nn::silu", x, y, [](T v) { return silu(v); });
}

/// \~english
/// @brief Writes silu_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 silu_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
template <std::floating_point T>
void silu_grad(std::span<const T> x, std::span<T> dy_dx) {
  detail::map("nn::silu_grad", x, dy_dx,
              [](T v) { return silu_grad(v); });
}

/// @}

}  // namespace nn
