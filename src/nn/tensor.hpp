/// @file
/// \~english The matrix and vector types of the layers, and how their
/// shapes are printed in error messages.
/// \~korean 층들이 쓰는 행렬·벡터 타입과, 오류 메시지에 모양을 적는 방법.
/// \~
#pragma once

#include <Eigen/Dense>

#include <string>

namespace nn {
/// @defgroup layers Matrices and shapes
/// @{

/// \~english
/// @brief A row-major dynamic matrix; in a batch, one row is one sample.
/// \~korean
/// @brief 행 우선 동적 행렬. 배치에서는 행 하나가 표본 하나입니다.
/// \~
template <typename T>
using MatrixT =
    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// \~english @brief A dynamic column vector (biases, per-feature values).
/// \~korean @brief 동적 열 벡터(편향, 특성별 값).
/// \~
template <typename T>
using VectorT = Eigen::Matrix<T, Eigen::Dynamic, 1>;

/// \~english @brief The `double` matrix the layers use.
/// \~korean @brief 층들이 쓰는 `double` 행렬.
/// \~
using Matrix = MatrixT<double>;

/// \~english @brief The `double` vector the layers use.
/// \~korean @brief 층들이 쓰는 `double` 벡터.
/// \~
using Vector = VectorT<double>;

/// \~english @brief The shape of `m` as `"rows x cols"`, e.g. `"5x2"`.
/// \~korean @brief `m`의 모양을 `"행x열"` 꼴(예: `"5x2"`)로 돌려줍니다.
/// \~
/// @param m \~english a matrix \~korean 행렬 \~
/// @return \~english the shape text \~korean 모양 문자열 \~
template <typename Derived>
std::string shape(const Eigen::EigenBase<Derived>& m) {
  return std::to_string(m.rows()) + "x" + std::to_string(m.cols());
}

/// @}

}  // namespace nn
