#!/usr/bin/env python3
"""One vocabulary per book: the table of terms and its checker.

A book keeps its terms in one tab-separated table (``docs/terms.tsv`` by
convention, ``litbook_terms`` in conf.py). Its first line names the
columns:

``chapter``
    the label of the chapter that introduces the term (as in
    ``:chapter:`label```);
``<lang>``
    the term in each language of the book;
``<lang>_rejected``
    the variants a writer must not use for it, separated by `` | ``. A
    variant is literal text (ASCII letters only match whole words, case
    aside); ``re:`` starts a Python regular expression instead;
``<lang>_def``
    a one-line definition, for the glossary.

Lines starting with ``#`` are comments. The glossary chapter is made from
the same table (``.. terms-glossary::``, litbook_terms.py).

``check`` reads every text a reader of a language sees and fails (exit 1)
on each rejected variant, naming file and line:

* the source language: the prose (``docs/**/*.rst``: paragraphs, captions,
  alt text; not code, math, roles or comments), the programs' messages and
  comments (``chapters/*/*.cpp``, ``*.hpp``) and the figure labels
  (``figures/*.labels.tsv``, the language's column);
* every other language: the translations of the prose
  (``docs/locale/<lang>/LC_MESSAGES/**/*.po``) and of the programs
  (``chapters/*/locale/<lang>.po``) and the labels' column.

A quotation may need a rejected word (the original article's wording).
``.. terms: allow VARIANT`` (reStructuredText comment) lets VARIANT stand
in the next paragraph; a translator comment ``# terms: allow VARIANT`` in a
catalogue lets it stand in that entry's translation.

Bad input (no table, a column missing, a bad regular expression) exits 2.
"""
import argparse
import csv
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import messages as msgs  # noqa: E402

ALLOW = re.compile(r"^\s*(?:\.\.|#\.?|//)\s*terms:\s*allow\s+(.+?)\s*$")
SEP = re.compile(r"\s+\|\s+")
# reStructuredText that is not prose: ``code``, :role:`...`, |substitution|,
# and hyperlink targets.
RST_NOT_PROSE = re.compile(r"``.*?``|:[a-z:+-]+:`[^`]*`|`[^`]*`_{0,2}")
# Directives whose content is not prose.
RST_CODE = re.compile(r"^(\s*)\.\.\s+(math|code-block|code|literalinclude|"
                      r"excerpt|output|raw|toctree|highlight)::")
RST_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([\w-]+)::(.*)$")
RST_COMMENT = re.compile(r"^(\s*)\.\.(\s|$)")
RST_FIELD = re.compile(r"^\s*:[\w-]+:(\s|$)")


class BadInput(Exception):
    pass


class Term:
    def __init__(self, row, line, langs):
        self.line = line
        self.chapter = (row.get("chapter") or "").strip()
        self.words = {}
        self.defs = {}
        self.rejected = {}
        for lang in langs:
            self.words[lang] = (row.get(lang) or "").strip()
            self.defs[lang] = (row.get(f"{lang}_def") or "").strip()
            self.rejected[lang] = []
            for v in SEP.split((row.get(f"{lang}_rejected") or "").strip()):
                if v:
                    self.rejected[lang].append((v, pattern(v, line)))


def pattern(variant, line):
    """The regular expression that finds `variant` in text."""
    if variant.startswith("re:"):
        try:
            return re.compile(variant[3:])
        except re.error as e:
            raise BadInput(f"line {line}: bad regular expression "
                           f"'{variant[3:]}': {e}")
    text = re.escape(variant)
    if re.match(r"[A-Za-z0-9]", variant):
        text = r"(?<![A-Za-z0-9_])" + text
    if re.search(r"[A-Za-z0-9]$", variant):
        text += r"(?![A-Za-z0-9_])"
    flags = re.IGNORECASE if variant.isascii() else 0
    return re.compile(text, flags)


