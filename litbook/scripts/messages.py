#!/usr/bin/env python3
"""Program messages and listing comments of litbook examples, per language.

An example is written in its book's source language. Two kinds of text in
it reach readers of the other languages through the chapter's catalogues,
``<chapter>/locale/<lang>.po``:

* messages: the string literals passed to ``ex.tr``, ``ex.print``,
  ``ex.println`` and ``litbook::msg`` (fmt replacement fields allowed; a
  translation keeps the same number of fields);
* comments: each block of whole-line ``//`` comments, and each comment at
  the end of a line of code (msgctxt "comment"). Excerpt markers
  (``// [name]``) are not comments to translate.

The book's other sources that it excerpts (a library's, say) may be
written in another language than the book (``litbook_code_languages`` in
the book's conf.py: directory -> language of its comments). For those,
``--regions --source-lang CODE`` limits the catalogues
(``<dir>/locale/<lang>.po``, every book language but CODE) to the
comments inside excerpt regions: what readers see; nothing else of the
file is offered for translation, and no message literal.

Subcommands
  update   merge the messages and comments of the sources into every
           non-source language's catalogue (new ones untranslated, changed
           ones fuzzy); authors then translate them.
  check    the gate: every message and comment translated, none fuzzy, in
           every non-source language; fails naming the file.
  compile  check, then write the C++ table linked into the example (its
           messages and litbook's own words, for every language).
  reader   write the file a reader of one language gets: markers removed,
           comments in that language.
  code-dirs  print the ``litbook_code_languages`` of a conf.py, one
           ``dir=lang`` a line (for the build; a bad entry exits 2).
"""
import argparse
import os
import re
import sys

from babel.messages import pofile
from babel.messages.catalog import Catalog

HERE = os.path.dirname(os.path.abspath(__file__))
LITBOOK_LOCALE = os.path.join(HERE, "..", "locale")
COMMENT_CTX = "comment"
MARKER = re.compile(r"^\s*//\s*\[/?[A-Za-z0-9_-]+\]\s*$")
REGION = re.compile(r"^\s*//\s*\[(/?)([A-Za-z0-9_-]+)\]\s*$")
LINE_COMMENT = re.compile(r"^(\s*)//\s?(.*)$")
CALL = re.compile(r"(?:(?<=[.>])(?:tr|print|println)|(?<![\w:])msg"
                  r"|litbook::msg)\s*\(\s*(?=\")")
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*')
FIELD = re.compile(r"\{[^{}]*\}")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'", "0": "\0"}


class Failure(Exception):
    pass


def unescape(s, where):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            nxt = s[i + 1]
            if nxt not in ESCAPES:
                raise Failure(f"{where}: unsupported escape \\{nxt} in a "
                              "message")
            out.append(ESCAPES[nxt])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def code_part(line):
    """The line with its trailing // comment removed, and the comment (or
    None). String literals are skipped, so "a // b" is not a comment."""
    i, n, in_str = 0, len(line), False
    while i < n:
        c = line[i]
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == "'" and i + 2 < n:
            # a character literal: '"' or '\''
            j = line.find("'", i + 2 if line[i + 1] == "\\" else i + 1)
            i = j if j > 0 else i
        elif line.startswith("//", i):
            return line[:i], line[i + 2:]
        i += 1
    return line, None


