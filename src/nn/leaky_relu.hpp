/// @file
/// \~english Leaky ReLU and its derivative, scalar and batched.
/// \~korean Leaky ReLU와 그 도함수(스칼라, 배치).
/// \~
#pragma once

#include <concepts>
#include <span>
#include <type_traits>

#include "nn/elementwise.hpp"
#include "nn/kernels.hpp"

namespace nn {
/// @defgroup leaky Leaky ReLU and PReLU
/// @{

/// \~english
/// @brief Leaky ReLU: `x` for `x > 0`, else `negative_slope * x`.
///
/// Computed as `torch.nn.functional.leaky_relu` does, in `T`: the result
/// is bit for bit PyTorch's. Negative zero stays negative zero
/// (`-0.0 * slope` is `-0.0`), NaN propagates.
/// \~korean
/// @brief Leaky ReLU. `x > 0`이면 `x`, 아니면 `negative_slope * x`.
///
/// `torch.nn.functional.leaky_relu`와 똑같이 `T` 타입으로 계산하므로
/// 결과가 PyTorch와 비트 단위로 같습니다. -0.0은 -0.0으로 남고
/// (`-0.0 * slope`는 `-0.0`), NaN은 그대로 전파됩니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param negative_slope \~english slope for negative inputs (PyTorch's
///        default 0.01) \~korean 음수 입력에 쓰는 기울기(PyTorch 기본값
///        0.01) \~
/// @return \~english the activation \~korean 활성화 값 \~
template <std::floating_point T>
constexpr T leaky_relu(T x,
                       std::type_identity_t<T> negative_slope = T(0.01)) {
  return x > T(0) ? x : x * negative_slope;
}

/// \~english
/// @brief Derivative of leaky_relu(): `1` for `x > 0`, else the slope.
///
/// As in PyTorch's autograd, the slope is used at `0`, `-0.0` and NaN.
/// \~korean
/// @brief leaky_relu()의 도함수. `x > 0`이면 `1`, 아니면 기울기.
///
/// PyTorch 자동 미분처럼 `0`, `-0.0`, NaN에서는 기울기를 돌려줍니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param negative_slope \~english slope for negative inputs
///        \~korean 음수 입력에 쓰는 기울기 \~
/// @return \~english the derivative at `x` \~korean `x`에서의 미분값 \~
template <std::floating_point T>
constexpr T leaky_relu_grad(
    T x, std::type_identity_t<T> negative_slope = T(0.01)) {
  return x > T(0) ? T(1) : negative_slope;
}

/// \~english
/// @brief Applies leaky_relu() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 leaky_relu()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
/// @param negative_slope \~english slope for negative inputs
///        \~korean 음수 입력에 쓰는 기울기 \~
template <std::floating_point T>
void leaky_relu(std::span<const T> x, std::span<T> y,
                std::type_identity_t<T> negative_slope = T(0.01)) {
  if constexpr (detail::has_kernel<T>) {
    detail::check_same_size("nn::leaky_relu", x.size(), y.size());
    detail::leaky_kernel(x.data(), y.data(), x.size(), negative_slope);
  } else {
    detail::map("nn::leaky_relu", x, y,
                [=](T v) { return leaky_relu(v, negative_slope); });
  }
}

/// \~english
/// @brief Writes leaky_relu_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 leaky_relu_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
/// @param negative_slope \~english slope for negative inputs
///        \~korean 음수 입력에 쓰는 기울기 \~
template <std::floating_point T>
void leaky_relu_grad(std::span<const T> x, std::span<T> dy_dx,
                     std::type_identity_t<T> negative_slope = T(0.01)) {
  if constexpr (detail::has_kernel<T>) {
    detail::check_same_size("nn::leaky_relu_grad", x.size(),
                            dy_dx.size());
    detail::leaky_grad_kernel(x.data(), dy_dx.data(), x.size(),
                              negative_slope);
  } else {
    detail::map("nn::leaky_relu_grad", x, dy_dx,
                [=](T v) { return leaky_relu_grad(v, negative_slope); });
  }
}

/// @}

}  // namespace nn
