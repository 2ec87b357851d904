/// @file
/// \~english Weight initialisers: PyTorch's default for Linear,
/// Kaiming (He) and Xavier (Glorot), uniform and normal.
/// \~korean 가중치 초기화: PyTorch Linear의 기본 초기화, Kaiming(He)와
/// Xavier(Glorot)의 균등·정규 버전.
/// \~
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>

#include "nn/random.hpp"
#include "nn/tensor.hpp"

namespace nn {
/// @defgroup init Initialisation
/// @{

namespace detail {
/// \~english @brief Fills `m` row by row with draws from `draw`.
/// \~korean @brief `m`을 행 순서대로 `draw`가 뽑은 값으로 채웁니다.
/// \~
/// @param m \~english the matrix to fill \~korean 채울 행렬 \~
/// @param draw \~english a function returning one value
///             \~korean 값 하나를 돌려주는 함수 \~
template <typename Derived, typename Draw>
void fill(Eigen::DenseBase<Derived>& m, Draw draw) {
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = draw();
  }
}

/// \~english @brief Throws unless `weight` has at least one column.
/// \~korean @brief `weight`에 열이 하나도 없으면 예외를 던집니다.
/// \~
/// @param what \~english the calling function \~korean 호출한 함수 \~
/// @param weight \~english the weight (out x in)
///               \~korean 가중치(출력x입력) \~
/// @throws std::invalid_argument
///         \~english if fan_in is 0 \~korean fan_in이 0일 때 \~
inline void check_fan_in(const char* what, const Matrix& weight) {
  if (weight.cols() == 0) {
    throw std::invalid_argument(std::string(what) + ": weight is " +
                                shape(weight) +
                                ", fan_in must be at least 1");
  }
}
}  // namespace detail

/// \~english
/// @brief The gain PyTorch's `calculate_gain('leaky_relu', a)` returns:
/// `sqrt(2 / (1 + a^2))`; `sqrt(2)` for ReLU (`a = 0`).
/// \~korean
/// @brief PyTorch의 `calculate_gain('leaky_relu', a)`와 같은 이득
/// `sqrt(2 / (1 + a^2))`. ReLU(`a = 0`)이면 `sqrt(2)`입니다.
/// \~
/// @param negative_slope \~english `a`, the leaky slope
///        \~korean Leaky ReLU의 기울기 `a` \~
/// @return \~english the gain \~korean 이득 \~
inline double kaiming_gain(double negative_slope = 0.0) {
  return std::sqrt(2.0 / (1.0 + negative_slope * negative_slope));
}

/// \~english
/// @brief Kaiming (He) uniform: `U(-b, b)`,
/// `b = gain * sqrt(3 / fan_in)`.
///
/// fan_in mode: `fan_in` is the number of columns of `weight` (out x in).
/// \~korean
/// @brief Kaiming(He) 균등 초기화. `U(-b, b)`,
/// `b = gain * sqrt(3 / fan_in)`.
///
/// fan_in 방식입니다. `fan_in`은 `weight`(출력x입력)의 열 수입니다.
/// \~
/// @param weight \~english filled in place \~korean 이 자리에서 채웁니다 \~
/// @param gen \~english the generator \~korean 난수 생성기 \~
/// @param negative_slope \~english slope of the leaky ReLU that follows
///        (0 for ReLU) \~korean 뒤따르는 Leaky ReLU의 기울기(ReLU면 0) \~
/// @throws std::invalid_argument
///         \~english if `weight` has no columns \~korean `weight`에 열이
///         없을 때 \~
inline void kaiming_uniform(Matrix& weight, Generator& gen,
                            double negative_slope = 0.0) {
  detail::check_fan_in("nn::kaiming_uniform", weight);
  const double fan_in = static_cast<double>(weight.cols());
  const double b = kaiming_gain(negative_slope) * std::sqrt(3.0 / fan_in);
  detail::fill(weight, [&] { return gen.uniform(-b, b); });
}

