#!/usr/bin/env python3
"""An interrupted build, built again, gives the book a clean build gives.

  interrupt.py [--keep] [--signals INT KILL]

Copies the litbook generator and its fixture book (litbook/tests/
fixture-book: the same stages as relu-book, an example, a figure, Doxygen,
Sphinx HTML and LaTeX, in a fraction of its time) to a scratch directory and builds its docs
target once, cleanly: the reference. Then, for each signal (SIGINT, as
Ctrl-C sends it to the whole foreground job; SIGKILL, as a killed CI job),
in a fresh build directory: starts `cmake --build --target docs`, stops it
with the signal at a point, starts it again, stops it at the next point, and
so on; the points are

  example   while the example runs (run_example.py)
  figure    while a figure is drawn (plot.py and its gnuplot)
  html      while Sphinx writes HTML pages (sphinx-build -b html, once a
            page exists in the output folder)
  pdf       while xelatex typesets (xelatex, run by latexmk)

Each restarted build goes back to the step that was stopped, so one chain
meets every point. Then a last build runs to the end and its book/html,
book/figures and book/pdf must equal the reference's file for file
(books.compare, the comparison of relu-book's reproducible.py too). A point that is never reached, a process
left running after the signal, or a failed last build fails the test.
Prints 'interrupt: N passed, M failed'.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # nothing written into the source tree
from books import compare, copy_fixture  # noqa: E402


def program(argv):
    """The program a command line runs: python3 x.py -> x.py."""
    names = [os.path.basename(a) for a in argv[:2]]
    if names and names[0].startswith("python") and len(names) > 1:
        return names[1]
    return names[0] if names else ""


def html_written(bdir):
    return any(n.endswith(".html") for _, _, ns in
               os.walk(os.path.join(bdir, "book", "html")) for n in ns)


# (name, is this process the point?, extra condition on the build dir, delay)
POINTS = [
    ("example", lambda v: program(v) == "run_example.py", None, 0.0),
    ("figure", lambda v: program(v) in ("plot.py", "gnuplot"), None, 0.05),
    ("html", lambda v: program(v) == "sphinx-build" and "html" in v,
     html_written, 0.0),
    ("pdf", lambda v: program(v) == "xelatex", None, 0.5),
]


def session_procs(sid):
    """(pid, argv) of every process in session sid."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[3]) != sid or fields[0] == "Z":
                continue
            with open(f"/proc/{d}/cmdline", "rb") as f:
                argv = f.read().decode("utf-8", "replace").split("\0")[:-1]
            out.append((int(d), argv))
        except (OSError, ValueError, IndexError):
            continue
    return out


def build(bdir, log):
    return subprocess.Popen(["cmake", "--build", bdir, "--target", "docs"],
                            stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop_at(bdir, point, sig, log):
    """Builds until the point is reached, then sends sig to the whole job.
    Returns a problem (str) or None."""
    name, is_point, cond, delay = point
    p = build(bdir, log)
    seen = None
    try:
        while p.poll() is None:
            hit = any(is_point(v) for _, v in session_procs(p.pid))
            if hit and (cond is None or cond(bdir)):
                seen = seen or time.monotonic()
                if time.monotonic() - seen >= delay:
                    os.killpg(p.pid, sig)
                    break
            time.sleep(0.005)
        else:
            if p.returncode != 0:
                return f"{name}: the build (restarted after the previous " \
                       f"interruption) failed, exit {p.returncode}"
            return f"{name}: the build ended before the point was reached"
        try:
            p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            return f"{name}: the build did not stop within 120 s of {sig.name}"
        for _ in range(100):  # the job's last processes may take a moment
            left = session_procs(p.pid)
            if not left:
                return None
            time.sleep(0.05)
        return f"{name}: processes left running after {sig.name}: " + \
               "; ".join(" ".join(v)[:80] for _, v in left)
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", action="store_true",
                    help="keep the scratch directory")
    ap.add_argument("--signals", nargs="+", default=["INT", "KILL"])
    ap.add_argument("--ignore", action="append", default=[])
    a = ap.parse_args()
    t_start = time.monotonic()
    scratch = tempfile.mkdtemp(prefix="litbook-interrupt-")
    book = copy_fixture(scratch)
    passed, failed = 0, []
    try:
        dirs = {}
        for run in ["reference"] + a.signals:
            bdir = dirs[run] = os.path.join(scratch, f"build-{run}")
            subprocess.run(["cmake", "-S", book, "-B", bdir], check=True,
                           stdout=subprocess.DEVNULL)
        with open(os.path.join(scratch, "reference.log"), "w") as log:
            p = build(dirs["reference"], log)
            if p.wait() != 0:
                sys.exit("interrupt: the clean reference build failed; see "
                         f"{log.name}")
        print(f"reference build: {time.monotonic() - t_start:.0f} s")
        for s in a.signals:
            sig = getattr(signal, f"SIG{s}")
            bdir = dirs[s]
            t0 = time.monotonic()
            logname = os.path.join(scratch, f"{s}.log")
            with open(logname, "w") as log:
                for point in POINTS:
                    problem = stop_at(bdir, point, sig, log)
                    log.write(f"\n==== {sig.name} at {point[0]}: "
                              f"{problem or 'stopped'}\n")
                    log.flush()
                    if problem:
                        failed.append(f"SIG{s}: {problem}")
                        with open(logname) as f:
                            print(f"FAIL SIG{s} at {point[0]}: {problem}\n"
                                  "  --- build log (tail) ---\n" +
                                  f.read()[-2500:])
                    else:
                        passed += 1
                        print(f"ok   SIG{s} at {point[0]}")
                p = build(bdir, log)
                code = p.wait()
            if code != 0:
                with open(logname) as f:
                    print(f.read()[-3000:])
                failed.append(f"SIG{s}: the build after the interruptions "
                              f"failed (exit {code})")
                continue
            same, diff = compare([dirs["reference"], bdir],
                                 ignore=a.ignore)
            if diff:
                failed += [f"SIG{s}: {d}" for d in diff]
                with open(logname) as f:
                    print(f.read()[-3000:])
            else:
                passed += 1
            print(f"SIG{s}: {len(POINTS)} interruptions, then the book: "
                  f"{same} files identical, {len(diff)} not "
                  f"({time.monotonic() - t0:.0f} s)")
    finally:
        if a.keep:
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    for f in failed[:50]:
        print(f"FAILED: {f}")
    print(f"interrupt: {passed} passed, {len(failed)} failed "
          f"({time.monotonic() - t_start:.0f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
