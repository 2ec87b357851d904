/// @file
/// \~english The compiled, vectorised loops behind the batched
/// activations (src/nn/kernels.cpp). Users call the functions in
/// relu.hpp, leaky_relu.hpp, prelu.hpp and fast.hpp instead.
/// \~korean 배치 활성화 함수 뒤에서 도는, 미리 컴파일해 둔 벡터화
/// 반복문(src/nn/kernels.cpp). 사용자는 relu.hpp, leaky_relu.hpp,
/// prelu.hpp, fast.hpp의 함수를 부른다.
/// \~
#pragma once

#include <cstddef>

namespace nn::detail {

/// \~english
/// @brief `y[i] = relu(x[i])` for `i < n` (float); `x == y` is allowed.
/// \~korean
/// @brief `i < n`에 대해 `y[i] = relu(x[i])`(float). `x == y`여도 된다.
/// \~
void relu_kernel(const float* x, float* y, std::size_t n) noexcept;
/// \~english @brief The same for double. \~korean @brief double 판. \~
void relu_kernel(const double* x, double* y, std::size_t n) noexcept;

/// \~english @brief `y[i] = relu_grad(x[i])` (float).
/// \~korean @brief `y[i] = relu_grad(x[i])`(float). \~
void relu_grad_kernel(const float* x, float* y, std::size_t n) noexcept;
/// \~english @brief The same for double. \~korean @brief double 판. \~
void relu_grad_kernel(const double* x, double* y, std::size_t n) noexcept;

/// \~english
/// @brief `y[i] = x[i] > 0 ? x[i] : x[i] * a`: leaky_relu() and prelu()
/// (float).
/// \~korean
/// @brief `y[i] = x[i] > 0 ? x[i] : x[i] * a`. leaky_relu()와
/// prelu()(float).
/// \~
void leaky_kernel(const float* x, float* y, std::size_t n,
                  float a) noexcept;
/// \~english @brief The same for double. \~korean @brief double 판. \~
void leaky_kernel(const double* x, double* y, std::size_t n,
                  double a) noexcept;

/// \~english
/// @brief `y[i] = x[i] > 0 ? 1 : a`: the derivatives of leaky_relu()
/// and prelu() (float).
/// \~korean
/// @brief `y[i] = x[i] > 0 ? 1 : a`. leaky_relu()와 prelu()의
/// 도함수(float).
/// \~
void leaky_grad_kernel(const float* x, float* y, std::size_t n,
                       float a) noexcept;
/// \~english @brief The same for double. \~korean @brief double 판. \~
void leaky_grad_kernel(const double* x, double* y, std::size_t n,
                       double a) noexcept;

/// \~english @brief Fast float sigmoid (see fast.hpp).
/// \~korean @brief 빠른 float 시그모이드(fast.hpp 참고). \~
void fast_sigmoid_kernel(const float* x, float* y, std::size_t n) noexcept;
/// \~english @brief Fast float tanh (see fast.hpp).
/// \~korean @brief 빠른 float tanh(fast.hpp 참고). \~
void fast_tanh_kernel(const float* x, float* y, std::size_t n) noexcept;
/// \~english @brief Fast float SiLU (see fast.hpp).
/// \~korean @brief 빠른 float SiLU(fast.hpp 참고). \~
void fast_silu_kernel(const float* x, float* y, std::size_t n) noexcept;
/// \~english @brief Fast float softplus (see fast.hpp).
/// \~korean @brief 빠른 float softplus(fast.hpp 참고). \~
void fast_softplus_kernel(const float* x, float* y, std::size_t n,
                          float beta, float threshold) noexcept;

}  // namespace nn::detail
