#!/usr/bin/python3
"""The source article's own Python code, as one script: the baseline of
the pipeline timing (bench/pipeline_timing.py).

Usage: article_baseline.py OUTDIR

The code is the article's (numpy + matplotlib + torch), in its order,
with two changes only: matplotlib draws with the Agg backend, and each
plt.show() becomes a savefig into OUTDIR (fig1.png ... fig8.png) plus
plt.close(). Its printed outputs go to stdout, as in the article.
"""
import os
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
warnings.filterwarnings("ignore")  # missing Hangul glyphs in titles

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(OUT, exist_ok=True)
_count = 0


def show():
    """plt.show() of the article, as a file."""
    global _count
    _count += 1
    plt.savefig(os.path.join(OUT, f"fig{_count}.png"))
    plt.close("all")


# 2. ReLU visualisation
x = np.linspace(-5, 5, 400)


def relu(x):
    return np.maximum(0, x)


def relu_grad(x):
    return np.where(x > 0, 1, 0)


y = relu(x)
dy = relu_grad(x)
plt.figure(figsize=(8, 4))
plt.subplot(1, 2, 1)
plt.plot(x, y, label='ReLU(x)')
plt.title('ReLU 함수')
plt.xlabel('x')
plt.ylabel('ReLU(x)')
plt.grid(True)
plt.legend()
plt.subplot(1, 2, 2)
plt.plot(x, dy, label='ReLU\'(x)', color='orange')
plt.title('ReLU 기울기')
plt.xlabel('x')
plt.ylabel('Gradient')
plt.grid(True)
plt.legend()
plt.tight_layout()
show()

# 3. A two-layer MLP with ReLU and sigmoid
x = torch.randn(5, 3)
linear = nn.Linear(3, 4)
out_relu = F.relu(linear(x))
out_sigmoid = torch.sigmoid(linear(x))
print("ReLU 출력:\n", out_relu)
print("\n시그모이드 출력:\n", out_sigmoid)

# 4. Leaky ReLU and PReLU
leaky = F.leaky_relu(linear(x), negative_slope=0.01)
prelu = nn.PReLU()
out_prelu = prelu(linear(x))
print("Leaky ReLU 출력:\n", leaky)
print("\nPReLU 출력:\n", out_prelu)

# The dosage example, steps 1 to 7
x = np.linspace(0, 1, 100)
w1, b1 = 1.70, -0.85
z1 = w1 * x + b1
relu1 = np.maximum(0, z1)
plt.plot(x, relu1, label="ReLU(w1·x + b1)")
plt.xlabel("Dosage")
plt.ylabel("Activation")
plt.title("ReLU Activation")
plt.legend()
show()

w3 = -40.8
scaled_blue = relu1 * w3
plt.plot(x, scaled_blue, label="ReLU × w3")
plt.xlabel("Dosage")
plt.ylabel("Value")
plt.title("ReLU Output × w3")
plt.legend()
show()

w2, b2 = 12.6, 0.0
z2 = w2 * x + b2
plt.plot(x, z2, color="orange", label="w2·x + b2")
plt.xlabel("Dosage")
plt.ylabel("Value")
plt.title("Bottom Node")
plt.legend()
show()

w4 = 2.70
scaled_orange = z2 * w4
plt.plot(x, scaled_orange, color="orange", label="(w2·x + b2) × w4")
plt.xlabel("Dosage")
plt.ylabel("Value")
plt.title("Scaled Bottom Node")
plt.legend()
show()

combined = scaled_blue + scaled_orange
plt.plot(x, combined, color="green", label="Combined Signal")
plt.xlabel("Dosage")
plt.ylabel("Value")
plt.title("Combined Signal")
plt.legend()
show()

b3 = -16
combined_bias = combined + b3
plt.plot(x, combined_bias, color="green", label="Combined + b3")
plt.xlabel("Dosage")
plt.ylabel("Value")
plt.title("Combined Signal + Bias")
plt.legend()
show()

final_output = np.maximum(0, combined_bias)
plt.plot(x, final_output, color="green")
plt.xlabel("Dosage")
plt.ylabel("Activation")
plt.title("Final ReLU Output")
show()
