/// @file
/// \~english The compiled, vectorised loops behind the batched
/// activations (src/nn/kernels.cpp), one version per instruction set
/// (SSE2, AVX2, AVX-512 and a portable one in plain C++, the only one
/// off x86-64 and in WebAssembly) with the same bits from each. Users
/// call relu.hpp, leaky_relu.hpp, prelu.hpp and fast.hpp instead.
/// \~korean 배치 활성화 함수 뒤에서 도는, 미리 컴파일한 벡터화
/// 반복문(src/nn/kernels.cpp). 명령어 집합(SSE2, AVX2, AVX-512, 그리고
/// x86-64가 아닌 곳과 WebAssembly에서 쓰는 순수 C++ 이식판)마다 한 판씩
/// 있고 어느 판이든 비트가 같습니다. 사용자는 relu.hpp, leaky_relu.hpp,
/// prelu.hpp, fast.hpp의 함수를 부릅니다.
/// \~
#pragma once

#include <cstddef>

namespace nn::detail {

/// \~english @brief Outputs of at least this many bytes are written with
/// non-temporal stores: the size of one core's L2 cache (from
/// `sysconf`), or 1 MiB where the system does not say.
/// \~korean @brief 출력이 이 바이트 수 이상이면 비시간적(non-temporal)
/// 저장으로 씁니다. 코어 하나의 L2 캐시 크기(`sysconf`로 얻습니다)이며,
/// 시스템이 알려 주지 않으면 1 MiB입니다.
/// \~
/// @return \~english the threshold in bytes \~korean 기준 바이트 수 \~
std::size_t stream_threshold_bytes() noexcept;

/// \~english @brief The instruction set of the kernel versions this
/// process runs: `"avx512"`, `"avx2"` (with FMA), `"sse2"` or
/// `"portable"`. On x86-64, the widest the CPU supports, unless the
/// environment variable `NN_ISA` (`portable`, `sse2`, `avx2` or
/// `avx512`) caps it; elsewhere, in WebAssembly and in a build with
/// `NN_PORTABLE_KERNELS=1`, always `"portable"`. Every version gives the
/// same bits.
/// \~korean @brief 이 프로세스가 쓰는 커널 판의 명령어 집합:
/// `"avx512"`, `"avx2"`(FMA 포함), `"sse2"`, `"portable"` 가운데 하나.
/// x86-64에서는 CPU가 지원하는 가장 넓은 것을 쓰되, 환경 변수
/// `NN_ISA`(`portable`, `sse2`, `avx2`, `avx512`)로 낮출 수 있습니다. 그 밖의
/// 기계, WebAssembly, `NN_PORTABLE_KERNELS=1`로 빌드한 라이브러리에서는
/// 언제나 `"portable"`입니다. 어느 판이든 비트가 같습니다.
/// \~
/// @return \~english its name \~korean 그 이름 \~
const char* kernel_isa() noexcept;

/// \~english @brief `y[i] = relu(x[i])` (float).
/// \~korean @brief `y[i] = relu(x[i])`(float).
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void relu_kernel(const float* x, float* y, std::size_t n) noexcept;

/// \~english @brief `y[i] = relu(x[i])` (double).
/// \~korean @brief `y[i] = relu(x[i])`(double).
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void relu_kernel(const double* x, double* y, std::size_t n) noexcept;

/// \~english @brief `y[i] = relu_grad(x[i])` (float).
/// \~korean @brief `y[i] = relu_grad(x[i])`(float).
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void relu_grad_kernel(const float* x, float* y, std::size_t n) noexcept;

/// \~english @brief `y[i] = relu_grad(x[i])` (double).
/// \~korean @brief `y[i] = relu_grad(x[i])`(double).
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void relu_grad_kernel(const double* x, double* y,
                      std::size_t n) noexcept;

/// \~english @brief `y[i] = x[i] > 0 ? x[i] : x[i] * a`: leaky_relu()
/// and prelu() (float).
/// \~korean @brief `y[i] = x[i] > 0 ? x[i] : x[i] * a`. leaky_relu()와
/// prelu()(float).
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
/// @param a \~english the slope for `x <= 0`
///          \~korean `x <= 0`에서 쓰는 기울기 \~
void leaky_kernel(const float* x, float* y, std::size_t n,
                  float a) noexcept;

/// \~english @brief The same for double.
/// \~korean @brief double 판.
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
/// @param a \~english the slope for `x <= 0`
///          \~korean `x <= 0`에서 쓰는 기울기 \~
void leaky_kernel(const double* x, double* y, std::size_t n,
                  double a) noexcept;

/// \~english @brief `y[i] = x[i] > 0 ? 1 : a`, their derivatives (float).
/// \~korean @brief `y[i] = x[i] > 0 ? 1 : a`. 두 함수의 도함수(float).
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
/// @param a \~english the slope for `x <= 0`
///          \~korean `x <= 0`에서 쓰는 기울기 \~
void leaky_grad_kernel(const float* x, float* y, std::size_t n,
                       float a) noexcept;

/// \~english @brief The same for double.
/// \~korean @brief double 판.
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
/// @param a \~english the slope for `x <= 0`
///          \~korean `x <= 0`에서 쓰는 기울기 \~
void leaky_grad_kernel(const double* x, double* y, std::size_t n,
                       double a) noexcept;

/// \~english @brief nn::fast::sigmoid() on `n` floats.
/// \~korean @brief `n`개의 float에 nn::fast::sigmoid().
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void fast_sigmoid_kernel(const float* x, float* y, std::size_t n) noexcept;

/// \~english @brief nn::fast::tanh() on `n` floats.
/// \~korean @brief `n`개의 float에 nn::fast::tanh().
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void fast_tanh_kernel(const float* x, float* y, std::size_t n) noexcept;

/// \~english @brief nn::fast::silu() on `n` floats.
/// \~korean @brief `n`개의 float에 nn::fast::silu().
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void fast_silu_kernel(const float* x, float* y, std::size_t n) noexcept;

/// \~english @brief nn::fast::gelu() on `n` floats.
/// \~korean @brief `n`개의 float에 nn::fast::gelu().
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
void fast_gelu_kernel(const float* x, float* y, std::size_t n) noexcept;

/// \~english @brief nn::fast::softplus() on `n` floats.
/// \~korean @brief `n`개의 float에 nn::fast::softplus().
/// \~
/// @param x \~english input, `n` values \~korean 입력 `n`개 \~
/// @param y \~english output, `n` values (may be `x`)
///          \~korean 출력 `n`개(`x`여도 됩니다) \~
/// @param n \~english number of elements \~korean 원소 개수 \~
/// @param beta \~english sharpness \~korean 꺾이는 정도 \~
/// @param threshold \~english linear above this
///        \~korean 이 값을 넘으면 선형 \~
void fast_softplus_kernel(const float* x, float* y, std::size_t n,
                          float beta, float threshold) noexcept;

}  // namespace nn::detail
