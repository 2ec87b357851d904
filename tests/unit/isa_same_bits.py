#!/usr/bin/python3
"""Every version of the kernels (SSE2, AVX2, AVX-512) gives the same bits.

Usage: isa_same_bits.py ISA_BITS_EXE

Runs the program under NN_ISA=sse2, avx2 and avx512 (each capped to what
this CPU runs) and compares the hashes it prints kernel by kernel. Also
checks that NN_ISA=sse2 really selects SSE2 and that a wrong value is
reported. Exits 77 (skipped) on a CPU that only runs SSE2.
"""
import os
import subprocess
import sys


def run(exe, isa):
    env = dict(os.environ, NN_ISA=isa)
    p = subprocess.run([exe], env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"error: {exe} failed under NN_ISA={isa}:\n{p.stderr}")
    used, *lines = p.stdout.splitlines()
    return used, dict(line.split() for line in lines), p.stderr


def main():
    exe = sys.argv[1]
    runs = {}
    for isa in ("sse2", "avx2", "avx512"):
        used, hashes, _ = run(exe, isa)
        if isa == "sse2" and used != "sse2":
            sys.exit(f"error: NN_ISA=sse2 ran the {used} kernels")
        runs.setdefault(used, hashes)
    _, _, err = run(exe, "avx9")
    if "NN_ISA=avx9" not in err:
        sys.exit("error: NN_ISA=avx9 was not reported as unknown")
    print("versions compared:", ", ".join(runs))
    if len(runs) < 2:
        print("this CPU runs only SSE2: nothing to compare")
        return 77
    (ref_isa, ref), *others = runs.items()
    bad = 0
    for isa, hashes in others:
        for name, h in ref.items():
            if hashes.get(name) != h:
                print(f"error: kernel {name}: {isa} gives other bits "
                      f"than {ref_isa}")
                bad += 1
    print(f"{len(ref)} kernels, {'all equal' if not bad else f'{bad} differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
