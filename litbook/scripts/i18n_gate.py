#!/usr/bin/env python3
"""The translation gate, and the catalogue update for authors.

  i18n_gate.py --sphinx-build S --srcdir DIR --potdir DIR --langs ko en \
               [--root TOP --code SRC=LANG...] [--stamp F] [--update] \
               -- SPHINX-OPTIONS...

Extracts the messages of the source language into fresh .pot files (Sphinx's
gettext builder, one per document), then, for every other language, checks
the catalogue docs/locale/<lang>/LC_MESSAGES/<document>.po: it must exist,
translate every message (each untranslated, fuzzy or missing message is
named) and be valid (msgfmt --check). No catalogue may exist for a document that is gone.
With --update, merges the fresh .pot into the catalogues instead (msgmerge),
creating missing ones; the author then translates and the gate passes.

--code SRC=LANG (from conf.py's litbook_code_languages; SRC relative to
--root): the comments inside the excerpt regions of SRC's sources are
written in LANG; they are checked (or, with --update, merged) in the
catalogues SRC/locale/<lang>.po of every other language of the book, as
messages.py --regions does.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import messages  # noqa: E402


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def parse_po(path):
    """msgid -> (msgstr, flags) of a .po/.pot file (no plural forms)."""
    entries, flags, field, cur = {}, set(), None, {}

    def flush():
        if "msgid" in cur and not cur.get("obsolete"):
            entries[cur["msgid"]] = (cur.get("msgstr", ""), set(cur["flags"]))

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#~"):
                continue
            if line.startswith("#,"):
                flags |= {x.strip() for x in line[2:].split(",")}
            elif line.startswith("msgid "):
                flush()
                cur = {"msgid": json.loads(line[6:]), "flags": flags}
                flags, field = set(), "msgid"
            elif line.startswith("msgstr "):
                cur["msgstr"] = json.loads(line[7:])
                field = "msgstr"
            elif line.startswith('"') and field:
                cur[field] += json.loads(line)
    flush()
    entries.pop("", None)
    return entries


def short(msg):
    msg = " ".join(msg.split())
    return msg if len(msg) <= 70 else msg[:67] + "..."


def pots(potdir):
    out = []
    for root, _, files in os.walk(potdir):
        for f in files:
            if f.endswith(".pot"):
                rel = os.path.relpath(os.path.join(root, f), potdir)
                out.append(rel[:-4])
    return sorted(out)


def code_args(a, spec):
    """messages.py's arguments for one --code SRC=LANG."""
    d, sep, lang = spec.partition("=")
    if not sep or not d or not lang:
        sys.stderr.write(f"error: --code {spec!r}: SRC=LANG expected\n")
        sys.exit(2)
    src = os.path.join(a.root, d)
    sources = sorted(os.path.join(src, f) for f in os.listdir(src)
                     if f.endswith((".cpp", ".hpp")))
    return argparse.Namespace(
        source=sources, po_dir=os.path.join(src, "locale"), langs=a.langs,
        source_lang=lang, regions=True, root=a.root,
        project="litbook book")


def code_catalogues(a):
    """Checks (or updates) the catalogues of the --code sources; the
    problems, one a line."""
    errors = []
    for spec in a.code:
        m = code_args(a, spec)
        try:
            if not a.update:
                messages.check(m)
            elif len(messages.template_of(m)) or os.path.isdir(m.po_dir):
                messages.update(m)
        except messages.Failure as e:
            errors += str(e).splitlines()
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sphinx-build", required=True)
    ap.add_argument("--srcdir", required=True)
    ap.add_argument("--potdir", required=True)
    ap.add_argument("--langs", nargs="+", required=True)
    ap.add_argument("--stamp")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--root", default=os.getcwd())
    ap.add_argument("--code", action="append", default=[])
    ap.add_argument("sphinx_opts", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    opts = [o for o in a.sphinx_opts if o != "--"]
    if a.stamp and os.path.exists(a.stamp):
        os.remove(a.stamp)
    shutil.rmtree(a.potdir, ignore_errors=True)
    p = subprocess.run([a.sphinx_build, "-b", "gettext", *opts,
                        a.srcdir, a.potdir])
    if p.returncode != 0:
        sys.exit("error: extracting messages (sphinx-build -b gettext) "
                 "failed; see above")
    docs = pots(a.potdir)
    errors = []
    for lang in a.langs[1:]:
        base = os.path.join(a.srcdir, "locale", lang, "LC_MESSAGES")
        for doc in docs:
            pot = os.path.join(a.potdir, doc + ".pot")
            po = os.path.join(base, doc + ".po")
            if a.update:
                os.makedirs(os.path.dirname(po), exist_ok=True)
                if os.path.exists(po):
                    r = run(["msgmerge", "--quiet", "--update",
                             "--backup=none", f"--lang={lang}",
                             "--no-wrap", po, pot])
                else:
                    # Not msginit: for English it copies every msgid into
                    # msgstr, which would pass the gate untranslated.
                    with open(pot, encoding="utf-8") as f:
                        text = f.read()
                    head, sep, body = text.partition('\n\n')
                    head = "\n".join(
                        l for l in head.splitlines()
                        if l != "#, fuzzy" and not l.startswith(
                            ('"PO-Revision-Date', '"Last-Translator',
                             '"Language-Team')))
                    head += f'\n"Language: {lang}\\n"'
                    with open(po, "w", encoding="utf-8") as f:
                        f.write(head + sep + body)
                    r = run(["msgfmt", "--check", "-o", os.devnull, po])
                if r.returncode == 0:
                    # Messages the source no longer has are dropped.
                    r = run(["msgattrib", "--no-obsolete", "--no-wrap",
                             "-o", po, po])
                if r.returncode != 0:
                    errors.append(f"{po}: {r.stderr.strip()}")
                else:
                    print(f"updated {po}")
                continue
            if not os.path.exists(po):
                errors.append(f"{po}: missing catalogue for document "
                              f"'{doc}' (run the update-po target and "
                              "translate it)")
                continue
            want, have = parse_po(pot), parse_po(po)
            for msgid in want:
                msgstr, flags = have.get(msgid, ("", set()))
                if msgid not in have:
                    errors.append(f"{po}: message missing from the "
                                  f"catalogue: \"{short(msgid)}\"")
                elif "fuzzy" in flags:
                    errors.append(f"{po}: fuzzy message: "
                                  f"\"{short(msgid)}\"")
                elif not msgstr.strip():
                    errors.append(f"{po}: untranslated message: "
                                  f"\"{short(msgid)}\"")
            r = run(["msgfmt", "--check", "-o", os.devnull, po])
            if r.returncode != 0:
                errors.append(f"{po}: invalid catalogue:\n"
                              + r.stderr.strip())
        if os.path.isdir(base) and not a.update:
            for root, _, files in os.walk(base):
                for f in files:
                    if f.endswith(".po"):
                        rel = os.path.relpath(os.path.join(root, f), base)
                        if rel[:-3] not in docs and not os.path.exists(
                                os.path.join(a.srcdir, rel[:-3] + ".rst")):
                            errors.append(
                                f"{os.path.join(base, rel)}: catalogue of a "
                                "document that does not exist")
    errors += code_catalogues(a)
    if errors:
        sys.stderr.write("error: " + "\nerror: ".join(errors) + "\n")
        sys.exit(1)
    if a.stamp:
        with open(a.stamp, "w") as f:
            f.write("\n".join(docs) + "\n")


if __name__ == "__main__":
    main()
