/// @file
/// \~english A fully connected layer, `y = x W^T + b`, forward and
/// backward.
/// \~korean 완전 연결 층 `y = x W^T + b`의 순전파와 역전파.
/// \~
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "nn/init.hpp"
#include "nn/random.hpp"
#include "nn/tensor.hpp"

namespace nn {

/// \~english
/// @brief Fully connected layer like `torch.nn.Linear`:
/// `y = x W^T + b` on a batch whose rows are samples.
///
/// `weight` is `out x in`, `bias` has `out` entries. backward() adds to
/// `weight_grad` and `bias_grad` (PyTorch accumulates as well: call
/// zero_grad() between steps).
/// \~korean
/// @brief `torch.nn.Linear`와 같은 완전 연결 층. 행 하나가 표본 하나인
/// 배치에 `y = x W^T + b`를 계산합니다.
///
/// `weight`는 `출력x입력`, `bias`는 출력 개수만큼의 값을 갖습니다.
/// backward()는 `weight_grad`와 `bias_grad`에 그래디언트를 더합니다(PyTorch도
/// 누적하므로 단계마다 zero_grad()를 부릅니다).
/// \~
class Linear {
 public:
  /// \~english
  /// @brief A layer with PyTorch's default initialisation drawn from
  /// `gen` (see linear_default_init()).
  /// \~korean
  /// @brief `gen`에서 뽑은 PyTorch 기본 초기화로 층을 만듭니다
  /// (linear_default_init() 참고).
  /// \~
  /// @param in_features \~english inputs per sample
  ///                    \~korean 표본 하나의 입력 개수 \~
  /// @param out_features \~english outputs per sample
  ///                     \~korean 표본 하나의 출력 개수 \~
  /// @param gen \~english the generator \~korean 난수 생성기 \~
  /// @throws std::invalid_argument
  ///         \~english if `in_features` is 0 \~korean `in_features`가
  ///         0일 때 \~
  Linear(Eigen::Index in_features, Eigen::Index out_features,
         Generator& gen)
      : weight(out_features, in_features),
        bias(out_features),
        weight_grad(Matrix::Zero(out_features, in_features)),
        bias_grad(Vector::Zero(out_features)) {
    linear_default_init(weight, bias, gen);
  }

  /// \~english @brief A layer with the given parameters.
  /// \~korean @brief 주어진 매개변수로 층을 만듭니다.
  /// \~
  /// @param w \~english weight, out x in \~korean 가중치, 출력x입력 \~
  /// @param b \~english bias, out entries \~korean 편향, 출력 개수만큼 \~
  /// @throws std::invalid_argument
  ///         \~english if `b` does not have one entry per row of `w`
  ///         \~korean `b`의 크기가 `w`의 행 수와 다를 때 \~
  Linear(Matrix w, Vector b)
      : weight(std::move(w)),
        bias(std::move(b)),
        weight_grad(Matrix::Zero(weight.rows(), weight.cols())),
        bias_grad(Vector::Zero(bias.size())) {
    check_parameters("nn::Linear");
  }

  /// \~english @brief Number of input features (columns of `weight`).
  /// \~korean @brief 입력 특성 수(`weight`의 열 수).
  /// \~
  /// @return \~english `weight.cols()` \~korean `weight.cols()` \~
  Eigen::Index in_features() const { return weight.cols(); }

  /// \~english @brief Number of output features (rows of `weight`).
  /// \~korean @brief 출력 특성 수(`weight`의 행 수).
  /// \~
  /// @return \~english `weight.rows()` \~korean `weight.rows()` \~
  Eigen::Index out_features() const { return weight.rows(); }

