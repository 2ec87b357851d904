#!/usr/bin/env python3
"""Check an example's command line: help, bad input, unwritable output.

  check_cli.py --exe PATH --chapter NAME

  --help            exit 0, usage on stdout
  --no-such-flag    exit 2, usage on stderr naming the flag
  --lang xx         exit 2, a message naming the language
  --params-json     (examples written with litbook::Example) exit 0 with
                    the languages and parameters; then for each parameter
                    a value it does not accept exits 2 naming the
                    parameter, with nothing written to --out
  --lang            exit 2 (a missing value)
  --out FILE/sub    (an output folder that cannot be created) exit 1, a
                    message naming the path, and nothing written anywhere
  --out DIR         exit 0, values.json written, no temporary file left
Prints 'cli: N passed, M failed'.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def bad_values(param):
    """Values the parameter must refuse."""
    if param["kind"] == "choice":
        return ["no-such-choice", ""]
    hi, lo = param["max"], param["min"]
    bad = ["abc", "1x", "nan", "inf", str(hi + max(1, abs(hi))),
           str(lo - max(1, abs(lo)))]
    if param["kind"] == "integer":
        bad.append(f"{lo}.5")
    return bad


def check_params(run, check, desc):
    langs = desc["langs"]
    for lang in langs:
        p = run("--lang", lang, "--help")
        check(f"--lang {lang} --help exits 0", p.returncode == 0, p)
    p = run("--lang", "xx")
    check("a bad --lang lists the book's languages",
          p.returncode == 2 and all(l in p.stderr for l in langs), p)
    for param in desc["params"]:
        name = param["name"]
        check(f"parameter {name} has a label in every language",
              all(param["label"].get(l) for l in langs))
        for value in bad_values(param):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "out")
                p = run("--lang", langs[-1], "--out", out, f"--{name}",
                        value)
                check(f"--{name} {value!r} exits 2 naming the parameter",
                      p.returncode == 2 and f"--{name}" in p.stderr
                      and p.stdout == "", p)
                check(f"--{name} {value!r} writes nothing",
                      not os.path.exists(out))
        default = str(param["default"])
        p = run("--lang", langs[-1], f"--{name}={default}")
        check(f"--{name}={default} (the default) is accepted",
              p.returncode == 0, p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", required=True)
    ap.add_argument("--chapter", required=True)
    a = ap.parse_args()
    passed, failed = 0, []

    def run(*args):
        return subprocess.run([a.exe, *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=120)

    def check(name, ok, p=None):
        nonlocal passed
        if ok:
            passed += 1
        else:
            detail = (f" (exit {p.returncode}; stderr: {p.stderr.strip()[:300]})"
                      if p is not None else "")
            failed.append(f"chapter {a.chapter}: {name}{detail}")

    p = run("--help")
    check("--help exits 0 with usage on stdout",
          p.returncode == 0 and "--lang" in p.stdout, p)
    p = run("--no-such-flag")
    check("an unknown option exits 2 naming it, with usage",
          p.returncode == 2 and "--no-such-flag" in p.stderr
          and "--lang" in p.stderr and p.stdout == "", p)
    p = run("--params-json")
    if p.returncode == 0 and p.stdout.startswith("{"):
        check_params(run, check, json.loads(p.stdout))
    p = run("--lang", "xx")
    check("a bad --lang exits 2 naming it",
          p.returncode == 2 and "'xx'" in p.stderr, p)
    p = run("--lang")
    check("--lang without a value exits 2", p.returncode == 2, p)
    with tempfile.TemporaryDirectory() as tmp:
        blocker = os.path.join(tmp, "a-file")
        with open(blocker, "w") as f:
            f.write("not a directory\n")
        target = os.path.join(blocker, "out")
        p = run("--out", target)
        check("an output folder that cannot be made exits 1 naming it",
              p.returncode == 1 and blocker in p.stderr, p)
        check("nothing is written when the output cannot be made",
              sorted(os.listdir(tmp)) == ["a-file"])
        good = os.path.join(tmp, "good")
        p = run("--out", good)
        names = sorted(os.listdir(good)) if os.path.isdir(good) else []
        check("a writable --out gets values.json and no temporary file",
              p.returncode == 0 and "values.json" in names
              and not any(n.endswith(".tmp") for n in names), p)
    for f in failed:
        print(f"FAILED: {f}")
    print(f"cli: {passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
