#!/usr/bin/env python3
"""Render one chapter's figures for one language with a single gnuplot run.

The chapter's script (figures/<chapter>.gp) draws every figure of the chapter.
This driver gives it:
  datadir          directory of the chapter's data files (<name>.dat)
  lang             "ko" or "en"
  fig("name")      the output path of figure <name> in the current format
  L_<key>          each label of the chapter's table in the reader's language
and runs the script twice in the same gnuplot process: once with the SVG
terminal (HTML) and once with pdfcairo (LaTeX). Every figure drawn in one
format must be drawn in the other. Anything gnuplot prints on stderr (errors,
and warnings such as a column that does not exist) fails the figure.

Results are written to a temporary directory and published only when all of
them are good; on failure the chapter's figures are removed, so the book never
shows a stale one.
"""
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import timing

FONT = "Noto Sans CJK KR"
TERMINALS = {
    # static SVG: EPUB, and HTML where scripts do not run
    "svg": f'set terminal svg size 720,420 dynamic enhanced '
           f'font "{FONT},13" background rgb "white"',
    # PDF for LaTeX
    "pdf": f'set terminal pdfcairo size 5.4in,3.15in enhanced '
           f'font "{FONT},10"',
    # interactive SVG for HTML: gnuplot's own mouse script embedded
    # (coordinates under the pointer, a click on a key entry toggles a curve)
    "isvg": f'set terminal svg size 720,420 dynamic enhanced mouse '
            f'standalone font "{FONT},13" background rgb "white"',
}
# Where each kind is published, below the chapter's figure directory.
SUBDIR = {"svg": "", "pdf": "", "isvg": "interactive"}
EXT = {"svg": "svg", "pdf": "pdf", "isvg": "svg"}


class Failure(Exception):
    pass


def gp_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_labels(path, langs):
    """key -> {lang: text}; every key must have every language."""
    labels = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or rows[0][:1] != ["key"]:
        raise Failure(f"{path}: first row must be 'key<TAB>" +
                      "<TAB>".join(langs) + "'")
    header = rows[0]
    for lang in langs:
        if lang not in header:
            raise Failure(f"{path}: no column for language '{lang}'")
    for n, row in enumerate(rows[1:], start=2):
        if not row or row[0].startswith("#"):
            continue
        if len(row) != len(header):
            raise Failure(f"{path}:{n}: expected {len(header)} tab-separated "
                          f"fields, found {len(row)}")
        key = row[0]
        if not re.fullmatch(r"[A-Za-z0-9_]+", key):
            raise Failure(f"{path}:{n}: bad label key '{key}'")
        entry = dict(zip(header, row))
        for lang in langs:
            if not entry[lang].strip():
                raise Failure(f"{path}:{n}: label '{key}' has no "
                              f"'{lang}' text (translation missing)")
        labels[key] = entry
    return labels


def fix_pdf_dates(path, stamp):
    """cairo writes the current time into /CreationDate (and ignores
    SOURCE_DATE_EPOCH). Replace the digits in place, keeping the length so
    the cross-reference table stays valid."""
    with open(path, "rb") as f:
        data = f.read()

    def sub(m):
        digits = m.group(2)
        return m.group(1) + stamp[:len(digits)].ljust(len(digits), b"0")

    data = re.sub(rb"(/(?:CreationDate|ModDate) \(D:)(\d+)", sub, data)
    with open(path, "wb") as f:
        f.write(data)


