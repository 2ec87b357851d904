/// @file
/// \~english Plain stochastic gradient descent: `param -= lr * grad`.
/// \~korean 기본 확률적 경사 하강법: `param -= lr * grad`.
/// \~
#pragma once

#include <stdexcept>
#include <string>

#include "nn/linear.hpp"
#include "nn/tensor.hpp"

namespace nn {
/// @addtogroup training
/// @{

/// \~english
/// @brief One SGD step on a matrix parameter, `param -= lr * grad`
/// (`torch.optim.SGD` without momentum or weight decay).
/// \~korean
/// @brief 행렬 매개변수에 SGD를 한 번 적용합니다. `param -= lr * grad`
/// (모멘텀과 가중치 감쇠가 없는 `torch.optim.SGD`).
/// \~
/// @param param \~english updated in place \~korean 이 자리에서 고칩니다 \~
/// @param grad \~english same shape as `param` \~korean `param`과 같은
///             모양 \~
/// @param lr \~english learning rate \~korean 학습률 \~
/// @throws std::invalid_argument
///         \~english if the shapes differ (both are named)
///         \~korean 모양이 다를 때(두 모양을 적습니다) \~
inline void sgd_step(Matrix& param, const Matrix& grad, double lr) {
  if (param.rows() != grad.rows() || param.cols() != grad.cols()) {
    throw std::invalid_argument("nn::sgd_step: parameter is " +
                                shape(param) + " but gradient is " +
                                shape(grad));
  }
  param -= lr * grad;
}

/// \~english @brief One SGD step on a vector parameter.
/// \~korean @brief 벡터 매개변수에 SGD를 한 번 적용합니다.
/// \~
/// @param param \~english updated in place \~korean 이 자리에서 고칩니다 \~
/// @param grad \~english same size as `param` \~korean `param`과 같은
///             크기 \~
/// @param lr \~english learning rate \~korean 학습률 \~
/// @throws std::invalid_argument
///         \~english if the sizes differ (both are named)
///         \~korean 크기가 다를 때(두 크기를 적습니다) \~
inline void sgd_step(Vector& param, const Vector& grad, double lr) {
  if (param.size() != grad.size()) {
    throw std::invalid_argument("nn::sgd_step: parameter is " +
                                shape(param) + " but gradient is " +
                                shape(grad));
  }
  param -= lr * grad;
}

/// \~english @brief One SGD step on a Linear layer's weight and bias.
/// \~korean @brief Linear 층의 가중치와 편향에 SGD를 한 번 적용합니다.
/// \~
/// @param layer \~english updated in place from its gradients
///              \~korean 자신의 그래디언트로 이 자리에서 고칩니다 \~
/// @param lr \~english learning rate \~korean 학습률 \~
inline void sgd_step(Linear& layer, double lr) {
  sgd_step(layer.weight, layer.weight_grad, lr);
  sgd_step(layer.bias, layer.bias_grad, lr);
}

/// @}

}  // namespace nn