def comments(lines):
    """Yields (first_line_index, last_line_index, indent, text, trailing)
    for every translatable comment of a C++ source."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if MARKER.match(line):
            i += 1
            continue
        m = LINE_COMMENT.match(line)
        if m:
            indent, j, texts = m.group(1), i, []
            while j < len(lines):
                mj = LINE_COMMENT.match(lines[j])
                if not mj or MARKER.match(lines[j]) or mj.group(1) != indent:
                    break
                texts.append(mj.group(2).rstrip())
                j += 1
            yield i, j - 1, indent, "\n".join(texts), False
            i = j
            continue
        code, comment = code_part(line)
        if comment is not None and code.strip():
            yield i, i, code, comment.strip(), True
        i += 1


def regions(lines):
    """The indices of the lines inside excerpt regions (between a
    ``// [name]`` and its ``// [/name]``)."""
    inside, opened = set(), {}
    for i, line in enumerate(lines):
        m = REGION.match(line)
        if not m:
            continue
        if m.group(1):
            if m.group(2) in opened:
                inside.update(range(opened.pop(m.group(2)) + 1, i))
        else:
            opened.setdefault(m.group(2), i)
    return inside


def shown_comments(lines, regions_only):
    """comments(lines), only those inside excerpt regions if
    regions_only."""
    shown = regions(lines) if regions_only else None
    for c in comments(lines):
        if shown is None or c[0] in shown:
            yield c


def literal_run(text, pos):
    """The adjacent string literals at `pos`: (their contents, the end of
    the run, the white space after the last one)."""
    parts, tail = [], ""
    while True:
        s = STRING.match(text, pos)
        if not s:
            return parts, pos, tail
        parts.append(s.group(1))
        tail = s.group(0)[len(s.group(0).rstrip()):]
        pos = s.end()


def messages(path, text):
    """Yields (line_number, msgid) for every message literal."""
    for m in CALL.finditer(text):
        parts, _, _ = literal_run(text, m.end())
        line = text.count("\n", 0, m.start()) + 1
        yield line, unescape("".join(parts), f"{path}:{line}")


def has_letters(s):
    return any(c.isalpha() for c in FIELD.sub("", s))


def extract(sources, root, regions_only=False):
    """The template catalogue of the given sources (with regions_only,
    the comments inside excerpt regions, and no messages)."""
    cat = Catalog(fuzzy=False)
    for src in sources:
        rel = os.path.relpath(src, root) if root else os.path.basename(src)
        with open(src, encoding="utf-8") as f:
            text = f.read()
        for line, msgid in ([] if regions_only else messages(src, text)):
            if has_letters(msgid):
                cat.add(msgid, locations=[(rel, line)])
        for first, _, _, comment, _ in shown_comments(text.splitlines(),
                                                      regions_only):
            if has_letters(comment):
                cat.add(comment, locations=[(rel, first + 1)],
                        context=COMMENT_CTX)
    return cat


def po_path(po_dir, lang):
    return os.path.join(po_dir, f"{lang}.po")


def read_po(path, lang):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return pofile.read_po(f, locale=None, domain=lang)


def write_po(path, cat):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        pofile.write_po(f, cat, width=78, ignore_obsolete=True,
                        include_previous=False, sort_output=False)
    os.replace(tmp, path)


def code_lang(a):
    """The language the sources are written in: --source-lang, or the
    book's source language (the first)."""
    return getattr(a, "source_lang", None) or a.langs[0]


def target_langs(a):
    """The languages that need a catalogue: every other one."""
    return [lang for lang in a.langs if lang != code_lang(a)]


def template_of(a):
    return extract(a.source, a.root, getattr(a, "regions", False))


def update(a):
    template = template_of(a)
    os.makedirs(a.po_dir, exist_ok=True)
    what = ("comments of the excerpts of the sources"
            if getattr(a, "regions", False)
            else "messages and comments of the example programs")
    for lang in target_langs(a):
        path = po_path(a.po_dir, lang)
        cat = read_po(path, lang)
        if cat is None:
            cat = Catalog(locale=None, project=a.project, fuzzy=False)
        created = cat.creation_date
        cat.update(template, no_fuzzy_matching=False)
        cat.creation_date = created  # no date churn in reviewed diffs
        cat.revision_date = created
        cat.language_team = None
        cat.last_translator = None
        cat.header_comment = (f"# {lang} {what} beside this folder.\n"
                              "# Kept up to date by the update-po target; "
                              "translate every entry.")
        write_po(path, cat)
        n = sum(1 for m in cat if m.id and (not m.string or m.fuzzy))
        print(f"{path}: {n} to translate" if n else f"{path}: complete")


def check(a):
    template = template_of(a)
    problems = []
    tables = {}
    for lang in target_langs(a):
        path = po_path(a.po_dir, lang)
        cat = read_po(path, lang)
        table = {}
        for m in template:
            if not m.id:
                continue
            what = "comment" if m.context == COMMENT_CTX else "message"
            where = ", ".join(f"{f}:{l}" for f, l in m.locations)
            entry = cat.get(m.id, context=m.context) if cat else None
            if cat is None:
                problems.append(f"{path}: missing (run the update-po "
                                "target)")
                break
            if entry is None:
                problems.append(f"{path}: {what} not in the catalogue "
                                f"(run the update-po target): {m.id!r} "
                                f"({where})")
            elif not entry.string:
                problems.append(f"{path}: untranslated {what}: {m.id!r} "
                                f"({where})")
            elif entry.fuzzy:
                problems.append(f"{path}: fuzzy {what}: {m.id!r} ({where})")
            elif (what == "message" and len(FIELD.findall(m.id))
                  != len(FIELD.findall(entry.string))):
                problems.append(f"{path}: the translation of {m.id!r} "
                                "has another number of {} fields")
            elif (m.id.startswith("\n") != entry.string.startswith("\n")
                  or m.id.endswith("\n") != entry.string.endswith("\n")):
                problems.append(f"{path}: the translation of {m.id!r} "
                                "must start and end with a new line as "
                                "the message does")
            else:
                table[(m.context, m.id)] = entry.string
        tables[lang] = table
    if problems:
        raise Failure("\n".join(problems))
    return template, tables


def c_string(s):
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{out}"'


def own_catalogue(langs):
    """litbook's own words: {msgid: [text per language]}."""
    per_lang = {}
    for lang in langs:
        cat = read_po(os.path.join(LITBOOK_LOCALE, f"{lang}.po"), lang)
        per_lang[lang] = ({m.id: m.string for m in cat
                           if m.id and m.string and not m.fuzzy}
                          if cat else {})
    ids = sorted({i for t in per_lang.values() for i in t},
                 key=lambda s: s.encode())
    return {i: [per_lang[l].get(i, "") for l in langs] for i in ids}


def table_code(name, langs_var, entries, po_dir):
    lines = []
    for n, (msgid, texts) in enumerate(entries):
        lines.append(f"const char* const {name}_t{n}[] = {{"
                     + ", ".join(c_string(t) for t in texts) + "};")
    lines.append(f"const litbook::CatalogEntry {name}_entries[] = {{")
    for n, (msgid, _) in enumerate(entries):
        lines.append(f"    {{{c_string(msgid)}, {name}_t{n}}},")
    if not entries:
        lines.append("    {\"\", nullptr},")
    lines.append("};")
    lines.append(f"const litbook::Catalog {name} = {{{langs_var}, "
                 f"std::size(book_langs), {name}_entries, {len(entries)}, "
                 f"{c_string(po_dir)}}};")
    return lines


def lookup_entries(template, tables, langs):
    """(key, texts) pairs: every message under its source text and under
    each of its translations, so that a reader's copy of the program,
    whose literals are in the reader's language, runs in every language
    too. A text that is a message of its own keeps its own entry."""
    rows = [[m.id] + [tables[l][(None, m.id)] for l in langs[1:]]
            for m in template if m.id and m.context is None]
    table = {}
    for texts in rows:
        table[texts[0]] = texts
    for texts in rows:
        for t in texts[1:]:
            table.setdefault(t, texts)
    return sorted(table.items(), key=lambda e: e[0].encode())


def compile_table(a):
    if a.legacy:
        template, tables = Catalog(), {}
    else:
        template, tables = check(a)
    msgs = lookup_entries(template, tables, a.langs)
    own = sorted(own_catalogue(a.langs).items(), key=lambda e: e[0].encode())
    out = ["// Generated by litbook/scripts/messages.py: do not edit.",
           "// litbook's own functions are compiled here, once per program.",
           "#define LITBOOK_IMPLEMENTATION",
           "#include <litbook/example.hpp>", "", "#include <iterator>", "",
           "namespace {",
           "const char* const book_langs[] = {"
           + ", ".join(c_string(l) for l in a.langs) + "};"]
    # Paths in error messages, relative: the table is the same in every
    # checkout (and in the code archive readers download).
    po_dir = os.path.relpath(a.po_dir, a.root) if a.root else a.po_dir
    out += table_code("chapter", "book_langs", msgs, po_dir)
    out += table_code("own", "book_langs", own, "litbook/locale")
    out += ["}  // namespace", "",
            "const litbook::Catalog& litbook::example_catalog() "
            "{ return chapter; }",
            "const litbook::Catalog& litbook::detail::litbook_catalog() "
            "{ return own; }", ""]
    text = "\n".join(out)
    old = None
    if os.path.exists(a.out):
        with open(a.out, encoding="utf-8") as f:
            old = f.read()
    if old != text:  # unchanged: keep the time stamp, no recompile
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        with open(a.out + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(a.out + ".tmp", a.out)


def reader_text(source, po_dir, lang, source_lang, keep_markers=False,
                regions_only=False):
    """The source as a reader of `lang` gets it: comments in that language
    (with regions_only, those inside excerpt regions; the others and the
    message literals stay as written) and, unless keep_markers, no
    excerpt markers."""
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    table, messages_of = {}, {}
    if lang != source_lang:
        cat = read_po(po_path(po_dir, lang), lang)
        if cat is None:
            raise Failure(f"{po_path(po_dir, lang)}: missing (run the "
                          "update-po target)")
        table = {m.id: m.string for m in cat
                 if m.context == COMMENT_CTX and m.string and not m.fuzzy}
        if not regions_only:
            messages_of = {m.id: m.string for m in cat
                           if m.context is None and m.string
                           and not m.fuzzy}
    out = list(lines)
    for first, last, lead, text, trailing in shown_comments(lines,
                                                            regions_only):
        if lang == source_lang or not has_letters(text):
            continue
        if text not in table:
            raise Failure(f"{po_path(po_dir, lang)}: no translation of the "
                          f"comment at {source}:{first + 1}: {text!r}")
        new = table[text].split("\n")
        if trailing:
            out[first] = f"{lead.rstrip()}  // {new[0]}"
        else:
            out[first] = [f"{lead}// {t}".rstrip() for t in new]
            for k in range(first + 1, last + 1):
                out[k] = []
    flat = []
    for item in out:
        flat.extend(item if isinstance(item, list) else [item])
    if messages_of:
        flat = translate_literals(flat, messages_of, source,
                                  po_path(po_dir, lang))
    return flat if keep_markers else [l for l in flat
                                      if not MARKER.match(l)]


LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*$")


def code_dirs(setting, root, where="litbook_code_languages"):
    """A book's ``litbook_code_languages`` checked: {directory relative to
    the top of the book: language its sources' comments are written in}.
    Raises Failure naming the bad entry."""
    if not isinstance(setting, dict):
        raise Failure(f"{where}: a dict {{directory: language}} is "
                      f"expected, not {setting!r}")
    out = {}
    for d, lang in setting.items():
        if not isinstance(d, str) or not isinstance(lang, str) \
                or not LANG_CODE.match(lang):
            raise Failure(f"{where}: {d!r}: {lang!r} is not a language "
                          "code")
        rel = os.path.normpath(d)
        if os.path.isabs(rel) or rel.startswith(".."):
            raise Failure(f"{where}: {d!r} is not a directory inside the "
                          "book")
        if not os.path.isdir(os.path.join(root, rel)):
            raise Failure(f"{where}: {d!r}: no such directory in {root}")
        out[rel] = lang
    return out


def code_language_of(path, root, dirs):
    """The language `path`'s comments are written in if its directory is
    one of `dirs` (code_dirs()), else None (the book's source
    language)."""
    rel = os.path.relpath(os.path.dirname(os.path.abspath(path)), root)
    return dirs.get(os.path.normpath(rel))


def read_conf(conf):
    """The litbook_code_languages of a Sphinx conf.py (run as Sphinx runs
    it: in its own directory)."""
    import runpy
    here, path = os.getcwd(), os.path.abspath(conf)
    try:
        os.chdir(os.path.dirname(path))
        ns = runpy.run_path(path)
    except Exception as e:  # a conf.py that does not run
        raise Failure(f"{conf}: {type(e).__name__}: {e}")
    finally:
        os.chdir(here)
    return ns.get("litbook_code_languages", {})


def translate_literals(lines, table, source, po):
    """Message literals replaced by their translations (a message spread
    over adjacent literals on several lines becomes one literal)."""
    text = "\n".join(lines)
    out, pos = [], 0
    for m in CALL.finditer(text):
        start = m.end()
        parts, end, tail = literal_run(text, start)
        msgid = unescape("".join(parts), source)
        if not has_letters(msgid):
            continue
        if msgid not in table:
            raise Failure(f"{po}: no translation of the message {msgid!r}")
        # the white space that followed the last literal stays
        out.append(text[pos:start])
        out.append(c_string(table[msgid]) + tail)
        pos = end
    out.append(text[pos:])
    return "".join(out).split("\n")


def main():
    if sys.argv[1:2] == ["code-dirs"]:
        ap = argparse.ArgumentParser(prog="messages.py code-dirs")
        ap.add_argument("--conf", required=True)
        ap.add_argument("--root", required=True)
        a = ap.parse_args(sys.argv[2:])
        try:
            dirs = code_dirs(read_conf(a.conf), a.root,
                             f"{a.conf}: litbook_code_languages")
        except Failure as e:
            print(f"error: {e}", file=sys.stderr)
            sys.exit(2)
        for d, lang in sorted(dirs.items()):
            print(f"{d}={lang}")
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["update", "check", "compile", "reader"])
    ap.add_argument("--source", nargs="+", required=True)
    ap.add_argument("--po-dir", required=True)
    ap.add_argument("--langs", nargs="+", required=True)
    ap.add_argument("--source-lang", help="the language the sources are "
                    "written in (default: the first of --langs)")
    ap.add_argument("--regions", action="store_true",
                    help="only the comments inside excerpt regions, no "
                    "messages (a library's sources the book excerpts)")
    ap.add_argument("--root", help="paths in the catalogues are relative "
                    "to it")
    ap.add_argument("--project", default="litbook book")
    ap.add_argument("--out")
    ap.add_argument("--lang")
    ap.add_argument("--legacy", action="store_true",
                    help="compile: the example has no catalogues yet")
    a = ap.parse_args()
    if a.regions and a.mode == "compile":
        ap.error("--regions: sources outside the chapters have no "
                 "message table")
    try:
        if a.mode == "update":
            update(a)
        elif a.mode == "check":
            check(a)
        elif a.mode == "compile":
            compile_table(a)
        else:
            text = "\n".join(reader_text(a.source[0], a.po_dir, a.lang,
                                         code_lang(a),
                                         regions_only=a.regions)) + "\n"
            with open(a.out + ".tmp", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(a.out + ".tmp", a.out)
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