def unique_svg_ids(path):
    """gnuplot's SVG repeats ids (e.g. gnuplot_plot_1 for a curve and its
    key entry); XML, and so EPUB, wants each id once."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    seen = {}

    def sub(m):
        i = m.group(1)
        seen[i] = seen.get(i, 0) + 1
        return m.group(0) if seen[i] == 1 else f'id="{i}-{seen[i]}"'

    fixed = re.sub(r'\bid="([^"]+)"', sub, text)
    if fixed != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(fixed)


def render(a):
    labels = read_labels(a.labels, a.all_langs)
    with tempfile.TemporaryDirectory(prefix="litbook-plot-") as tmp:
        lines = [
            "set encoding utf8",
            f"datadir = {gp_string(a.data)}",
            f"lang = {gp_string(a.lang)}",
        ]
        for key, entry in sorted(labels.items()):
            lines.append(f"L_{key} = {gp_string(entry[a.lang])}")
        for ext, term in TERMINALS.items():
            out = os.path.join(tmp, ext)
            os.makedirs(out)
            lines += [
                term,
                f'fig(name) = sprintf("%s/%s.{a.lang}.{EXT[ext]}", '
                f'{gp_string(out)}, name)',
                "reset",
                f"load {gp_string(a.script)}",
                "unset output",
            ]
        driver = os.path.join(tmp, "driver.gp")
        with open(driver, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        p = subprocess.run(["gnuplot", driver], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=tmp)
        err = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode != 0 or err:
            raise Failure(f"{a.script} [{a.lang}]: gnuplot "
                          f"{'failed' if p.returncode else 'warned'}"
                          f" (exit {p.returncode}):\n{err}")
        names = {}
        for ext in TERMINALS:
            files = sorted(os.listdir(os.path.join(tmp, ext)))
            names[ext] = [n[: -len(f".{a.lang}.{EXT[ext]}")] for n in files]
            for n in files:
                if os.path.getsize(os.path.join(tmp, ext, n)) == 0:
                    raise Failure(f"{a.script} [{a.lang}]: figure {n} "
                                  "is empty")
        if not names["svg"]:
            raise Failure(f"{a.script} [{a.lang}]: drew no figure")
        for ext in TERMINALS:
            if names[ext] != names["svg"]:
                raise Failure(f"{a.script} [{a.lang}]: the {ext} run drew "
                              f"other figures than the svg run: "
                              f"{names[ext]} vs {names['svg']}")
        stamp = os.environ.get("SOURCE_DATE_EPOCH", "0")
        date = time.strftime("%Y%m%d%H%M%S", time.gmtime(int(stamp)))
        for ext in TERMINALS:
            dst_dir = os.path.join(a.outdir, SUBDIR[ext])
            os.makedirs(dst_dir, exist_ok=True)
            wanted = set()
            for n in names[ext]:
                fname = f"{n}.{a.lang}.{EXT[ext]}"
                wanted.add(fname)
                src = os.path.join(tmp, ext, fname)
                if ext == "pdf":
                    fix_pdf_dates(src, date.encode())
                elif ext == "svg":
                    unique_svg_ids(src)
                dst = os.path.join(dst_dir, fname)
                if os.path.exists(dst):
                    with open(src, "rb") as f1, open(dst, "rb") as f2:
                        if f1.read() == f2.read():
                            continue
                shutil.move(src, dst)
            # Figures of this language the script no longer draws go away.
            for fname in os.listdir(dst_dir):
                path = os.path.join(dst_dir, fname)
                if (os.path.isfile(path) and f".{a.lang}." in fname
                        and fname.endswith("." + EXT[ext])
                        and fname not in wanted):
                    os.remove(path)
    return names["svg"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--script", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--lang", required=True)
    ap.add_argument("--all-langs", nargs="+", required=True)
    ap.add_argument("--stamp")
    ap.add_argument("--timing", help="directory of the timing records")
    a = ap.parse_args()
    start = time.perf_counter()
    if a.stamp and os.path.exists(a.stamp):
        os.remove(a.stamp)
    try:
        if not os.path.isdir(a.data):
            raise Failure(f"{a.script} [{a.lang}]: data directory {a.data} "
                          "is missing (did the chapter's example run?)")
        names = render(a)
    except Failure as e:
        # Never leave a figure that might be stale: the chapter's figures in
        # every language go, and so do the other languages' stamps, so that
        # they are drawn again once the script is fixed.
        shutil.rmtree(a.outdir, ignore_errors=True)
        if a.stamp:
            suffix = f".{a.lang}.stamp"
            if a.stamp.endswith(suffix):
                for lang in a.all_langs:
                    other = a.stamp[: -len(suffix)] + f".{lang}.stamp"
                    if os.path.exists(other):
                        os.remove(other)
        sys.stderr.write(f"error: {e}\n")
        sys.exit(1)
    if a.timing:
        timing.record(a.timing, f"plot_{a.lang}",
                      round(time.perf_counter() - start, 3))
    if a.stamp:
        with open(a.stamp, "w") as f:
            f.write("\n".join(names) + "\n")


if __name__ == "__main__":
    main()
