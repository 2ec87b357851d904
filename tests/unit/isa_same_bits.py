#!/usr/bin/python3
"""Every version of the kernels gives the same bits.

Usage: isa_same_bits.py ISA_BITS_EXE [--wasm ISA_BITS_JS --node NODE]
       isa_same_bits.py --skip MESSAGE

Runs the native program under NN_ISA=portable, sse2, avx2 and avx512
(each capped to what this CPU runs) and compares the hashes it prints
kernel by kernel. Also checks that NN_ISA=portable and sse2 really select
those versions and that a wrong value is reported. With --wasm, also runs
the WebAssembly build of the same program under node and compares its
hashes with the native ones. Where hashes differ, the first inputs whose
outputs differ are printed (from `--dump KERNEL`). Exits 77 (skipped)
where there is only one version to run (a build with only the portable
kernels, without --wasm); --skip prints MESSAGE and exits 77.
"""
import argparse
import os
import subprocess
import sys


def run(cmd, isa=None, dump=None):
    env = dict(os.environ)
    if isa is not None:
        env["NN_ISA"] = isa
    args = cmd + (["--dump", dump] if dump else [])
    p = subprocess.run(args, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(args)} failed (NN_ISA={isa}):\n"
                 f"{p.stderr}")
    return p


def hashes(cmd, isa=None):
    p = run(cmd, isa)
    used, *lines = p.stdout.splitlines()
    return used, dict(line.split() for line in lines), p.stderr


def show_difference(ref, ref_cmd, ref_isa, this, cmd, isa, name):
    """Prints the first few inputs of `name` whose output bits differ."""
    want = run(ref_cmd, ref_isa, name).stdout.splitlines()
    got = run(cmd, isa, name).stdout.splitlines()
    shown = 0
    for w, g in zip(want, got):
        if w != g and shown < 5:
            x, y = w.split()
            print(f"  input {x}: {y} from {ref}, {g.split()[1]} from {this}")
            shown += 1
    total = sum(w != g for w, g in zip(want, got))
    print(f"  {total} of {len(want)} outputs differ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exe", nargs="?")
    ap.add_argument("--wasm")
    ap.add_argument("--node", default="node")
    ap.add_argument("--skip")
    a = ap.parse_args()
    if a.skip:
        print(a.skip)
        return 77
    native = [a.exe]
    runs = {}
    commands = {}
    for isa in ("portable", "sse2", "avx2", "avx512"):
        used, h, err = hashes(native, isa)
        if isa == "sse2" and used == "portable" and "only the portable" in err:
            print("this build has only the portable kernels")
        elif isa in ("portable", "sse2") and used != isa:
            sys.exit(f"error: NN_ISA={isa} ran the {used} kernels")
        if used not in runs:
            runs[used] = h
            commands[used] = (native, isa)
    _, _, err = hashes(native, "avx9")
    if "NN_ISA=avx9" not in err:
        sys.exit("error: NN_ISA=avx9 was not reported as unknown")
    if a.wasm:
        used, h, _ = hashes([a.node, a.wasm])
        if used != "portable":
            sys.exit(f"error: the WebAssembly build ran the {used} kernels")
        runs["wasm"] = h
        commands["wasm"] = ([a.node, a.wasm], None)
    print("versions compared:", ", ".join(runs))
    if len(runs) < 2:
        print("only one version here: nothing to compare")
        return 77
    (ref_isa, ref), *others = runs.items()
    bad = 0
    for isa, h in others:
        for name, want in ref.items():
            if h.get(name) != want:
                print(f"error: kernel {name}: {isa} gives other bits "
                      f"than {ref_isa}")
                show_difference(ref_isa, *commands[ref_isa], isa,
                                *commands[isa], name)
                bad += 1
    print(f"{len(ref)} kernels, {'all equal' if not bad else f'{bad} differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
