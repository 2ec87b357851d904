#!/usr/bin/env python3
"""The API reference shows all of the library, grouped by topic.

  api_groups.py --xml DOXYGEN_XML_DIR --api docs/api.rst

docs/api.rst lists the library by topic, in the order the book introduces
it: each section renders Doxygen groups (``.. doxygengroup::``, the
``@defgroup`` / ``@addtogroup`` blocks of src/nn/*.hpp) and classes
(``.. doxygenclass::``), and opens with a paragraph that names the chapter
that first uses them (``:chapter:``). Fails, naming what is missing, when
a public function, type or constant of the library belongs to no group,
a group or a public class is not rendered by api.rst, api.rst renders one
that does not exist or renders one twice, or a section names no chapter.
"""
import argparse
import collections
import os
import re
import sys
import xml.etree.ElementTree as ET

PUBLIC_NAMESPACES = ("nn", "nn::fast")


def compounds(xml_dir):
    index = ET.parse(os.path.join(xml_dir, "index.xml")).getroot()
    for c in index.findall("compound"):
        yield c.get("kind"), c.findtext("name"), c.get("refid")


def check(xml_dir, api_path):
    problems = []
    grouped = set()
    groups = set()
    classes = set()
    members = {}
    for kind, name, refid in compounds(xml_dir):
        if kind == "group":
            groups.add(name)
            root = ET.parse(os.path.join(xml_dir, refid + ".xml")).getroot()
            for m in root.iter("memberdef"):
                grouped.add(m.get("id"))
            for c in root.iter("innerclass"):
                grouped.add(c.get("refid"))
        elif kind in ("class", "struct") and \
                name.rsplit("::", 1)[0] in PUBLIC_NAMESPACES:
            classes.add(name)
        elif kind == "namespace" and name in PUBLIC_NAMESPACES:
            root = ET.parse(os.path.join(xml_dir, refid + ".xml")).getroot()
            for m in root.iter("memberdef"):
                members[m.get("id")] = f"{name}::{m.findtext('name')}"
    for mid, name in sorted(members.items(), key=lambda kv: kv[1]):
        if mid not in grouped:
            problems.append(f"{name} is in no Doxygen group (wrap it in "
                            "its header's @addtogroup ... @{ @})")

    with open(api_path, encoding="utf-8") as f:
        text = f.read()
    used = collections.Counter(
        re.findall(r"^\s*\.\. doxygengroup:: (\S+)", text, re.M))
    shown = collections.Counter(
        re.findall(r"^\s*\.\. doxygenclass:: (\S+)", text, re.M))
    for what, have, seen in (("group", groups, used),
                             ("class", classes, shown)):
        for name in sorted(have - set(seen)):
            problems.append(f"{api_path}: the {what} {name} is not shown")
        for name in sorted(set(seen) - have):
            problems.append(f"{api_path}: there is no {what} {name}")
        for name, n in sorted(seen.items()):
            if n > 1:
                problems.append(f"{api_path}: the {what} {name} is shown "
                                f"{n} times")
    # Each section (a title underlined with -) names its chapter first.
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if re.fullmatch(r"-{3,}", lines[i]) and lines[i - 1].strip():
            body = "\n".join(lines[i + 1:])
            para = body.strip().split("\n\n", 1)[0]
            if ":chapter:`" not in para:
                problems.append(f"{api_path}:{i}: the section "
                                f"'{lines[i - 1]}' does not open with the "
                                "chapter that introduces it")
    return problems, len(groups), len(classes), len(members)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--xml", required=True, action="append",
                    help="a Doxygen XML folder (one per language)")
    ap.add_argument("--api", required=True, help="docs/api.rst")
    a = ap.parse_args()
    failed = False
    for xml_dir in a.xml:
        if not os.path.isfile(os.path.join(xml_dir, "index.xml")):
            sys.exit(f"api_groups: {xml_dir} has no index.xml (build the "
                     "docs first)")
        problems, g, c, m = check(xml_dir, a.api)
        for p in problems:
            print(f"error: {p} ({xml_dir})", file=sys.stderr)
        failed |= bool(problems)
        print(f"api_groups: {xml_dir}: {m} members in {g} groups, "
              f"{c} classes" + (f"; {len(problems)} problem(s)"
                                if problems else ": all shown"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
