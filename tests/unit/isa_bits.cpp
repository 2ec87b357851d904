// Prints, for every vectorised kernel, a hash of its output bits over a
// fixed set of inputs (special values and every 65521st float bit
// pattern), after the name of the instruction set the process runs.
// isa_same_bits.py runs it under NN_ISA=sse2, avx2 and avx512 and
// compares: every version must give the same bits.
#include <nn/fast.hpp>
#include <nn/gelu.hpp>
#include <nn/kernels.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <span>
#include <vector>

namespace {

template <typename T>
std::uint64_t hash(std::span<const T> v) {
  std::uint64_t h = 1469598103934665603u;  // FNV-1a over the bytes
  for (const T& x : v) {
    const auto* p = reinterpret_cast<const unsigned char*>(&x);
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      h = (h ^ p[i]) * 1099511628211u;
    }
  }
  return h;
}

std::vector<float> inputs() {
  using L = std::numeric_limits<float>;
  std::vector<float> x = {0.0f, -0.0f, 1.0f, -1.0f, L::infinity(),
                          -L::infinity(), L::quiet_NaN(), L::denorm_min(),
                          -L::denorm_min(), L::min(), L::max(), -L::max()};
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 32); b += 65521) {
    // (memcpy, not std::bit_cast: emscripten 3.1.6's libc++ has none)
    const auto bits = static_cast<std::uint32_t>(b);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    x.push_back(f);
  }
  // Dense where the smooth functions change branch: -120 .. 120.
  for (int i = -120000; i <= 120000; ++i) x.push_back(float(i) * 1e-3f);
  return x;
}

template <typename T>
unsigned long long bits_of(T v) {
  std::uint64_t b = 0;
  std::memcpy(&b, &v, sizeof v);
  return b;
}

// `--dump NAME`: instead of its hash, the named kernel's every input and
// output bits, one pair a line (to find what differs).
const char* dump_name = nullptr;

template <typename T, typename F>
void report(const char* name, const std::vector<T>& x, F kernel) {
  std::vector<T> y(x.size());
  kernel(x.data(), y.data(), x.size());
  if (dump_name != nullptr) {
    if (std::strcmp(name, dump_name) != 0) return;
    for (std::size_t i = 0; i < x.size(); ++i) {
      std::printf("%llx %llx\n", bits_of(x[i]), bits_of(y[i]));
    }
    return;
  }
  std::printf("%s %016llx\n", name,
              static_cast<unsigned long long>(hash<T>(y)));
}

}  // namespace

int main(int argc, char** argv) {
  namespace d = nn::detail;
  if (argc == 3 && std::strcmp(argv[1], "--dump") == 0) dump_name = argv[2];
  const std::vector<float> xf = inputs();
  const std::vector<double> xd(xf.begin(), xf.end());
  if (dump_name == nullptr) std::printf("%s\n", d::kernel_isa());
  report("relu_f", xf, [](auto x, auto y, auto n) { d::relu_kernel(x, y, n); });
  report("relu_d", xd, [](auto x, auto y, auto n) { d::relu_kernel(x, y, n); });
  report("relu_grad_f", xf,
         [](auto x, auto y, auto n) { d::relu_grad_kernel(x, y, n); });
  report("relu_grad_d", xd,
         [](auto x, auto y, auto n) { d::relu_grad_kernel(x, y, n); });
  report("leaky_f", xf,
         [](auto x, auto y, auto n) { d::leaky_kernel(x, y, n, 0.2f); });
  report("leaky_d", xd,
         [](auto x, auto y, auto n) { d::leaky_kernel(x, y, n, 0.2); });
  report("leaky_grad_f", xf, [](auto x, auto y, auto n) {
    d::leaky_grad_kernel(x, y, n, 0.2f);
  });
  report("leaky_grad_d", xd, [](auto x, auto y, auto n) {
    d::leaky_grad_kernel(x, y, n, 0.2);
  });
  report("fast_sigmoid", xf,
         [](auto x, auto y, auto n) { d::fast_sigmoid_kernel(x, y, n); });
  report("fast_tanh", xf,
         [](auto x, auto y, auto n) { d::fast_tanh_kernel(x, y, n); });
  report("fast_silu", xf,
         [](auto x, auto y, auto n) { d::fast_silu_kernel(x, y, n); });
  report("fast_gelu", xf,
         [](auto x, auto y, auto n) { d::fast_gelu_kernel(x, y, n); });
  report("fast_softplus", xf, [](auto x, auto y, auto n) {
    d::fast_softplus_kernel(x, y, n, 1.0f, 20.0f);
  });
  report("fast_softplus_beta2", xf, [](auto x, auto y, auto n) {
    d::fast_softplus_kernel(x, y, n, 2.0f, 5.0f);
  });
  return 0;
}
