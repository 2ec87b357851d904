#!/usr/bin/env python3
"""Run a build step so that a failure leaves nothing behind.

  guard.py [--remove PATH]... [--stamp FILE] [--cwd DIR] -- COMMAND...

On success the stamp is written. On failure every --remove path and the stamp
are deleted (so the book cannot pick up a half-built or stale result) and the
step's exit code is passed on, with a line naming what failed.
"""
import os
import shutil
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("guard.py: usage: guard.py [--remove P] [--stamp F] "
                 "[--cwd D] -- COMMAND...")
    split = argv.index("--")
    opts, cmd = argv[:split], argv[split + 1:]
    remove, stamp, cwd = [], None, None
    it = iter(opts)
    for o in it:
        if o == "--remove":
            remove.append(next(it))
        elif o == "--stamp":
            stamp = next(it)
        elif o == "--cwd":
            cwd = next(it)
        else:
            sys.exit(f"guard.py: unknown option {o}")
    if stamp and os.path.exists(stamp):
        os.remove(stamp)
    try:
        code = subprocess.call(cmd, cwd=cwd)
    except OSError as e:
        print(f"error: cannot run {cmd[0]}: {e}", file=sys.stderr)
        code = 127
    if code != 0:
        for p in remove:
            if os.path.isdir(p):
                shutil.rmtree(p, ignore_errors=True)
            elif os.path.exists(p):
                os.remove(p)
        name = os.path.basename(cmd[0])
        print(f"error: {name} failed (exit {code}); removed "
              f"{', '.join(remove) or 'nothing'}", file=sys.stderr)
        sys.exit(code if 0 < code < 256 else 1)
    if stamp:
        os.makedirs(os.path.dirname(stamp), exist_ok=True)
        with open(stamp, "w") as f:
            f.write("ok\n")


if __name__ == "__main__":
    main()
