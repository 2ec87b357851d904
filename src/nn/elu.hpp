/// @file
/// \~english ELU and its derivative, scalar and batched.
/// \~korean ELU와 그 도함수(스칼라, 배치).
/// \~
#pragma once

#include <cmath>
#include <concepts>
#include <span>
#include <type_traits>

#include "nn/elementwise.hpp"

namespace nn {
/// @defgroup unused Functions the book's examples do not use
/// @{

/// \~english
/// @brief Exponential linear unit: `x` for `x > 0`, else
/// `alpha * (exp(x) - 1)`.
///
/// Uses `expm1`, so small negative inputs keep all their digits
/// (PyTorch 1.13 computes `exp(x) - 1` and returns `0` in `float` for
/// `x = -1e-10`). As in PyTorch, `elu(-0.0)` is `+0.0` and
/// `elu(-inf)` is `-alpha`.
/// \~korean
/// @brief 지수 선형 유닛. `x > 0`이면 `x`, 아니면 `alpha * (exp(x) - 1)`.
///
/// `expm1`을 쓰므로 절댓값이 작은 음수 입력에서도 유효숫자를 잃지
/// 않습니다(PyTorch 1.13은 `exp(x) - 1`로 계산해서 `float`에서
/// `x = -1e-10`이면 `0`을 내놓습니다). PyTorch처럼 `elu(-0.0)`은 `+0.0`,
/// `elu(-inf)`는 `-alpha`입니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param alpha \~english saturation level for negative inputs (default 1)
///              \~korean 음수 쪽에서 수렴하는 크기(기본값 1) \~
/// @return \~english the activation \~korean 활성화 값 \~
template <std::floating_point T>
T elu(T x, std::type_identity_t<T> alpha = T(1)) noexcept {
  if (!(x <= T(0))) return x;  // positive or NaN
  using W = detail::wider_t<T>;
  // `+ 0` turns the -0.0 of expm1(-0.0) into +0.0, as PyTorch returns.
  return static_cast<T>(W(alpha) * std::expm1(W(x)) + W(0));
}

/// \~english
/// @brief Derivative of elu(): `1` for `x > 0`, else `alpha * exp(x)`.
///
/// At `0` this is `alpha` (PyTorch's autograd gives the same); NaN
/// propagates, as in PyTorch's vectorised kernel (its scalar tail
/// returns `1` for NaN, so torch itself is not consistent there).
/// \~korean
/// @brief elu()의 도함수. `x > 0`이면 `1`, 아니면 `alpha * exp(x)`.
///
/// `0`에서는 `alpha`이고(PyTorch 자동 미분도 같습니다), NaN은 NaN으로
/// 전파됩니다. PyTorch의 벡터화 커널과 같은 동작입니다(스칼라로 처리하는
/// 끝부분은 NaN에 `1`을 돌려주므로 torch 자체도 일관되지 않습니다).
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param alpha \~english saturation level \~korean 수렴하는 크기 \~
/// @return \~english the derivative at `x` \~korean `x`에서의 미분값 \~
template <std::floating_point T>
T elu_grad(T x, std::type_identity_t<T> alpha = T(1)) noexcept {
  if (x > T(0)) return T(1);  // NaN goes on to exp(NaN)
  using W = detail::wider_t<T>;
  return static_cast<T>(W(alpha) * std::exp(W(x)));
}

/// \~english
/// @brief Applies elu() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 elu()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
/// @param alpha \~english saturation level \~korean 수렴하는 크기 \~
template <std::floating_point T>
void elu(std::span<const T> x, std::span<T> y,
         std::type_identity_t<T> alpha = T(1)) {
  detail::map("nn::elu", x, y, [=](T v) { return elu(v, alpha); });
}

/// \~english
/// @brief Writes elu_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 elu_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
/// @param alpha \~english saturation level \~korean 수렴하는 크기 \~
template <std::floating_point T>
void elu_grad(std::span<const T> x, std::span<T> dy_dx,
              std::type_identity_t<T> alpha = T(1)) {
  detail::map("nn::elu_grad", x, dy_dx,
              [=](T v) { return elu_grad(v, alpha); });
}

/// @}

}  // namespace nn
