/// @file
/// \~english A seeded random generator of our own (xoshiro256**), with
/// uniform and normal draws that are the same on every compiler.
/// \~korean 직접 만든 시드 고정 난수 생성기(xoshiro256**). 균등·정규
/// 난수가 어느 컴파일러에서나 똑같이 나옵니다.
/// \~
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace nn {

/// \~english
/// @brief Seeded pseudo-random generator: xoshiro256** seeded through
/// splitmix64.
///
/// The standard library's distributions (`std::normal_distribution`
/// and friends) may produce different numbers with different standard
/// libraries, so the book draws its numbers here: the uniform values
/// come straight from the bits, and normal() is the Marsaglia polar
/// method, which needs only `log` and `sqrt`. With the same seed every
/// build prints the same weights.
/// \~korean
/// @brief 시드를 정할 수 있는 의사 난수 생성기. splitmix64로 시드를
/// 퍼뜨린 xoshiro256**입니다.
///
/// 표준 라이브러리의 분포(`std::normal_distribution` 등)는 라이브러리
/// 구현마다 다른 수를 낼 수 있습니다. 그래서 이 책은 난수를 여기서 뽑습니다.
/// 균등 난수는 비트에서 바로 만들고, normal()은 `log`와 `sqrt`만 쓰는
/// 마르사글리아 극좌표 방법입니다. 시드가 같으면 어떤 빌드든 같은
/// 가중치를 출력합니다.
/// \~
class Generator {
 public:
  /// \~english @brief Seeds the generator.
  /// \~korean @brief 생성기에 시드를 줍니다.
  /// \~
  /// @param seed \~english any 64-bit value \~korean 임의의 64비트 값 \~
  explicit Generator(std::uint64_t seed = 0) noexcept { reseed(seed); }

  /// \~english @brief Restarts the stream from `seed`.
  /// \~korean @brief `seed`로 수열을 처음부터 다시 시작합니다.
  /// \~
  /// @param seed \~english any 64-bit value \~korean 임의의 64비트 값 \~
  void reseed(std::uint64_t seed) noexcept {
    for (auto& word : state_) word = splitmix64(seed);
    has_spare_ = false;
  }

  /// \~english @brief The next 64 random bits.
  /// \~korean @brief 다음 64비트 난수.
  /// \~
  /// @return \~english a uniformly distributed 64-bit integer
  ///         \~korean 고르게 분포된 64비트 정수 \~
  std::uint64_t next_u64() noexcept {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// \~english @brief A uniform `double` in [0, 1) from the top 53 bits.
  /// \~korean @brief 상위 53비트로 만든 [0, 1) 범위의 균등 `double`.
  /// \~
  /// @return \~english a multiple of 2^-53 in [0, 1)
  ///         \~korean [0, 1) 안의 2^-53의 배수 \~
  double uniform() noexcept {
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
  }

  /// \~english @brief A uniform `double` in [a, b).
  /// \~korean @brief [a, b) 범위의 균등 `double`.
  /// \~
  /// @param a \~english lower bound \~korean 아래 끝 \~
  /// @param b \~english upper bound \~korean 위 끝 \~
  /// @return \~english `a + (b - a) * uniform()`
  ///         \~korean `a + (b - a) * uniform()` \~
  double uniform(double a, double b) noexcept {
    return a + (b - a) * uniform();
  }

  /// \~english @brief A uniform `float` in [0, 1) from the top 24 bits.
  /// \~korean @brief 상위 24비트로 만든 [0, 1) 범위의 균등 `float`.
  /// \~
  /// @return \~english a multiple of 2^-24 in [0, 1)
  ///         \~korean [0, 1) 안의 2^-24의 배수 \~
  float uniform_float() noexcept {
    return static_cast<float>(next_u64() >> 40) * 0x1.0p-24f;
  }

  /// \~english
  /// @brief A standard normal draw (mean 0, variance 1).
  ///
  /// Marsaglia's polar method: draw a point in the unit disc, turn it
  /// into two independent normal values, return one and keep the other
  /// for the next call.
  /// \~korean
  /// @brief 표준 정규 분포(평균 0, 분산 1)를 따르는 난수.
  ///
  /// 마르사글리아 극좌표 방법을 씁니다. 단위 원 안의 점을 하나 뽑아 서로
  /// 독립인 정규 난수 두 개로 바꾸고, 하나는 돌려주고 다른 하나는 다음
  /// 호출을 위해 남겨 둡니다.
  /// \~
  /// @return \~english a normal value \~korean 정규 난수 \~
  double normal() noexcept {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0.0;
    double v = 0.0;
    double s = 0.0;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double m = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * m;
    has_spare_ = true;
    return u * m;
  }

  /// \~english @brief A normal draw with the given mean and deviation.
  /// \~korean @brief 주어진 평균과 표준편차를 따르는 정규 난수.
  /// \~
  /// @param mean \~english the mean \~korean 평균 \~
  /// @param stddev \~english the standard deviation
  ///               \~korean 표준편차 \~
  /// @return \~english `mean + stddev * normal()`
  ///         \~korean `mean + stddev * normal()` \~
  double normal(double mean, double stddev) noexcept {
    return mean + stddev * normal();
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  static std::uint64_t splitmix64(std::uint64_t& x) noexcept {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::array<std::uint64_t, 4> state_{};
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace nn
