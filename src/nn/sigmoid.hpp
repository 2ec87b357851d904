/// @file
/// \~english The logistic sigmoid and its derivative, scalar and batched.
/// \~korean 로지스틱 시그모이드와 그 도함수(스칼라, 배치).
/// \~
#pragma once

#include <cmath>
#include <concepts>
#include <span>

#include "nn/elementwise.hpp"

namespace nn {
/// @defgroup saturating Saturating activations: sigmoid and tanh
/// @{

/// \~english
/// @brief Logistic sigmoid `1 / (1 + exp(-x))`.
///
/// Evaluated without overflow on either side (`exp(x) / (1 + exp(x))`
/// for negative `x`), so `sigmoid(-inf)` is `0`, `sigmoid(inf)` is `1`
/// and there is never a NaN unless `x` is NaN. A `float` input is
/// computed in `double` and rounded once.
/// \~korean
/// @brief 로지스틱 시그모이드 `1 / (1 + exp(-x))`.
///
/// 어느 쪽으로도 넘침이 없게 계산합니다(음수 `x`에는
/// `exp(x) / (1 + exp(x))`). 그래서 `sigmoid(-inf)`는 `0`,
/// `sigmoid(inf)`는 `1`이고, `x`가 NaN일 때 말고는 NaN이 나오지 않습니다.
/// `float` 입력은 `double`로 계산한 뒤 한 번만 반올림합니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english a value in [0, 1] \~korean [0, 1] 범위의 값 \~
template <std::floating_point T>
T sigmoid(T x) noexcept {
  using W = detail::wider_t<T>;
  const W w = x;
  if (w >= W(0)) return static_cast<T>(W(1) / (W(1) + std::exp(-w)));
  const W e = std::exp(w);  // NaN also lands here and stays NaN
  return static_cast<T>(e / (W(1) + e));
}

/// \~english
/// @brief Derivative of sigmoid(): `sigmoid(x) * sigmoid(-x)`.
///
/// This is `s * (1 - s)` written without the cancellation in `1 - s`
/// for large `x`. It is `0` at `±inf` and NaN only for NaN.
/// \~korean
/// @brief sigmoid()의 도함수. `sigmoid(x) * sigmoid(-x)`.
///
/// `s * (1 - s)`와 같은 값인데, `x`가 클 때 `1 - s`에서 생기는 자릿수
/// 손실을 피하도록 바꿔 썼습니다. `±inf`에서는 `0`이고, NaN은 NaN 입력에서만
/// 나옵니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the slope of the sigmoid at `x`
///         \~korean `x`에서 시그모이드의 기울기 \~
template <std::floating_point T>
T sigmoid_grad(T x) noexcept {
  using W = detail::wider_t<T>;
  const W w = x;
  return static_cast<T>(sigmoid(w) * sigmoid(-w));
}

/// \~english
/// @brief Applies sigmoid() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 sigmoid()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
template <std::floating_point T>
void sigmoid(std::span<const T> x, std::span<T> y) {
  detail::map("nn::sigmoid", x, y, [](T v) { return sigmoid(v); });
}

/// \~english
/// @brief Writes sigmoid_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 sigmoid_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
template <std::floating_point T>
void sigmoid_grad(std::span<const T> x, std::span<T> dy_dx) {
  detail::map("nn::sigmoid_grad", x, dy_dx,
              [](T v) { return sigmoid_grad(v); });
}

/// @}

}  // namespace nn
