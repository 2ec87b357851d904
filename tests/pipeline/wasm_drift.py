#!/usr/bin/env python3
"""The WebAssembly build is held to the tested outputs: wasm_check.mjs,
given the book's own WebAssembly build of a chapter and a copy of its
expected outputs,

1. accepts them as they are (exit 0, the page's script and the parameters
   written);
2. refuses a copy with one character changed in one language (exit 1, a
   message naming the chapter, the language and the line), and removes
   what an earlier run wrote, so that no page is built from it;
3. refuses a copy that lacks a language's expected output.

  wasm_drift.py --node NODE --script wasm_check.mjs --raw B/wasm/NN.raw.js
                --chapter NN --expected-dir chapters/NN --langs ko en
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    for k in ("--node", "--script", "--raw", "--chapter", "--expected-dir"):
        ap.add_argument(k, required=True)
    ap.add_argument("--langs", nargs="+", required=True)
    a = ap.parse_args()
    failed = []
    with tempfile.TemporaryDirectory(prefix="wasm-drift-") as tmp:
        exp = os.path.join(tmp, "expected")
        os.makedirs(exp)
        for lang in a.langs:
            shutil.copy(os.path.join(a.expected_dir, f"expected.{lang}.txt"), exp)
        js = os.path.join(tmp, "out", f"{a.chapter}.js")
        params = os.path.join(tmp, "out", f"{a.chapter}.params.json")

        def check():
            return subprocess.run(
                [a.node, a.script, "--raw", a.raw, "--chapter", a.chapter,
                 "--expected-dir", exp, "--langs", *a.langs, "--out-js", js,
                 "--params", params, "--stamp", os.path.join(tmp, "stamp")],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

        p = check()
        if p.returncode != 0 or not os.path.exists(js) or not os.path.exists(params):
            failed.append(f"the unchanged outputs were refused:\n{p.stdout}")
        lang = a.langs[-1]
        path = os.path.join(exp, f"expected.{lang}.txt")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        n = len(lines) // 2
        lines[n] = lines[n] + "."
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        p = check()
        want = [a.chapter, lang, f"line {n + 1}"]
        if p.returncode != 1 or not all(w in p.stdout for w in want):
            failed.append(f"a changed line was not refused naming {want} "
                          f"(exit {p.returncode}):\n{p.stdout}")
        if os.path.exists(js) or os.path.exists(params):
            failed.append("after a refusal, the page's script or the parameters "
                          "of the earlier run are still there")
        os.remove(path)
        p = check()
        if p.returncode != 1 or f"expected.{lang}.txt" not in p.stdout:
            failed.append(f"a missing expected output was not refused by name:\n{p.stdout}")
    for f in failed:
        print(f"FAILED: {f}")
    print(f"wasm drift: {3 - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
