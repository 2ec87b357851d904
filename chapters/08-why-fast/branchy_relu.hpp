// 분기가 있는 ReLU: 8장의 예제와 bench/nn_bench.cpp가 함께 씁니다.
#pragma once

#include <cstddef>

namespace why_fast {

// [branchy]
// 원소마다 부호를 묻고 두 길 가운데 하나로 갑니다. 음수 쪽 길의 빈 asm
// 문은 컴파일러가 이 분기를 조건부 이동이나 벡터 명령으로 바꾸지 못하게
// 합니다. 그래서 CPU는 원소마다 어느 길로 갈지 예측해야 합니다.
inline void relu_branchy(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    if (v < 0.0f) {
      y[i] = 0.0f;
      asm volatile("");
    } else {
      y[i] = v;
    }
  }
}
// [/branchy]

}  // namespace why_fast
