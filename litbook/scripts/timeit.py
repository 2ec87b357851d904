#!/usr/bin/env python3
"""Time a command and record the seconds as DIR/KEY.json (the compile step
of an example, used as CMake's CXX_COMPILER_LAUNCHER).

  timeit.py DIR KEY -- COMMAND...
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
        sys.exit("usage: timeit.py DIR KEY -- COMMAND...")
    out, key, cmd = sys.argv[1], sys.argv[2], sys.argv[4:]
    start = time.perf_counter()
    code = subprocess.call(cmd)
    seconds = round(time.perf_counter() - start, 3)
    if code == 0:
        record(out, key, seconds)
    sys.exit(code)


if __name__ == "__main__":
    main()
