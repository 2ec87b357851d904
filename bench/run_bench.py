#!/usr/bin/python3
"""The library's activations against numpy and PyTorch, in one run.

Usage: run_bench.py --exe build/bench/nn_bench [--out DIR] [--quick]

Runs the C++ benchmarks (Google Benchmark, float32, one thread), then the
same operations in numpy and PyTorch in this process (one thread), and
prints one table: op x size x (ours, numpy, torch, copy) in G elements/s
with the ratios. Writes the table to DIR/bench-results.csv and a
description of the machine and the run to DIR/bench-machine.txt
(default DIR: chapters/08-why-fast, the data chapter 8 draws).

Every rate is the median over rounds (each round runs the C++ side, then
the Python side) of elements processed per second of the process's CPU
time (one thread), on both sides: on a shared machine that leaves out the
time the OS gives to other programs. All sides work on the same kind of
memory (numpy's arrays, which PyTorch shares; nn_bench allocates as numpy
does). "copy" is a memcpy of the same buffers in C++.
For the ReLU family the numpy and torch columns are the issue's
yardsticks, np.maximum(x, 0, out=y) and torch.clamp_min(x, 0, out=y);
relu_inplace is compared with np.maximum(y, 0, out=y) and torch.relu_(y).
"""
import argparse
import csv
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

# One thread everywhere, set before numpy and torch start their pools.
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
F = torch.nn.functional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def np_sigmoid(x, y):
    np.negative(x, out=y)
    np.exp(y, out=y)
    np.add(y, 1, out=y)
    np.reciprocal(y, out=y)


def np_silu(x, y):
    np_sigmoid(x, y)
    np.multiply(x, y, out=y)


RELU_NP = ("np.maximum(x, 0, out=y)", lambda x, y: np.maximum(x, 0, out=y))
RELU_TORCH = ("torch.clamp_min(x, 0, out=y)",
              lambda x, y: torch.clamp_min(x, 0, out=y))

# op -> (numpy (text, f) or None, torch (text, f) or None); f(x, y)
# works on numpy arrays / torch tensors sharing the same memory.
OPS = {
    "copy": (("np.copyto(y, x)", lambda x, y: np.copyto(y, x)),
             ("y.copy_(x)", lambda x, y: y.copy_(x))),
    "relu": (RELU_NP, RELU_TORCH),
    "relu_inplace": (("np.maximum(y, 0, out=y)",
                      lambda x, y: np.maximum(y, 0, out=y)),
                     ("torch.relu_(y)", lambda x, y: torch.relu_(y))),
    "relu_scalar_loop": (RELU_NP, RELU_TORCH),
    "relu_branchy": (RELU_NP, RELU_TORCH),
    "relu_branchy_sorted": (RELU_NP, RELU_TORCH),
    "relu_random": (RELU_NP, RELU_TORCH),
    "relu_sorted": (RELU_NP, RELU_TORCH),
    "relu_grad": (RELU_NP, RELU_TORCH),
    "leaky_relu": (RELU_NP, RELU_TORCH),
    "leaky_relu_grad": (RELU_NP, RELU_TORCH),
    "prelu": (RELU_NP, RELU_TORCH),
    "prelu_grad": (RELU_NP, RELU_TORCH),
    "sigmoid": (("1/(1+exp(-x)), in place on y", np_sigmoid),
                ("torch.sigmoid(x, out=y)",
                 lambda x, y: torch.sigmoid(x, out=y))),
    "tanh": (("np.tanh(x, out=y)", lambda x, y: np.tanh(x, out=y)),
             ("torch.tanh(x, out=y)", lambda x, y: torch.tanh(x, out=y))),
    "softplus": (("np.logaddexp(x, 0, out=y)",
                  lambda x, y: np.logaddexp(x, 0, out=y)),
                 ("softplus(x, 1, 20, out=y)",
                  lambda x, y: torch._C._nn.softplus(x, 1, 20, out=y))),
    "silu": (("x/(1+exp(-x)), in place on y", np_silu),
             ("silu(x, out=y)", lambda x, y: torch._C._nn.silu(x, out=y))),
    "gelu": (None,
             ("gelu(x, out=y)", lambda x, y: torch._C._nn.gelu(x, out=y))),
}
# The accurate (double, rounded once) versions face the same yardsticks.
for name in ("sigmoid", "tanh", "softplus", "silu", "gelu"):
    OPS[name + "_accurate"] = OPS[name]