/// \~english
/// @brief Kaiming (He) normal: `N(0, std^2)`,
/// `std = gain / sqrt(fan_in)`.
/// \~korean
/// @brief Kaiming(He) 정규 초기화. `N(0, std^2)`,
/// `std = gain / sqrt(fan_in)`.
/// \~
/// @param weight \~english filled in place \~korean 이 자리에서 채웁니다 \~
/// @param gen \~english the generator \~korean 난수 생성기 \~
/// @param negative_slope \~english slope of the leaky ReLU that follows
///        (0 for ReLU) \~korean 뒤따르는 Leaky ReLU의 기울기(ReLU면 0) \~
/// @throws std::invalid_argument
///         \~english if `weight` has no columns \~korean `weight`에 열이
///         없을 때 \~
inline void kaiming_normal(Matrix& weight, Generator& gen,
                           double negative_slope = 0.0) {
  detail::check_fan_in("nn::kaiming_normal", weight);
  const double fan_in = static_cast<double>(weight.cols());
  const double sd = kaiming_gain(negative_slope) / std::sqrt(fan_in);
  detail::fill(weight, [&] { return gen.normal(0.0, sd); });
}

/// \~english
/// @brief Xavier (Glorot) uniform: `U(-b, b)`,
/// `b = gain * sqrt(6 / (fan_in + fan_out))`.
/// \~korean
/// @brief Xavier(Glorot) 균등 초기화. `U(-b, b)`,
/// `b = gain * sqrt(6 / (fan_in + fan_out))`.
/// \~
/// @param weight \~english filled in place \~korean 이 자리에서 채웁니다 \~
/// @param gen \~english the generator \~korean 난수 생성기 \~
/// @param gain \~english scale factor (default 1) \~korean 배율(기본값 1) \~
/// @throws std::invalid_argument
///         \~english if `weight` has no columns \~korean `weight`에 열이
///         없을 때 \~
inline void xavier_uniform(Matrix& weight, Generator& gen,
                           double gain = 1.0) {
  detail::check_fan_in("nn::xavier_uniform", weight);
  const double fans = static_cast<double>(weight.cols() + weight.rows());
  const double b = gain * std::sqrt(6.0 / fans);
  detail::fill(weight, [&] { return gen.uniform(-b, b); });
}

/// \~english
/// @brief Xavier (Glorot) normal: `N(0, std^2)`,
/// `std = gain * sqrt(2 / (fan_in + fan_out))`.
/// \~korean
/// @brief Xavier(Glorot) 정규 초기화. `N(0, std^2)`,
/// `std = gain * sqrt(2 / (fan_in + fan_out))`.
/// \~
/// @param weight \~english filled in place \~korean 이 자리에서 채웁니다 \~
/// @param gen \~english the generator \~korean 난수 생성기 \~
/// @param gain \~english scale factor (default 1) \~korean 배율(기본값 1) \~
/// @throws std::invalid_argument
///         \~english if `weight` has no columns \~korean `weight`에 열이
///         없을 때 \~
inline void xavier_normal(Matrix& weight, Generator& gen,
                          double gain = 1.0) {
  detail::check_fan_in("nn::xavier_normal", weight);
  const double fans = static_cast<double>(weight.cols() + weight.rows());
  const double sd = gain * std::sqrt(2.0 / fans);
  detail::fill(weight, [&] { return gen.normal(0.0, sd); });
}

/// \~english
/// @brief PyTorch's default `nn.Linear` initialisation: weight and bias
/// both `U(-1/sqrt(fan_in), 1/sqrt(fan_in))`, weight first.
/// \~korean
/// @brief PyTorch `nn.Linear`의 기본 초기화. 가중치와 편향 모두
/// `U(-1/sqrt(fan_in), 1/sqrt(fan_in))`에서 뽑고, 가중치를 먼저 채웁니다.
/// \~
/// @param weight \~english out x in, filled in place
///               \~korean 출력x입력, 이 자리에서 채웁니다 \~
/// @param bias \~english out values, filled in place
///             \~korean 출력 개수만큼, 이 자리에서 채웁니다 \~
/// @param gen \~english the generator \~korean 난수 생성기 \~
/// @throws std::invalid_argument
///         \~english if `weight` has no columns or the bias size is not
///         the number of rows \~korean `weight`에 열이 없거나 편향 크기가
///         행 수와 다를 때 \~
inline void linear_default_init(Matrix& weight, Vector& bias,
                                Generator& gen) {
  detail::check_fan_in("nn::linear_default_init", weight);
  if (bias.size() != weight.rows()) {
    throw std::invalid_argument(
        "nn::linear_default_init: bias has " +
        std::to_string(bias.size()) + " elements but weight is " +
        shape(weight));
  }
  const double b = 1.0 / std::sqrt(static_cast<double>(weight.cols()));
  detail::fill(weight, [&] { return gen.uniform(-b, b); });
  detail::fill(bias, [&] { return gen.uniform(-b, b); });
}

/// @}

}  // namespace nn
