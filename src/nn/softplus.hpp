/// @file
/// \~english Softplus and its derivative, scalar and batched, with
/// PyTorch's `beta` and `threshold`.
/// \~korean Softplus와 그 도함수(스칼라, 배치). PyTorch의 `beta`,
/// `threshold`를 그대로 따릅니다.
/// \~
#pragma once

#include <cmath>
#include <concepts>
#include <span>
#include <type_traits>

#include "nn/elementwise.hpp"
#include "nn/sigmoid.hpp"

namespace nn {
/// @addtogroup unused
/// @{

/// \~english
/// @brief Softplus, `log(1 + exp(beta * x)) / beta`, a smooth ReLU.
///
/// Exactly PyTorch's rule: if `beta * x > threshold` (compared in `T`)
/// the result is `x` itself; otherwise `log1p(exp(beta * x)) / beta`.
/// `softplus(-inf)` is `0`, `softplus(inf)` is `inf`.
/// \~korean
/// @brief Softplus `log(1 + exp(beta * x)) / beta`. 매끄러운 ReLU입니다.
///
/// PyTorch와 똑같은 규칙을 씁니다. `beta * x > threshold`이면(`T`로
/// 비교) `x`를 그대로 돌려주고, 아니면 `log1p(exp(beta * x)) / beta`를
/// 계산합니다. `softplus(-inf)`는 `0`, `softplus(inf)`는 `inf`입니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param beta \~english sharpness (PyTorch's default 1)
///             \~korean 꺾이는 정도(PyTorch 기본값 1) \~
/// @param threshold \~english above it the function is linear (default
///        20) \~korean 이 값을 넘으면 선형으로 취급합니다(기본값 20) \~
/// @return \~english the activation \~korean 활성화 값 \~
template <std::floating_point T>
T softplus(T x, std::type_identity_t<T> beta = T(1),
           std::type_identity_t<T> threshold = T(20)) noexcept {
  if (x * beta > threshold) return x;
  using W = detail::wider_t<T>;
  const W bx = W(beta) * W(x);
  return static_cast<T>(std::log1p(std::exp(bx)) / W(beta));
}

/// \~english
/// @brief Derivative of softplus(): `sigmoid(beta * x)`, or exactly `1`
/// above the threshold, as PyTorch's autograd gives.
/// \~korean
/// @brief softplus()의 도함수. `sigmoid(beta * x)`이고, 문턱값을 넘으면
/// PyTorch 자동 미분처럼 정확히 `1`입니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param beta \~english sharpness \~korean 꺾이는 정도 \~
/// @param threshold \~english linear above this \~korean 이 값을 넘으면
///        선형 \~
/// @return \~english the derivative at `x` \~korean `x`에서의 미분값 \~
template <std::floating_point T>
T softplus_grad(T x, std::type_identity_t<T> beta = T(1),
                std::type_identity_t<T> threshold = T(20)) noexcept {
  if (x * beta > threshold) return T(1);
  using W = detail::wider_t<T>;
  return static_cast<T>(sigmoid(W(beta) * W(x)));
}

/// \~english
/// @brief Applies softplus() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 softplus()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
/// @param beta \~english sharpness \~korean 꺾이는 정도 \~
/// @param threshold \~english linear above this \~korean 이 값을 넘으면
///        선형 \~
template <std::floating_point T>
void softplus(std::span<const T> x, std::span<T> y,
              std::type_identity_t<T> beta = T(1),
              std::type_identity_t<T> threshold = T(20)) {
  detail::map("nn::softplus", x, y,
              [=](T v) { return softplus(v, beta, threshold); });
}

/// \~english
/// @brief Writes softplus_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 softplus_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
/// @param beta \~english sharpness \~korean 꺾이는 정도 \~
/// @param threshold \~english linear above this \~korean 이 값을 넘으면
///        선형 \~
template <std::floating_point T>
void softplus_grad(std::span<const T> x, std::span<T> dy_dx,
                   std::type_identity_t<T> beta = T(1),
                   std::type_identity_t<T> threshold = T(20)) {
  detail::map("nn::softplus_grad", x, dy_dx,
              [=](T v) { return softplus_grad(v, beta, threshold); });
}

/// @}

}  // namespace nn