  /// \~english @brief Forward pass, `y = x W^T + b`.
  /// \~korean @brief 순전파 `y = x W^T + b`.
  /// \~
  /// @param x \~english batch x in \~korean 배치x입력 \~
  /// @return \~english batch x out \~korean 배치x출력 \~
  /// @throws std::invalid_argument
  ///         \~english if `x` does not have in_features() columns (the
  ///         message names both shapes) \~korean `x`의 열 수가
  ///         in_features()와 다를 때(메시지에 두 모양을 적습니다) \~
  Matrix forward(const Matrix& x) const {
    check_parameters("nn::Linear::forward");
    check_input("nn::Linear::forward", x);
    Matrix y = x * weight.transpose();
    y.rowwise() += bias.transpose();
    return y;
  }

  /// \~english
  /// @brief Backward pass: adds dL/dW and dL/db to the gradients and
  /// returns dL/dx.
  ///
  /// `dL/dW = grad_y^T x`, `dL/db` = column sums of `grad_y`,
  /// `dL/dx = grad_y W`.
  /// \~korean
  /// @brief 역전파. dL/dW와 dL/db를 그래디언트에 더하고 dL/dx를 돌려줍니다.
  ///
  /// `dL/dW = grad_y^T x`, `dL/db`는 `grad_y`의 열별 합,
  /// `dL/dx = grad_y W`입니다.
  /// \~
  /// @param x \~english the forward input, batch x in
  ///          \~korean 순전파 때의 입력, 배치x입력 \~
  /// @param grad_y \~english dL/dy, batch x out
  ///               \~korean dL/dy, 배치x출력 \~
  /// @return \~english dL/dx, batch x in \~korean dL/dx, 배치x입력 \~
  /// @throws std::invalid_argument
  ///         \~english on any shape mismatch (both shapes are named)
  ///         \~korean 모양이 하나라도 맞지 않을 때(두 모양을 적습니다) \~
  Matrix backward(const Matrix& x, const Matrix& grad_y) {
    check_parameters("nn::Linear::backward");
    check_input("nn::Linear::backward", x);
    if (grad_y.rows() != x.rows() || grad_y.cols() != out_features()) {
      throw std::invalid_argument(
          "nn::Linear::backward: grad_y is " + shape(grad_y) +
          " but expected " + std::to_string(x.rows()) + "x" +
          std::to_string(out_features()) + " (input is " + shape(x) +
          ", weight is " + shape(weight) + ")");
    }
    weight_grad.noalias() += grad_y.transpose() * x;
    bias_grad += grad_y.colwise().sum().transpose();
    return grad_y * weight;
  }

  /// \~english @brief Sets both gradients to zero.
  /// \~korean @brief 두 그래디언트를 0으로 되돌립니다.
  /// \~
  void zero_grad() {
    weight_grad.setZero(weight.rows(), weight.cols());
    bias_grad.setZero(bias.size());
  }

  /// \~english @brief Weight `W`, out x in.
  /// \~korean @brief 가중치 `W`, 출력x입력.
  /// \~
  Matrix weight;
  /// \~english @brief Bias `b`, out entries.
  /// \~korean @brief 편향 `b`, 출력 개수만큼.
  /// \~
  Vector bias;
  /// \~english @brief Accumulated dL/dW, same shape as `weight`.
  /// \~korean @brief 누적된 dL/dW. `weight`와 모양이 같습니다.
  /// \~
  Matrix weight_grad;
  /// \~english @brief Accumulated dL/db, same size as `bias`.
  /// \~korean @brief 누적된 dL/db. `bias`와 크기가 같습니다.
  /// \~
  Vector bias_grad;

 private:
  void check_parameters(const char* what) const {
    if (bias.size() != weight.rows()) {
      throw std::invalid_argument(
          std::string(what) + ": bias has " + std::to_string(bias.size()) +
          " elements but weight is " + shape(weight));
    }
  }
  void check_input(const char* what, const Matrix& x) const {
    if (x.cols() != in_features()) {
      throw std::invalid_argument(
          std::string(what) + ": input is " + shape(x) +
          " but the layer expects " + std::to_string(in_features()) +
          " features (weight is " + shape(weight) + ")");
    }
  }
};

}  // namespace nn
