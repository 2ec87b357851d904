/// @file
/// \~english Fast float32 sigmoid, tanh, SiLU, GELU and softplus for
/// large batches, computed in float arithmetic within 4 ulp.
/// \~korean 큰 배치를 위한 빠른 float32 시그모이드, tanh, SiLU, GELU,
/// softplus. float 연산으로 계산하며 오차는 4 ulp 이내입니다.
/// \~
#pragma once

#include <span>

#include "nn/elementwise.hpp"
#include "nn/kernels.hpp"

/// \~english
/// @brief Fast float32 versions of the smooth activations.
///
/// nn::sigmoid() and its relatives compute a `float` in `double` and
/// round once, so they agree with PyTorch's float64 result rounded to
/// float32 (chapter 3 relies on that). The functions here instead stay
/// in float arithmetic with fused multiply-adds, sixteen lanes at a time
/// (AVX-512, AVX2 or SSE2, picked when the program starts, see
/// nn::detail::kernel_isa(); every instruction set gives the same bits). They are several times faster and within 4 ulp of the exact
/// value (the unit tests check every float in the range that matters);
/// NaN, infinities and signed zeros behave as in the accurate functions.
/// Chapter 8 measures them.
/// \~korean
/// @brief 매끄러운 활성화 함수들의 빠른 float32 판.
///
/// nn::sigmoid() 같은 함수는 `float`를 `double`로 계산해 한 번만
/// 반올림하므로 PyTorch가 float64로 계산해 float32로 반올림한 값과
/// 일치합니다(3장이 이 성질을 씁니다). 여기 함수들은 float 연산과 융합
/// 곱셈-덧셈(FMA)으로 한 번에 16개씩 계산합니다(AVX-512, AVX2, SSE2
/// 가운데 프로그램이 시작할 때 고르며(nn::detail::kernel_isa() 참고),
/// 어느 명령어 집합에서도 비트가 같습니다). 몇 배 빠르고, 정확한
/// 값과의 차이는 4 ulp 이내입니다(단위 테스트가 의미 있는 범위의 모든
/// float를 확인합니다). NaN, 무한대, 부호 있는 0은 정확한 함수와 같게
/// 다룹니다. 8장에서 속도를 잽니다.
/// \~
namespace nn::fast {
/// @defgroup fast Fast float32 activations
/// @{

/// \~english
/// @brief sigmoid() of every element, in float arithmetic (<= 4 ulp).
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief 모든 원소의 sigmoid()를 float 연산으로 계산합니다(4 ulp 이내).
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` (may be `x`)
///          \~korean 출력, `x`와 같은 크기(`x` 자신이어도 됩니다) \~
inline void sigmoid(std::span<const float> x, std::span<float> y) {
  detail::check_same_size("nn::fast::sigmoid", x.size(), y.size());
  detail::fast_sigmoid_kernel(x.data(), y.data(), x.size());
}

/// \~english
/// @brief tanh() of every element, in float arithmetic (<= 4 ulp).
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief 모든 원소의 tanh()를 float 연산으로 계산합니다(4 ulp 이내).
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` (may be `x`)
///          \~korean 출력, `x`와 같은 크기(`x` 자신이어도 됩니다) \~
inline void tanh(std::span<const float> x, std::span<float> y) {
  detail::check_same_size("nn::fast::tanh", x.size(), y.size());
  detail::fast_tanh_kernel(x.data(), y.data(), x.size());
}

/// \~english
/// @brief silu() of every element, in float arithmetic (<= 4 ulp).
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief 모든 원소의 silu()를 float 연산으로 계산합니다(4 ulp 이내).
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` (may be `x`)
///          \~korean 출력, `x`와 같은 크기(`x` 자신이어도 됩니다) \~
inline void silu(std::span<const float> x, std::span<float> y) {
  detail::check_same_size("nn::fast::silu", x.size(), y.size());
  detail::fast_silu_kernel(x.data(), y.data(), x.size());
}

/// \~english
/// @brief gelu() (the erf form) of every element, in float arithmetic
/// (<= 4 ulp, also in the tails, where the result is tiny).
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief 모든 원소의 gelu()(erf 꼴)를 float 연산으로 계산합니다(결과가
/// 아주 작은 꼬리 쪽에서도 4 ulp 이내).
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` (may be `x`)
///          \~korean 출력, `x`와 같은 크기(`x` 자신이어도 됩니다) \~
inline void gelu(std::span<const float> x, std::span<float> y) {
  detail::check_same_size("nn::fast::gelu", x.size(), y.size());
  detail::fast_gelu_kernel(x.data(), y.data(), x.size());
}

/// \~english
/// @brief softplus() of every element, in float arithmetic (<= 4 ulp),
/// with PyTorch's `beta` and `threshold` rule.
/// @throws std::invalid_argument if the sizes differ (both are named).
/// \~korean
/// @brief 모든 원소의 softplus()를 float 연산으로 계산합니다(4 ulp
/// 이내). `beta`, `threshold` 규칙은 PyTorch와 같습니다.
/// @throws std::invalid_argument 두 크기가 다르면(두 크기를 모두 알립니다).
/// \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` (may be `x`)
///          \~korean 출력, `x`와 같은 크기(`x` 자신이어도 됩니다) \~
/// @param beta \~english sharpness \~korean 꺾이는 정도 \~
/// @param threshold \~english linear above this \~korean 이 값을 넘으면
///        선형 \~
inline void softplus(std::span<const float> x, std::span<float> y,
                     float beta = 1.0f, float threshold = 20.0f) {
  detail::check_same_size("nn::fast::softplus", x.size(), y.size());
  detail::fast_softplus_kernel(x.data(), y.data(), x.size(), beta,
                               threshold);
}

/// @}

}  // namespace nn::fast
