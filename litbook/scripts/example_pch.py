#!/usr/bin/env python3
"""The header an example's precompiled header is made from.

  example_pch.py MAIN.cpp OUT.hpp

OUT gets the #include lines that open MAIN (after its leading comments),
in their order, and nothing else: the first line that is neither a
comment, a blank line nor such an #include ends them, and so does a
quoted #include of a file that is not beside MAIN (its search path is the
compiler's). A quoted one beside MAIN is written with its absolute path,
the file the compiler would open for MAIN. So the program compiled with OUT
included first (-include, as CMake does for a precompiled header) is the
program compiled without it: MAIN's own #include lines then include
nothing new (every header has its include guard or #pragma once). OUT is
rewritten only when its text changes, so that an edit below the #include
lines does not precompile the headers again.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^#\s*include\s*(?:<([^<>"]+)>|"([^<>"]+)")\s*'
                     r'(?://.*)?$')


def leading_includes(path):
    here = os.path.dirname(os.path.abspath(path))
    out = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("//"):
                continue
            m = INCLUDE.match(line)
            if not m:
                break
            if m.group(1):
                out.append(f"#include <{m.group(1)}>")
                continue
            local = os.path.normpath(os.path.join(here, m.group(2)))
            if not os.path.isfile(local):
                break
            out.append(f'#include "{local}"')
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: example_pch.py MAIN.cpp OUT.hpp")
    main_cpp, out = sys.argv[1:]
    text = "\n".join(
        [f"// The #include lines that open {main_cpp} (example_pch.py)."]
        + leading_includes(main_cpp)) + "\n"
    try:
        with open(out, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
