"""litbook: start a book, add a chapter, preview it.

  litbook new DIR --title "..." --langs en,ja [--author NAME]
  litbook add-chapter NN-slug          (in a book's top folder)
  litbook serve [--build DIR] [--lang CODE] [--port N]   (serve.py)

Bad input (a DIR that exists and is not empty, an unknown language code, a
malformed or existing slug) is refused with a message and exit status 2,
and nothing is written.
"""
import argparse
import datetime
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import langs as langs_mod  # noqa: E402
import messages  # noqa: E402
import new_book  # noqa: E402

TEMPLATE = os.path.join(HERE, "..", "templates", "new-book")
SLUG = re.compile(r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$")
VERSION_FILE = os.path.join(HERE, "..", "VERSION")


class Refused(Exception):
    pass


def version():
    with open(VERSION_FILE, encoding="utf-8") as f:
        return f.read().strip()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def po_text(lang, entries, comment):
    def q(s):
        s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{s}"'
    out = [f"# {comment}", 'msgid ""', 'msgstr ""',
           '"MIME-Version: 1.0\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"',
           '"Content-Transfer-Encoding: 8bit\\n"', f'"Language: {lang}\\n"',
           ""]
    for msgid, msgstr in entries:
        out += [f"msgid {q(msgid)}", f"msgstr {q(msgstr)}", ""]
    return "\n".join(out)


def parse_langs(text):
    codes = [c.strip() for c in text.split(",") if c.strip()]
    if not codes:
        raise Refused("--langs needs at least one language code")
    if len(set(codes)) != len(codes):
        raise Refused(f"--langs names a language twice: {text}")
    bad = langs_mod.unknown(codes)
    if bad:
        raise Refused(f"unknown language code(s) {', '.join(bad)}; known "
                      f"(as Sphinx spells them): {' '.join(langs_mod.known())}")
    return codes


def book_langs(root):
    """The languages of the book in `root` (its CMakeLists.txt)."""
    path = os.path.join(root, "CMakeLists.txt")
    try:
        with open(path, encoding="utf-8") as f:
            m = re.search(r"set\(LITBOOK_LANGS ([^)]*)\)", f.read())
    except OSError:
        m = None
    if not m:
        raise Refused(f"{path}: not a litbook book (no set(LITBOOK_LANGS "
                      "...)); run add-chapter in the book's top folder")
    return m.group(1).split()


def chapter_files(root, codes, slug, n):
    """Writes one chapter of the starter text into `root`."""
    src = codes[0]
    cdir = os.path.join(root, "chapters", slug)
    write(os.path.join(cdir, "main.cpp"), new_book.program(src, n, slug))
    for lang in codes:
        write(os.path.join(cdir, f"expected.{lang}.txt"),
              new_book.expected(lang, n, slug))
        if lang == src:
            continue
        table = new_book.program_messages(src, lang, n, slug)
        entries = [(k[1], v) for k, v in table.items() if k[0] is None]
        text = po_text(lang, entries, f"{lang} messages and comments of "
                       "the example programs beside this folder.")
        for (ctx, msgid), msgstr in table.items():
            if ctx:
                def q(s):
                    return '"' + s.replace("\\", "\\\\").replace(
                        '"', '\\"').replace("\n", "\\n") + '"'
                text += (f'msgctxt "{ctx}"\nmsgid {q(msgid)}\n'
                         f"msgstr {q(msgstr)}\n\n")
        write(os.path.join(cdir, "locale", f"{lang}.po"), text)
    labels = "key\t" + "\t".join(codes) + "\n"
    for key in ("x", "square"):
        labels += key + "\t" + "\t".join(
            new_book.texts(l, n, slug)[key] for l in codes) + "\n"
    with open(os.path.join(TEMPLATE, "figures", "01-first.gp"),
              encoding="utf-8") as f:
        write(os.path.join(root, "figures", f"{slug}.gp"), f.read())
    write(os.path.join(root, "figures", f"{slug}.labels.tsv"), labels)
    write(os.path.join(root, "docs", "chapters", f"{slug}.rst"),
          new_book.chapter_rst(src, n, slug))
    for lang in codes[1:]:
        write(os.path.join(root, "docs", "locale", lang, "LC_MESSAGES",
                           "chapters", f"{slug}.po"),
              po_text(lang, new_book.chapter_messages(src, lang, n, slug),
                      f"{lang} translation of chapter {slug}"))
    with open(os.path.join(root, "chapters", "CMakeLists.txt"), "a",
              encoding="utf-8") as f:
        f.write(f"litbook_add_chapter({slug})\n"
                f"litbook_add_variant({slug} n-10 ARGS --n=10 "
                f"MATCH \" 10  100\" \"{385}\")\n")


def fill(text, values):
    for k, v in values.items():
        text = text.replace(f"@{k}@", v)
    return text


def cmd_new(a):
    codes = parse_langs(a.langs)
    title = a.title.strip()
    if not title:
        raise Refused("--title must not be empty")
    target = os.path.abspath(a.dir)
    if os.path.exists(target) and (not os.path.isdir(target)
                                   or os.listdir(target)):
        raise Refused(f"{a.dir} exists and is not an empty folder")
    parent = os.path.dirname(target)
    if not os.path.isdir(parent):
        raise Refused(f"{parent}: no such folder")
    slug = re.sub(r"[^a-z0-9]+", "-", os.path.basename(target).lower())
    slug = slug.strip("-") or "book"
    values = {
        "TITLE": title, "AUTHOR": a.author, "SLUG": slug,
        "PROJECT": slug.replace("-", "_"),
        "LANGS_CMAKE": " ".join(codes),
        "LITBOOK_VERSION": version(),
        "YEAR": str(datetime.date.today().year),
        "TITLES": "{" + ", ".join(f'"{c}": "{title}"' for c in codes) + "}",
    }
    tmp = tempfile.mkdtemp(prefix=".litbook-new-", dir=parent)
    try:
        for base, _, files in os.walk(TEMPLATE):
            for name in files:
                src = os.path.join(base, name)
                rel = os.path.relpath(src, TEMPLATE)
                if rel == os.path.join("figures", "01-first.gp"):
                    continue
                with open(src, encoding="utf-8") as f:
                    write(os.path.join(tmp, rel), fill(f.read(), values))
        os.chmod(os.path.join(tmp, "tools", "install-deps.sh"), 0o755)
        write(os.path.join(tmp, "docs", "index.rst"),
              new_book.index_rst(title, codes[0]))
        for lang in codes[1:]:
            write(os.path.join(tmp, "docs", "locale", lang, "LC_MESSAGES",
                               "index.po"),
                  po_text(lang, new_book.index_messages(title, codes[0],
                                                        lang),
                          f"{lang} translation of the front page"))
        write(os.path.join(tmp, "README.md"), readme(title, codes))
        chapter_files(tmp, codes, "01-first", 1)
        if os.path.isdir(target):
            os.rmdir(target)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    print(f"litbook: wrote the book \"{title}\" ({', '.join(codes)}) "
          f"in {a.dir}")
    print(f"  cd {a.dir} && make book && make test")


def readme(title, codes):
    others = [c for c in codes[1:] if c not in new_book.TEXTS]
    note = ""
    if codes[0] not in new_book.TEXTS or others:
        note = ("\nThe starter text of the languages litbook has none for ("
                + ", ".join(c for c in codes if c not in new_book.TEXTS)
                + ") is English: translate it first.\n")
    return f"""# {title}

A book made with litbook, the literate tutorial generator for C++: every
number in it is computed by its C++ examples when it is built, in every
language ({', '.join(codes)}). The book finds litbook where it is installed
(`cmake --install`; `CMAKE_PREFIX_PATH` names the prefix if its `bin/` is not
on `PATH`).
{note}
## The two commands

On Debian 12, from this folder:

```console
$ make book    # installs the Debian packages (as root), builds the book
$ make test    # builds and runs every test
```

The book lands in `build/book/` (`html/<lang>/index.html`,
`pdf/*.pdf`). `make approve` rewrites the expected outputs from the
examples (read the diff before you commit); `make update-po` merges changed
source text into the catalogues of the other languages. New chapter:
`litbook add-chapter NN-slug`.
"""


def cmd_add_chapter(a):
    if not SLUG.match(a.slug):
        raise Refused(f"malformed chapter slug '{a.slug}' (use NN-words, "
                      "e.g. 02-more-squares)")
    root = os.path.abspath(a.book)
    codes = book_langs(root)
    for path in (os.path.join(root, "chapters", a.slug),
                 os.path.join(root, "docs", "chapters", f"{a.slug}.rst")):
        if os.path.exists(path):
            raise Refused(f"chapter {a.slug} exists ({path})")
    with open(os.path.join(root, "chapters", "CMakeLists.txt"),
              encoding="utf-8") as f:
        if f"litbook_add_chapter({a.slug})" in f.read():
            raise Refused(f"chapter {a.slug} is registered already")
    n = int(a.slug[:2])
    tmp = tempfile.mkdtemp(prefix=".litbook-add-", dir=root)
    try:
        # Everything is written into a copy of what changes, then moved.
        for d in ("chapters", "docs", "figures"):
            os.makedirs(os.path.join(tmp, d), exist_ok=True)
        shutil.copyfile(os.path.join(root, "chapters", "CMakeLists.txt"),
                        os.path.join(tmp, "chapters", "CMakeLists.txt"))
        chapter_files(tmp, codes, a.slug, n)
        # An empty expected output: the build says to run approve.
        for lang in codes:
            write(os.path.join(tmp, "chapters", a.slug,
                               f"expected.{lang}.txt"), "")
        moves = []
        for base, _, files in os.walk(tmp):
            for name in files:
                src = os.path.join(base, name)
                moves.append((src, os.path.join(root,
                                                os.path.relpath(src, tmp))))
        for src, dst in moves:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            os.replace(src, dst)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"litbook: added chapter {a.slug}; build it, then run the approve "
          "target and read its output")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="litbook", description=__doc__.split(
        "\n")[0])
    ap.add_argument("--version", action="version",
                    version=f"litbook {version()}")
    sub = ap.add_subparsers(dest="cmd", required=True)
    n = sub.add_parser("new", help="write a new one-chapter book")
    n.add_argument("dir")
    n.add_argument("--title", required=True)
    n.add_argument("--langs", required=True,
                   help="comma-separated language codes, the source first")
    n.add_argument("--author", default="The authors")
    c = sub.add_parser("add-chapter", help="add a chapter to this book")
    c.add_argument("slug")
    c.add_argument("--book", default=".", help="the book's top folder")
    sub.add_parser("serve", help="the live preview (serve --help)")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # its options are serve.py's
        import serve
        return serve.main(argv[1:])
    a = ap.parse_args(argv)
    try:
        if a.cmd == "new":
            cmd_new(a)
        else:
            cmd_add_chapter(a)
    except Refused as e:
        print(f"litbook: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
