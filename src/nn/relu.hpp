/// @file
/// \~english ReLU and its derivative, scalar and batched.
/// \~korean ReLU와 그 도함수(스칼라, 배치).
/// \~
#pragma once

#include <concepts>
#include <span>

#include "nn/elementwise.hpp"
#include "nn/kernels.hpp"

namespace nn {
/// @defgroup relu ReLU and its derivative
/// @{

/// \~english
/// @brief Rectified linear unit, `max(0, x)`, with PyTorch's semantics.
///
/// Negative zero stays negative zero and NaN propagates, as
/// `torch.relu` does. Introduced in chapter 1.
/// \~korean
/// @brief 정류 선형 유닛 `max(0, x)`. PyTorch와 같은 의미를 따릅니다.
///
/// `torch.relu`처럼 -0.0은 -0.0 그대로, NaN은 NaN 그대로 나옵니다.
/// 1장에서 처음 소개합니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english `x` if `x` is not less than zero or is NaN, else `0`
///         \~korean `x`가 0보다 작지 않거나 NaN이면 `x`, 아니면 `0` \~
template <std::floating_point T>
constexpr T relu(T x) noexcept {
  // `x < 0` is false for -0.0 and NaN, so both pass through unchanged.
  return x < T(0) ? T(0) : x;
}

/// \~english
/// @brief Derivative of ReLU: `1` for `x > 0`, else `0`.
///
/// At `x = 0` (and `-0.0`) the value is `0`, the convention PyTorch and
/// numpy use. For NaN it is `1`, exactly what PyTorch's autograd gives
/// (its rule is "0 where `x <= 0`, else pass the gradient through").
/// Introduced in chapter 2.
/// \~korean
/// @brief ReLU의 도함수. `x > 0`이면 `1`, 아니면 `0`.
///
/// `x = 0`(과 `-0.0`)에서는 PyTorch와 numpy의 관례대로 `0`입니다.
/// NaN에서는 `1`인데, PyTorch 자동 미분이 내놓는 값과 똑같습니다(PyTorch의
/// 규칙은 "`x <= 0`이면 0, 아니면 그래디언트를 그대로 흘려보냅니다"입니다).
/// 2장에서 소개합니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the slope of ReLU at `x`
///         \~korean `x`에서 ReLU의 기울기 \~
template <std::floating_point T>
constexpr T relu_grad(T x) noexcept {
  return x <= T(0) ? T(0) : T(1);
}

/// \~english
/// @brief Applies relu() to every element of `x`, writing into `y`.
///
/// For `float` and `double` this runs a branch-free vectorised loop
/// (src/nn/kernels.cpp), bit for bit the scalar result. `y` may be `x`
/// itself (in place). Chapter 8 measures it.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 relu()를 적용해 `y`에 씁니다.
///
/// `float`와 `double`에서는 분기 없는 벡터화 반복문
/// (src/nn/kernels.cpp)이 돌며, 결과는 스칼라 함수와 비트 단위로 같습니다.
/// `y`가 `x` 자신이어도 됩니다(제자리 계산). 8장에서 속도를 잽니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x`
///          \~korean 출력, `x`와 같은 크기 \~
template <std::floating_point T>
void relu(std::span<const T> x, std::span<T> y) {
  if constexpr (detail::has_kernel<T>) {
    detail::check_same_size("nn::relu", x.size(), y.size());
    detail::relu_kernel(x.data(), y.data(), x.size());
  } else {
    detail::map("nn::relu", x, y, [](T v) { return relu(v); });
  }
}

/// \~english
/// @brief Writes relu_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 relu_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
template <std::floating_point T>
void relu_grad(std::span<const T> x, std::span<T> dy_dx) {
  if constexpr (detail::has_kernel<T>) {
    detail::check_same_size("nn::relu_grad", x.size(), dy_dx.size());
    detail::relu_grad_kernel(x.data(), dy_dx.data(), x.size());
  } else {
    detail::map("nn::relu_grad", x, dy_dx,
                [](T v) { return relu_grad(v); });
  }
}

/// @}

}  // namespace nn
