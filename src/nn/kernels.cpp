// The vectorised loops behind the batched activations (see kernels.hpp).
//
// Written once with GCC's portable vector extensions, for the vectors of
// an instruction set (the plumbing is in detail/simd.hpp), and compiled
// for each: on x86-64, 64 bytes for AVX-512, 32 for AVX2 and 16 for SSE2
// (every x86-64 CPU has it), and a portable version in plain C++ (16
// bytes; the only one elsewhere, and in WebAssembly). The first call
// picks the widest one the running CPU supports. Each lane goes through
// the same IEEE operations in the same order whatever the width, so the
// results are bit for bit the same on every machine. The compiler never
// contracts a multiply and an add into one (this file is compiled with
// -ffp-contract=off); the only fused multiply-adds are the explicit
// fmadd() calls, each rounded once, the same on every instruction set
// (the FMA instruction where the CPU has it; elsewhere, float lanes
// from double arithmetic rounded to odd, and the C library's fma for
// double lanes: see detail/simd.hpp).
#include "nn/kernels.hpp"

#include "nn/detail/simd.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace nn::detail {

std::size_t stream_threshold_bytes() noexcept {
  static const std::size_t bytes = [] {
#ifdef _SC_LEVEL2_CACHE_SIZE
    const long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
#else
    const long l2 = 0;  // not known here (WebAssembly)
#endif
    return l2 > 0 ? static_cast<std::size_t>(l2) : std::size_t{1} << 20;
  }();
  return bytes;
}

