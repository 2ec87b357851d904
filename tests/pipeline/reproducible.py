#!/usr/bin/env python3
"""Two clean builds in two different directories give byte-identical books.

  reproducible.py [--source DIR] [--target docs] [--ignore NAME]...

Configures and builds the book twice from the same sources, in two fresh
build directories whose paths differ, then compares, file by file, the HTML
trees of every language, the rendered figures and the PDFs. Files named by
--ignore (e.g. timing.html, the build-timing page, whose content is by nature
different every build) are left out of the comparison; everything else must
be identical. Prints 'reproducible: N passed, M failed' (one check per file).
"""
import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def build(src, bdir, target, extra):
    for cmd in (["cmake", "-S", src, "-B", bdir, *extra],
                ["cmake", "--build", bdir, "-j", str(os.cpu_count() or 2),
                 "--target", target]):
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            print(p.stdout[-5000:])
            sys.exit(f"reproducible: '{' '.join(cmd)}' failed")


def files(top):
    out = set()
    for root, _, names in os.walk(top):
        for n in names:
            out.add(os.path.relpath(os.path.join(root, n), top))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default=ROOT)
    ap.add_argument("--target", default="docs")
    ap.add_argument("--ignore", action="append", default=[])
    ap.add_argument("--parts", nargs="+", default=["html", "figures", "pdf"])
    ap.add_argument("--cmake-arg", action="append", default=[])
    a = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="litbook-repro-")
    try:
        dirs = [os.path.join(scratch, "one"),
                os.path.join(scratch, "second-build-elsewhere")]
        for d in dirs:
            build(a.source, d, a.target, a.cmake_arg)
        passed, failed = 0, []
        for part in a.parts:
            tops = [os.path.join(d, "book", part) for d in dirs]
            if not all(os.path.isdir(t) for t in tops):
                failed.append(f"{part}: missing from a build")
                continue
            names = files(tops[0]) | files(tops[1])
            for rel in sorted(names):
                if os.path.basename(rel) in a.ignore:
                    continue
                p0, p1 = (os.path.join(t, rel) for t in tops)
                if not (os.path.isfile(p0) and os.path.isfile(p1)):
                    failed.append(f"{part}/{rel}: only in one build")
                elif not filecmp.cmp(p0, p1, shallow=False):
                    failed.append(f"{part}/{rel}: differs")
                else:
                    passed += 1
        for f in failed[:50]:
            print(f"FAILED: {f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"reproducible: {passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
