"""The C++ particle rule of example messages (litbook/ko_particles.hpp)
agrees with the glue role's (ko_particles.py) on every value below: both
are run over the same values, particles and errors."""
import os
import random
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "sphinxext"))
import ko_particles  # noqa: E402

INCLUDE = os.path.join(HERE, "..", "include")
DRIVER = r'''
#include <litbook/ko_particles.hpp>
#include <iostream>
#include <stdexcept>
#include <string>
int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    const auto tab = line.find('\t');
    const std::string text = line.substr(0, tab);
    const std::string particle = line.substr(tab + 1);
    try {
      const std::string s = litbook::ko::last_syllable(text);
      const std::string a = litbook::ko::attach(text, particle);
      std::cout << s << '\t' << a << '\n';
    } catch (const std::invalid_argument&) {
      std::cout << "error\n";
    }
  }
}
'''
PARTICLES = ["은", "는", "이", "가", "을", "를", "과", "와", "으로", "로",
             "으로는", "로서", "이다", "다", "이나", "라고", "이고", "서"]


def values():
    rng = random.Random(16)
    out = [str(n) for n in range(0, 1201)]
    out += [str(m * 10 ** k) for k in range(0, 22) for m in (1, 2, 7)]
    for _ in range(400):
        x = rng.uniform(-1000, 1000) * 10 ** rng.randint(-6, 3)
        out += [f"{x:g}", f"{x:.2f}", f"{x:.3f}", f"{x:.1e}", f"{x:.0f}",
                f"{abs(x):.1f}%", f"{abs(x):.1f}×", f"{abs(x):.2f}x",
                f"{abs(x):.0f} ms", f"{abs(x):,.0f}"]
    out += ["0.36, -0.41", "1–3", "1-3", "3~5", "(0.25)", "[1, 2]",
            "1,000", "1,000,000", "12,5", "−3", "+4", ".5", "5.", "1e-05",
            "3E+10", "10⁻⁵", "3×10^-4", "2²", "nan", "NaN", "inf", "∞", "-inf",
            "도함수", "「ReLU의 도함수」", "SGD", "ReLU", "AVX2", "avx512",
            "1.13.1", "GHz", "3.1 GHz", "64 KiB", "5 ns", "12%p", "3‰",
            "", " ", "abc", "foo%", "x", "%"]
    return out


def python_answer(text, particle):
    try:
        return (ko_particles.last_syllable(text) + "\t" +
                ko_particles.attach(text, particle))
    except ValueError:
        return "error"


@pytest.mark.skipif(shutil.which("g++") is None, reason="needs g++")
def test_the_cpp_rule_is_the_glue_roles(tmp_path):
    src = tmp_path / "driver.cpp"
    src.write_text(DRIVER, encoding="utf-8")
    exe = tmp_path / "driver"
    subprocess.run(["g++", "-std=c++20", "-Wall", "-Wextra", "-Werror",
                    "-I", INCLUDE, str(src), "-o", str(exe)], check=True)
    cases = [(v, p) for i, v in enumerate(values())
             for p in (PARTICLES[i % len(PARTICLES)], "으로", "는")]
    stdin = "".join(f"{v}\t{p}\n" for v, p in cases)
    got = subprocess.run([str(exe)], input=stdin.encode(), check=True,
                         capture_output=True).stdout.decode().splitlines()
    assert len(got) == len(cases)
    wrong = [(v, p, g, python_answer(v, p))
             for (v, p), g in zip(cases, got) if g != python_answer(v, p)]
    assert not wrong, f"{len(wrong)} of {len(cases)} differ, first: {wrong[:5]}"
    # Both sides answer, and both refuse: the corpus covers each.
    assert sum(g == "error" for g in got) >= 5
    assert sum(g != "error" for g in got) > len(cases) // 2
