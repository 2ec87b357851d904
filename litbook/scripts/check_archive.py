#!/usr/bin/env python3
"""A reader's code archive, built as its README says, on this machine.

  check_archive.py --archive A.tar.gz --name DIR --chapter NN-slug --lang L

Unpacks the archive into a temporary folder, configures it with
`cmake -S . -B build` and builds the chapter's program and chapter 1's
with `cmake --build build`, then runs each with --lang L and compares what
it prints with the archive's own expected.<L>.txt.
"""
import argparse
import glob
import os
import subprocess
import sys
import tarfile
import tempfile


def main():
    ap = argparse.ArgumentParser()
    for opt in ("--archive", "--name", "--chapter", "--lang"):
        ap.add_argument(opt, required=True)
    a = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory(prefix="archive-") as tmp:
        with tarfile.open(a.archive) as tar:
            try:
                tar.extractall(tmp, filter="data")
            except TypeError:  # a Python without extraction filters
                tar.extractall(tmp)
        top = os.path.join(tmp, a.name)
        for line in ("cmake -S . -B build -DCMAKE_BUILD_TYPE=Release",):
            subprocess.run(line.split(), cwd=top, check=True,
                           stdout=subprocess.DEVNULL)
        first = sorted(os.path.basename(d) for d in
                       glob.glob(os.path.join(top, "chapters", "*")))[0]
        chapters = sorted({first, a.chapter})
        subprocess.run(["cmake", "--build", "build", "-j2", "--target",
                        *chapters], cwd=top, check=True,
                       stdout=subprocess.DEVNULL)
        for ch in chapters:
            p = subprocess.run([os.path.join(top, "build", ch), "--lang",
                                a.lang], cwd=top, capture_output=True,
                               text=True)
            with open(os.path.join(top, "chapters", ch,
                                   f"expected.{a.lang}.txt"),
                      encoding="utf-8") as f:
                want = f.read()
            if p.returncode != 0 or p.stdout != want:
                failures.append(f"{ch}: exit {p.returncode}, output "
                                f"{'differs' if p.stdout != want else 'ok'}"
                                f"\n{p.stderr[:500]}")
    for f in failures:
        print(f"FAILED: {a.archive}: {f}")
    print(f"archive: {len(chapters) - len(failures)} passed, "
          f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
