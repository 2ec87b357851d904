#!/usr/bin/python3
"""The pipeline's own speed: regenerating what the article's Python code
produces, side by side with running that Python.

Usage: pipeline_timing.py --build BUILD_DIR [--runs N]

BUILD_DIR must hold the built examples of the chapters that reproduce
the article's outputs (02-derivative: ReLU and its slope; 03-linear-layer
and 04-leaky-prelu: the printed layer outputs; 05-dosage: the seven
dosage figures), e.g. a build configured with
-DLITBOOK_ONLY="02-derivative;03-linear-layer;04-leaky-prelu;05-dosage".

"ours" runs, for those chapters, exactly the commands of the build's
run and plot stages, chapters in parallel as `make -j` runs them (litbook/scripts/run_example.py build: every
language, stdout checked; litbook/scripts/plot.py: one gnuplot process
per chapter and language, SVG + PDF + interactive SVG) into a scratch
directory. "article" runs bench/article_baseline.py (numpy, matplotlib,
torch; 8 PNG figures and the printed outputs). Reported: the median wall
time over N runs and the peak resident memory of the largest process,
and the ratios ours / article.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
CHAPTERS = ["02-derivative", "03-linear-layer", "04-leaky-prelu",
            "05-dosage"]
LANGS = ["ko", "en"]


def run(cmd):
    """Runs cmd; returns (seconds, peak RSS of the process in MB)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return dt, usage.ru_maxrss / 1024


def find_exe(build, name):
    for sub in ("book/examples", "chapters"):
        p = os.path.join(build, sub, name)
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    p = os.path.join(build, "chapters", f"example-{name}")
    if os.path.isfile(p):
        return p
    sys.exit(f"no built example {name} under {build}")


def ours_once(build, scratch):
    """The build's run and plot stages for the chapters, scheduled as
    `make -j N` schedules them: chapters in parallel on the machine's cores
    (each chapter's plots wait for its run). Returns (wall seconds, peak MB
    of the largest process)."""
    from concurrent.futures import ThreadPoolExecutor
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        peaks = list(pool.map(lambda n: chapter_once(build, scratch, n),
                              CHAPTERS))
    return time.perf_counter() - t0, max(peaks)


def chapter_once(build, scratch, name):
    peak = 0.0
    scripts = os.path.join(ROOT, "litbook", "scripts")
    out = os.path.join(scratch, "data", name)
    dt, mb = run([PY, os.path.join(scripts, "run_example.py"), "build",
                  "--exe", find_exe(build, name), "--chapter", name,
                  "--expected-dir", os.path.join(ROOT, "chapters", name),
                  "--langs", *LANGS, "--out", out,
                  "--unapproved", os.path.join(scratch, "unapproved"),
                  "--stamp", os.path.join(scratch, name + ".run")])
    peak = max(peak, mb)
    gp = os.path.join(ROOT, "figures", name + ".gp")
    if not os.path.exists(gp):
        return peak
        for lang in LANGS:
            dt, mb = run([PY, os.path.join(scripts, "plot.py"),
                          "--script", gp,
                          "--labels", os.path.join(ROOT, "figures",
                                                   name + ".labels.tsv"),
                          "--data", out,
                          "--outdir", os.path.join(scratch, "fig", name),
                          "--lang", lang, "--all-langs", *LANGS,
                          "--stamp", os.path.join(scratch,
                                                  f"{name}.{lang}.fig")])
            peak = max(peak, mb)
    return peak


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    ours, theirs = [], []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as scratch:
            ours.append(ours_once(args.build, scratch))
            theirs.append(run([PY, os.path.join(HERE, "article_baseline.py"),
                               os.path.join(scratch, "article")]))
        print(f"run {i + 1}: ours {ours[-1][0]:.2f} s, {ours[-1][1]:.0f} MB;"
              f" article {theirs[-1][0]:.2f} s, {theirs[-1][1]:.0f} MB",
              flush=True)
    o_t = statistics.median(t for t, _ in ours)
    a_t = statistics.median(t for t, _ in theirs)
    o_m = max(m for _, m in ours)
    a_m = max(m for _, m in theirs)
    print(f"\nmedian time: ours {o_t:.2f} s, article {a_t:.2f} s, "
          f"ratio {o_t / a_t:.3f}")
    print(f"peak memory: ours {o_m:.0f} MB, article {a_m:.0f} MB, "
          f"ratio {o_m / a_m:.3f}")
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
