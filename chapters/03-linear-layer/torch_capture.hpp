// capture_torch.py가 쓰는 파일 torch_seed0.txt를 읽습니다. 원문의 PyTorch
// 코드가 torch.manual_seed(0)에서 계산하는 값들입니다.
//
// 형식(capture_torch.py 참고): '#'로 시작하는 주석 줄, "scalar 이름 값",
// 그리고 "matrix 이름 행 열" 뒤에 열 개의 수가 있는 줄이 행 개만큼 옵니다.
// 수는 모두 float32 값을 십진수로 정확히 적은 것이라서, double로 읽어
// float로 좁히면 torch의 값과 비트까지 같습니다. 3장과 4장이 이 읽기
// 함수를 함께 씁니다.
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
