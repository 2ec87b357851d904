/// @file
/// \~english PReLU: leaky ReLU with a learnable slope, its gradients with
/// respect to the input and to the slope, and a small layer class.
/// \~korean PReLU: 기울기를 학습하는 Leaky ReLU. 입력과 기울기에 대한
/// 미분, 그리고 작은 층 클래스.
/// \~
#pragma once

#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>

#include "nn/elementwise.hpp"
#include "nn/kernels.hpp"

namespace nn {
/// @addtogroup leaky
/// @{

/// \~english
/// @brief PReLU: `x` for `x > 0`, else `alpha * x`.
///
/// The same formula as leaky_relu(), but `alpha` is a parameter that
/// training adjusts (`torch.nn.PReLU`). Bit for bit PyTorch's result.
/// \~korean
/// @brief PReLU. `x > 0`이면 `x`, 아니면 `alpha * x`.
///
/// 식은 leaky_relu()와 같지만 `alpha`를 학습으로 조정합니다
/// (`torch.nn.PReLU`). 결과는 PyTorch와 비트 단위로 같습니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param alpha \~english the learnable slope \~korean 학습하는 기울기 \~
/// @return \~english the activation \~korean 활성화 값 \~
template <std::floating_point T>
constexpr T prelu(T x, std::type_identity_t<T> alpha) noexcept {
  return x > T(0) ? x : alpha * x;
}

/// \~english
/// @brief Derivative of prelu() with respect to `x`: `1` or `alpha`.
///
/// `alpha` at `0`, `-0.0` and NaN, as PyTorch's autograd gives.
/// \~korean
/// @brief prelu()를 `x`로 미분한 값. `1` 또는 `alpha`.
///
/// PyTorch 자동 미분처럼 `0`, `-0.0`, NaN에서는 `alpha`입니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @param alpha \~english the slope \~korean 기울기 \~
/// @return \~english dy/dx at `x` \~korean `x`에서의 dy/dx \~
template <std::floating_point T>
constexpr T prelu_grad(T x, std::type_identity_t<T> alpha) noexcept {
  return x > T(0) ? T(1) : alpha;
}

/// \~english
/// @brief Derivative of prelu() with respect to `alpha`: `0` for
/// `x > 0`, else `x`.
///
/// Sum it over a batch (times the upstream gradient) to get the gradient
/// of a single shared `alpha`; PReLU::backward() does that.
/// \~korean
/// @brief prelu()를 `alpha`로 미분한 값. `x > 0`이면 `0`, 아니면 `x`.
///
/// 배치 전체에 걸쳐 (위에서 내려온 그래디언트를 곱해) 더하면 공유된
/// `alpha` 하나의 그래디언트가 됩니다. PReLU::backward()가 그렇게 합니다.
/// \~
/// @param x \~english input value \~korean 입력값 \~
/// @return \~english dy/dalpha at `x` \~korean `x`에서의 dy/dalpha \~
template <std::floating_point T>
constexpr T prelu_grad_alpha(T x) noexcept {
  // +0.0 (not -0.0) at x = -0.0, as PyTorch's sum over the batch gives.
  return x < T(0) || x != x ? x : T(0);
}

/// \~english
/// @brief Applies prelu() to every element of `x`, writing into `y`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 prelu()를 적용해 `y`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
/// @param alpha \~english the slope \~korean 기울기 \~
template <std::floating_point T>
void prelu(std::span<const T> x, std::span<T> y,
           std::type_identity_t<T> alpha) {
  if constexpr (detail::has_kernel<T>) {
    // alpha * x and x * alpha are the same IEEE product.
    detail::check_same_size("nn::prelu", x.size(), y.size());
    detail::leaky_kernel(x.data(), y.data(), x.size(), alpha);
  } else {
    detail::map("nn::prelu", x, y,
                [=](T v) { return prelu(v, alpha); });
  }
}

/// \~english
/// @brief Writes prelu_grad() of every element of `x` into `dy_dx`.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief `x`의 모든 원소에 대한 prelu_grad() 값을 `dy_dx`에 씁니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param dy_dx \~english output, same size as `x`
///              \~korean 출력, `x`와 같은 크기 \~
/// @param alpha \~english the slope \~korean 기울기 \~
template <std::floating_point T>
void prelu_grad(std::span<const T> x, std::span<T> dy_dx,
                std::type_identity_t<T> alpha) {
  if constexpr (detail::has_kernel<T>) {
    detail::check_same_size("nn::prelu_grad", x.size(), dy_dx.size());
    detail::leaky_grad_kernel(x.data(), dy_dx.data(), x.size(), alpha);
  } else {
    detail::map("nn::prelu_grad", x, dy_dx,
                [=](T v) { return prelu_grad(v, alpha); });
  }
}
/// @}

/// \~english
/// @brief PReLU layer with one shared slope, like `torch.nn.PReLU()`.
///
/// Holds `alpha` (initially 0.25, PyTorch's default) and the gradient
/// accumulated by backward() (PyTorch accumulates too: call zero_grad()
/// between steps).
/// \~korean
/// @brief 기울기 하나를 공유하는 PReLU 층. `torch.nn.PReLU()`와 같습니다.
///
/// `alpha`(처음 값은 PyTorch 기본값인 0.25)와 backward()가 쌓아 가는
/// 그래디언트를 들고 있습니다. PyTorch처럼 그래디언트를 누적하므로 단계마다
/// zero_grad()를 불러야 합니다.
/// \~
template <std::floating_point T>
class PReLU {
 public:
  /// \~english @brief Creates the layer with slope `init`.
  /// \~korean @brief 기울기를 `init`으로 두고 층을 만듭니다.
  /// \~
  /// @param init \~english initial slope \~korean 처음 기울기 \~
  explicit PReLU(T init = T(0.25)) noexcept : alpha(init) {}

