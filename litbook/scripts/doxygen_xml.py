#!/usr/bin/env python3
"""Doxygen's XML, with the source paths relative to the API's folder.

  doxygen_xml.py --input DIR --xml DIR -- DOXYGEN DOXYFILE

Runs Doxygen, then rewrites every file of the XML folder so that no path of
the checkout is left in it: "<input>/nn/relu.hpp" becomes "nn/relu.hpp".
Doxygen's STRIP_FROM_PATH does this itself, but Doxygen 1.9.4 (Debian 12)
leaves the paths whole when the checkout's path holds a non-ASCII letter
(a folder named in Hangul, say), and the API pages then show the reader's
own folders and differ from one checkout to another. Exit status: Doxygen's,
or 1 when the XML folder is missing after it.
"""
import argparse
import os
import subprocess
import sys
from xml.sax.saxutils import escape


def strip_paths(xml_dir, input_dir):
    """Rewrites the files of xml_dir; returns how many changed."""
    prefix = os.path.abspath(input_dir).rstrip(os.sep)
    # As Doxygen writes the path: in element text and in attribute values
    # (escaped the same way, for a path holding & or ').
    olds = {prefix, escape(prefix, {"'": "&apos;", '"': "&quot;"})}
    changed = 0
    for name in sorted(os.listdir(xml_dir)):
        path = os.path.join(xml_dir, name)
        if not name.endswith(".xml") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new = text
        for old in olds:
            new = new.replace(old + "/", "").replace(old, ".")
        if new != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            changed += 1
    return changed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", required=True, help="Doxygen's INPUT folder")
    ap.add_argument("--xml", required=True, help="the XML folder it writes")
    ap.add_argument("command", nargs="+", help="doxygen and its Doxyfile")
    a = ap.parse_args(argv)
    code = subprocess.call(a.command)
    if code != 0:
        return code
    if not os.path.isdir(a.xml):
        print(f"error: {a.xml}: Doxygen wrote no XML folder", file=sys.stderr)
        return 1
    strip_paths(a.xml, a.input)
    return 0


if __name__ == "__main__":
    sys.exit(main())
