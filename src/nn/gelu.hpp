/// @file
/// \~english GELU, exact (erf) form and tanh approximation, with their
/// derivatives, scalar and batched.
/// \~korean GELU의 정확한 형태(erf)와 tanh 근사, 그리고 각각의
/// 도함수(스칼라, 배치).
/// \~
#pragma once

#include <cmath>
#include <concepts>
#include <span>

#include "nn/elementwise.hpp"
#include "nn/sigmoid.hpp"

namespace nn {
/// @defgroup smooth Smooth activations: GELU and SiLU
/// @{

namespace detail {
/// \~english @brief `1 / sqrt(2)`. \~korean @brief `1 / sqrt(2)`. \~
inline constexpr double inv_sqrt2 = 0.70710678118654752440;
/// \~english @brief `1 / sqrt(2 pi)`. \~korean @brief `1 / sqrt(2 pi)`. \~
inline constexpr double inv_sqrt_2pi = 0.39894228040143267794;
/// \~english @brief `sqrt(2 / pi)`. \~korean @brief `sqrt(2 / pi)`. \~
inline constexpr double sqrt_2_over_pi = 0.79788456080286535588;
/// \~english @brief The cubic coefficient of the tanh approximation.
/// \~korean @brief tanh 근사식의 세제곱 항 계수.
/// \~
inline constexpr double gelu_kappa = 0.044715;
}  // namespace detail

/// \~english
/// @brief GELU, `x * Phi(x)` with `Phi` the standard normal CDF
/// (`torch.nn.functional.gelu`, `approximate='none'`).
///
/// `Phi(x)` is computed as `erfc(-x / sqrt(2)) / 2`, which stays accurate
/// for large negative `x`. As in PyTorch, `gelu(-inf)` is NaN
/// (`-inf * 0`), and a NaN comes out as itself, quieted: its sign and
/// payload are kept, as nn::fast::gelu() does (a product of two NaNs,
/// whose sign would depend on the operand order, is never taken).
/// \~korean
/// @brief GELU. 표준 정규 분포의 누적 분포 함수 `Phi`로 `x * Phi(x)`입니다
/// (`torch.nn.functional.gelu`, `approximate='none'`).
///
/// `Phi(x)`는 `erfc(-x / sqrt(2)) / 2`로 계산해서 절댓값이 큰 음수에서도
/// 정확합니다. PyTorch처럼 `gelu(-inf)`는 NaN입니다(`-inf * 0`). NaN을 넣으면
/// 그 NaN이 조용한(quiet) NaN이 되어 부호와 페이로드를 그대로 지닌 채
/// 나옵니다. nn::fast::gelu()도 같습니다(부호가 피연산자 순서에 따라 달라지는
/// 두 NaN의 곱은 계산하지 않습니다).
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the activation \~korean 활성화 값 \~
template <std::floating_point T>
T gelu(T x) noexcept {
  if (x != x) return x + x;  // the NaN itself, quieted
  using W = detail::wider_t<T>;
  const W w = x;
  return static_cast<T>(
      w * (W(0.5) * std::erfc(-w * W(detail::inv_sqrt2))));
}

/// \~english
/// @brief Derivative of gelu(): `Phi(x) + x * phi(x)`, `phi` the normal
/// density. NaN at `±inf`, as PyTorch's autograd gives.
/// \~korean
/// @brief gelu()의 도함수. 정규분포 밀도 `phi`로
/// `Phi(x) + x * phi(x)`입니다. PyTorch 자동 미분처럼 `±inf`에서는 NaN입니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the derivative at `x` \~korean `x`에서의 미분값 \~
template <std::floating_point T>
T gelu_grad(T x) noexcept {
  using W = detail::wider_t<T>;
  const W w = x;
  const W cdf = W(0.5) * std::erfc(-w * W(detail::inv_sqrt2));
  const W pdf = W(detail::inv_sqrt_2pi) * std::exp(W(-0.5) * w * w);
  return static_cast<T>(cdf + w * pdf);
}

/// \~english
/// @brief GELU's tanh approximation,
/// `x / 2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))`
/// (`approximate='tanh'`).
///
/// Evaluated as `x * sigmoid(2u)`, the same value without the
/// cancellation in `1 + tanh(u)` for negative `x`.
/// \~korean
/// @brief GELU의 tanh 근사
/// `x / 2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))`
/// (`approximate='tanh'`).
///
/// 같은 값을 `x * sigmoid(2u)`로 계산해서, 음수 `x`에서
/// `1 + tanh(u)`가 일으키는 자릿수 손실을 피합니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the activation \~korean 활성화 값 \~
template <std::floating_point T>
T gelu_tanh(T x) noexcept {
  using W = detail::wider_t<T>;
  const W w = x;
  const W u = W(detail::sqrt_2_over_pi) *
              (w + W(detail::gelu_kappa) * w * w * w);
  return static_cast<T>(w * sigmoid(W(2) * u));
}

/// \~english
/// @brief Derivative of gelu_tanh(). NaN at `±inf`, as in PyTorch.
/// \~korean
/// @brief gelu_tanh()의 도함수. PyTorch처럼 `±inf`에서는 NaN입니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the derivative at `x` \~korean `x`에서의 미분값 \~
template <std::floating_point T>
T gelu_tanh_grad(T x) noexcept {
  using W = detail::wider_t<T>;
  const W w = x;
  const W k = W(detail::sqrt_2_over_pi);
  const W c = W(detail::gelu_kappa);
  const W u = k * (w + c * w * w * w);
  const W du = k * (W(1) + W(3) * c * w * w);
  const W s = sigmoid(W(2) * u);
  // d/dx [x s(2u)] = s(2u) + 2 x u' s(2u) s(-2u)
  return static_cast<T>(s + W(2) * w * du * (s * sigmoid(W(-2) * u)));
}

/// \~english
/// @brief Applies gelu() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 gelu()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
template <std::floating_point T>
void gelu(std::span<const T> x, std::span<T> y) {
  detail::map("nn::gelu", x, y, [](T v) { return gelu(v); });
}

/// \~english
/// @brief Writes gelu_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 gelu_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
template <std::floating_point T>
void gelu_grad(std::span<const T> x, std::span<T> dy_dx) {
  detail::map("nn::gelu_grad", x, dy_dx,
              [](T v) { return gelu_grad(v); });
}

/// \~english
/// @brief Applies gelu_tanh() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 gelu_tanh()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
template <std::floating_point T>
void gelu_tanh(std::span<const T> x, std::span<T> y) {
  detail::map("nn::gelu_tanh", x, y, [](T v) { return gelu_tanh(v); });
}

/// \~english
/// @brief Writes gelu_tanh_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 gelu_tanh_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
template <std::floating_point T>
void gelu_tanh_grad(std::span<const T> x, std::span<T> dy_dx) {
  detail::map("nn::gelu_tanh_grad", x, dy_dx,
              [](T v) { return gelu_tanh_grad(v); });
}

/// @}

}  // namespace nn