namespace {

using namespace simd;

// [memory-loop]
// The loop of the memory-bound kernels: `vector` maps a whole vector,
// `scalar` one element (the same operations, so the bits agree).
//
// An output larger than the core's own (L2) cache cannot stay in it, so
// it is written with non-temporal stores, which go straight to memory:
// the CPU does not first read each output line it is about to overwrite
// (a third of the traffic of a plain store loop), and the output does
// not push the input out of the cache. Four pages are walked side by
// side, as glibc's memcpy does for large copies, which keeps more memory
// rows busy at once. The vector stores need an output aligned to the
// vector size: the first few elements are done one by one to get there.
template <typename T, typename Isa, typename VF, typename SF>
NN_INLINE void memory_loop(const T* x, T* y, std::size_t n, VF vector,
                           SF scalar) {
  using Vec = vec<T, Isa>;
  constexpr std::size_t w = Isa::bytes / sizeof(T);
  constexpr std::size_t page = 4096 / sizeof(T);
  std::size_t i = 0;
  if (!Isa::streams || n * sizeof(T) < stream_threshold_bytes()) {
    for (; i + w <= n; i += w) store(y + i, vector(load<Vec>(x + i)));
  } else {
    for (; i < n && reinterpret_cast<std::uintptr_t>(y + i) % Isa::bytes;
         ++i) {
      y[i] = scalar(x[i]);
    }
    for (; i + 4 * page <= n; i += 4 * page) {
      for (std::size_t j = i; j < i + page; j += w) {
        stream<Isa>(y + j, vector(load<Vec>(x + j)));
        stream<Isa>(y + j + page, vector(load<Vec>(x + j + page)));
        stream<Isa>(y + j + 2 * page, vector(load<Vec>(x + j + 2 * page)));
        stream<Isa>(y + j + 3 * page, vector(load<Vec>(x + j + 3 * page)));
      }
    }
    for (; i + w <= n; i += w) stream<Isa>(y + i, vector(load<Vec>(x + i)));
    stream_fence<Isa>();  // order them before returning
  }
  for (; i < n; ++i) y[i] = scalar(x[i]);
}
// [/memory-loop]

// [relu-kernel]
// ReLU without a branch: compare, then keep the bits of x where x is
// not negative (x < 0 is false for -0.0 and NaN, which pass through).
template <typename T, typename Isa>
NN_INLINE void relu_loop(const T* x, T* y, std::size_t n) {
  using Vec = vec<T, Isa>;
  using Mask = mask<T, Isa>;
  auto vector = [](Vec v) NN_LAMBDA {
    const Mask negative = v < T(0);
    return (Vec)((Mask)v & ~negative);
  };
  auto scalar = [](T v) NN_LAMBDA { return v < T(0) ? T(0) : v; };
  memory_loop<T, Isa>(x, y, n, vector, scalar);
}
// [/relu-kernel]

template <typename T, typename Isa>
NN_INLINE void relu_grad_loop(const T* x, T* y, std::size_t n) {
  using Vec = vec<T, Isa>;
  using Mask = mask<T, Isa>;
  const Vec one = Vec{} + T(1);
  auto vector = [one](Vec v) NN_LAMBDA {
    const Mask not_positive = v <= T(0);
    return (Vec)((Mask)one & ~not_positive);
  };
  auto scalar = [](T v) NN_LAMBDA { return v <= T(0) ? T(0) : T(1); };
  memory_loop<T, Isa>(x, y, n, vector, scalar);
}

template <typename T, typename Isa>
NN_INLINE void leaky_loop(const T* x, T* y, std::size_t n, T a) {
  using Vec = vec<T, Isa>;
  auto vector = [a](Vec v) NN_LAMBDA { return select(v > T(0), v, v * a); };
  auto scalar = [a](T v) NN_LAMBDA { return v > T(0) ? v : v * a; };
  memory_loop<T, Isa>(x, y, n, vector, scalar);
}

template <typename T, typename Isa>
NN_INLINE void leaky_grad_loop(const T* x, T* y, std::size_t n, T a) {
  using Vec = vec<T, Isa>;
  const Vec one = Vec{} + T(1);
  const Vec slope = Vec{} + a;
  auto vector = [one, slope](Vec v) NN_LAMBDA {
    return select(v > T(0), one, slope);
  };
  auto scalar = [a](T v) NN_LAMBDA { return v > T(0) ? T(1) : a; };
  memory_loop<T, Isa>(x, y, n, vector, scalar);
}

// ---------------------------------------------------------------------
// Float exp, split so that callers can scale late.
//
// exp(a) = m * 2^n with m in [0.70, 1.42]: n = round(a / ln 2),
// r = a - n ln 2 (Cody and Waite's two-part ln 2, exact for |n| < 2^15),
// m = 1 + r + r^2 P(r) (Cephes' expf polynomial, about 1 ulp). a is
// first raised to -115 (NaN stays NaN): exp(-115) is far below the
// smallest subnormal float, so nothing below it changes a result.
template <typename Isa>
struct exp_parts {
  vf<Isa> m, n;
};

template <typename Isa>
NN_INLINE exp_parts<Isa> exp_split(vf<Isa> a) {
  using F = vf<Isa>;
  a = select(less<Isa>(a, -115.0f), F{} - 115.0f, a);
  const float shifter = 12582912.0f;  // 1.5 * 2^23: rounds to integer
  exp_parts<Isa> e;
  e.n = fmadd<Isa>(a, 1.44269504088896341f, shifter) - shifter;
  F r = fmadd<Isa>(e.n, F{} - 0.693359375f, a);
  r = fmadd<Isa>(e.n, F{} + 2.12194440e-4f, r);
  constexpr float cephes_exp[] = {1.9875691500e-4f, 1.3981999507e-3f,
                                  8.3334519073e-3f, 4.1665795894e-2f,
                                  1.6666665459e-1f, 5.0000001201e-1f};
  e.m = fmadd<Isa>(r * r, horner<Isa>(r, cephes_exp), r) + 1.0f;
  return e;
}

template <typename Isa>
NN_INLINE vf<Isa> exp_of(const exp_parts<Isa>& e) {
  return scale<Isa>(e.m, e.n);
}

// [sigmoid-kernel]
// sigmoid(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0, with
// e = exp(-|x|) <= 1: one exp, one division, never an overflow.
template <typename Isa>
NN_INLINE vf<Isa> sigmoid_vec(vf<Isa> x) {
  using F = vf<Isa>;
  const F e = exp_of(exp_split<Isa>(minus_abs(x)));
  const F num = select(x >= 0.0f, F{} + 1.0f, e);
  return num / (1.0f + e);  // NaN in, NaN out: e is NaN
}
// [/sigmoid-kernel]

// tanh(|x|) = (1 - e) / (1 + e) with e = exp(-2|x|), and Cephes' odd
// polynomial below |x| = 0.625 where 1 - e would cancel; then the sign
// of x (so -0.0 stays -0.0).
template <typename Isa>
NN_INLINE vf<Isa> tanh_vec(vf<Isa> x) {
  using F = vf<Isa>;
  const F a = abs_of(x);
  const F e = exp_of(exp_split<Isa>(-2.0f * a));
  const F big = (1.0f - e) / (1.0f + e);
  const F z = a * a;
  constexpr float cephes_tanh[] = {-5.70498872745e-3f, 2.06390887954e-2f,
                                   -5.37397155531e-2f, 1.33314422036e-1f,
                                   -3.33332819422e-1f};
  const F small = fmadd<Isa>(horner<Isa>(z, cephes_tanh) * z, a, a);
  return copy_sign(select(a < 0.625f, small, big), x);
}

// silu(x) = q = x / (1 + e) for x >= 0 and q e for x < 0, with
// e = exp(-|x|) = m 2^n; the scale 2^n comes last so that tiny results
// round once. Below -115 the result is x * 0: -0.0, or NaN for -inf as
// in PyTorch.
template <typename Isa>
NN_INLINE vf<Isa> silu_vec(vf<Isa> x) {
  using F = vf<Isa>;
  const exp_parts<Isa> p = exp_split<Isa>(minus_abs(x));
  const F q = x / (1.0f + scale<Isa>(p.m, p.n));
  const F negative = select(x < -115.0f, x * 0.0f, scale<Isa>(q * p.m, p.n));
  const F y = select(x >= 0.0f, q, negative);
  // A NaN comes out as x itself (quieted): through a product of two
  // NaNs its sign would depend on the operand order the compiler chose.
  return select(x != x, x + x, y);
}

// log(1 + f) for f in [-0.293, 0.415]: Cephes' logf polynomial.
template <typename Isa>
NN_INLINE vf<Isa> log1p_small(vf<Isa> f) {
  using F = vf<Isa>;
  const F z = f * f;
  constexpr float cephes_log[] = {
      7.0376836292e-2f,  -1.1514610310e-1f, 1.1676998740e-1f,
      -1.2420140846e-1f, 1.4249322787e-1f,  -1.6668057665e-1f,
      2.0000714765e-1f,  -2.4999993993e-1f, 3.3333331174e-1f};
  return fmadd<Isa>(horner<Isa>(f, cephes_log) * f, z, -0.5f * z) + f;
}

// softplus(x) = max(bx, 0) + log1p(exp(-|bx|)), divided by beta, or x
// itself above PyTorch's threshold. log1p(e) for e in (0, 1]: the
// polynomial at e itself up to sqrt(2) - 1, else ln 2 + log1p((e-1)/2)
// (e - 1 and the halving are exact there).
template <typename Isa>
NN_INLINE vf<Isa> softplus_vec(vf<Isa> x, float beta,
                                        float threshold) {
  using F = vf<Isa>;
  const F bx = x * beta;
  const F e = exp_of(exp_split<Isa>(minus_abs(bx)));
  const F low = log1p_small<Isa>(e);
  const F high = (log1p_small<Isa>((e - 1.0f) * 0.5f) + -2.12194440e-4f) +
                 0.693359375f;
  const F l = select(e <= 0.41421356f, low, high);
  const F t = (select(greater<Isa>(bx, 0.0f), bx, F{}) + l) / beta;
  return select(bx > threshold, x, t);
}

// GELU(x) = x Phi(x), from the tail Q(u) = Phi(-u), u = |x|:
// Phi(x) = 1 - Q(u) for x >= 0 and Q(u) for x < 0, with
// Q(u) = exp(-u^2 / 2) t H(t), t = 3 / (3 + u), and H a polynomial
// fitted by tools/fit_gelu_tail.py. In float, the rounding of t alone
// would cost about 2 ulp, and the tail values reach exp(-112), where
// one rounding of u^2 costs tens of ulp; so GELU is computed in double
// (eight lanes at a time; u^2 is then exact) and rounded to float once:
// within 1 ulp, subnormal results included. Above u = 15, Phi is 1 in
// float: the result is x (or -0.0, or NaN for -inf: x * 0, as in
// PyTorch).
constexpr double gelu_tail[] = {
    -1.23330905804145911e-02,
    8.23300328419168670e-02,
    -2.26436698952679566e-01,
    3.13584359288426540e-01,
    -2.01646298168298627e-01,
    3.26007690180416879e-02,
    -1.19191155240625651e-02,
    -2.53945962728990837e-03,
    5.46654347744010422e-02,
    8.73570772857091143e-02,
    1.18389596933046404e-01,
    1.32966133860320274e-01,
    1.32981258803237828e-01,
};

template <typename Isa>
NN_INLINE vd<Isa> gelu_double(vd<Isa> x,
                                       vd<Isa> u,
                                       vd<Isa> t0) {
  using D = vd<Isa>;
  using L = typename V<Isa::bytes>::l;
  // exp(-u^2 / 2) = e^r 2^n, |r| <= ln(2) / 2, e^r by Taylor to r^10
  // (error below 3e-13).
  const D arg = (u * u) * -0.5;
  const double shifter = 6755399441055744.0;  // 1.5 * 2^52
  const D z = fmadd<Isa>(arg, D{} + 1.4426950408889634, D{} + shifter);
  const D n = z - shifter;
  D r = fmadd<Isa>(n, D{} - 6.93147180559945286e-01, arg);
  r = fmadd<Isa>(n, D{} - 2.31904681384629956e-17, r);
  constexpr double inverse_factorial[] = {
      1.0 / 3628800, 1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720,
      1.0 / 120,     1.0 / 24,     1.0 / 6,     1.0 / 2,    1.0,
      1.0};
  const D p = horner<Isa>(r, inverse_factorial);
  std::int64_t shifter_bits;
  std::memcpy(&shifter_bits, &shifter, sizeof shifter_bits);
  const D e = p * (D)(((L)z - shifter_bits + 1023) << 52);
  // t = 3 / (3 + u) from the float quotient t0 (a double division costs
  // more than all the rest): one Newton step, error about 2^-47.
  const D t = fmadd<Isa>(
      t0, fmadd<Isa>(-(3.0 + u), t0, D{} + 3.0) * (1.0 / 3.0), t0);
  const D q = e * (t * horner<Isa>(t, gelu_tail));
  return select(x >= 0.0, x * (1.0 - q), x * q);
}

template <typename Isa>
NN_INLINE vf<Isa> gelu_vec(vf<Isa> x) {
  using F = vf<Isa>;
  using D = vd<Isa>;
  typedef float H __attribute__((vector_size(Isa::bytes / 2)));
  const F a = abs_of(x);
  const F u = select(greater<Isa>(a, 15.0f), F{} + 15.0f, a);  // NaN stays
  const F t = 3.0f / (3.0f + u);
  // Each half of the lanes, widened to double (exactly), then narrowed.
  H xh[2], uh[2], th[2];
  std::memcpy(xh, &x, sizeof x);
  std::memcpy(uh, &u, sizeof u);
  std::memcpy(th, &t, sizeof t);
  for (int i = 0; i < 2; ++i) {
    auto wide = [&](H h) NN_LAMBDA { return __builtin_convertvector(h, D); };
    xh[i] = __builtin_convertvector(
        gelu_double<Isa>(wide(xh[i]), wide(uh[i]), wide(th[i])), H);
  }
  F y;
  std::memcpy(&y, xh, sizeof y);
  y = select(x < -15.0f, x * 0.0f, y);
  return select(x != x, x + x, y);
}

// Runs f over whole vectors with memory_loop; the few elements before
// an aligned output and after the last whole vector go through f one
// lane at a time, so every element gets exactly the same operations.
template <typename T, typename Isa, typename Fn>
NN_INLINE void map_lanes(const T* x, T* y, std::size_t n, Fn f) {
  using Vec = vec<T, Isa>;
  auto one = [f](T v) NN_LAMBDA {
    Vec lane{};  // (Vec{} + v would turn -0.0 into +0.0)
    lane[0] = v;
    return f(lane)[0];
  };
  memory_loop<T, Isa>(x, y, n, f, one);
}
template <typename Isa, typename Fn>
NN_INLINE void map_float(const float* x, float* y, std::size_t n, Fn f) {
  map_lanes<float, Isa>(x, y, n, f);
}

// ReLU in the portable version: the same mask, from less() (see
// detail/simd.hpp: clang for WebAssembly would turn `v < 0` and the
// masking into f32x4.max, which loses -0.0 and NaN payloads), and the
// elements outside whole vectors go through the vector code too.
template <typename T, typename Isa>
NN_INLINE void relu_portable_loop(const T* x, T* y, std::size_t n) {
  using Vec = vec<T, Isa>;
  using Mask = mask<T, Isa>;
  map_lanes<T, Isa>(x, y, n, [](Vec v) NN_LAMBDA {
    const Mask negative = less<Isa>(v, T(-0.0));
    return (Vec)((Mask)v & ~negative);
  });
}
template <typename T, typename Isa>
NN_INLINE void relu_any_loop(const T* x, T* y, std::size_t n) {
  if constexpr (Isa::x86) {
    relu_loop<T, Isa>(x, y, n);
  } else {
    relu_portable_loop<T, Isa>(x, y, n);
  }
}

#if NN_X86_KERNELS
// The widest instruction set this CPU runs: 3 AVX-512, 2 AVX2 with
// FMA, 1 SSE2. NN_ISA=portable, sse2, avx2 or avx512 in the environment
// caps it (0 is the portable version; to compare the versions, or to
// rule one out); another value is reported once and ignored.
int isa_level() noexcept {
  static const int level = [] {
    __builtin_cpu_init();
    int best = 1;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
      best = 2;
    }
    if (__builtin_cpu_supports("avx512f")) best = 3;
    const char* want = std::getenv("NN_ISA");
    if (want == nullptr || *want == '\0') return best;
    const std::string_view w(want);
    const int cap = w == "portable" ? 0
                    : w == "sse2"   ? 1
                    : w == "avx2"   ? 2
                    : w == "avx512" ? 3
                                    : -1;
    if (cap < 0) {
      std::fprintf(stderr,
                   "nn: NN_ISA=%s is not one of portable, sse2, avx2, "
                   "avx512; ignored\n",
                   want);
      return best;
    }
    return cap < best ? cap : best;
  }();
  return level;
}

