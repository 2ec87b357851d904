#!/usr/bin/env python3
"""Run one chapter's example in every language and check what it prints.

Modes
  build    run the example for each language; compare stdout with the
           committed expected.<lang>.txt; check that the data and values are
           the same in every language; then, and only then, publish stdout,
           data and values into --out. Any failure removes --out entirely, so
           the book can never pick up a stale or unchecked result.
  check    run for one language and compare with the expected file (CTest).
  approve  run for each language and overwrite the expected files.

Every message names the chapter, the language and the file concerned.
"""
import argparse
import difflib
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import timing

TIMEOUT = 300
# Examples allocate many mid-sized Eigen temporaries (a 256x64 double
# matrix is 128 KiB, glibc's default mmap threshold): with the default, each
# one is a fresh mmap and its pages fault in again, which doubled the run
# time of the training examples. Output does not depend on it.
EXAMPLE_ENV = dict(os.environ, GLIBC_TUNABLES=(
    "glibc.malloc.mmap_threshold=16777216:"
    "glibc.malloc.trim_threshold=33554432"))


class Failure(Exception):
    pass


def run_all(exe, chapter, langs, dirs):
    """Runs the example for every language at once (they are independent);
    returns {lang: (stdout, seconds)} or raises the first failure."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=len(langs)) as pool:
        futures = {lang: pool.submit(run, exe, chapter, lang, dirs[lang])
                   for lang in langs}
        return {lang: f.result() for lang, f in futures.items()}


def run(exe, chapter, lang, out_dir):
    cmd = [exe, "--lang", lang, "--out", out_dir]
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT, env=EXAMPLE_ENV)
    except subprocess.TimeoutExpired:
        raise Failure(f"chapter {chapter} [{lang}]: {exe} ran longer than "
                      f"{TIMEOUT} s")
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        how = (f"was killed by signal {-p.returncode}" if p.returncode < 0
               else f"exited with code {p.returncode}")
        err = p.stderr.decode("utf-8", "replace").strip()
        raise Failure(f"chapter {chapter} [{lang}]: example {exe} {how}"
                      + (f"\n{err}" if err else ""))
    try:
        text = p.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Failure(f"chapter {chapter} [{lang}]: stdout is not UTF-8: {e}")
    return text, seconds


def compare(chapter, lang, expected_path, actual):
    """Returns None when equal, else a unified diff naming the chapter."""
    if not os.path.exists(expected_path):
        return (f"chapter {chapter} [{lang}]: no expected output "
                f"{expected_path}; run the approve target and review it\n")
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read()
    if expected == actual:
        return None
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"{expected_path} (expected, {lang})",
        tofile=f"chapter {chapter} stdout ({lang}, actual)")
    body = "".join(d if d.endswith("\n") else d + "\n" for d in diff)
    return (f"chapter {chapter} [{lang}]: output differs from "
            f"{expected_path}\n{body}"
            "If the change is intended, run the approve target "
            "(make approve) and review the diff before committing.\n")


def same_tree(a, b):
    """Names the files that differ between two output directories."""
    names = sorted(set(os.listdir(a)) | set(os.listdir(b)))
    return [n for n in names
            if not (os.path.isfile(os.path.join(a, n))
                    and os.path.isfile(os.path.join(b, n))
                    and filecmp.cmp(os.path.join(a, n), os.path.join(b, n),
                                    shallow=False))]


def publish(src_dir, dst_dir):
    """Moves files into dst_dir, replacing only those whose bytes changed
    (so unchanged outputs keep their time stamps), and removes extras."""
    os.makedirs(dst_dir, exist_ok=True)
    keep = set(os.listdir(src_dir))
    for name in os.listdir(dst_dir):
        if name not in keep:
            path = os.path.join(dst_dir, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    for name in keep:
        src, dst = os.path.join(src_dir, name), os.path.join(dst_dir, name)
        if os.path.isfile(dst) and filecmp.cmp(src, dst, shallow=False):
            continue
        shutil.move(src, dst)


def build(a):
    if os.path.isdir(a.out):
        # Until this run succeeds, nothing of an earlier run is visible.
        stale = a.out.rstrip("/") + ".previous"
        shutil.rmtree(stale, ignore_errors=True)
        os.rename(a.out, stale)
    else:
        stale = None
    run_seconds = {}
    with tempfile.TemporaryDirectory(prefix=f"litbook-{a.chapter}-") as tmp:
        dirs = {lang: os.path.join(tmp, lang) for lang in a.langs}
        errors = []
        results = run_all(a.exe, a.chapter, a.langs, dirs)
        for lang in a.langs:
            d = dirs[lang]
            text, seconds = results[lang]
            run_seconds[lang] = round(seconds, 3)
            problem = compare(a.chapter, lang,
                              os.path.join(a.expected_dir,
                                           f"expected.{lang}.txt"), text)
            if problem:
                errors.append(problem)
                if a.unapproved:
                    os.makedirs(a.unapproved, exist_ok=True)
                    with open(os.path.join(a.unapproved,
                                           f"stdout.{lang}.txt"), "w",
                              encoding="utf-8") as f:
                        f.write(text)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(tmp, f"stdout.{lang}.txt"), "w",
                      encoding="utf-8") as f:
                f.write(text)
        if errors:
            raise Failure("".join(errors))
        first = a.langs[0]
        if not os.path.exists(os.path.join(dirs[first], "values.json")):
            raise Failure(f"chapter {a.chapter}: the example wrote no "
                          "values.json into its --out directory")
        for lang in a.langs[1:]:
            bad = same_tree(dirs[first], dirs[lang])
            if bad:
                raise Failure(
                    f"chapter {a.chapter}: data differ between languages "
                    f"{first} and {lang}: {', '.join(bad)} (figure data and "
                    "cited values must not depend on the language)")
        with open(os.path.join(dirs[first], "values.json"),
                  encoding="utf-8") as f:
            try:
                values = json.load(f)
            except json.JSONDecodeError as e:
                raise Failure(f"chapter {a.chapter}: values.json is not "
                              f"valid JSON: {e}")
        for key, val in values.items():
            low = str(val).lower()
            if "nan" in low or "inf" in low:
                raise Failure(f"chapter {a.chapter}: value {key} is "
                              f"'{val}', not a finite number")
        result = dirs[first]
        for lang in a.langs:
            shutil.move(os.path.join(tmp, f"stdout.{lang}.txt"),
                        os.path.join(result, f"stdout.{lang}.txt"))
        if a.timing:
            for lang, seconds in run_seconds.items():
                timing.record(a.timing, f"run_{lang}", seconds)
        if stale:
            os.rename(stale, a.out)
        publish(result, a.out)
    if a.stamp:
        with open(a.stamp, "w") as f:
            f.write("ok\n")


def check(a):
    for lang in a.langs:
        with tempfile.TemporaryDirectory() as tmp:
            text, _ = run(a.exe, a.chapter, lang, tmp)
        problem = compare(a.chapter, lang,
                          os.path.join(a.expected_dir,
                                       f"expected.{lang}.txt"), text)
        if problem:
            raise Failure(problem)
        print(f"chapter {a.chapter} [{lang}]: output matches")


def approve(a):
    for lang in a.langs:
        with tempfile.TemporaryDirectory() as tmp:
            text, _ = run(a.exe, a.chapter, lang, tmp)
        path = os.path.join(a.expected_dir, f"expected.{lang}.txt")
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old == text:
            print(f"chapter {a.chapter} [{lang}]: unchanged")
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"chapter {a.chapter} [{lang}]: wrote {path} -- review it "
              "with git diff before committing")


def variant(a):
    """Runs the example with non-default parameters: it must succeed, print
    something else than at the defaults, and match every --match."""
    lang = a.langs[0]
    cmd = [a.exe, "--lang", lang, *a.arg]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=TIMEOUT, env=EXAMPLE_ENV)
    what = f"chapter {a.chapter} [{lang}] with {' '.join(a.arg)}"
    if p.returncode != 0:
        raise Failure(f"{what}: exited with code {p.returncode}\n"
                      + p.stderr.decode("utf-8", "replace"))
    text = p.stdout.decode("utf-8")
    expected = os.path.join(a.expected_dir, f"expected.{lang}.txt")
    with open(expected, encoding="utf-8") as f:
        if f.read() == text:
            raise Failure(f"{what}: prints the same as at the defaults "
                          f"({expected})")
    missing = [m for m in a.match if not re.search(m, text, re.M)]
    if missing:
        raise Failure(f"{what}: the output does not match "
                      + ", ".join(repr(m) for m in missing)
                      + "\n--- output ---\n" + text)
    print(f"{what}: {len(a.match)} passed, 0 failed")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["build", "check", "approve",
                                     "variant"])
    ap.add_argument("--exe", required=True)
    ap.add_argument("--chapter", required=True)
    ap.add_argument("--expected-dir", required=True)
    ap.add_argument("--langs", nargs="+", required=True)
    ap.add_argument("--out", help="build: where results are published")
    ap.add_argument("--unapproved", help="build: where drifted stdout goes")
    ap.add_argument("--stamp", help="build: touched on success")
    ap.add_argument("--timing", help="build: directory of timing records")
    ap.add_argument("--arg", action="append", default=[],
                    help="variant: an argument of the example")
    ap.add_argument("--match", action="append", default=[],
                    help="variant: a regular expression its stdout must "
                    "match")
    a = ap.parse_args()
    try:
        if a.mode == "build":
            if not a.out:
                ap.error("build needs --out")
            try:
                build(a)
            except BaseException:
                shutil.rmtree(a.out, ignore_errors=True)
                shutil.rmtree(a.out.rstrip("/") + ".previous",
                              ignore_errors=True)
                if a.stamp and os.path.exists(a.stamp):
                    os.remove(a.stamp)
                raise
        elif a.mode == "variant":
            variant(a)
        elif a.mode == "check":
            check(a)
        else:
            approve(a)
    except Failure as e:
        sys.stderr.write(f"error: {e}\n".replace("\n\n", "\n"))
        sys.exit(1)


if __name__ == "__main__":
    main()
