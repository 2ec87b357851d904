// Computes our activations (values and derivatives) and a Linear +
// activation batch for inputs read from stdin, printing every result
// as a hex bit pattern. torch_check.py drives it and compares with
// PyTorch.
//
// Input commands (whitespace separated, numbers as hex bit patterns):
//   act f32 N x1 .. xN        -> "name f32 i value grad [alpha_grad]"
//   act f64 N x1 .. xN
//   linear ACT B IN OUT x.. W.. b.. G..   (float64, row major)
//     -> "linear ACT y|gx|gw|gb i value"
#include <nn/elu.hpp>
#include <nn/gelu.hpp>
#include <nn/leaky_relu.hpp>
#include <nn/linear.hpp>
#include <nn/prelu.hpp>
#include <nn/relu.hpp>
#include <nn/sigmoid.hpp>
#include <nn/silu.hpp>
#include <nn/softplus.hpp>
#include <nn/tanh.hpp>

#include <fmt/core.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

template <typename T>
using Bits = std::conditional_t<std::is_same_v<T, float>, std::uint32_t,
                                std::uint64_t>;

template <typename T>
T read_value(std::istream& in) {
  std::string word;
  if (!(in >> word)) throw std::runtime_error("unexpected end of input");
  return std::bit_cast<T>(static_cast<Bits<T>>(std::stoull(word, 0, 16)));
}

template <typename T>
std::string hex(T v) {
  return fmt::format("{:x}", std::bit_cast<Bits<T>>(v));
}

template <typename T>
struct Activation {
  std::string name;
  std::function<T(T)> value;
  std::function<T(T)> grad;
};

template <typename T>
std::vector<Activation<T>> activations() {
  return {
      {"relu", [](T x) { return nn::relu(x); },
       [](T x) { return nn::relu_grad(x); }},
      {"leaky_relu", [](T x) { return nn::leaky_relu(x); },
       [](T x) { return nn::leaky_relu_grad(x); }},
      {"leaky_relu_0.2", [](T x) { return nn::leaky_relu(x, T(0.2)); },
       [](T x) { return nn::leaky_relu_grad(x, T(0.2)); }},
      {"prelu", [](T x) { return nn::prelu(x, T(0.25)); },
       [](T x) { return nn::prelu_grad(x, T(0.25)); }},
      {"sigmoid", [](T x) { return nn::sigmoid(x); },
       [](T x) { return nn::sigmoid_grad(x); }},
      {"tanh", [](T x) { return nn::tanh(x); },
       [](T x) { return nn::tanh_grad(x); }},
      {"softplus", [](T x) { return nn::softplus(x); },
       [](T x) { return nn::softplus_grad(x); }},
      {"softplus_b2_t5",
       [](T x) { return nn::softplus(x, T(2), T(5)); },
       [](T x) { return nn::softplus_grad(x, T(2), T(5)); }},
      {"elu", [](T x) { return nn::elu(x); },
       [](T x) { return nn::elu_grad(x); }},
      {"gelu", [](T x) { return nn::gelu(x); },
       [](T x) { return nn::gelu_grad(x); }},
      {"gelu_tanh", [](T x) { return nn::gelu_tanh(x); },
       [](T x) { return nn::gelu_tanh_grad(x); }},
      {"silu", [](T x) { return nn::silu(x); },
       [](T x) { return nn::silu_grad(x); }},
  };
}

template <typename T>
void run_activations(std::istream& in, const char* dtype) {
  std::size_t n = 0;
  in >> n;
  std::vector<T> x(n);
  for (auto& v : x) v = read_value<T>(in);
  for (const auto& act : activations<T>()) {
    // Go through the batched API, the one chapters use on arrays.
    std::vector<T> y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = act.value(x[i]);
    for (std::size_t i = 0; i < n; ++i) {
      fmt::print("{} {} {} {} {}", act.name, dtype, i, hex(y[i]),
                 hex(act.grad(x[i])));
      if (act.name == "prelu") {
        fmt::print(" {}", hex(nn::prelu_grad_alpha(x[i])));
      }
      fmt::print("\n");
    }
  }
}

nn::Matrix read_matrix(std::istream& in, Eigen::Index r, Eigen::Index c) {
  nn::Matrix m(r, c);
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    m.data()[i] = read_value<double>(in);
  }
  return m;
}

void print_matrix(const std::string& prefix, const nn::Matrix& m) {
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    fmt::print("{} {} {}\n", prefix, i, hex(m.data()[i]));
  }
}

void run_linear(std::istream& in) {
  std::string act;
  Eigen::Index b = 0;
  Eigen::Index n_in = 0;
  Eigen::Index n_out = 0;
  in >> act >> b >> n_in >> n_out;
  const nn::Matrix x = read_matrix(in, b, n_in);
  nn::Matrix w = read_matrix(in, n_out, n_in);
  const nn::Matrix bias_row = read_matrix(in, 1, n_out);
  const nn::Matrix g = read_matrix(in, b, n_out);
  nn::Linear layer(w, bias_row.row(0).transpose());
  const nn::Matrix z = layer.forward(x);
  nn::Matrix y(z.rows(), z.cols());
  nn::Matrix dy_dz(z.rows(), z.cols());
  const std::span<const double> zs(z.data(), z.size());
  const std::span<double> ys(y.data(), y.size());
  const std::span<double> ds(dy_dz.data(), dy_dz.size());
  if (act == "relu") {
    nn::relu(zs, ys);
    nn::relu_grad(zs, ds);
  } else if (act == "sigmoid") {
    nn::sigmoid(zs, ys);
    nn::sigmoid_grad(zs, ds);
  } else if (act == "gelu") {
    nn::gelu(zs, ys);
    nn::gelu_grad(zs, ds);
  } else {
    throw std::runtime_error("unknown activation " + act);
  }
  const nn::Matrix gz = (g.array() * dy_dz.array()).matrix();
  const nn::Matrix gx = layer.backward(x, gz);
  print_matrix("linear " + act + " y", y);
  print_matrix("linear " + act + " gx", gx);
  print_matrix("linear " + act + " gw", layer.weight_grad);
  print_matrix("linear " + act + " gb", layer.bias_grad.transpose());
}

}  // namespace

int main() {
  try {
    std::string command;
    while (std::cin >> command) {
      if (command == "act") {
        std::string dtype;
        std::cin >> dtype;
        if (dtype == "f32") {
          run_activations<float>(std::cin, "f32");
        } else {
          run_activations<double>(std::cin, "f64");
        }
      } else if (command == "linear") {
        run_linear(std::cin);
      } else {
        throw std::runtime_error("unknown command " + command);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "nn_torch_check: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
