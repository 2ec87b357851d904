#!/usr/bin/python3
"""Capture what the article's PyTorch code prints under torch.manual_seed(0).

The article (section 3 and 4) runs

    x = torch.randn(5, 3)
    linear = nn.Linear(3, 4)
    F.relu(linear(x)); torch.sigmoid(linear(x))
    F.leaky_relu(linear(x), negative_slope=0.01); nn.PReLU()(linear(x))

This script does exactly those steps after torch.manual_seed(0) and writes
the inputs (x, W, b) and torch's outputs to torch_seed0.txt next to it.
Chapters 3 and 4 read that file and recompute everything with the C++
library, so the book can show how far the two results are apart.

Run it with Debian's Python, which sees Debian's torch:

    /usr/bin/python3 chapters/03-linear-layer/capture_torch.py

Format of torch_seed0.txt (plain text, one item per line):

* lines starting with '#' are comments;
* ``scalar NAME VALUE`` gives one number;
* ``matrix NAME ROWS COLS`` is followed by ROWS lines of COLS numbers.

Matrices: x, W, b (1 row), linear = linear(x), relu, sigmoid, leaky_relu,
prelu (as the article computes them, in float32), and linear_f64 and
sigmoid_f64: linear(x) and sigmoid(linear(x)) computed by PyTorch in
float64 and rounded to float32 once at the end.

Every number is a float32 value written as Python's repr() of the same
value widened to a double (for example 1.5409960746765137). A float32
widens to a double exactly and repr() round-trips doubles, so reading the
text back with strtod and narrowing to float32 gives torch's bits exactly.
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "torch_seed0.txt")


def matrix(name, t):
    t = t.detach().to(torch.float32)
    if t.dim() == 1:
        t = t.unsqueeze(0)
    rows, cols = t.shape
    lines = [f"matrix {name} {rows} {cols}"]
    for r in range(rows):
        lines.append(" ".join(repr(float(v)) for v in t[r].tolist()))
    return lines


def main():
    torch.manual_seed(0)
    # The article's steps, in the article's order.
    x = torch.randn(5, 3)
    linear = nn.Linear(3, 4)
    with torch.no_grad():
        z = linear(x)
        out_relu = F.relu(linear(x))
        out_sigmoid = torch.sigmoid(linear(x))
        leaky = F.leaky_relu(linear(x), negative_slope=0.01)
        prelu = nn.PReLU()
        out_prelu = prelu(linear(x))
        # The same two steps in float64, rounded to float32 once at the
        # end: how far float32 rounding inside PyTorch moves the results.
        z64 = F.linear(x.double(), linear.weight.double(),
                       linear.bias.double())
        linear_f64 = z64.float()
        sigmoid_f64 = torch.sigmoid(linear(x).double()).float()

    lines = [
        "# Written by capture_torch.py (see its docstring for the format).",
        f"# torch {torch.__version__}, torch.manual_seed(0), float32.",
        f"scalar seed 0",
        f"scalar leaky_slope {repr(0.01)}",
        f"scalar prelu_alpha {repr(float(prelu.weight.item()))}",
    ]
    lines += matrix("x", x)
    lines += matrix("W", linear.weight)
    lines += matrix("b", linear.bias)
    lines += matrix("linear", z)
    lines += matrix("relu", out_relu)
    lines += matrix("sigmoid", out_sigmoid)
    lines += matrix("linear_f64", linear_f64)
    lines += matrix("sigmoid_f64", sigmoid_f64)
    lines += matrix("leaky_relu", leaky)
    lines += matrix("prelu", out_prelu)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {OUT}")
    print("ReLU:\n", out_relu)
    print("sigmoid:\n", out_sigmoid)


if __name__ == "__main__":
    main()
