#!/usr/bin/env python3
"""Fault injection: every way an author can break a book must fail the build
with a message naming the offending file, and leave no stale output behind.

Copies the litbook generator and its fixture book (litbook/tests/
fixture-book) to a scratch directory, builds the HTML book once, then, one mutation at a time:
restores the pristine sources and rebuilds (must pass), applies the mutation,
rebuilds (must fail), and checks that the failure names the file and that
nothing a reader could open (build/book/html, the chapter's outputs or
figures) survives from before.

Prints 'fault-injection: N passed, M failed'.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # nothing written into the source tree
from books import copy_fixture  # noqa: E402

CH = "chapters/01-twice/main.cpp"
GP = "figures/01-twice.gp"
TSV = "figures/01-twice.labels.tsv"
RST = "docs/chapters/01-twice.rst"
PO = "docs/locale/en/LC_MESSAGES/chapters/01-twice.po"
HPP = "lib/mini/twice.hpp"
CH_PO = "chapters/01-twice/locale/en.po"


def replace(path, old, new):
    def apply(book):
        p = os.path.join(book, path)
        with open(p, encoding="utf-8") as f:
            text = f.read()
        if old not in text:
            raise AssertionError(f"mutation target not found in {path}: "
                                 f"{old!r}")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))
    return apply


def both(*fs):
    def apply(book):
        for f in fs:
            f(book)
    return apply


# (name, mutation, text the failure must contain, paths that must be gone)
MUTATIONS = [
    ("an example's printed number changes",
     replace(CH, "const double start = 1.5;", "const double start = 1.75;"),
     ["chapters/01-twice/expected.ko.txt"], ["out/01-twice"]),
    ("an example crashes (abort)",
     replace(CH, "  // [table]\n", "  std::abort();\n  // [table]\n"),
     ["chapter 01-twice", "signal 6"], ["out/01-twice"]),
    ("an example prints NaN where a number belongs",
     replace(CH, "mini::twice(x));", "mini::twice(x) * std::nan(\"\"));"),
     ["chapters/01-twice/expected", "nan"], ["out/01-twice"]),
    ("a gnuplot script has a syntax error",
     replace(GP, "set title L_title", "set title L_title\nplot [ ,"),
     [GP], ["figures/01-twice"]),
    ("a figure reads a data column that does not exist",
     replace(GP, 'using "x":"y"', 'using "x":"no_such_column"'),
     [GP, "no_such_column"], ["figures/01-twice"]),
    ("a figure label has no translation",
     replace(TSV, "\tTwice", "\t"),
     [TSV, "title"], ["figures/01-twice"]),
    ("a message is left untranslated",
     replace(PO, 'msgstr "Twice"', 'msgstr ""'),
     [PO, "untranslated"], []),
    ("a message is marked fuzzy",
     replace(PO, 'msgid "두 배"', '#, fuzzy\nmsgid "두 배"'),
     [PO, "fuzzy"], []),
    ("a cross-reference points nowhere",
     both(replace(RST, ":ref:`api`", ":ref:`no-such-label`"),
          replace(PO, ":ref:`api`", ":ref:`no-such-label`")),
     [RST, "no-such-label"], []),
    ("a code-excerpt marker disappears from the source",
     replace(CH, "  // [/table]\n", ""),
     [CH, "table"], []),
    ("a glue key is misspelt",
     both(replace(RST, ":val:`01-twice:first`", ":val:`01-twice:frist`"),
          replace(PO, ":val:`01-twice:first`", ":val:`01-twice:frist`")),
     ["frist", "chapters/01-twice"], []),
    ("a Doxygen comment loses a parameter description",
     replace(HPP, "/// @param x \\~english the number \\~korean 수 \\~\n",
             ""),
     [HPP, "not documented"], []),
]


def build(bdir, target="html"):
    p = subprocess.run(["cmake", "--build", bdir, "--target", target],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return p.returncode, p.stdout


def new_comment_reaches_its_catalogue(book, bdir, restore):
    """A comment added inside an excerpt: update-po puts it into the
    chapter's catalogue (to translate), although the chapter cannot build
    until it is translated; the failure names that catalogue."""
    restore()
    note = "새로 쓴 주석입니다."
    replace(CH, "  // [table]\n", f"  // [table]\n  // {note}\n")(book)
    code, log = build(bdir, "update-po")
    with open(os.path.join(book, CH_PO), encoding="utf-8") as f:
        catalogue = f.read()
    problems = [p for p, bad in (
        (f"the new comment is not in {CH_PO}",
         f'msgid "{note}"' not in catalogue),
        (f"the failure does not name {CH_PO}", CH_PO not in log),
        ("update-po passed with a comment left to translate", code == 0))
        if bad]
    if problems:
        print("FAIL update-po and a new comment\n  " + "\n  ".join(problems))
        print("  --- build log (tail) ---\n" + log[-2500:])
        return False
    print("ok   update-po puts a new comment into its catalogue")
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", action="store_true",
                    help="keep the scratch directory")
    ap.add_argument("--only", help="run only mutations whose name has this")
    a = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="litbook-faults-")
    book = copy_fixture(scratch)
    bdir = os.path.join(scratch, "build")
    pristine = {}
    for rel in (CH, GP, TSV, RST, PO, HPP, CH_PO):
        with open(os.path.join(book, rel), encoding="utf-8") as f:
            pristine[rel] = f.read()

    def restore():
        for rel, text in pristine.items():
            p = os.path.join(book, rel)
            with open(p, encoding="utf-8") as f:
                if f.read() == text:
                    continue
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)

    passed, failed = 0, []
    try:
        p = subprocess.run(["cmake", "-S", book, "-B", bdir],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if p.returncode != 0:
            print(p.stdout)
            sys.exit("fault-injection: the fixture book does not configure")
        for name, mutate, needles, gone in MUTATIONS:
            if a.only and a.only not in name:
                continue
            restore()
            code, log = build(bdir)
            if code != 0:
                print(log[-3000:])
                failed.append(f"{name}: the pristine book does not build")
                continue
            mutate(book)
            code, log = build(bdir)
            problems = []
            if code == 0:
                problems.append("the build passed")
            for n in needles:
                n_abs = os.path.join(book, n)
                if n not in log and n_abs not in log:
                    problems.append(f"the failure does not mention '{n}'")
            out = os.path.join(bdir, "book")
            for rel in ["html"] + gone:
                if os.path.exists(os.path.join(out, rel)):
                    problems.append(f"stale output survives: book/{rel}")
            if problems:
                failed.append(f"{name}: " + "; ".join(problems))
                print(f"FAIL {name}\n  " + "\n  ".join(problems))
                print("  --- build log (tail) ---\n" + log[-2500:])
            else:
                passed += 1
                print(f"ok   {name}")
        if not a.only or a.only in "update-po":
            ok = new_comment_reaches_its_catalogue(book, bdir, restore)
            passed += ok
            failed += [] if ok else ["update-po and a new comment"]
        restore()
    finally:
        if a.keep:
            print(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"fault-injection: {passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
