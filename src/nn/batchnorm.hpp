/// @file
/// \~english Batch normalisation over the features of a batch
/// (`torch.nn.BatchNorm1d`), forward and backward.
/// \~korean 배치의 특성별 배치 정규화(`torch.nn.BatchNorm1d`)의 순전파와
/// 역전파.
/// \~
#pragma once

#include <stdexcept>
#include <string>

#include "nn/tensor.hpp"

namespace nn {

/// \~english
/// @brief BatchNorm1d on a batch x features matrix, with PyTorch's
/// rules.
///
/// In training mode each feature is normalised with the batch mean and
/// the biased batch variance, then scaled by `gamma` and shifted by
/// `beta`; the running statistics move by `momentum` towards the batch
/// mean and the *unbiased* batch variance. In evaluation mode the
/// running statistics are used instead. backward() adds to `gamma_grad`
/// and `beta_grad`.
/// \~korean
/// @brief 배치x특성 행렬에 적용하는 BatchNorm1d. PyTorch의 규칙을
/// 따릅니다.
///
/// 학습 모드에서는 특성마다 배치 평균과 편향 분산(표본 수로 나눈 분산)으로
/// 정규화한 뒤 `gamma`를 곱하고 `beta`를 더합니다. 누적 통계는 배치
/// 평균과 *불편* 분산 쪽으로 `momentum`만큼 움직입니다. 평가 모드에서는
/// 누적 통계를 대신 씁니다. backward()는 `gamma_grad`와 `beta_grad`에
/// 그래디언트를 더합니다.
/// \~
class BatchNorm1d {
 public:
  /// \~english @brief Creates the layer: `gamma = 1`, `beta = 0`,
  /// running mean 0 and running variance 1, in training mode.
  /// \~korean @brief 층을 만듭니다. `gamma = 1`, `beta = 0`, 누적 평균 0,
  /// 누적 분산 1이고 학습 모드로 시작합니다.
  /// \~
  /// @param num_features \~english features per sample
  ///                     \~korean 표본 하나의 특성 수 \~
  /// @param eps \~english added to the variance (default 1e-5)
  ///            \~korean 분산에 더하는 작은 값(기본값 1e-5) \~
  /// @param momentum \~english running statistics rate (default 0.1)
  ///                 \~korean 누적 통계의 갱신 비율(기본값 0.1) \~
  explicit BatchNorm1d(Eigen::Index num_features, double eps = 1e-5,
                       double momentum = 0.1)
      : gamma(Vector::Ones(num_features)),
        beta(Vector::Zero(num_features)),
        gamma_grad(Vector::Zero(num_features)),
        beta_grad(Vector::Zero(num_features)),
        running_mean(Vector::Zero(num_features)),
        running_var(Vector::Ones(num_features)),
        eps_(eps),
        momentum_(momentum) {}

  /// \~english @brief Switches to training (`true`) or evaluation mode.
  /// \~korean @brief 학습 모드(`true`)나 평가 모드로 바꿉니다.
  /// \~
  /// @param on \~english `true` for training \~korean 학습이면 `true` \~
  void train(bool on = true) noexcept { training_ = on; }

  /// \~english @brief Switches to evaluation mode.
  /// \~korean @brief 평가 모드로 바꿉니다.
  /// \~
  void eval() noexcept { training_ = false; }

  /// \~english @brief Whether the layer is in training mode.
  /// \~korean @brief 학습 모드인지 알려 줍니다.
  /// \~
  /// @return \~english `true` in training mode \~korean 학습 모드면
  ///         `true` \~
  bool training() const noexcept { return training_; }

  /// \~english
  /// @brief Forward pass; in training mode it also updates the running
  /// statistics and remembers what backward() needs.
  /// \~korean
  /// @brief 순전파. 학습 모드에서는 누적 통계도 갱신하고 backward()에
  /// 필요한 값을 기억해 둡니다.
  /// \~
  /// @param x \~english batch x num_features \~korean 배치x특성 수 \~
  /// @return \~english normalised batch, same shape
  ///         \~korean 정규화한 배치, 같은 모양 \~
  /// @throws std::invalid_argument
  ///         \~english if the column count is wrong (both shapes named),
  ///         or a training batch has fewer than 2 rows
  ///         \~korean 열 수가 맞지 않을 때(두 모양을 적습니다), 또는 학습
  ///         배치의 행이 2개보다 적을 때 \~
  Matrix forward(const Matrix& x) {
    check_input("nn::BatchNorm1d::forward", x);
    if (!training_) {
      const Vector inv_std =
          (running_var.array() + eps_).rsqrt().matrix();
      return affine(x, running_mean, inv_std);
    }
    const Eigen::Index n = x.rows();
    if (n < 2) {
      throw std::invalid_argument(
          "nn::BatchNorm1d::forward: input is " + shape(x) +
          " but training needs more than 1 sample per feature");
    }
    const Vector mean = x.colwise().mean().transpose();
    const Matrix centred = x.rowwise() - mean.transpose();
    const Vector var =
        centred.array().square().colwise().mean().transpose();
    inv_std_ = (var.array() + eps_).rsqrt().matrix();
    x_hat_ = centred * inv_std_.asDiagonal();
    const double unbias = static_cast<double>(n) / (n - 1.0);
    running_mean = (1.0 - momentum_) * running_mean + momentum_ * mean;
    running_var =
        (1.0 - momentum_) * running_var + (momentum_ * unbias) * var;
    Matrix y = x_hat_ * gamma.asDiagonal();
    y.rowwise() += beta.transpose();
    return y;
  }

