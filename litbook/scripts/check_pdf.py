#!/usr/bin/env python3
"""Check a LaTeX run's PDF, then publish it.

Fails (naming the file) when the log reports a missing character (a glyph
the font lacks: Hangul in a Latin font, say) or when pdffonts lists a font
that is not embedded. Only a PDF that passes is copied to --copy-to.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--pdf", required=True)
    ap.add_argument("--copy-to", required=True)
    a = ap.parse_args()
    problems = []
    if not os.path.exists(a.pdf):
        problems.append(f"{a.pdf}: LaTeX produced no PDF")
    else:
        with open(a.log, encoding="utf-8", errors="replace") as f:
            log = f.read()
        missing = sorted(set(re.findall(r"Missing character: .*", log)))
        problems += [f"{a.log}: {m}" for m in missing[:20]]
        p = subprocess.run(["pdffonts", a.pdf], stdout=subprocess.PIPE,
                           text=True)
        if p.returncode != 0:
            problems.append(f"{a.pdf}: pdffonts failed")
        for line in p.stdout.splitlines()[2:]:
            # columns: name type encoding emb sub uni object ID
            parts = line.split()
            if len(parts) >= 7 and parts[-5] != "yes":
                problems.append(f"{a.pdf}: font not embedded: {line}")
    if problems:
        if os.path.exists(a.copy_to):
            os.remove(a.copy_to)
        sys.stderr.write("error: " + "\nerror: ".join(problems) + "\n")
        sys.exit(1)
    os.makedirs(os.path.dirname(a.copy_to), exist_ok=True)
    shutil.copyfile(a.pdf, a.copy_to)


if __name__ == "__main__":
    main()
