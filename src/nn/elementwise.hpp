/// @file
/// \~english Shared plumbing of the batched activations: size checks and
/// the element-by-element loop.
/// \~korean 배치 활성화 함수들이 함께 쓰는 뼈대: 크기 검사와 원소별 반복.
/// \~
#pragma once

#include <concepts>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace nn::detail {

/// \~english
/// @brief The type the smooth activations compute in: `double` for
/// `float` (so float results are the double result rounded once),
/// otherwise `T` itself.
/// \~korean
/// @brief 매끄러운 활성화 함수가 내부 계산에 쓰는 타입. `float`이면
/// `double`로 계산한 뒤 한 번만 반올림하고, 그 밖에는 `T` 그대로 씁니다.
/// \~
template <std::floating_point T>
using wider_t = std::conditional_t<std::is_same_v<T, float>, double, T>;

/// \~english
/// @brief Throws if `x` and `y` differ in size, naming `what` and both
/// sizes.
/// \~korean
/// @brief `x`와 `y`의 크기가 다르면 `what`과 두 크기를 담아 예외를
/// 던집니다.
/// \~
/// @param what \~english the calling function, e.g. `"nn::relu"`
///             \~korean 호출한 함수 이름(예: `"nn::relu"`) \~
/// @param x \~english input size \~korean 입력 크기 \~
/// @param y \~english output size \~korean 출력 크기 \~
/// @throws std::invalid_argument
///         \~english if `x != y` \~korean `x != y`일 때 \~
inline void check_same_size(const char* what, std::size_t x,
                            std::size_t y) {
  if (x != y) {
    throw std::invalid_argument(std::string(what) + ": input has " +
                                std::to_string(x) +
                                " elements but output has " +
                                std::to_string(y));
  }
}

/// \~english
/// @brief Writes `f(x[i])` into `y[i]` for every `i`.
/// \~korean
/// @brief 모든 `i`에 대해 `f(x[i])`를 `y[i]`에 씁니다.
/// \~
/// @param what \~english the calling function, for the error message
///             \~korean 오류 메시지에 넣을 호출 함수 이름 \~
/// @param x \~english input values \~korean 입력값 \~
/// @param y \~english output, same size as `x` \~korean 출력, `x`와 같은
///          크기 \~
/// @param f \~english the scalar function \~korean 스칼라 함수 \~
/// @throws std::invalid_argument
///         \~english if the sizes differ \~korean 크기가 다를 때 \~
template <std::floating_point T, typename F>
void map(const char* what, std::span<const T> x, std::span<T> y, F f) {
  check_same_size(what, x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i) y[i] = f(x[i]);
}

/// \~english
/// @brief True for the types the compiled kernels of %kernels.hpp take
/// (`float` and `double`).
/// \~korean
/// @brief %kernels.hpp의 컴파일된 커널이 받는 타입(`float`, `double`)이면
/// 참.
/// \~
template <typename T>
inline constexpr bool has_kernel =
    std::is_same_v<T, float> || std::is_same_v<T, double>;

}  // namespace nn::detail