  /// \~english @brief The slope, read and updated by the optimiser.
  /// \~korean @brief 기울기. 최적화 단계가 읽고 고칩니다.
  /// \~
  T alpha;
  /// \~english @brief Accumulated d(loss)/d(alpha).
  /// \~korean @brief 누적된 d(loss)/d(alpha).
  /// \~
  T alpha_grad = T(0);

  /// \~english
  /// @brief Forward pass: `y[i] = prelu(x[i], alpha)`.
  /// @throws std::invalid_argument if the sizes differ.
  /// \~korean
  /// @brief 순전파. `y[i] = prelu(x[i], alpha)`.
  /// @throws std::invalid_argument 두 크기가 다를 때.
  /// \~
  /// @param x \~english input values \~korean 입력값 \~
  /// @param y \~english output, same size \~korean 출력, 같은 크기 \~
  void forward(std::span<const T> x, std::span<T> y) const {
    prelu(x, y, alpha);
  }

  /// \~english
  /// @brief Backward pass: writes d(loss)/dx and adds d(loss)/d(alpha)
  /// to alpha_grad.
  /// @throws std::invalid_argument if any of the sizes differ.
  /// \~korean
  /// @brief 역전파. d(loss)/dx를 쓰고 d(loss)/d(alpha)를 alpha_grad에
  /// 더합니다.
  /// @throws std::invalid_argument 크기가 하나라도 다를 때.
  /// \~
  /// @param x \~english the forward input \~korean 순전파 때의 입력 \~
  /// @param grad_y \~english d(loss)/dy, same size
  ///               \~korean d(loss)/dy, 같은 크기 \~
  /// @param grad_x \~english output d(loss)/dx, same size
  ///               \~korean 출력 d(loss)/dx, 같은 크기 \~
  void backward(std::span<const T> x, std::span<const T> grad_y,
                std::span<T> grad_x) {
    detail::check_same_size("nn::PReLU::backward", x.size(),
                            grad_y.size());
    detail::check_same_size("nn::PReLU::backward", x.size(),
                            grad_x.size());
    T sum = T(0);
    for (std::size_t i = 0; i < x.size(); ++i) {
      grad_x[i] = grad_y[i] * prelu_grad(x[i], alpha);
      sum += grad_y[i] * prelu_grad_alpha(x[i]);
    }
    alpha_grad += sum;
  }

  /// \~english @brief Sets alpha_grad to zero.
  /// \~korean @brief alpha_grad를 0으로 되돌립니다.
  /// \~
  void zero_grad() noexcept { alpha_grad = T(0); }
};

}  // namespace nn
