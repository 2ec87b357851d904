// Reads torch_seed0.txt, the file capture_torch.py writes: what the
// article's PyTorch code computes under torch.manual_seed(0).
//
// Format (see capture_torch.py): '#' comment lines, "scalar NAME VALUE",
// and "matrix NAME ROWS COLS" followed by ROWS lines of COLS numbers.
// Each number is a float32 value written exactly in decimal, so reading it
// as a double and narrowing to float gives torch's value bit for bit.
// Chapters 3 and 4 share this reader.
#pragma once

#include <nn/tensor.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

namespace capture {

struct TorchCapture {
  std::map<std::string, double> scalars;
  std::map<std::string, nn::Matrix> matrices;

  const nn::Matrix& matrix(const std::string& name) const {
    const auto it = matrices.find(name);
    if (it == matrices.end()) {
      throw std::runtime_error("torch capture: no matrix '" + name + "'");
    }
    return it->second;
  }
  double scalar(const std::string& name) const {
    const auto it = scalars.find(name);
    if (it == scalars.end()) {
      throw std::runtime_error("torch capture: no scalar '" + name + "'");
    }
    return it->second;
  }
};

inline TorchCapture read_torch_capture(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  TorchCapture c;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream head(line);
    std::string kind, name;
    head >> kind >> name;
    if (kind == "scalar") {
      double v = 0.0;
      if (!(head >> v)) throw std::runtime_error("bad line: " + line);
      c.scalars[name] = v;
    } else if (kind == "matrix") {
      Eigen::Index rows = 0, cols = 0;
      if (!(head >> rows >> cols)) {
        throw std::runtime_error("bad line: " + line);
      }
      nn::Matrix m(rows, cols);
      for (Eigen::Index i = 0; i < rows; ++i) {
        for (Eigen::Index j = 0; j < cols; ++j) {
          if (!(in >> m(i, j))) {
            throw std::runtime_error("matrix " + name + ": too few values");
          }
        }
      }
      c.matrices[name] = m;
    } else {
      throw std::runtime_error(path + ": unknown line: " + line);
    }
  }
  return c;
}

}  // namespace capture
