#!/usr/bin/env python3
"""Run one build step so that a failure leaves nothing stale behind.

  guard.py [--book DIR] [--remove PATH]... [--stamp FILE] [--cwd DIR]
           [--epoch N] -- COMMAND...

On success the stamp is written. On failure the stamp and every --remove path
are deleted, and so is everything the reader could open from --book (its
html/, pdf/ and epub/ folders and their stamps): a book built before the
failure must not survive it looking current. The step's exit code is passed
on, with a line naming what failed.

An interrupted step counts as a failed one. On SIGINT or SIGTERM (Ctrl-C,
a stopped job) the step's command is stopped and the same clean-up runs at
once. Against SIGKILL (nothing runs then) each step leaves a mark in
<book>/stamps/running/ while it runs, naming its --remove paths and stamp.
A step that finds, before it runs, a mark left by its own earlier run or by
a step sharing one of its --remove paths (the steps of one rule: Sphinx's
LaTeX, then latexmk) knows that run was killed: it removes that run's
--remove paths and stamp first, so that nothing it may have left
half-written is built upon (its stamp is gone, so the build runs it again).

The command runs in a fixed environment so that builds are reproducible:
PYTHONHASHSEED=0, TZ=UTC, SOURCE_DATE_EPOCH=N and FORCE_SOURCE_DATE=1; and
Python's bytecode caches go to <book>/pycache, not next to the sources.
"""
import glob
import hashlib
import json
import signal
import os
import shutil
import subprocess
import sys


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.remove(path)


def clean_up(paths, book):
    """Removes the step's paths and the book's outputs; returns them."""
    paths = list(paths)
    if book:
        paths += [os.path.join(book, d) for d in ("html", "pdf", "epub")]
        paths += glob.glob(os.path.join(book, "stamps", "html-*"))
        paths += glob.glob(os.path.join(book, "stamps", "epub-*"))
    for p in paths:
        remove(p)
    return paths


def stop(signum, frame):
    raise KeyboardInterrupt


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
    step = " ".join(os.path.basename(c) if i == 0 else c
                    for i, c in enumerate(cmd[:2]))
    mark = None
    if book:
        key = hashlib.sha1("\0".join([cwd or ""] + cmd).encode()).hexdigest()
        running = os.path.join(book, "stamps", "running")
        mark = os.path.join(running, key)
        mine = {os.path.abspath(p) for p in paths}
        for m in sorted(glob.glob(os.path.join(running, "*"))):
            try:
                with open(m) as f:
                    old = json.load(f)
            except (OSError, ValueError):
                old = {"cmd": [], "remove": [], "stamp": None}
            if m != mark and not mine & set(old["remove"]):
                continue
            gone = old["remove"] + ([old["stamp"]] if old["stamp"] else [])
            for p in gone:
                remove(p)
            remove(m)
            print(f"note: an earlier run of {' '.join(old['cmd'][:2])} ... "
                  f"was interrupted; removed {len(gone)} path(s) it may "
                  "have left half-written", file=sys.stderr)
        os.makedirs(running, exist_ok=True)
        with open(mark, "w") as f:
            json.dump({"cmd": cmd, "remove": sorted(mine),
                       "stamp": stamp and os.path.abspath(stamp)}, f)
    env = dict(os.environ, PYTHONHASHSEED="0", TZ="UTC")
    if epoch:
        env.update(SOURCE_DATE_EPOCH=epoch, FORCE_SOURCE_DATE="1")
    if book:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(book, "pycache")
    signal.signal(signal.SIGTERM, stop)
    interrupted = False
    try:
        # subprocess.call stops the command (SIGKILL) if we are interrupted.
        code = subprocess.call(cmd, cwd=cwd, env=env)
    except OSError as e:
        print(f"error: cannot run {cmd[0]}: {e}", file=sys.stderr)
        code = 127
    except KeyboardInterrupt:
        interrupted, code = True, 130
    if code != 0:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        paths = clean_up(paths + ([stamp] if interrupted and stamp else []),
                         book)
        if mark:
            remove(mark)
        if interrupted:
            print(f"error: build step interrupted: {step} ...; removed "
                  f"{'the book outputs and ' if book else ''}"
                  f"{len(paths)} stale path(s)", file=sys.stderr)
            sys.exit(130)
        print(f"error: build step failed (exit {code}): {step} ...; removed "
              f"{'the book outputs and ' if book else ''}"
              f"{len(paths)} stale path(s)", file=sys.stderr)
        sys.exit(code if 0 < code < 256 else 1)
    if stamp:
        os.makedirs(os.path.dirname(stamp), exist_ok=True)
        with open(stamp, "w") as f:
            f.write("ok\n")
    if mark:
        remove(mark)


if __name__ == "__main__":
    main()
