// The vectorised loops behind the batched activations (see kernels.hpp).
//
// Written with GCC's portable vector extensions: a `vf` holds 16 floats
// (64 bytes) and the compiler lowers each operation to whatever the
// target has (one AVX-512 instruction, two AVX2 ones, or four SSE2
// ones). `target_clones` builds each loop three times and picks the
// best one for the running CPU when the program starts. Every clone
// performs the same IEEE operations in the same order (this file is
// compiled with -ffp-contract=off, so no clone fuses a multiply and an
// add), which makes the results bit for bit identical on every machine.
#include "nn/kernels.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace nn::detail {
namespace {

#define NN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#define NN_INLINE inline __attribute__((always_inline))
#define NN_LAMBDA __attribute__((always_inline))

typedef float vf __attribute__((vector_size(64)));
typedef double vd __attribute__((vector_size(64)));
typedef std::int32_t vi __attribute__((vector_size(64)));
typedef std::int64_t vl __attribute__((vector_size(64)));

// vec<T>: 64 bytes of T; mask_t<T>: the integer lanes of the same width.
template <typename T>
using vec = std::conditional_t<sizeof(T) == 4, vf, vd>;
template <typename T>
using mask_t = std::conditional_t<sizeof(T) == 4, vi, vl>;

template <typename T>
NN_INLINE vec<T> load(const T* p) {
  vec<T> v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <typename T>
NN_INLINE void store(T* p, vec<T> v) {
  std::memcpy(p, &v, sizeof v);
}

// m ? a : b, lane by lane, with m all ones or all zeros.
template <typename T>
NN_INLINE vec<T> select(mask_t<T> m, vec<T> a, vec<T> b) {
  return (vec<T>)(((mask_t<T>)a & m) | ((mask_t<T>)b & ~m));
}

// [relu-kernel]
// ReLU without a branch: compare, then keep the bits of x where x is
// not negative (x < 0 is false for -0.0 and NaN, which pass through).
template <typename T>
NN_INLINE void relu_loop(const T* x, T* y, std::size_t n) {
  constexpr std::size_t w = sizeof(vec<T>) / sizeof(T);
  std::size_t i = 0;
  for (; i + w <= n; i += w) {
    const vec<T> v = load(x + i);
    const mask_t<T> negative = v < T(0);
    store(y + i, (vec<T>)((mask_t<T>)v & ~negative));
  }
  for (; i < n; ++i) y[i] = x[i] < T(0) ? T(0) : x[i];
}
// [/relu-kernel]

template <typename T>
NN_INLINE void relu_grad_loop(const T* x, T* y, std::size_t n) {
  constexpr std::size_t w = sizeof(vec<T>) / sizeof(T);
  const vec<T> one = vec<T>{} + T(1);
  std::size_t i = 0;
  for (; i + w <= n; i += w) {
    const mask_t<T> not_positive = load(x + i) <= T(0);
    store(y + i, (vec<T>)((mask_t<T>)one & ~not_positive));
  }
  for (; i < n; ++i) y[i] = x[i] <= T(0) ? T(0) : T(1);
}

// [leaky-kernel]
template <typename T>
NN_INLINE void leaky_loop(const T* x, T* y, std::size_t n, T a) {
  constexpr std::size_t w = sizeof(vec<T>) / sizeof(T);
  std::size_t i = 0;
  for (; i + w <= n; i += w) {
    const vec<T> v = load(x + i);
    store(y + i, select<T>(v > T(0), v, v * a));
  }
  for (; i < n; ++i) y[i] = x[i] > T(0) ? x[i] : x[i] * a;
}
// [/leaky-kernel]

template <typename T>
NN_INLINE void leaky_grad_loop(const T* x, T* y, std::size_t n, T a) {
  constexpr std::size_t w = sizeof(vec<T>) / sizeof(T);
  const vec<T> one = vec<T>{} + T(1);
  const vec<T> slope = vec<T>{} + a;
  std::size_t i = 0;
  for (; i + w <= n; i += w) {
    store(y + i, select<T>(load(x + i) > T(0), one, slope));
  }
  for (; i < n; ++i) y[i] = x[i] > T(0) ? T(1) : a;
}

// ---------------------------------------------------------------------
// Float exp, split so that callers can scale late (see below).
//
// exp(a) = m * 2^k with m in [0.70, 1.42]: n = round(a / ln 2),
// r = a - n ln 2 (Cody and Waite's two-part ln 2, exact for |n| < 2^15),
// m = 1 + r + r^2 P(r) (Cephes' expf polynomial, about 1 ulp). k is
// returned as two factors s1 = 2^(k/2), s2 = 2^(k - k/2), both normal
// floats, so that (v * s1) * s2 rounds once even when the result is a
// subnormal number. For a < -115 the exact result is far below the
// smallest subnormal: s2 is then 0, and v * s1 * s2 is a signed zero
// (or NaN for v = inf, as inf * 0 should be).
struct exp_parts {
  vf m, s1, s2;
};

NN_INLINE vf splat(float v) { return vf{} + v; }

NN_INLINE exp_parts exp_split(vf a) {
  const vi tiny = a < -115.0f;
  a = select<float>(tiny, splat(-115.0f), a);
  const float shifter = 12582912.0f;  // 1.5 * 2^23: rounds to integer
  const vf z = a * 1.44269504088896341f + shifter;
  const vf n = z - shifter;
  const vf r = a - n * 0.693359375f - n * -2.12194440e-4f;
  vf q = 1.9875691500e-4f * r + 1.3981999507e-3f;
  q = q * r + 8.3334519073e-3f;
  q = q * r + 4.1665795894e-2f;
  q = q * r + 1.6666665459e-1f;
  q = q * r + 5.0000001201e-1f;
  exp_parts e;
  e.m = (r * r) * q + r + 1.0f;
  std::int32_t shifter_bits;
  std::memcpy(&shifter_bits, &shifter, sizeof shifter_bits);
  const vi k = (vi)z - shifter_bits;
  const vi k1 = k >> 1;
  const vi k2 = k - k1;
  e.s1 = (vf)((k1 + 127) << 23);
  e.s2 = select<float>(tiny, vf{}, (vf)((k2 + 127) << 23));
  return e;
}

NN_INLINE vf exp_of(const exp_parts& e) { return (e.m * e.s1) * e.s2; }

NN_INLINE vf abs_of(vf v) {
  return (vf)((vi)v & 0x7fffffff);
}
NN_INLINE vf copy_sign(vf magnitude, vf sign) {
  return (vf)(((vi)magnitude & 0x7fffffff) |
              ((vi)sign & std::int32_t(0x80000000u)));
}
NN_INLINE vf keep_nan(vf x, vf y) { return select<float>(x != x, x, y); }

// [sigmoid-kernel]
// sigmoid(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0, with
// e = exp(-|x|) <= 1: one exp, one division, never an overflow.
NN_INLINE vf sigmoid_vec(vf x) {
  const exp_parts p = exp_split(-abs_of(x));
  const vf e = exp_of(p);
  const vf num = select<float>(x >= 0.0f, splat(1.0f), e);
  return keep_nan(x, num / (1.0f + e));
}
// [/sigmoid-kernel]

// tanh(|x|) = (1 - e) / (1 + e) with e = exp(-2|x|), and Cephes'
// odd polynomial below |x| = 0.625 where 1 - e would cancel.
NN_INLINE vf tanh_vec(vf x) {
  const vf a = abs_of(x);
  const vf e = exp_of(exp_split(-2.0f * a));
  const vf big = (1.0f - e) / (1.0f + e);
  const vf z = x * x;
  vf q = -5.70498872745e-3f * z + 2.06390887954e-2f;
  q = q * z - 5.37397155531e-2f;
  q = q * z + 1.33314422036e-1f;
  q = q * z - 3.33332819422e-1f;
  const vf small = (q * z) * x + x;
  const vf t = select<float>(a < 0.625f, small, copy_sign(big, x));
  return select<float>(x == 0.0f, x, keep_nan(x, t));  // keeps -0.0
}

// silu(x) = x / (1 + e) for x >= 0 and x e / (1 + e) for x < 0 with
// e = exp(-|x|); the scale 2^k of e is applied last so that tiny
// results round once.
NN_INLINE vf silu_vec(vf x) {
  const exp_parts p = exp_split(-abs_of(x));
  const vf e = exp_of(p);
  const vi positive = x >= 0.0f;
  const vf negative_part = (((x * p.s1) * p.m) / (1.0f + e)) * p.s2;
  const vf t = select<float>(positive, x / (1.0f + e), negative_part);
  return keep_nan(x, t);
}

// log(1 + f) for f in [-0.293, 0.415]: Cephes' logf polynomial.
NN_INLINE vf log1p_small(vf f) {
  const vf z = f * f;
  vf q = 7.0376836292e-2f * f - 1.1514610310e-1f;
  q = q * f + 1.1676998740e-1f;
  q = q * f - 1.2420140846e-1f;
  q = q * f + 1.4249322787e-1f;
  q = q * f - 1.6668057665e-1f;
  q = q * f + 2.0000714765e-1f;
  q = q * f - 2.4999993993e-1f;
  q = q * f + 3.3333331174e-1f;
  return ((q * f) * z - 0.5f * z) + f;
}

// softplus(x) = max(bx, 0) + log1p(exp(-|bx|)), divided by beta, or x
// itself above PyTorch's threshold. log1p(e) for e in (0, 1]: the
// polynomial at e itself up to sqrt(2) - 1, else ln 2 + log1p((e-1)/2)
// (both e - 1 and the halving are exact there).
NN_INLINE vf softplus_vec(vf x, float beta, float threshold) {
  const vf bx = x * beta;
  const vf e = exp_of(exp_split(-abs_of(bx)));
  const vf low = log1p_small(e);
  const vf half = (e - 1.0f) * 0.5f;
  const vf high =
      (log1p_small(half) + -2.12194440e-4f) + 0.693359375f;
  const vf l = select<float>(e <= 0.41421356f, low, high);
  const vf m = select<float>(bx > 0.0f, bx, vf{});
  const vf t = (m + l) / beta;
  return keep_nan(x, select<float>(bx > threshold, x, t));
}

// Runs f over whole vectors, then over the tail padded into one vector,
// so that every element goes through exactly the same operations.
template <typename F>
NN_INLINE void map_float(const float* x, float* y, std::size_t n, F f) {
  constexpr std::size_t w = sizeof(vf) / sizeof(float);
  std::size_t i = 0;
  for (; i + w <= n; i += w) store(y + i, f(load(x + i)));
  if (i < n) {
    float in[w] = {};
    float out[w];
    std::memcpy(in, x + i, (n - i) * sizeof(float));
    store(out, f(load(in)));
    std::memcpy(y + i, out, (n - i) * sizeof(float));
  }
}

}  // namespace

NN_CLONES void relu_kernel(const float* x, float* y,
                           std::size_t n) noexcept {
  relu_loop(x, y, n);
}
NN_CLONES void relu_kernel(const double* x, double* y,
                           std::size_t n) noexcept {
  relu_loop(x, y, n);
}
NN_CLONES void relu_grad_kernel(const float* x, float* y,
                                std::size_t n) noexcept {
  relu_grad_loop(x, y, n);
}
NN_CLONES void relu_grad_kernel(const double* x, double* y,
                                std::size_t n) noexcept {
  relu_grad_loop(x, y, n);
}
NN_CLONES void leaky_kernel(const float* x, float* y, std::size_t n,
                            float a) noexcept {
  leaky_loop(x, y, n, a);
}
NN_CLONES void leaky_kernel(const double* x, double* y, std::size_t n,
                            double a) noexcept {
  leaky_loop(x, y, n, a);
}
NN_CLONES void leaky_grad_kernel(const float* x, float* y, std::size_t n,
                                 float a) noexcept {
  leaky_grad_loop(x, y, n, a);
}
NN_CLONES void leaky_grad_kernel(const double* x, double* y,
                                 std::size_t n, double a) noexcept {
  leaky_grad_loop(x, y, n, a);
}
NN_CLONES void fast_sigmoid_kernel(const float* x, float* y,
                                   std::size_t n) noexcept {
  map_float(x, y, n, [](vf v) NN_LAMBDA { return sigmoid_vec(v); });
}
NN_CLONES void fast_tanh_kernel(const float* x, float* y,
                                std::size_t n) noexcept {
  map_float(x, y, n, [](vf v) NN_LAMBDA { return tanh_vec(v); });
}
NN_CLONES void fast_silu_kernel(const float* x, float* y,
                                std::size_t n) noexcept {
  map_float(x, y, n, [](vf v) NN_LAMBDA { return silu_vec(v); });
}
NN_CLONES void fast_softplus_kernel(const float* x, float* y,
                                    std::size_t n, float beta,
                                    float threshold) noexcept {
  map_float(x, y, n,
            [=](vf v) NN_LAMBDA { return softplus_vec(v, beta, threshold); });
}

}  // namespace nn::detail