// One function per instruction set for each kernel, and a pointer to
// the one isa_level() picks, chosen on the first call.
#define NN_VERSIONS(name, params, ...)                             \
  __attribute__((target("avx512f"))) void name##_512 params {      \
    using Isa = avx512;                                            \
    __VA_ARGS__;                                                   \
  }                                                                \
  __attribute__((target("avx2,fma"))) void name##_256 params {     \
    using Isa = avx2;                                              \
    __VA_ARGS__;                                                   \
  }                                                                \
  void name##_128 params {                                         \
    using Isa = sse2;                                              \
    __VA_ARGS__;                                                   \
  }                                                                \
  void name##_portable params {                                    \
    using Isa = portable;                                          \
    __VA_ARGS__;                                                   \
  }                                                                \
  auto* best_##name() {                                            \
    const int level = isa_level();                                 \
    return level == 3   ? &name##_512                              \
           : level == 2 ? &name##_256                              \
           : level == 1 ? &name##_128                              \
                        : &name##_portable;                        \
  }
#else
// Only the portable version: not x86-64, or WebAssembly, or built with
// NN_PORTABLE_KERNELS=1. Another NN_ISA is reported once and ignored.
int isa_level() noexcept {
  static const int level = [] {
    const char* want = std::getenv("NN_ISA");
    if (want != nullptr && *want != '\0' &&
        std::string_view(want) != "portable") {
      std::fprintf(stderr,
                   "nn: NN_ISA=%s: this build has only the portable "
                   "kernels; ignored\n",
                   want);
    }
    return 0;
  }();
  return level;
}

