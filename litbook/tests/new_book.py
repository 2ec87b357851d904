#!/usr/bin/env python3
"""A book made outside the tree, from an installed litbook.

  new_book.py --litbook SRC/litbook --langs en,ja [--pdf] [--gate]
              [--no-runner]

1. installs litbook (cmake -S litbook; cmake --install) into a temporary
   prefix;
2. `litbook new` in a temporary folder (outside any repository);
3. configures it with CMAKE_PREFIX_PATH=<prefix>, builds the HTML (and
   with --pdf the PDF) of every language, and runs its CTests;
4. checks what a reader gets: a page per language whose language switch
   lists every language (none with one language), the PDFs' fonts embedded
   and their text in the language (Japanese faces and text for ja);
5. the in-page runner: each language's chapter page has a Run panel and
   the program compiled to WebAssembly beside it (--no-runner: the book is
   configured with -DLITBOOK_RUNNER=OFF and has neither);
6. with --gate: removes one translation of the last language and checks
   that the build fails naming that catalogue, and leaves no HTML behind.
Prints 'new-book: N passed, M failed'.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

SAMPLE = {"ja": "平方", "ko": "제곱", "en": "Squares"}


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--litbook", required=True)
    ap.add_argument("--langs", required=True)
    ap.add_argument("--pdf", action="store_true")
    ap.add_argument("--gate", action="store_true")
    ap.add_argument("--no-runner", action="store_true")
    a = ap.parse_args()
    langs = a.langs.split(",")
    passed, failed = 0, []

    def check(name, ok, detail=""):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failed.append(f"{name}{': ' + detail[-3000:] if detail else ''}")

    with tempfile.TemporaryDirectory(prefix="litbook-new-") as tmp:
        prefix = os.path.join(tmp, "prefix")
        p = run(["cmake", "-S", a.litbook, "-B", os.path.join(tmp, "lb")])
        p2 = run(["cmake", "--install", os.path.join(tmp, "lb"), "--prefix",
                  prefix]) if p.returncode == 0 else p
        check("litbook installs", p2.returncode == 0, p2.stdout)
        book = os.path.join(tmp, "my book")  # a space, as readers' paths have
        p = run([os.path.join(prefix, "bin", "litbook"), "new", book,
                 "--title", "Squares, tested", "--langs", a.langs])
        check("litbook new", p.returncode == 0, p.stdout)
        build = os.path.join(book, "build")
        env = dict(os.environ, CMAKE_PREFIX_PATH=prefix)
        p = run(["cmake", "-S", book, "-B", build]
                + (["-DLITBOOK_RUNNER=OFF"] if a.no_runner else []), env=env)
        check("the book configures", p.returncode == 0, p.stdout)
        targets = ["all", "html"] + (["pdf"] if a.pdf else [])
        p = run(["cmake", "--build", build, "-j2", "--target", *targets],
                env=env)
        check("the book builds", p.returncode == 0, p.stdout)
        p = run(["ctest", "--test-dir", build, "--output-on-failure"])
        check("its tests pass", p.returncode == 0, p.stdout)
        html = os.path.join(build, "book", "html")
        for lang in langs:
            page = os.path.join(html, lang, "chapters", "01-first.html")
            text = open(page, encoding="utf-8").read() \
                if os.path.exists(page) else ""
            check(f"[{lang}] the chapter page exists", bool(text), page)
            check(f"[{lang}] the page is in its language",
                  SAMPLE.get(lang, "Squares") in text)
            program = os.path.join(html, lang, "_static", "litbook-runner",
                                   "01-first.js")
            has_panel = 'class="litbook-runner"' in text
            if a.no_runner:
                check(f"[{lang}] no runner without one",
                      not has_panel and not os.path.exists(program))
            else:
                check(f"[{lang}] a Run panel and its program",
                      has_panel and os.path.exists(program), program)
            switch = re.findall(r'hreflang="([^"]+)"', text)
            if len(langs) > 1:
                # links to the others, and the page's own marked current
                current = f'aria-current="true" lang="{lang}"' in text
                check(f"[{lang}] the language switch lists every language",
                      current and sorted(set(switch) | {lang}) ==
                      sorted(langs), str(switch))
            else:
                check("one language: no language switch", not switch,
                      str(switch))
            if a.pdf:
                pdfs = glob.glob(os.path.join(build, "book", "pdf",
                                              f"*-{lang}.pdf"))
                check(f"[{lang}] a PDF", len(pdfs) == 1, str(pdfs))
                if pdfs:
                    fonts = run(["pdffonts", pdfs[0]]).stdout
                    words = run(["pdftotext", pdfs[0], "-"]).stdout
                    check(f"[{lang}] the PDF's text is in its language",
                          SAMPLE.get(lang, "Squares") in words)
                    lines = fonts.splitlines()[2:]
                    check(f"[{lang}] every PDF font is embedded",
                          lines and all(l.split()[-5] == "yes"
                                        for l in lines if len(l.split()) > 5),
                          fonts)
                    if lang == "ja":
                        check("[ja] the Japanese faces of Noto CJK",
                              "CJKjp" in fonts or "CJK JP" in fonts, fonts)
        if a.gate and len(langs) > 1:
            last = langs[-1]
            po = os.path.join(book, "docs", "locale", last, "LC_MESSAGES",
                              "chapters", "01-first.po")
            with open(po, encoding="utf-8") as f:
                text = f.read()
            # the first message of the page loses its translation
            broken = re.sub(r'(msgid "[^"]+"\nmsgstr )"[^"]+"',
                            r'\1""', text, count=1)
            with open(po, "w", encoding="utf-8") as f:
                f.write(broken)
            p = run(["cmake", "--build", build, "--target", "html"], env=env)
            check(f"[{last}] a removed translation fails the build naming "
                  "its catalogue", p.returncode != 0 and
                  "01-first.po" in p.stdout, p.stdout)
            check("... and leaves no HTML book behind",
                  not glob.glob(os.path.join(html, "*", "index.html")))
    for f in failed:
        print(f"FAILED: {f}")
    print(f"new-book ({a.langs}): {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
