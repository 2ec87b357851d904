#!/usr/bin/python3
"""Cross-check of the nn library against PyTorch 1.13.

Usage: torch_check.py PATH/TO/nn_torch_check

Rules:
  * relu, leaky_relu, prelu: bit for bit equal to torch in float32 and
    float64 (values, autograd gradients, PReLU's alpha gradient); any NaN
    equals any NaN.
  * smooth functions: NaN exactly where torch float64 gives NaN,
    infinities equal; finite float32 results within 4 ulp of the exact
    value rounded to float32 (exact = mpmath at 100 bits; equal to torch's
    float64 result wherever that one is accurate); finite float64 results
    within 4 ulp of the exact value, or within 4 ulp of 1 in absolute
    terms where the derivative formula cancels near a root.
  * Linear + activation (float64): forward and backward within 1e-12
    relative to the largest entry.
Exit 0 pass, 1 fail, 77 skipped (torch, numpy or mpmath missing).
"""
import subprocess
import sys

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
    import mpmath as mp
except ImportError as error:
    print(f"SKIPPED: {error}")
    sys.exit(77)

mp.mp.prec = 100
EXACT = {"relu", "leaky_relu", "leaky_relu_0.2", "prelu"}
MAX_ULP = 4

def torch_fn(name):
    return {
        "relu": torch.relu,
        "leaky_relu": lambda t: F.leaky_relu(t, 0.01),
        "leaky_relu_0.2": lambda t: F.leaky_relu(t, 0.2),
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "softplus": F.softplus,
        "softplus_b2_t5": lambda t: F.softplus(t, beta=2, threshold=5),
        "elu": F.elu,
        "gelu": F.gelu,
        "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
        "silu": F.silu,
    }[name]

NAMES = ["relu", "leaky_relu", "leaky_relu_0.2", "prelu", "sigmoid",
         "tanh", "softplus", "softplus_b2_t5", "elu", "gelu", "gelu_tanh",
         "silu"]

def sig(x):
    return 1 / (1 + mp.exp(-x))

K = mp.sqrt(2 / mp.pi)
KAPPA = mp.mpf("0.044715")

def exact(name, x, above):
    """Exact value and derivative at finite x (an mpf)."""
    if name == "sigmoid":
        return sig(x), sig(x) * sig(-x)
    if name == "tanh":
        return mp.tanh(x), 1 / mp.cosh(x) ** 2
    if name in ("softplus", "softplus_b2_t5"):
        beta = 1 if name == "softplus" else 2
        if above:
            return x, mp.mpf(1)
        return mp.log1p(mp.exp(beta * x)) / beta, sig(beta * x)
    if name == "elu":
        return (x, mp.mpf(1)) if x > 0 else (mp.expm1(x), mp.exp(x))
    if name == "gelu":
        return x * mp.ncdf(x), mp.ncdf(x) + x * mp.npdf(x)
    if name == "gelu_tanh":
        u = K * (x + KAPPA * x ** 3)
        du = K * (1 + 3 * KAPPA * x ** 2)
        s = sig(2 * u)
        return x * s, s + 2 * x * du * s * sig(-2 * u)
    if name == "silu":
        return x * sig(x), sig(x) * (1 + x * sig(-x))
    raise KeyError(name)

def ordered(a):
    """Maps floats onto integers where neighbours differ by one."""
    if a.dtype == np.float32:
        i = a.view(np.int32).astype(np.int64)
        return np.where(i < 0, np.int64(-2**31) - i, i)
    i = a.view(np.int64)
    # Stay in int64: map negatives to -(magnitude bits).
    mag = i & np.int64(0x7FFFFFFFFFFFFFFF)
    return np.where(i < 0, -mag, mag)

def ulps(a, b):
    return np.abs(ordered(a) - ordered(b))

