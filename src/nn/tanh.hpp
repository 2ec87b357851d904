/// @file
/// \~english The hyperbolic tangent and its derivative, scalar and
/// batched.
/// \~korean 쌍곡탄젠트와 그 도함수(스칼라, 배치).
/// \~
#pragma once

#include <cmath>
#include <concepts>
#include <span>

#include "nn/elementwise.hpp"

namespace nn {
/// @addtogroup saturating
/// @{

/// \~english
/// @brief Hyperbolic tangent, `torch.tanh`.
///
/// `tanh(±inf)` is `±1`, `-0.0` stays `-0.0`. A `float` input is computed
/// in `double` and rounded once.
/// \~korean
/// @brief 쌍곡탄젠트. `torch.tanh`와 같습니다.
///
/// `tanh(±inf)`는 `±1`이고 -0.0은 -0.0으로 남습니다. `float` 입력은
/// `double`로 계산한 뒤 한 번만 반올림합니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english a value in [-1, 1] \~korean [-1, 1] 범위의 값 \~
template <std::floating_point T>
T tanh(T x) noexcept {
  using W = detail::wider_t<T>;
  return static_cast<T>(std::tanh(W(x)));
}

/// \~english
/// @brief Derivative of tanh(): `1 - tanh(x)^2`, computed as
/// `1 / cosh(x)^2`.
///
/// The textbook form `1 - t * t` loses most of its digits when `t` is
/// close to 1 (PyTorch's `float` result near `x = ±5` is off by
/// thousands of ulp); `1 / cosh(x)^2` does not. The value is `0` at
/// `±inf`, NaN only for NaN.
/// \~korean
/// @brief tanh()의 도함수. `1 - tanh(x)^2`을 `1 / cosh(x)^2`으로
/// 계산합니다.
///
/// 교과서 식 `1 - t * t`는 `t`가 1에 가까우면 유효숫자를 대부분
/// 잃습니다(PyTorch의 `float` 결과는 `x = ±5` 근처에서 수천 ulp나
/// 어긋납니다). `1 / cosh(x)^2`에는 그런 손실이 없습니다. `±inf`에서는 `0`이고,
/// NaN은 NaN 입력에서만 나옵니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the slope of tanh at `x`
///         \~korean `x`에서 tanh의 기울기 \~
template <std::floating_point T>
T tanh_grad(T x) noexcept {
  using W = detail::wider_t<T>;
  const W r = W(1) / std::cosh(W(x));  // cosh overflows to inf: r = 0
  return static_cast<T>(r * r);
}

/// \~english
/// @brief Applies tanh() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 tanh()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
template <std::floating_point T>
void tanh(std::span<const T> x, std::span<T> y) {
  detail::map("nn::tanh", x, y, [](T v) { return nn::tanh(v); });
}

/// \~english
/// @brief Writes tanh_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 tanh_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
template <std::floating_point T>
void tanh_grad(std::span<const T> x, std::span<T> dy_dx) {
  detail::map("nn::tanh_grad", x, dy_dx,
              [](T v) { return tanh_grad(v); });
}

/// @}

}  // namespace nn