  /// \~english
  /// @brief Backward pass of the last training-mode forward(): adds
  /// dL/dgamma and dL/dbeta, returns dL/dx.
  ///
  /// With `g = grad_y * gamma` (per feature) and `N` rows,
  /// `dL/dx = inv_std / N * (N g - sum(g) - x_hat * sum(g x_hat))`.
  /// \~korean
  /// @brief 마지막 학습 모드 forward()의 역전파. dL/dgamma와 dL/dbeta를
  /// 더하고 dL/dx를 돌려줍니다.
  ///
  /// 특성마다 `g = grad_y * gamma`, 행 수를 `N`이라 하면
  /// `dL/dx = inv_std / N * (N g - sum(g) - x_hat * sum(g x_hat))`입니다.
  /// \~
  /// @param grad_y \~english dL/dy, same shape as the forward input
  ///               \~korean dL/dy, 순전파 입력과 같은 모양 \~
  /// @return \~english dL/dx \~korean dL/dx \~
  /// @throws std::invalid_argument
  ///         \~english if `grad_y` does not match the last training
  ///         batch (both shapes named) \~korean `grad_y`가 마지막 학습
  ///         배치와 모양이 다를 때(두 모양을 적습니다) \~
  Matrix backward(const Matrix& grad_y) {
    if (grad_y.rows() != x_hat_.rows() || grad_y.cols() != x_hat_.cols()) {
      throw std::invalid_argument(
          "nn::BatchNorm1d::backward: grad_y is " + shape(grad_y) +
          " but the last training batch was " + shape(x_hat_));
    }
    const double n = static_cast<double>(grad_y.rows());
    beta_grad += grad_y.colwise().sum().transpose();
    gamma_grad += (grad_y.array() * x_hat_.array())
                      .colwise()
                      .sum()
                      .transpose()
                      .matrix();
    const Matrix g = grad_y * gamma.asDiagonal();
    const Vector sum_g = g.colwise().sum().transpose();
    const Vector sum_gx =
        (g.array() * x_hat_.array()).colwise().sum().transpose().matrix();
    Matrix dx = n * g;
    dx.rowwise() -= sum_g.transpose();
    dx -= x_hat_ * sum_gx.asDiagonal();
    return dx * (inv_std_ / n).asDiagonal();
  }

  /// \~english @brief Sets both gradients to zero.
  /// \~korean @brief 두 그래디언트를 0으로 되돌립니다.
  /// \~
  void zero_grad() {
    gamma_grad.setZero();
    beta_grad.setZero();
  }

  /// \~english @brief Scale `gamma` (PyTorch's `weight`), one per feature.
  /// \~korean @brief 배율 `gamma`(PyTorch의 `weight`). 특성마다 하나.
  /// \~
  Vector gamma;
  /// \~english @brief Shift `beta` (PyTorch's `bias`), one per feature.
  /// \~korean @brief 이동 `beta`(PyTorch의 `bias`). 특성마다 하나.
  /// \~
  Vector beta;
  /// \~english @brief Accumulated dL/dgamma.
  /// \~korean @brief 누적된 dL/dgamma.
  /// \~
  Vector gamma_grad;
  /// \~english @brief Accumulated dL/dbeta.
  /// \~korean @brief 누적된 dL/dbeta.
  /// \~
  Vector beta_grad;
  /// \~english @brief Running mean, used in evaluation mode.
  /// \~korean @brief 누적 평균. 평가 모드에서 씁니다.
  /// \~
  Vector running_mean;
  /// \~english @brief Running (unbiased) variance, used in evaluation
  /// mode.
  /// \~korean @brief 누적 (불편) 분산. 평가 모드에서 씁니다.
  /// \~
  Vector running_var;

 private:
  void check_input(const char* what, const Matrix& x) const {
    if (x.cols() != gamma.size()) {
      throw std::invalid_argument(
          std::string(what) + ": input is " + shape(x) +
          " but the layer has " + std::to_string(gamma.size()) +
          " features");
    }
  }
  Matrix affine(const Matrix& x, const Vector& mean,
                const Vector& inv_std) const {
    Matrix y = (x.rowwise() - mean.transpose()) *
               (inv_std.array() * gamma.array()).matrix().asDiagonal();
    y.rowwise() += beta.transpose();
    return y;
  }

  double eps_;
  double momentum_;
  bool training_ = true;
  Matrix x_hat_;
  Vector inv_std_;
};

}  // namespace nn
