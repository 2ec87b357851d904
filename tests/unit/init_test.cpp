#include <nn/init.hpp>

#include <catch2/catch.hpp>

#include <cmath>

namespace {
double stddev(const nn::Matrix& m) {
  const double mean = m.mean();
  return std::sqrt((m.array() - mean).square().mean());
}
}  // namespace

TEST_CASE("kaiming gain is sqrt 2 for relu and shrinks with the slope",
          "[init]") {
  CHECK(nn::kaiming_gain() == std::sqrt(2.0));
  CHECK(nn::kaiming_gain(1.0) == 1.0);
  CHECK(nn::kaiming_gain(0.01) == Approx(std::sqrt(2.0 / 1.0001)));
}

TEST_CASE("kaiming uniform stays within gain * sqrt(3 / fan_in)",
          "[init]") {
  nn::Generator gen(1);
  nn::Matrix w(300, 200);
  nn::kaiming_uniform(w, gen);
  const double b = std::sqrt(2.0) * std::sqrt(3.0 / 200.0);
  CHECK(w.maxCoeff() < b);
  CHECK(w.minCoeff() >= -b);
  CHECK(w.maxCoeff() > 0.99 * b);
  CHECK(stddev(w) == Approx(std::sqrt(2.0 / 200.0)).epsilon(0.01));
}

TEST_CASE("kaiming normal has deviation gain / sqrt(fan_in)", "[init]") {
  nn::Generator gen(2);
  nn::Matrix w(300, 200);
  nn::kaiming_normal(w, gen);
  CHECK(stddev(w) == Approx(std::sqrt(2.0 / 200.0)).epsilon(0.01));
  nn::kaiming_normal(w, gen, 0.2);
  CHECK(stddev(w) ==
        Approx(std::sqrt(2.0 / 1.04) / std::sqrt(200.0)).epsilon(0.01));
}

TEST_CASE("xavier uses fan_in + fan_out", "[init]") {
  nn::Generator gen(3);
  nn::Matrix w(100, 300);
  nn::xavier_uniform(w, gen);
  const double b = std::sqrt(6.0 / 400.0);
  CHECK(w.maxCoeff() < b);
  CHECK(w.minCoeff() >= -b);
  CHECK(stddev(w) == Approx(std::sqrt(2.0 / 400.0)).epsilon(0.01));
  nn::xavier_normal(w, gen, 2.0);
  CHECK(stddev(w) == Approx(2.0 * std::sqrt(2.0 / 400.0)).epsilon(0.01));
}

TEST_CASE("linear default init draws weight then bias within "
          "1 / sqrt(fan_in)",
          "[init]") {
  nn::Generator gen(4);
  nn::Matrix w(50, 16);
  nn::Vector b(50);
  nn::linear_default_init(w, b, gen);
  CHECK(w.cwiseAbs().maxCoeff() < 0.25);
  CHECK(w.cwiseAbs().maxCoeff() > 0.24);
  CHECK(b.cwiseAbs().maxCoeff() < 0.25);
  nn::Generator again(4);
  CHECK(w(0, 0) == again.uniform(-0.25, 0.25));
  CHECK(w(0, 1) == again.uniform(-0.25, 0.25));
}

TEST_CASE("initialisers reject an empty fan_in and a wrong bias size",
          "[init]") {
  nn::Generator gen(5);
  nn::Matrix empty(3, 0);
  CHECK_THROWS_WITH(nn::kaiming_normal(empty, gen),
                    Catch::Contains("3x0"));
  nn::Matrix w(3, 2);
  nn::Vector b(4);
  CHECK_THROWS_WITH(nn::linear_default_init(w, b, gen),
                    Catch::Contains("4") && Catch::Contains("3x2"));
}