def run_cpp(exe, min_time, only=None):
    """One pass of nn_bench (only the ops named in `only`, if given):
    {(op, elements): G elements/s}, its context."""
    cmd = [exe, "--benchmark_format=json",
           f"--benchmark_min_time={min_time}"]
    if only:
        cmd.append("--benchmark_filter=^(" + "|".join(only) + ")/")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    data = json.loads(out.stdout)
    rates = {}
    for b in data["benchmarks"]:
        op, size = b["run_name"].split("/")[:2]
        rates[(op, int(size))] = b["items_per_second"] / 1e9
    return rates, data["context"]


def time_python(f, x, y, n, min_time):
    f(x, y)  # warm up (and touch the pages)
    calls = 1
    while True:
        t0 = time.process_time()
        for _ in range(calls):
            f(x, y)
        dt = time.process_time() - t0
        if dt >= min_time / 4 or calls > 1 << 20:
            break
        calls *= 4
    calls = max(1, int(calls * (min_time / max(dt, 1e-9))))
    t0 = time.process_time()
    for _ in range(calls):
        f(x, y)
    return n * calls / (time.process_time() - t0) / 1e9


def run_python(sizes_by_op, min_time):
    """One pass of the same ops in numpy and PyTorch."""
    res = {}
    buffers = {}
    for op, sizes in sizes_by_op.items():
        for n in sizes:
            if n not in buffers:
                buffers.clear()
                rng = np.random.default_rng(42)
                x = (rng.standard_normal(n, dtype=np.float32) * 3)
                y = np.ones(n, dtype=np.float32)
                buffers[n] = (x, y, torch.from_numpy(x), torch.from_numpy(y))
            x, y, tx, ty = buffers[n]
            np_op, torch_op = OPS[op]
            if np_op:
                res[(op, n, "numpy")] = time_python(np_op[1], x, y, n,
                                                    min_time)
            if torch_op:
                res[(op, n, "torch")] = time_python(torch_op[1], tx, ty, n,
                                                    min_time)
    return res


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    have = set(line.split(":", 1)[1].split())
                    return " ".join(f for f in ("sse2", "avx2", "fma",
                                                "avx512f") if f in have)
    except OSError:
        pass
    return "unknown"


def git_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short",
                               "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt(v):
    return "-" if v is None else f"{v:.3f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


FIELDS = ["op", "elements", "ours", "numpy", "torch", "copy",
          "ours_over_copy", "ours_over_numpy", "ours_over_torch",
          "numpy_op", "torch_op"]


def write_rows(csv_path, rows):
    with open(csv_path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v)
                        for k, v in r.items()})