#define NN_VERSIONS(name, params, ...)                             \
  void name##_portable params {                                    \
    using Isa = portable;                                          \
    __VA_ARGS__;                                                   \
  }                                                                \
  auto* best_##name() { return &name##_portable; }
#endif

using cf = const float;
using cd = const double;
using sz = std::size_t;
NN_VERSIONS(relu_f, (cf* x, float* y, sz n),
            relu_any_loop<float, Isa>(x, y, n))
NN_VERSIONS(relu_d, (cd* x, double* y, sz n),
            relu_any_loop<double, Isa>(x, y, n))
NN_VERSIONS(relu_grad_f, (cf* x, float* y, sz n),
            relu_grad_loop<float, Isa>(x, y, n))
NN_VERSIONS(relu_grad_d, (cd* x, double* y, sz n),
            relu_grad_loop<double, Isa>(x, y, n))
NN_VERSIONS(leaky_f, (cf* x, float* y, sz n, float a),
            leaky_loop<float, Isa>(x, y, n, a))
NN_VERSIONS(leaky_d, (cd* x, double* y, sz n, double a),
            leaky_loop<double, Isa>(x, y, n, a))
NN_VERSIONS(leaky_grad_f, (cf* x, float* y, sz n, float a),
            leaky_grad_loop<float, Isa>(x, y, n, a))
