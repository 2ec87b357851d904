#!/usr/bin/python3
"""Fits the polynomial behind nn::fast::gelu (src/nn/kernels.cpp).

GELU(x) = x Phi(x), and the tail Q(u) = Phi(-u) = erfc(u / sqrt 2) / 2 is
written Q(u) = exp(-u^2 / 2) G(u) with G(u) = erfcx(u / sqrt 2) / 2, a
smooth function that falls from 1/2 at u = 0 like 1 / (u sqrt(2 pi)).
With t = K / (K + u), G(u) = t H(t) where H is close to a polynomial in
t on the whole range u in [0, U]. This script fits H for the smallest
relative error (weighted least squares on Chebyshev points, then
Lawson's iterations towards the minimax fit) and reports the relative
error of t H(t), evaluated in double as the kernel does, against mpmath
at 50 digits, on 20001 points of [0, U].

Usage: fit_gelu_tail.py [--k K] [--degree D] [--upper U]
Prints the coefficients, highest degree first, for the kernel's table.
"""
import argparse

import mpmath as mp
import numpy as np

mp.mp.dps = 50


def G(u):
    return mp.erfc(u / mp.sqrt(2)) * mp.exp(u * u / 2) / 2


def fit(k, degree, upper, points=3000, rounds=80):
    tmin = k / (k + upper)
    j = np.arange(points)
    ts = (tmin + 1) / 2 + (1 - tmin) / 2 * np.cos(np.pi * (j + 0.5) / points)
    hs = np.array([float(G(mp.mpf(k) / mp.mpf(t) - k) / mp.mpf(t))
                   for t in ts])
    A = np.vander(ts, degree + 1)  # highest degree first
    w = np.ones(points)
    for _ in range(rounds):
        W = w / hs  # relative error
        coef, *_ = np.linalg.lstsq(A * W[:, None], hs * W, rcond=None)
        err = np.abs(A @ coef - hs) / hs
        w = w * err
        w = w / w.sum()
    return coef


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=float, default=3.0)
    ap.add_argument("--degree", type=int, default=13)
    ap.add_argument("--upper", type=float, default=15.0)
    a = ap.parse_args()
    coef = fit(a.k, a.degree, a.upper)
    worst = 0.0
    for u in np.linspace(0.0, a.upper, 20001):
        t = a.k / (a.k + u)
        acc = 0.0
        for c in coef:
            acc = acc * t + c
        exact = G(mp.mpf(u))
        worst = max(worst, abs(float((mp.mpf(acc * t) - exact) / exact)))
    print(f"// K = {a.k:g}, degree {a.degree}, u in [0, {a.upper:g}]: "
          f"max relative error {worst:.2g}")
    for c in coef:
        print(f"    {c:.17e},")


if __name__ == "__main__":
    main()
