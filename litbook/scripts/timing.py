#!/usr/bin/env python3
"""The timing records of the build report: DIR/KEY.json = {"seconds": s}.

As a program it times a command and records it (the compile step of an
example, used as CMake's CXX_COMPILER_LAUNCHER):

  timing.py DIR KEY -- COMMAND...

run_example.py and plot.py call record() for the run and plot steps.
"""
import json
import os
import subprocess
import sys
import time


def record(directory, key, seconds):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, f"{key}.json")
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w") as f:
        json.dump({"seconds": seconds}, f)
    os.replace(tmp, path)


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit("usage: timing.py DIR KEY -- COMMAND...")
    out, key, cmd = sys.argv[1], sys.argv[2], sys.argv[4:]
    start = time.perf_counter()
    code = subprocess.call(cmd)
    seconds = round(time.perf_counter() - start, 3)
    if code == 0:
        record(out, key, seconds)
    sys.exit(code)


if __name__ == "__main__":
    main()
