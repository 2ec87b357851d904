#!/usr/bin/env python3
"""Two builds in two different directories give byte-identical books.

  reproducible.py [--source DIR] [--target docs] [--ignore NAME]...
                  [--against BOOK]
                  [--private-checkout [--browser | --links] [--single]]
                  [--keep]

Configures and builds the book twice from the same sources, in two fresh
build directories whose paths differ, then compares, file by file, the HTML
trees of every language, the rendered figures and the PDFs. --against BOOK:
one clean build only, compared with BOOK, the book folder of a build tree
that has already built it from the same sources (a build tree's book/, as
ctest's fixture book_built leaves it): the same comparison for half the
work, and an incremental build's leftovers would show too. Files named by
--ignore (e.g. timing.html, the build-timing page, whose content is by nature
different every build) are left out of the comparison; everything else must
be identical. Prints 'reproducible: N passed, M failed' (one check per file).

--private-checkout: the first build is made the way a reader's would be, from
a checkout (the tracked files of --source, copied) in a folder only its owner
may enter (mode 0700, like /root) and whose path holds a space and Hangul,
built in a sibling folder; every file and folder of that checkout is
recorded before the build and must be found unchanged after it (nothing
appears, nothing is rewritten: not even where .gitignore would hide it).
A snapshot rather than a read-only checkout: root, who runs CI, may write
into read-only folders anyway. --browser: the built book of that checkout is
then read by tests/browser/run.sh (browser and link checker); --links: by its
link checker alone (run.sh --links-only). --single: only that build, no
comparison. With --against BOOK, the private checkout's build is the one
compared with BOOK: the book must not depend on where its checkout is.
--keep: the scratch folder stays (its path printed).
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
# The comparison of two built books is litbook's (its interruption test
# uses it too).
sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(ROOT, "litbook", "tests"))
from books import compare  # noqa: E402


def build(src, bdir, target, extra):
    for cmd in (["cmake", "-S", src, "-B", bdir, *extra],
                ["cmake", "--build", bdir, "-j", str(os.cpu_count() or 2),
                 "--target", target]):
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            print(p.stdout[-5000:])
            sys.exit(f"reproducible: '{' '.join(cmd)}' failed")


def copy_checkout(src, dst):
    """Copies the files git tracks in src (as they are in its work tree)."""
    names = subprocess.run(["git", "-C", src, "ls-files", "-z"], check=True,
                           stdout=subprocess.PIPE).stdout.decode().split("\0")
    for rel in filter(None, names):
        if not os.path.lexists(os.path.join(src, rel)):
            continue  # deleted in the work tree, not yet committed
        os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
        shutil.copy2(os.path.join(src, rel), os.path.join(dst, rel),
                     follow_symlinks=False)


def snapshot(top):
    """Every folder and file under top: mode, size, mtime and content."""
    out = {}
    for root, dnames, names in os.walk(top):
        for n in dnames + names:
            p = os.path.join(root, n)
            st = os.lstat(p)
            digest = ""
            if os.path.isfile(p) and not os.path.islink(p):
                with open(p, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            out[os.path.relpath(p, top)] = (st.st_mode, st.st_size,
                                            st.st_mtime_ns, digest)
    return out


def changes(before, after):
    return ([f"appeared in the source tree: {r}"
             for r in sorted(after.keys() - before.keys())] +
            [f"vanished from the source tree: {r}"
             for r in sorted(before.keys() - after.keys())] +
            [f"changed in the source tree: {r}"
             for r in sorted(before.keys() & after.keys())
             if before[r] != after[r]])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default=ROOT)
    ap.add_argument("--target", default="docs")
    ap.add_argument("--ignore", action="append", default=[])
    ap.add_argument("--parts", nargs="+", default=["html", "figures", "pdf"])
    ap.add_argument("--cmake-arg", action="append", default=[])
    ap.add_argument("--private-checkout", action="store_true")
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--links", action="store_true")
    ap.add_argument("--single", action="store_true")
    ap.add_argument("--against", metavar="BOOK")
    ap.add_argument("--keep", action="store_true",
                    help="keep the scratch folder (its path is printed)")
    a = ap.parse_args()
    if a.against and (a.single or
                      not os.path.isdir(os.path.join(a.against, "html"))):
        print(f"reproducible: --against {a.against}: not a built book (no "
              "html/ in it), or given with --single", file=sys.stderr)
        sys.exit(2)
    scratch = tempfile.mkdtemp(prefix="litbook-repro-")
    try:
        sources = [a.source, a.source]
        dirs = [os.path.join(scratch, "one"),
                os.path.join(scratch, "second-build-elsewhere")]
        if a.private_checkout:
            # The copy is no git checkout: both builds take the date of the
            # source's last commit, as the build does in a checkout.
            if "SOURCE_DATE_EPOCH" not in os.environ:
                os.environ["SOURCE_DATE_EPOCH"] = subprocess.run(
                    ["git", "-C", a.source, "log", "-1", "--format=%ct"],
                    check=True, stdout=subprocess.PIPE,
                    text=True).stdout.strip()
            home = os.path.join(scratch, "home")
            os.mkdir(home, 0o700)
            os.chmod(home, 0o700)
            sources[0] = os.path.join(home, "my books 한글", "relu-book")
            dirs[0] = os.path.join(home, "my books 한글", "build 빌드")
            copy_checkout(a.source, sources[0])
            before = snapshot(sources[0])
            print(f"private checkout: {sources[0]} ({len(before)} paths)")
        if a.single:
            if not a.private_checkout:
                sys.exit("reproducible: --single needs --private-checkout")
            sources, dirs = sources[:1], dirs[:1]
        if a.against:  # one build: the private checkout's, or dirs[1]
            keep = 0 if a.private_checkout else 1
            sources, dirs = [sources[keep]], [dirs[keep]]
        for src, d in zip(sources, dirs):
            build(src, d, a.target, a.cmake_arg)
        passed, failed = (0, []) if a.single else \
            compare(dirs, a.parts, a.ignore, books=[
                a.against, os.path.join(dirs[0], "book")]
                if a.against else None)
        if a.private_checkout:
            if a.browser or a.links:
                p = subprocess.run(
                    ["bash", os.path.join(sources[0], "tests", "browser",
                                          "run.sh")] +
                    (["--links-only"] if a.links else []) +
                    [os.path.join(dirs[0], "book", "html"),
                     os.path.join(dirs[0], "book", "npm")])
                if p.returncode != 0:
                    failed.append("tests/browser/run.sh "
                                  "failed on the private checkout's book")
                else:
                    passed += 1
            moved = changes(before, snapshot(sources[0]))
            failed += moved
            passed += not moved
        for f in failed[:50]:
            print(f"FAILED: {f}")
    finally:
        if a.keep:
            print(f"kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"reproducible: {passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
