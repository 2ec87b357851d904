// Internal to src/nn/kernels.cpp: the vector plumbing its kernels are
// written with (vector types, loads and stores, lane selection, the
// fused multiply-add and Horner's rule), for one instruction set at a
// time. Not installed and not for users: include nn/kernels.hpp.
//
// An instruction set is a tag type (portable, sse2, avx2, avx512) that
// says how many bytes a vector holds and which instructions the helpers
// may use. Whatever the tag, each helper gives every lane the same IEEE
// result, so the kernels give the same bits on every instruction set.
//
// `portable` is plain C++ with the compiler's vector extensions: no
// inline assembly, no CPU detection. It is what non-x86 targets and
// WebAssembly (emscripten, where -msimd128 makes its vectors SIMD128)
// compile, and what NN_PORTABLE_KERNELS=1 builds alone; x86-64 builds
// have it too, for NN_ISA=portable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__) && !NN_PORTABLE_KERNELS
#define NN_X86_KERNELS 1
#else
#define NN_X86_KERNELS 0
#endif

#define NN_INLINE inline __attribute__((always_inline))
#define NN_LAMBDA __attribute__((always_inline))

namespace nn::detail::simd {

// The instruction sets: the width of their vectors, whether they are
// x86 ones (and may use its assembly), whether they have non-temporal
// stores.
struct portable {
  static constexpr int bytes = 16;
  static constexpr bool x86 = false;
  static constexpr bool streams = false;
};
#if NN_X86_KERNELS
struct sse2 {  // every x86-64 CPU: no FMA instruction
  static constexpr int bytes = 16;
  static constexpr bool x86 = true;
  static constexpr bool streams = true;
};
struct avx2 {  // with FMA
  static constexpr int bytes = 32;
  static constexpr bool x86 = true;
  static constexpr bool streams = true;
};
struct avx512 {
  static constexpr int bytes = 64;
  static constexpr bool x86 = true;
  static constexpr bool streams = true;
};
#endif

// V<B>::f is B bytes of float, V<B>::i the int32 lanes of the same
// size; d and l the same for double and int64.
template <int B>
struct V {
  typedef float f __attribute__((vector_size(B)));
  typedef std::int32_t i __attribute__((vector_size(B)));
  typedef double d __attribute__((vector_size(B)));
  typedef std::int64_t l __attribute__((vector_size(B)));
};

// The float and double vectors of an instruction set.
template <typename Isa>
using vf = typename V<Isa::bytes>::f;
template <typename Isa>
using vd = typename V<Isa::bytes>::d;

// vec<T, Isa>: a vector of T; mask<T, Isa>: integer lanes of the same
// width.
template <typename T, typename Isa>
struct pick {
  using vec = typename V<Isa::bytes>::f;
  using mask = typename V<Isa::bytes>::i;
};
template <typename Isa>
struct pick<double, Isa> {
  using vec = typename V<Isa::bytes>::d;
  using mask = typename V<Isa::bytes>::l;
};
template <typename T, typename Isa>
using vec = typename pick<T, Isa>::vec;
template <typename T, typename Isa>
using mask = typename pick<T, Isa>::mask;

template <typename Vec, typename T>
NN_INLINE Vec load(const T* p) {
  Vec v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <typename Vec, typename T>
NN_INLINE void store(T* p, Vec v) {
  std::memcpy(p, &v, sizeof v);
}

// A non-temporal store of one vector to an address aligned to its size
// (inline assembly: an intrinsic would have to be inlined into this
// template, which is compiled for the baseline target); a plain store
// where the instruction set has none.
template <typename Isa, typename T, typename Vec>
NN_INLINE void stream(T* p, Vec v) {
  if constexpr (!Isa::streams) {
    store(p, v);
  } else {
#if NN_X86_KERNELS
    if constexpr (Isa::bytes == 16) {
      asm("movntps %1, %0" : "=m"(*reinterpret_cast<Vec*>(p)) : "x"(v));
    } else {
      asm("vmovntps %1, %0" : "=m"(*reinterpret_cast<Vec*>(p)) : "v"(v));
    }
#endif
  }
}

// Orders the non-temporal stores before the ones that follow.
template <typename Isa>
NN_INLINE void stream_fence() {
#if NN_X86_KERNELS
  if constexpr (Isa::streams) asm volatile("sfence" ::: "memory");
#endif
}

// The integer lanes of a vector's comparisons, and its lanes' type.
template <typename Vec>
using mask_of = decltype(Vec{} < Vec{});
template <typename Vec>
using lane_of = std::remove_cvref_t<decltype(Vec{}[0])>;

// v < c and v > c, lane by lane, for a constant c (all ones where
// true). The x86 versions compare the floats. The portable one compares
// the bits instead, as integers in which the floats keep their order
// (-0.0 just below +0.0), and a NaN compares false: clang 14 for
// WebAssembly turns a float compare and a select of the same two values
// into f32x4.max or f32x4.min, which gives +0.0 for max(-0.0, 0.0) and
// drops a NaN's sign and payload. Pass -0.0 for "below zero" and +0.0
// for "above zero" (each means the same in the x86 versions).
template <typename Vec>
NN_INLINE mask_of<Vec> order_key(mask_of<Vec> b) {
  using S = lane_of<mask_of<Vec>>;
  constexpr S magnitude = std::numeric_limits<S>::max();
  return b ^ ((b >> (8 * sizeof(S) - 1)) & magnitude);
}
template <bool Below, typename Vec>
NN_INLINE mask_of<Vec> compare_keys(Vec v, lane_of<Vec> c) {
  using I = mask_of<Vec>;
  using S = lane_of<I>;
  using T = lane_of<Vec>;
  constexpr S magnitude = std::numeric_limits<S>::max();
  constexpr T inf = std::numeric_limits<T>::infinity();
  S ci, infi;
  std::memcpy(&ci, &c, sizeof ci);
  std::memcpy(&infi, &inf, sizeof infi);
  const S ck = ci ^ ((ci >> (8 * sizeof(S) - 1)) & magnitude);
  const I b = (I)v;
  const I k = order_key<Vec>(b);
  const I not_nan = (b & magnitude) <= infi;
  if constexpr (Below) {
    return (k < ck) & not_nan;
  } else {
    return (k > ck) & not_nan;
  }
}
template <typename Isa, typename Vec>
NN_INLINE mask_of<Vec> less(Vec v, lane_of<Vec> c) {
  if constexpr (Isa::x86) {
    return v < c;
  } else {
    return compare_keys<true>(v, c);
  }
}
template <typename Isa, typename Vec>
NN_INLINE mask_of<Vec> greater(Vec v, lane_of<Vec> c) {
  if constexpr (Isa::x86) {
    return v > c;
  } else {
    return compare_keys<false>(v, c);
  }
}

// m ? a : b, lane by lane, with m all ones or all zeros.
template <typename Vec, typename Mask>
NN_INLINE Vec select(Mask m, Vec a, Vec b) {
  return (Vec)(((Mask)a & m) | ((Mask)b & ~m));
}

// a * b + c rounded once for float lanes, from double arithmetic: the
// product of two floats is exact in double; the sum is rounded to odd
// (rounded to nearest, then, if that was inexact and the last bit is
// even, moved one step towards the exact sum, whose error TwoSum gives
// exactly). A double has 53 >= 24 + 2 bits, so rounding that sum to
// float rounds the exact a * b + c once (Boldo and Melquiond, "When
// double rounding is odd", 2005), subnormal results included.
// Infinities and NaN pass through the double operations unchanged.
template <typename Vec>
NN_INLINE Vec fmaf_by_double(Vec a, Vec b, Vec c) {
  // Each half of the lanes in double vectors as wide as Vec (wider ones
  // would not stay in SSE2's registers).
  using H = typename V<sizeof(Vec) / 2>::f;
  using D = typename V<sizeof(Vec)>::d;
  using L = typename V<sizeof(Vec)>::l;
  H ah[2], bh[2], ch[2];
  std::memcpy(ah, &a, sizeof a);
  std::memcpy(bh, &b, sizeof b);
  std::memcpy(ch, &c, sizeof c);
  for (int i = 0; i < 2; ++i) {
    const D p = __builtin_convertvector(ah[i], D) *
                __builtin_convertvector(bh[i], D);
    const D z = __builtin_convertvector(ch[i], D);
    const D s = p + z;
    const D t = s - p;
    const D err = (p - (s - t)) + (z - t);  // s + err == p + z exactly
    // (Only operations SSE2 has for 64-bit lanes: double compares, and,
    // xor, add, subtract.)
    const L inexact = (err < 0.0) | (err > 0.0);  // (false for NaN)
    const L even = L{} - (((L)s & 1) ^ 1);         // all ones if even
    const L towards_zero = (err < 0.0) ^ (s < 0.0);  // signs differ
    const L step = (1 ^ towards_zero) - towards_zero;  // +1 or -1
    const D odd = (D)((L)s + (step & inexact & even));
    ah[i] = __builtin_convertvector(odd, H);
  }
  Vec r;
  std::memcpy(&r, ah, sizeof r);
  return r;
}

// a * b + c rounded once: a fused multiply-add, on float or double
// lanes. The AVX2 and AVX-512 versions use the instruction (AVX2 is only
// picked where the CPU has FMA too). The SSE2 and portable versions, for
// CPUs (and WebAssembly) without one, compute float lanes with
// fmaf_by_double() and call the C library's fma on each double lane
// (correctly rounded by C's definition, also in WebAssembly): slower,
// but the same bits.
template <typename Isa, typename Vec>
NN_INLINE Vec fmadd(Vec a, Vec b, Vec c) {
  constexpr bool single = sizeof(a[0]) == 4;
  if constexpr (Isa::bytes == 16 && single) {
    return fmaf_by_double(a, b, c);
  } else if constexpr (Isa::bytes == 16) {
    for (std::size_t k = 0; k < sizeof a / sizeof a[0]; ++k) {
      a[k] = __builtin_fma(a[k], b[k], c[k]);
    }
  } else {
#if NN_X86_KERNELS
    if constexpr (single) {
      asm("vfmadd213ps %2, %1, %0" : "+v"(a) : "v"(b), "v"(c));
    } else {
      asm("vfmadd213pd %2, %1, %0" : "+v"(a) : "v"(b), "v"(c));
    }
#endif
  }
  return a;
}
template <typename Isa>
NN_INLINE vf<Isa> fmadd(vf<Isa> a, vf<Isa> b, float c) {
  return fmadd<Isa>(a, b, vf<Isa>{} + c);
}
template <typename Isa>
NN_INLINE vf<Isa> fmadd(vf<Isa> a, float b, float c) {
  return fmadd<Isa>(a, vf<Isa>{} + b, vf<Isa>{} + c);
}

// c[0] x^(N-1) + ... + c[N-1] by Horner's rule, one fused multiply-add
// per coefficient after the first.
template <typename Isa, typename Vec, typename T, std::size_t N>
NN_INLINE Vec horner(Vec x, const T (&c)[N]) {
  Vec p = Vec{} + c[0];
  for (std::size_t k = 1; k < N; ++k) p = fmadd<Isa>(p, x, Vec{} + c[k]);
  return p;
}

// v * 2^n (n a whole number in [-166, 0], v finite or infinite),
// rounded once even when the result is a subnormal number. AVX-512 has
// an instruction for it (vscalefps); the others multiply by 2^(n/2)
// and then 2^(n - n/2), both normal floats, so that only the second
// product rounds. Either way the result is v * 2^n correctly rounded:
// the same bits.
template <typename Isa>
NN_INLINE vf<Isa> scale(vf<Isa> v, vf<Isa> n) {
  using F = vf<Isa>;
  using I = typename V<Isa::bytes>::i;
  if constexpr (Isa::bytes == 64) {
    F r;
#if NN_X86_KERNELS
    asm("vscalefps %2, %1, %0" : "=v"(r) : "v"(v), "v"(n));
#endif
    return r;
  } else {
    const I k = __builtin_convertvector(n, I);
    const I k1 = k >> 1;
    return (v * (F)((k1 + 127) << 23)) * (F)((k - k1 + 127) << 23);
  }
}

// Bit operations on float lanes: -|v| (the sign bit set), |v|, and the
// magnitude of one vector with the signs of another.
template <typename F>
NN_INLINE F minus_abs(F v) {
  using I = decltype(v < v);
  return (F)((I)v | std::int32_t(0x80000000u));
}
template <typename F>
NN_INLINE F abs_of(F v) {
  using I = decltype(v < v);
  return (F)((I)v & 0x7fffffff);
}
template <typename F>
NN_INLINE F copy_sign(F magnitude, F sign) {
  using I = decltype(sign < sign);
  return (F)(((I)magnitude & 0x7fffffff) |
             ((I)sign & std::int32_t(0x80000000u)));
}

}  // namespace nn::detail::simd