def read_table(path, langs):
    """The terms of the table at `path`, for the languages `langs`."""
    if not os.path.isfile(path):
        raise BadInput(f"{path}: no table of terms")
    with open(path, encoding="utf-8", newline="") as f:
        lines = [(n, ln) for n, ln in enumerate(f, 1)
                 if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise BadInput(f"{path}: empty table of terms")
    reader = csv.DictReader((ln for _, ln in lines), delimiter="\t",
                            quoting=csv.QUOTE_NONE)
    header = reader.fieldnames or []
    missing = [c for lang in langs for c in (lang, f"{lang}_def")
               if c not in header]
    if "chapter" not in header:
        missing.insert(0, "chapter")
    if missing:
        raise BadInput(f"{path}: the table has no column "
                       f"{', '.join(missing)} (it has {', '.join(header)})")
    terms = []
    for (n, _), row in zip(lines[1:], reader):
        if None in row:
            raise BadInput(f"{path}:{n}: more fields than columns")
        try:
            term = Term(row, n, langs)
        except BadInput as e:
            raise BadInput(f"{path}:{e}")
        for lang in langs:
            if not term.words[lang]:
                raise BadInput(f"{path}:{n}: no {lang} term")
        terms.append(term)
    return terms


def findings(terms, lang, text, allowed=()):
    """(variant, term) for each rejected variant of `lang` in `text`, in
    the order they occur; where two overlap, the longer one only. The
    text of an allowed variant stands, also where a shorter variant is
    inside it."""
    for a in allowed:
        text = text.replace(a, " " * len(a))
    spans = []
    for term in terms:
        for variant, rx in term.rejected.get(lang, []):
            if variant in allowed:
                continue
            spans += [(m.start(), m.end(), variant, term)
                      for m in rx.finditer(text) if m.end() > m.start()]
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))
    taken = []
    for start, end, variant, term in spans:
        if all(end <= a or start >= b for a, b, _, _ in taken):
            taken.append((start, end, variant, term))
    for start, _, variant, term in sorted(taken, key=lambda s: s[0]):
        yield start, variant, term


def paragraphs(texts):
    """Joins the lines of each paragraph (consecutive line numbers, the
    same exceptions) with spaces, so that a term broken over two lines is
    found: yields (line numbers with their offsets, text, allowed)."""
    group = []

    def flush():
        if group:
            offsets, parts, pos = [], [], 0
            for n, text, _ in group:
                offsets.append((pos, n))
                parts.append(text)
                pos += len(text) + 1
            yield offsets, " ".join(parts), group[0][2]
    for n, text, allowed in texts:
        if group and (n != group[-1][0] + 1 or allowed != group[-1][2]):
            yield from flush()
            group = []
        group.append((n, text, allowed))
    yield from flush()


def one_by_one(texts):
    """Each text on its own (catalogue entries, table rows)."""
    for n, text, allowed in texts:
        yield [(0, n)], text, allowed


def line_at(offsets, pos):
    return [n for start, n in offsets if start <= pos][-1]


# Where the texts are: each reader yields (line, text, allowed variants).

def rst_prose(path):
    """The prose lines of a reStructuredText file, without code, math,
    roles, directives' arguments and comments."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    skip_indent = None   # inside a block that is not prose
    allowed, pending = set(), set()
    for n, line in enumerate(lines, 1):
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if not line.strip() or indent > skip_indent:
                continue
            skip_indent = None
        if not line.strip():
            if allowed:
                allowed = set()
            continue
        m = ALLOW.match(line)
        if m:
            pending |= set(SEP.split(m.group(1)))
            continue
        if RST_CODE.match(line) or (RST_COMMENT.match(line)
                                    and not RST_DIRECTIVE.match(line)):
            skip_indent = indent
            continue
        if RST_DIRECTIVE.match(line) or RST_FIELD.match(line):
            continue
        if line.rstrip().endswith("::"):
            # a literal block follows
            line = line.rstrip()[:-1]
        if pending:
            allowed, pending = pending, set()
        yield n, RST_NOT_PROSE.sub(" ", line), allowed


def po_entries(path, rst):
    """The translations of a catalogue: (line, msgstr, allowed)."""
    from babel.messages import pofile
    with open(path, "rb") as f:
        cat = pofile.read_po(f)
    for m in cat:
        if not m.id or not m.string:
            continue
        allowed = set()
        for c in m.user_comments + m.auto_comments:
            a = ALLOW.match("# " + c)
            if a:
                allowed |= set(SEP.split(a.group(1)))
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            text = RST_NOT_PROSE.sub(" ", s) if rst else s
            yield m.lineno or 1, text, allowed


def cpp_texts(path):
    """The messages and comments of a C++ source, line by line."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.splitlines()
    for first, last, _, _, trailing in msgs.comments(lines):
        for i in range(first, last + 1):
            _, comment = msgs.code_part(lines[i])
            if comment is not None:
                yield i + 1, comment, ()
    for n, message in msgs.messages(path, text):
        yield n, message, ()