def inputs(dtype, rng):
    t32 = np.finfo(np.float32)
    edge = [0.0, 1.0, 5.0, 20.0, 1e30, np.inf, float(t32.smallest_subnormal),
            float(t32.tiny), 1e-10, 0.5, 3.0, 25.0, 700.0, 1e-300]
    edge = [v for e in edge for v in (e, -e)] + [np.nan]
    n = 2000
    uni = rng.uniform(-12, 12, n // 2)
    logs = rng.uniform(-9, 2.5, n - n // 2)
    sign = rng.choice([-1.0, 1.0], n - n // 2)
    x = np.concatenate([np.array(edge), uni, sign * 10.0 ** logs])
    return x.astype(dtype)

def torch_results(name, x):
    t = torch.tensor(x, requires_grad=True)
    if name == "prelu":
        # One alpha per element so that autograd gives per-element
        # alpha gradients.
        alpha = torch.full((len(x),), 0.25, dtype=t.dtype,
                           requires_grad=True)
        y = F.prelu(t.reshape(1, -1), alpha).reshape(-1)
        y.backward(torch.ones_like(y))
        return (y.detach().numpy(), t.grad.numpy(), alpha.grad.numpy())
    y = torch_fn(name)(t)
    y.backward(torch.ones_like(y))
    return y.detach().numpy(), t.grad.numpy(), None

def run_ours(exe, x32, x64, linear_jobs):
    def words(a):
        bits = a.view(np.uint32 if a.dtype == np.float32 else np.uint64)
        return " ".join(f"{b:x}" for b in bits)
    parts = [f"act f32 {len(x32)} {words(x32)}",
             f"act f64 {len(x64)} {words(x64)}"]
    for job in linear_jobs:
        act, x, w, b, g = job
        parts.append(f"linear {act} {x.shape[0]} {x.shape[1]} "
                     f"{w.shape[0]} " + " ".join(
                         words(np.ascontiguousarray(a).ravel())
                         for a in (x, w, b, g)))
    out = subprocess.run([exe], input="\n".join(parts) + "\n",
                         capture_output=True, text=True, check=True)
    acts = {}
    lin = {}
    for line in out.stdout.splitlines():
        f = line.split()
        if f[0] == "linear":
            lin.setdefault((f[1], f[2]), []).append(
                np.uint64(int(f[4], 16)))
            continue
        name, dtype = f[0], f[1]
        bits = np.uint32 if dtype == "f32" else np.uint64
        acts.setdefault((name, dtype), []).append(
            [bits(int(v, 16)) for v in f[3:]])
    res = {}
    for key, rows in acts.items():
        ftype = np.float32 if key[1] == "f32" else np.float64
        cols = np.array(rows).T
        res[key] = [c.astype(cols.dtype).view(ftype) for c in cols]
    lres = {k: np.array(v).view(np.float64) for k, v in lin.items()}
    return res, lres

def same_bits(a, b):
    both_nan = np.isnan(a) & np.isnan(b)
    return both_nan | (a.view(np.uint64 if a.dtype == np.float64
                                else np.uint32)
                       == b.view(np.uint64 if b.dtype == np.float64
                                 else np.uint32))

def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        return 2
    verbose = "-v" in sys.argv
    rng = np.random.default_rng(20240601)
    x32 = inputs(np.float32, rng)
    x64 = inputs(np.float64, rng)
    jobs = []
    for act in ("relu", "sigmoid", "gelu"):
        jobs.append((act, rng.normal(size=(8, 5)), rng.normal(size=(4, 5)),
                     rng.normal(size=4), rng.normal(size=(8, 4))))
    ours, ours_lin = run_ours(sys.argv[1], x32, x64, jobs)
    failures = []
    table = []
    # Exact values for the smooth functions, once per input set.
    for name in NAMES:
        row = [name]
        for dtype, x in (("f32", x32), ("f64", x64)):
            mine = ours[(name, dtype)]
            t_val, t_grad, t_agrad = torch_results(name, x)
            x64v = x.astype(np.float64)
            r_val, r_grad, _ = torch_results(name, x64v) \
                if name not in EXACT else (None, None, None)
            if name in EXACT:
                pairs = [("value", mine[0], t_val), ("grad", mine[1], t_grad)]
                if name == "prelu":
                    pairs.append(("alpha grad", mine[2], t_agrad))
                exact_ok = True
                for what, a, b in pairs:
                    bad = ~same_bits(a, b)
                    exact_ok = exact_ok and not bad.any()
                    if bad.any():
                        i = np.argmax(bad)
                        failures.append(
                            f"{name} {dtype} {what} at x={x[i]!r}: ours "
                            f"{a[i]!r}, torch {b[i]!r}")
                row += ["bitwise" if exact_ok else "DIFFERS", ""]
                continue
            worst = 0
            worst_torch = 0
            torch_at = None
            torch_nonfinite = 0
            beyond = 0
            for what, a, ref64, t_same in (("value", mine[0], r_val, t_val),
                                            ("grad", mine[1], r_grad,
                                             t_grad)):
                nan_ref = np.isnan(ref64)
                if (np.isnan(a) != nan_ref).any():
                    i = np.argmax(np.isnan(a) != nan_ref)
                    failures.append(f"{name} {dtype} {what} at x={x[i]!r}: "
                                    f"ours {a[i]!r}, torch float64 "
                                    f"{ref64[i]!r} (NaN mismatch)")
                    continue
                for i in np.nonzero(~nan_ref)[0]:
                    xi = x64v[i]
                    if not np.isfinite(xi) or not np.isfinite(ref64[i]):
                        ex = ref64[i]
                    else:
                        beta = 2 if name == "softplus_b2_t5" else 1
                        thr = 5 if name == "softplus_b2_t5" else 20
                        above = x.dtype.type(x[i] * x.dtype.type(beta)) > thr
                        v, g = exact(name, mp.mpf(float(xi)), above)
                        ex = float(v if what == "value" else g)
                    ex_t = np.array([ex], dtype=x.dtype)
                    u = int(ulps(np.array([a[i]]), ex_t)[0])
                    if np.isfinite(t_same[i]) or not np.isfinite(ex):
                        ut = int(ulps(np.array([t_same[i]]), ex_t)[0])
                        if ut > worst_torch:
                            worst_torch, torch_at = ut, x[i]
                    else:
                        torch_nonfinite += 1
                    ok = u <= MAX_ULP
                    if not ok and dtype == "f64":
                        # Ill-conditioned points (a derivative near its
                        # root, exp of a large argument): allow 4 ulp
                        # times the condition number |x g'(x) / g(x)|.
                        h = mp.mpf(2) ** -40
                        xm = mp.mpf(float(xi))
                        k = 0 if what == "value" else 1
                        g0 = exact(name, xm, above)[k]
                        g1 = exact(name, xm * (1 + h), above)[k]
                        cond = abs((g1 - g0) / (g0 * h)) if g0 else mp.inf
                        ok = u <= MAX_ULP * (1 + float(cond))
                        beyond += ok
                        if ok and verbose:
                            print(f"  cond {name} {what} x={x[i]!r} "
                                  f"{u} ulp, condition {float(cond):.3g}")
                    if not ok:
                        failures.append(
                            f"{name} {dtype} {what} at x={x[i]!r}: ours "
                            f"{a[i]!r}, exact {ex!r} ({u} ulp)")
                    else:
                        worst = max(worst, u)
            note = f" ({beyond} cond)" if beyond else ""
            tnote = f" +{torch_nonfinite} NaN" if torch_nonfinite else ""
            if verbose:
                print(f"  {name} {dtype}: torch worst at x={torch_at!r}")
            tw = f"{worst_torch}" if worst_torch < 10**6 else \
                f"{worst_torch:.1e}"
            row += [f"{worst}{note}", f"{tw}{tnote}"]
        table.append(row)
    # Linear + activation, float64.
    for act, x, w, b, g in jobs:
        xt = torch.tensor(x, requires_grad=True)
        wt = torch.tensor(w, requires_grad=True)
        bt = torch.tensor(b, requires_grad=True)
        yt = {"relu": torch.relu, "sigmoid": torch.sigmoid,
              "gelu": F.gelu}[act](F.linear(xt, wt, bt))
        yt.backward(torch.tensor(g))
        for part, ref in (("y", yt), ("gx", xt.grad), ("gw", wt.grad),
                          ("gb", bt.grad)):
            r = ref.detach().numpy().ravel()
            a = ours_lin[(act, part)]
            err = np.max(np.abs(a - r)) / max(np.max(np.abs(r)), 1e-300)
            if not err <= 1e-12:
                failures.append(f"linear+{act} {part}: relative error "
                                f"{err:.3g}")
    print(f"inputs: {len(x32)} float32, {len(x64)} float64 "
          f"(edges + random); torch {torch.__version__}")
    print("max ulp against the exact value (mpmath), ours and torch's own:")
    print(f"{'function':16} {'ours f32':>9} {'torch f32':>16} "
          f"{'ours f64':>14} {'torch f64':>10}")
    for r in table:
        print(f"{r[0]:16} {r[1]:>9} {r[2]:>16} {r[3]:>14} {r[4]:>10}")
    print("linear + relu/sigmoid/gelu batch, forward and backward: "
          + ("ok" if not any(f.startswith("linear") for f in failures)
             else "FAILED"))
    if failures:
        print(f"{len(failures)} mismatches, first ones:")
        for f in failures[:20]:
            print("  " + f)
        return 1
    print("all checks passed")
    return 0

if __name__ == "__main__":
    sys.exit(main())
