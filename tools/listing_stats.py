#!/usr/bin/env python3
"""How much of each chapter's program the book shows.

  tools/listing_stats.py [chapter ...]

For each chapters/<chapter>/main.cpp: its lines (without excerpt markers),
the longest function (lines from its signature to its closing brace, found
by brace depth at namespace level), and the share of its lines that some
`.. excerpt::` of docs/chapters/*.rst shows.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"^\s*//\s*\[(/?)([A-Za-z0-9_-]+)\]\s*$")
EXCERPT = re.compile(r"^\.\. excerpt:: (\S+) (\S+)", re.M)


def used_markers(rel):
    used = set()
    for rst in glob.glob(os.path.join(ROOT, "docs", "chapters", "*.rst")):
        with open(rst, encoding="utf-8") as f:
            for path, marker in EXCERPT.findall(f.read()):
                if path == rel:
                    used.add(marker)
    return used


def stats(chapter):
    rel = f"chapters/{chapter}/main.cpp"
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        lines = f.read().splitlines()
    used = used_markers(rel)
    shown, open_ = set(), []
    code = []
    for line in lines:
        m = MARKER.match(line)
        if m:
            if m.group(1):
                open_ = [x for x in open_ if x != m.group(2)]
            else:
                open_.append(m.group(2))
            continue
        if any(x in used for x in open_):
            shown.add(len(code))
        code.append(line)
    # functions: a line at depth 0 (namespace depth ignored) opening a body
    longest, name, depth, start, cur = 0, "", 0, None, ""
    for i, line in enumerate(code):
        s = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line.split("//")[0])
        if start is None and depth == 0 and re.match(r"^[A-Za-z].*\(", s) \
                and not s.startswith(("namespace", "struct", "class")):
            start, cur = i, s.split("(")[0].split()[-1]
        depth += s.count("{") - s.count("}")
        depth = max(depth, 0)
        if start is not None and depth == 0 and "}" in s:
            n = i - start + 1
            if n > longest:
                longest, name = n, cur
            start = None
        # namespaces do not count as depth
        if re.match(r"^\s*namespace\b.*\{\s*$", s):
            depth -= 1
    return len(code), longest, name, len(shown) / max(len(code), 1)


def main():
    if any(a.startswith("-") for a in sys.argv[1:]):
        print(__doc__.strip())
        sys.exit(0 if sys.argv[1:] in (["-h"], ["--help"]) else 2)
    chapters = sys.argv[1:] or sorted(
        os.path.basename(d) for d in glob.glob(os.path.join(ROOT, "chapters",
                                                            "[0-9]*")))
    print(f"{'chapter':22} {'lines':>5} {'longest function':>24} {'shown':>6}")
    for c in chapters:
        if not os.path.isfile(os.path.join(ROOT, "chapters", c, "main.cpp")):
            sys.exit(f"listing_stats.py: no chapters/{c}/main.cpp")
        n, longest, name, share = stats(c)
        print(f"{c:22} {n:5} {longest:5} {name[:18]:>18} {share:6.0%}")


if __name__ == "__main__":
    main()
