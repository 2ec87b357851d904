// Throughput of the library's activations (float32, one thread) and of a
// plain copy of the same buffers, with Google Benchmark. run_bench.py
// runs this next to numpy and PyTorch and prints the comparison.
//
// Every benchmark is named "<op>/<elements>" and reports items_per_second:
// elements per second of the thread's CPU time, which leaves out the
// time the OS gives to other programs on a shared machine (the Python
// side measures the same way).
#include <nn/elementwise.hpp>
#include <nn/fast.hpp>
#include <nn/gelu.hpp>
#include <nn/leaky_relu.hpp>
#include <nn/prelu.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>
#include <nn/silu.hpp>
#include <nn/softplus.hpp>
#include <nn/tanh.hpp>

#include "branchy_relu.hpp"  // chapters/08-why-fast

#include <benchmark/benchmark.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace {

using In = std::span<const float>;
using Out = std::span<float>;
using Op = std::function<void(In, Out)>;

// Inputs: half negative, spread like pre-activations (normal, sd 3).
void fill_inputs(std::span<float> x) {
  std::mt19937 rng(42);
  std::normal_distribution<float> d(0.0f, 3.0f);
  for (auto& v : x) v = d(rng);
}

// The arrays numpy and PyTorch work on in run_bench.py are numpy's,
// and numpy asks Linux for transparent huge pages on every array of
// 4 MiB or more (madvise before first use, from the first whole page
// on). The C++ side gets the same treatment, so that all columns run on
// the same kind of memory and the table compares the loops, not the
// allocators.
std::unique_ptr<float[]> like_numpy(std::size_t n) {
  std::unique_ptr<float[]> v(new float[n]);  // not touched yet
  const std::size_t bytes = n * sizeof(float);
  if (bytes >= (std::size_t{1} << 22)) {
    const auto p = reinterpret_cast<std::uintptr_t>(v.get());
    const std::uintptr_t offset = 4096 - p % 4096;
    madvise(reinterpret_cast<void*>(p + offset), bytes - offset,
            MADV_HUGEPAGE);
  }
  return v;
}

// sorted: the inputs in ascending order (all negatives first), so that a
// branch on the sign goes the same way for half the array, then the other.
void run(benchmark::State& state, const Op& op, bool in_place,
         bool sorted) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::unique_ptr<float[]> xb = like_numpy(n);
  const std::unique_ptr<float[]> yb = like_numpy(n);
  const std::span<float> x(xb.get(), n);
  const std::span<float> y(yb.get(), n);
  fill_inputs(x);
  if (sorted) std::sort(x.begin(), x.end());
  std::fill(y.begin(), y.end(), 1.0f);  // touched: no first-use faults
  for (auto _ : state) {
    if (in_place) {
      op(y, y);
    } else {
      op(x, y);
    }
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n));
}

// The loop the library had before its kernels: one element at a time
// through the scalar function (g++ -O2 does not vectorise it).
template <typename F>
void scalar_loop(In x, Out y, F f) {
  nn::detail::map("scalar", x, y, f);
}

struct Entry {
  std::string name;
  Op op;
  std::vector<std::int64_t> sizes;
  bool in_place = false;
  bool sorted = false;
};

std::vector<Entry> entries() {
  const std::vector<std::int64_t> memory = {100'000, 10'000'000,
                                            100'000'000};
  const std::vector<std::int64_t> smooth = {100'000, 10'000'000};
  const std::vector<std::int64_t> slow = {100'000};
  return {
      {"copy", [](In x, Out y) {
         std::memcpy(y.data(), x.data(), x.size_bytes());
       }, memory},
      {"relu", [](In x, Out y) { nn::relu<float>(x, y); }, memory},
      {"relu_inplace", [](In, Out y) { nn::relu<float>(y, y); },
       {100'000}, true},
      {"relu_scalar_loop",
       [](In x, Out y) {
         scalar_loop(x, y, [](float v) { return nn::relu(v); });
       }, smooth},
      // The branch on the sign (chapter 8): random signs against sorted
      // ones, and the branch-free kernel on both (relu_random is relu,
      // measured again beside the others by run_bench.py --only).
      {"relu_branchy",
       [](In x, Out y) { why_fast::relu_branchy(x.data(), y.data(),
                                                x.size()); },
       slow},
      {"relu_branchy_sorted",
       [](In x, Out y) { why_fast::relu_branchy(x.data(), y.data(),
                                                x.size()); },
       slow, false, true},
      {"relu_random", [](In x, Out y) { nn::relu<float>(x, y); }, slow},
      {"relu_sorted", [](In x, Out y) { nn::relu<float>(x, y); }, slow,
       false, true},
      {"relu_grad", [](In x, Out y) { nn::relu_grad<float>(x, y); },
       memory},
      {"leaky_relu", [](In x, Out y) { nn::leaky_relu<float>(x, y); },
       memory},
      {"leaky_relu_grad",
       [](In x, Out y) { nn::leaky_relu_grad<float>(x, y); }, memory},
      {"prelu", [](In x, Out y) { nn::prelu<float>(x, y, 0.25f); },
       memory},
      {"prelu_grad",
       [](In x, Out y) { nn::prelu_grad<float>(x, y, 0.25f); }, memory},
      {"sigmoid", [](In x, Out y) { nn::fast::sigmoid(x, y); }, smooth},
      {"sigmoid_accurate", [](In x, Out y) { nn::sigmoid<float>(x, y); },
       slow},
      {"tanh", [](In x, Out y) { nn::fast::tanh(x, y); }, smooth},
      {"tanh_accurate", [](In x, Out y) { nn::tanh<float>(x, y); },
       slow},
      {"softplus", [](In x, Out y) { nn::fast::softplus(x, y); }, smooth},
      {"softplus_accurate",
       [](In x, Out y) { nn::softplus<float>(x, y); }, slow},
      {"silu", [](In x, Out y) { nn::fast::silu(x, y); }, smooth},
      {"silu_accurate", [](In x, Out y) { nn::silu<float>(x, y); },
       slow},
      {"gelu", [](In x, Out y) { nn::fast::gelu(x, y); }, smooth},
      {"gelu_accurate", [](In x, Out y) { nn::gelu<float>(x, y); },
       slow},
  };
}

}  // namespace

int main(int argc, char** argv) {
  for (const Entry& e : entries()) {
    for (std::int64_t n : e.sizes) {
      benchmark::RegisterBenchmark(
          e.name.c_str(),
          [op = e.op, in_place = e.in_place,
           sorted = e.sorted](benchmark::State& s) {
            run(s, op, in_place, sorted);
          })
          ->Arg(n)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  benchmark::AddCustomContext("nn_kernels", nn::detail::kernel_isa());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
