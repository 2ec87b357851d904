#!/usr/bin/env python3
"""Run one build step so that a failure leaves nothing stale behind.

  guard.py [--book DIR] [--remove PATH]... [--stamp FILE] [--cwd DIR]
           [--epoch N] -- COMMAND...

On success the stamp is written. On failure the stamp and every --remove path
are deleted, and so is everything the reader could open from --book (its
html/, pdf/ and epub/ folders and their stamps): a book built before the
failure must not survive it looking current. The step's exit code is passed
on, with a line naming what failed.

The command runs in a fixed environment so that builds are reproducible:
PYTHONHASHSEED=0, TZ=UTC, SOURCE_DATE_EPOCH=N and FORCE_SOURCE_DATE=1.
"""
import glob
import os
import shutil
import subprocess
import sys


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.remove(path)


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("guard.py: usage: guard.py [--book D] [--remove P] "
                 "[--stamp F] [--cwd D] [--epoch N] -- COMMAND...")
    split = argv.index("--")
    opts, cmd = argv[:split], argv[split + 1:]
    paths, stamp, cwd, book, epoch = [], None, None, None, None
    it = iter(opts)
    for o in it:
        if o == "--remove":
            paths.append(next(it))
        elif o == "--stamp":
            stamp = next(it)
        elif o == "--cwd":
            cwd = next(it)
        elif o == "--book":
            book = next(it)
        elif o == "--epoch":
            epoch = next(it)
        else:
            sys.exit(f"guard.py: unknown option {o}")
    if stamp and os.path.exists(stamp):
        os.remove(stamp)
    env = dict(os.environ, PYTHONHASHSEED="0", TZ="UTC")
    if epoch:
        env.update(SOURCE_DATE_EPOCH=epoch, FORCE_SOURCE_DATE="1")
    try:
        code = subprocess.call(cmd, cwd=cwd, env=env)
    except OSError as e:
        print(f"error: cannot run {cmd[0]}: {e}", file=sys.stderr)
        code = 127
    if code != 0:
        if book:
            paths += [os.path.join(book, d) for d in ("html", "pdf", "epub")]
            paths += glob.glob(os.path.join(book, "stamps", "html-*"))
            paths += glob.glob(os.path.join(book, "stamps", "epub-*"))
        for p in paths:
            remove(p)
        step = " ".join(os.path.basename(c) if i == 0 else c
                        for i, c in enumerate(cmd[:2]))
        print(f"error: build step failed (exit {code}): {step} ...; removed "
              f"{'the book outputs and ' if book else ''}"
              f"{len(paths)} stale path(s)", file=sys.stderr)
        sys.exit(code if 0 < code < 256 else 1)
    if stamp:
        os.makedirs(os.path.dirname(stamp), exist_ok=True)
        with open(stamp, "w") as f:
            f.write("ok\n")


if __name__ == "__main__":
    main()
