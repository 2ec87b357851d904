// Internal to src/nn/kernels.cpp: the vector plumbing its kernels are
// written with (vector types, loads and stores, lane selection, the
// fused multiply-add and Horner's rule), for one instruction set at a
// time. Not installed and not for users: include nn/kernels.hpp.
//
// An instruction set is a tag type (sse2, avx2, avx512) that says how
// many bytes a vector holds and which instructions the helpers may use.
// Whatever the tag, each helper gives every lane the same IEEE result,
// so the kernels give the same bits on every instruction set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#define NN_INLINE inline __attribute__((always_inline))
#define NN_LAMBDA __attribute__((always_inline))

namespace nn::detail::simd {

// The instruction sets, by the width of their vectors.
struct sse2 {  // every x86-64 CPU: no FMA instruction
  static constexpr int bytes = 16;
};
struct avx2 {  // with FMA
  static constexpr int bytes = 32;
};
struct avx512 {
  static constexpr int bytes = 64;
};

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
// template, which is compiled for the baseline target).
template <typename Isa, typename T, typename Vec>
NN_INLINE void stream(T* p, Vec v) {
  if constexpr (Isa::bytes == 16) {
    asm("movntps %1, %0" : "=m"(*reinterpret_cast<Vec*>(p)) : "x"(v));
  } else {
    asm("vmovntps %1, %0" : "=m"(*reinterpret_cast<Vec*>(p)) : "v"(v));
  }
}

// Orders the non-temporal stores before the ones that follow.
template <typename Isa>
NN_INLINE void stream_fence() {
  asm volatile("sfence" ::: "memory");
}

// m ? a : b, lane by lane, with m all ones or all zeros.
template <typename Vec, typename Mask>
NN_INLINE Vec select(Mask m, Vec a, Vec b) {
  return (Vec)(((Mask)a & m) | ((Mask)b & ~m));
}

// a * b + c rounded once: a fused multiply-add, on float or double
// lanes. The AVX2 and AVX-512 versions use the instruction (AVX2 is only
// picked where the CPU has FMA too); the SSE2 version, for CPUs without
// it, calls the C library's fma on each lane: much slower, but the same
// bits.
template <typename Isa, typename Vec>
NN_INLINE Vec fmadd(Vec a, Vec b, Vec c) {
  constexpr bool single = sizeof(a[0]) == 4;
  if constexpr (Isa::bytes == 16) {
    for (std::size_t k = 0; k < sizeof a / sizeof a[0]; ++k) {
      if constexpr (single) {
        a[k] = __builtin_fmaf(a[k], b[k], c[k]);
      } else {
        a[k] = __builtin_fma(a[k], b[k], c[k]);
      }
    }
  } else if constexpr (single) {
    asm("vfmadd213ps %2, %1, %0" : "+v"(a) : "v"(b), "v"(c));
  } else {
    asm("vfmadd213pd %2, %1, %0" : "+v"(a) : "v"(b), "v"(c));
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
    asm("vscalefps %2, %1, %0" : "=v"(r) : "v"(v), "v"(n));
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
