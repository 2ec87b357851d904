/// @file
/// \~english Mean squared error loss and its gradient.
/// \~korean 평균 제곱 오차 손실과 그 그래디언트.
/// \~
#pragma once

#include <stdexcept>
#include <string>

#include "nn/tensor.hpp"

namespace nn {
/// @defgroup training Loss and gradient descent
/// @{

namespace detail {
/// \~english @brief Throws unless `pred` and `target` have one shape.
/// \~korean @brief `pred`와 `target`의 모양이 다르면 예외를 던집니다.
/// \~
/// @param what \~english the calling function \~korean 호출한 함수 \~
/// @param pred \~english predictions \~korean 예측값 \~
/// @param target \~english targets \~korean 목표값 \~
/// @throws std::invalid_argument
///         \~english naming both shapes \~korean 두 모양을 적어서 \~
inline void check_same_shape(const char* what, const Matrix& pred,
                             const Matrix& target) {
  if (pred.rows() != target.rows() || pred.cols() != target.cols()) {
    throw std::invalid_argument(std::string(what) + ": prediction is " +
                                shape(pred) + " but target is " +
                                shape(target));
  }
}
}  // namespace detail

/// \~english
/// @brief Mean squared error over all elements,
/// `mean((pred - target)^2)`, like `torch.nn.MSELoss()`.
/// \~korean
/// @brief 모든 원소에 대한 평균 제곱 오차 `mean((pred - target)^2)`.
/// `torch.nn.MSELoss()`와 같습니다.
/// \~
/// @param pred \~english predictions \~korean 예측값 \~
/// @param target \~english targets, same shape \~korean 목표값, 같은 모양 \~
/// @return \~english the loss \~korean 손실 \~
/// @throws std::invalid_argument
///         \~english if the shapes differ (both are named)
///         \~korean 모양이 다를 때(두 모양을 적습니다) \~
inline double mse_loss(const Matrix& pred, const Matrix& target) {
  detail::check_same_shape("nn::mse_loss", pred, target);
  return (pred - target).array().square().mean();
}

/// \~english
/// @brief Gradient of mse_loss() with respect to `pred`:
/// `2 (pred - target) / N`, `N` the number of elements.
/// \~korean
/// @brief mse_loss()를 `pred`로 미분한 값. 원소 수를 `N`이라 하면
/// `2 (pred - target) / N`입니다.
/// \~
/// @param pred \~english predictions \~korean 예측값 \~
/// @param target \~english targets, same shape \~korean 목표값, 같은 모양 \~
/// @return \~english dL/dpred, same shape \~korean dL/dpred, 같은 모양 \~
/// @throws std::invalid_argument
///         \~english if the shapes differ (both are named)
///         \~korean 모양이 다를 때(두 모양을 적습니다) \~
inline Matrix mse_loss_grad(const Matrix& pred, const Matrix& target) {
  detail::check_same_shape("nn::mse_loss_grad", pred, target);
  return (2.0 / static_cast<double>(pred.size())) * (pred - target);
}

/// @}

}  // namespace nn