NN_VERSIONS(leaky_grad_d, (cd* x, double* y, sz n, double a),
            leaky_grad_loop<double, Isa>(x, y, n, a))
NN_VERSIONS(sigmoid_f, (cf* x, float* y, sz n),
            map_float<Isa>(x, y, n, [](vf<Isa> v) NN_LAMBDA {
              return sigmoid_vec<Isa>(v);
            }))
NN_VERSIONS(tanh_f, (cf* x, float* y, sz n),
            map_float<Isa>(x, y, n, [](vf<Isa> v) NN_LAMBDA {
              return tanh_vec<Isa>(v);
            }))
NN_VERSIONS(silu_f, (cf* x, float* y, sz n),
            map_float<Isa>(x, y, n, [](vf<Isa> v) NN_LAMBDA {
              return silu_vec<Isa>(v);
            }))
NN_VERSIONS(gelu_f, (cf* x, float* y, sz n),
            map_float<Isa>(x, y, n, [](vf<Isa> v) NN_LAMBDA {
              return gelu_vec<Isa>(v);
            }))
NN_VERSIONS(softplus_f, (cf* x, float* y, sz n, float b, float t),
            map_float<Isa>(x, y, n, [=](vf<Isa> v) NN_LAMBDA {
              return softplus_vec<Isa>(v, b, t);
            }))

}  // namespace

