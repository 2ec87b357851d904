/// @file
/// \~english ReLU and its derivative, scalar and batched.
/// \~korean ReLU와 그 도함수(스칼라, 배치).
/// \~
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace nn {

/// \~english
/// @brief Rectified linear unit, `max(0, x)`, with PyTorch's semantics.
///
/// Negative zero stays negative zero and NaN propagates, as
/// `torch.relu` does. Introduced in chapter 1.
/// \~korean
/// @brief 정류 선형 유닛 `max(0, x)`. PyTorch와 같은 의미를 따른다.
///
/// `torch.relu`처럼 -0.0은 -0.0 그대로, NaN은 NaN 그대로 나온다.
/// 1장에서 처음 소개한다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english `x` if `x` is not less than zero or is NaN, else `0`
///         \~korean `x`가 0보다 작지 않거나 NaN이면 `x`, 아니면 `0` \~
template <typename T>
  requires std::is_floating_point_v<T>
constexpr T relu(T x) noexcept {
  // `x < 0` is false for -0.0 and NaN, so both pass through unchanged.
  return x < T(0) ? T(0) : x;
}

/// \~english
/// @brief Derivative of ReLU: `1` for `x > 0`, else `0`.
///
/// At `x = 0` (and `-0.0`) the value is `0`, the convention PyTorch and
/// numpy use; NaN propagates. Introduced in chapter 2.
/// \~korean
/// @brief ReLU의 도함수. `x > 0`이면 `1`, 아니면 `0`.
///
/// `x = 0`(과 `-0.0`)에서는 PyTorch와 numpy의 관례대로 `0`이다.
/// NaN은 NaN으로 전파된다. 2장에서 소개한다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english the slope of ReLU at `x` \~korean `x`에서 ReLU의 기울기 \~
template <typename T>
  requires std::is_floating_point_v<T>
constexpr T relu_grad(T x) noexcept {
  if (x != x) return x;  // NaN in, NaN out
  return x > T(0) ? T(1) : T(0);
}

/// \~english
/// @brief Applies relu() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 relu()를 적용해 `y`에 쓴다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알린다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은 크기 \~
template <typename T>
  requires std::is_floating_point_v<T>
void relu(std::span<const T> x, std::span<T> y) {
  if (x.size() != y.size()) {
    throw std::invalid_argument("nn::relu: input has " +
                                std::to_string(x.size()) +
                                " elements but output has " +
                                std::to_string(y.size()));
  }
  for (std::size_t i = 0; i < x.size(); ++i) y[i] = relu(x[i]);
}

}  // namespace nn