def label_texts(path, lang):
    """A figure label table's column for `lang`."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or lang not in rows[0]:
        return
    col = rows[0].index(lang)
    for n, row in enumerate(rows[1:], 2):
        if col < len(row):
            yield n, row[col], ()


def sources(root, docs, lang, source_lang):
    """(path, reader) of every text of `lang` in the book at `root`."""
    def files(*patterns):
        out = set()
        for p in patterns:
            out.update(glob.glob(os.path.join(root, p), recursive=True))
        return sorted(out)
    if lang == source_lang:
        for p in files(f"{docs}/**/*.rst"):
            if f"{os.sep}_build{os.sep}" not in p:
                yield p, paragraphs(rst_prose(p))
        for p in files("chapters/*/*.cpp", "chapters/*/*.hpp"):
            yield p, paragraphs(cpp_texts(p))
    else:
        for p in files(f"{docs}/locale/{lang}/LC_MESSAGES/**/*.po"):
            yield p, one_by_one(po_entries(p, rst=True))
        for p in files(f"chapters/*/locale/{lang}.po"):
            yield p, one_by_one(po_entries(p, rst=False))
    for p in files("figures/*.labels.tsv"):
        yield p, one_by_one(label_texts(p, lang))


def check(root, table, langs, source_lang, docs="docs", only=None):
    """Every use of a rejected variant in the book: a list of messages
    'file:line: ...' (paths relative to `root`)."""
    terms = read_table(table, langs)
    out = []
    for lang in (only or langs):
        for path, texts in sources(root, docs, lang, source_lang):
            rel = os.path.relpath(path, root)
            for offsets, text, allowed in texts:
                for pos, variant, term in findings(terms, lang, text,
                                                   allowed):
                    n = line_at(offsets, pos)
                    out.append(f"{rel}:{n}: '{variant}' is a rejected "
                               f"variant of '{term.words[lang]}' "
                               f"({os.path.basename(table)}:{term.line})")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=".", help="the book's top folder")
    ap.add_argument("--table", default=None,
                    help="the table of terms (default: DOCS/terms.tsv)")
    ap.add_argument("--docs", default="docs", help="the Sphinx sources, "
                    "relative to the root")
    ap.add_argument("--langs", required=True,
                    help="the book's languages, the source language first "
                    "(ko,en)")
    ap.add_argument("--lang", action="append",
                    help="check only this language (repeatable)")
    try:
        a = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    langs = [x for x in a.langs.split(",") if x]
    table = a.table or os.path.join(a.root, a.docs, "terms.tsv")
    bad = [x for x in (a.lang or []) if x not in langs]
    try:
        if bad:
            raise BadInput(f"--lang {bad[0]}: not one of {', '.join(langs)}")
        found = check(a.root, table, langs, langs[0], a.docs, a.lang)
    except (BadInput, msgs.Failure, OSError) as e:
        print(f"terms: {e}", file=sys.stderr)
        return 2
    for line in found:
        print(line)
    n = len(found)
    print(f"terms: {n} use{'s' if n != 1 else ''} of rejected variants"
          if n else "terms: no rejected variant used", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