const char* kernel_isa() noexcept {
  const int level = isa_level();
  return level == 3   ? "avx512"
         : level == 2 ? "avx2"
         : level == 1 ? "sse2"
                      : "portable";
}

#define NN_CALL(name, ...)                          \
  static const auto chosen = best_##name();         \
  chosen(__VA_ARGS__)

void relu_kernel(cf* x, float* y, sz n) noexcept { NN_CALL(relu_f, x, y, n); }
void relu_kernel(cd* x, double* y, sz n) noexcept {
  NN_CALL(relu_d, x, y, n);
}
void relu_grad_kernel(cf* x, float* y, sz n) noexcept {
  NN_CALL(relu_grad_f, x, y, n);
}
void relu_grad_kernel(cd* x, double* y, sz n) noexcept {
  NN_CALL(relu_grad_d, x, y, n);
}
void leaky_kernel(cf* x, float* y, sz n, float a) noexcept {
  NN_CALL(leaky_f, x, y, n, a);
}
void leaky_kernel(cd* x, double* y, sz n, double a) noexcept {
  NN_CALL(leaky_d, x, y, n, a);
}
void leaky_grad_kernel(cf* x, float* y, sz n, float a) noexcept {
  NN_CALL(leaky_grad_f, x, y, n, a);
}
void leaky_grad_kernel(cd* x, double* y, sz n, double a) noexcept {
  NN_CALL(leaky_grad_d, x, y, n, a);
}
void fast_sigmoid_kernel(cf* x, float* y, sz n) noexcept {
  NN_CALL(sigmoid_f, x, y, n);
}
void fast_tanh_kernel(cf* x, float* y, sz n) noexcept {
  NN_CALL(tanh_f, x, y, n);
}
void fast_silu_kernel(cf* x, float* y, sz n) noexcept {
  NN_CALL(silu_f, x, y, n);
}
void fast_gelu_kernel(cf* x, float* y, sz n) noexcept {
  NN_CALL(gelu_f, x, y, n);
}
void fast_softplus_kernel(cf* x, float* y, sz n, float beta,
                          float threshold) noexcept {
  NN_CALL(softplus_f, x, y, n, beta, threshold);
}

}  // namespace nn::detail