def write_partial(args, csv_path, machine_path, kept, rows, only, rounds,
                  min_time, load_before, started):
    """--only: the new rows after the full run's other rows; the machine
    file keeps the full run's lines and says when these ops were measured."""
    write_rows(csv_path, kept + rows)
    with open(machine_path) as f:
        lines = [l for l in f if not l.startswith("partial_")]
    load_after = os.getloadavg()
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M UTC")
    lines += [
        f"partial_date\t{stamp}\n",
        f"partial_ops\t{' '.join(only)}\n",
        f"partial_rounds\t{rounds}\n",
        f"partial_min_time_s\t{min_time}\n",
        "partial_load\t" + " ".join(f"{v:.2f}" for v in load_before) +
        " -> " + " ".join(f"{v:.2f}" for v in load_after) + "\n",
        f"partial_seconds\t{time.time() - started:.0f}\n",
        f"partial_commit\t{git_commit()}\n",
    ]
    with open(machine_path, "w") as f:
        f.writelines(lines)
    print(f"wrote {len(rows)} rows of {', '.join(only)} into {csv_path}; "
          f"bench-machine.txt: partial_* ({stamp})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exe", required=True)
    ap.add_argument("--out", default=os.path.join(ROOT, "chapters",
                                                  "08-why-fast"))
    ap.add_argument("--quick", action="store_true",
                    help="short runs, for trying the script")
    ap.add_argument("--only", metavar="OP,OP",
                    help="measure only these ops and put their rows into "
                         "the existing results (bench-machine.txt keeps "
                         "the full run and records this one as partial_*)")
    args = ap.parse_args()
    only = args.only.split(",") if args.only else None
    if only:
        unknown = [op for op in only if op not in OPS]
        if unknown:
            ap.error(f"--only: unknown op(s) {', '.join(unknown)} "
                     f"(known: {', '.join(OPS)})")
    csv_path = os.path.join(args.out, "bench-results.csv")
    machine_path = os.path.join(args.out, "bench-machine.txt")
    if only and not (os.path.exists(csv_path) and
                     os.path.exists(machine_path)):
        ap.error(f"--only adds to a full run: {csv_path} and "
                 "bench-machine.txt must exist (run without --only first)")
    min_time, rounds = (0.05, 2) if args.quick else (0.15, 5)

    load_before = os.getloadavg()
    started = time.time()
    # Rounds: C++ then Python, again and again, and the median of each
    # rate over the rounds. On a shared machine whose speed drifts, both
    # sides then see the same spread of conditions.
    ours_runs, theirs_runs = [], []
    for k in range(rounds):
        print(f"round {k + 1}/{rounds}: C++ benchmarks ({args.exe}) ...",
              flush=True)
        o, context = run_cpp(args.exe, min_time, only)
        ours_runs.append(o)
        sizes_by_op = {}
        for op, n in sorted(o):
            sizes_by_op.setdefault(op, []).append(n)
        print(f"round {k + 1}/{rounds}: numpy and PyTorch ...", flush=True)
        theirs_runs.append(run_python(sizes_by_op, min_time))
    ours = {key: statistics.median(r[key] for r in ours_runs)
            for key in ours_runs[0]}
    theirs = {key: statistics.median(r[key] for r in theirs_runs)
              for key in theirs_runs[0]}
    load_after = os.getloadavg()

    kept = []
    if only:  # the full run's rows of the other ops, and its copy rates
        with open(csv_path, newline="") as f:
            for r in csv.DictReader(f):
                if r["op"] == "copy":
                    ours.setdefault(("copy", int(r["elements"])),
                                    float(r["ours"]))
                if r["op"] not in only:
                    kept.append(r)
    rows = []
    for op, sizes in sizes_by_op.items():
        for n in sizes:
            r = {"op": op, "elements": n, "ours": ours[(op, n)],
                 "numpy": theirs.get((op, n, "numpy")),
                 "torch": theirs.get((op, n, "torch")),
                 "copy": ours.get(("copy", n))}
            r["ours_over_copy"] = ratio(r["ours"], r["copy"])
            r["ours_over_numpy"] = ratio(r["ours"], r["numpy"])
            r["ours_over_torch"] = ratio(r["ours"], r["torch"])
            np_op, torch_op = OPS[op]
            r["numpy_op"] = np_op[0] if np_op else ""
            r["torch_op"] = torch_op[0] if torch_op else ""
            rows.append(r)

    head = (f"{'op':<18}{'elements':>11}{'ours':>8}{'numpy':>8}"
            f"{'torch':>8}{'copy':>8}   {'/copy':>6}{'/numpy':>7}"
            f"{'/torch':>7}")
    print(f"\nG elements/s, float32, one thread (median of {rounds} rounds)")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['op']:<18}{r['elements']:>11.0e}{fmt(r['ours']):>8}"
              f"{fmt(r['numpy']):>8}{fmt(r['torch']):>8}"
              f"{fmt(r['copy']):>8}   {fmt(r['ours_over_copy']):>6}"
              f"{fmt(r['ours_over_numpy']):>7}"
              f"{fmt(r['ours_over_torch']):>7}")

    os.makedirs(args.out, exist_ok=True)
    if only:
        write_partial(args, csv_path, machine_path, kept, rows, only,
                      rounds, min_time, load_before, started)
        return 0
    write_rows(csv_path, rows)
    machine = {
        "date": datetime.datetime.now(datetime.timezone.utc)
                .strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "simd": cpu_flags(),
        "mhz": str(context.get("mhz_per_cpu", "")),
        "kernel": platform.release(),
        "compiler": "g++ " + subprocess.run(
            ["g++", "-dumpfullversion"], capture_output=True,
            text=True).stdout.strip(),
        "flags": "CMake Release (-O3 -DNDEBUG), no -march",
        "kernels": context.get("nn_kernels", ""),
        "buffers": "numpy's: huge pages advised from 4 MiB",
        "numpy": np.__version__,
        "torch": torch.__version__,
        "torch_cpu_capability": torch.__config__.show().split(
            "CPU capability usage: ")[-1].split("\n")[0].strip(),
        "threads": "1",
        "load_before": " ".join(f"{v:.2f}" for v in load_before),
        "load_after": " ".join(f"{v:.2f}" for v in load_after),
        "seconds": f"{time.time() - started:.0f}",
        "rounds": str(rounds),
        "min_time_s": str(min_time),
        "commit": git_commit(),
    }
    with open(os.path.join(args.out, "bench-machine.txt"), "w") as f:
        for k, v in machine.items():
            f.write(f"{k}\t{v}\n")
    print(f"\nmachine: {machine['cpu']}, {machine['cores']} cores, "
          f"{machine['simd']}; load {machine['load_before']} -> "
          f"{machine['load_after']}; {machine['seconds']} s")
    print(f"wrote {csv_path} and bench-machine.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
