#!/usr/bin/env python3
"""The languages a litbook book may have, and their per-language defaults.

A language is named by its code as Sphinx spells it (``ko``, ``en``,
``ja``, ``zh_CN``, ``pt_BR`` ...): any language Sphinx ships a catalogue
for. This is the only file of litbook that names particular languages,
in the DEFAULTS table below; a book extends or overrides it with
``litbook_language_defaults`` in its conf.py (same keys).

  langs.py check CODE...       exit 2, listing the known codes, on an
                               unknown one
  langs.py get CODE KEY        print one default (e.g. doxygen)
"""
import glob
import os
import sys

# Per-language defaults. Keys:
#   doxygen   Doxygen's OUTPUT_LANGUAGE
#   search    Sphinx's search language (None: Sphinx has none; "ko" is
#             litbook's own, search_ko)
#   fonts     (serif, sans, mono) for XeLaTeX; None: LaTeX's defaults
#   linebreak XeTeX's line-break locale for scripts written without spaces
#             between words (Japanese, Chinese); None: lines break at spaces
#             (Korean too: its locale would break between any two syllables)
#   chapter   the LaTeX chapter heading: a format with {n} for the number
#   contents  the LaTeX name of the table of contents (None: babel's)
#   chapter_ref  how a reference to a chapter reads ({number}, {title})
#   search_module  the module of the extension that registers litbook's
#             own search language for it (search_ko for Korean)
#   particles the module of the extension that attaches the particle that
#             agrees with a glued value (:val:`ch:key|particle`)
CJK = "Noto {} CJK {}"
DEFAULTS = {
    "en": {"doxygen": "English", "chapter_ref": "Chapter {number}"},
    "ko": {"doxygen": "Korean", "search": "ko",
           "fonts": (CJK.format("Serif", "KR"), CJK.format("Sans", "KR"),
                     "Noto Sans Mono CJK KR"),
           "linebreak": None, "chapter": "제{n}장", "contents": "차례",
           "chapter_ref": "{number}장 「{title}」",
           "particles": "ko_particles", "search_module": "search_ko"},
    "ja": {"doxygen": "Japanese", "search": "ja",
           "fonts": (CJK.format("Serif", "JP"), CJK.format("Sans", "JP"),
                     "Noto Sans Mono CJK JP"),
           "linebreak": "ja", "chapter": "第{n}章", "contents": "目次",
           "chapter_ref": "第{number}章「{title}」"},
    "zh_CN": {"doxygen": "Chinese", "search": "zh",
              "fonts": (CJK.format("Serif", "SC"), CJK.format("Sans", "SC"),
                        "Noto Sans Mono CJK SC"),
              "linebreak": "zh", "chapter": "第{n}章", "contents": "目录",
              "chapter_ref": "第{number}章「{title}」"},
    "zh_TW": {"doxygen": "Chinese-Traditional", "search": "zh",
              "fonts": (CJK.format("Serif", "TC"), CJK.format("Sans", "TC"),
                        "Noto Sans Mono CJK TC"),
              "linebreak": "zh", "chapter": "第{n}章", "contents": "目錄",
              "chapter_ref": "第{number}章「{title}」"},
    "de": {"doxygen": "German", "search": "de",
           "chapter_ref": "Kapitel {number}"},
    "fr": {"doxygen": "French", "search": "fr",
           "chapter_ref": "chapitre {number}"},
    "es": {"doxygen": "Spanish", "search": "es",
           "chapter_ref": "capítulo {number}"},
    "it": {"doxygen": "Italian", "search": "it"},
    "pt_BR": {"doxygen": "Brazilian", "search": "pt"},
    "ru": {"doxygen": "Russian", "search": "ru"},
}
# Languages without fonts of their own use Noto CJK's Latin faces (Source
# Serif and Sans): packaged with the CJK fonts every book installs.
LATIN = ("Noto Serif CJK KR", "Noto Sans CJK KR", "Noto Sans Mono CJK KR")
BASE = {"doxygen": "English", "search": None, "fonts": LATIN,
        "linebreak": None, "chapter": None, "contents": None,
        "chapter_ref": "{title}", "particles": None, "search_module": None}


def sphinx_locale_dirs():
    dirs = ["/usr/share/locale"]
    try:
        import sphinx.locale
        dirs.insert(0, os.path.dirname(sphinx.locale.__file__))
    except ImportError:
        pass
    return dirs


def known():
    """The codes of the languages Sphinx ships, 'en' included."""
    codes = {"en"}
    for d in sphinx_locale_dirs():
        for mo in glob.glob(os.path.join(d, "*", "LC_MESSAGES",
                                         "sphinx.[mp]o")):
            codes.add(mo.split(os.sep)[-3])
    return sorted(codes)


def unknown(codes):
    k = set(known())
    return [c for c in codes if c not in k]


def defaults(code, extra=None):
    """The defaults of one language, with a book's own table on top."""
    d = dict(BASE)
    d.update(DEFAULTS.get(code, {}))
    if extra and code in extra:
        d.update(extra[code])
    if d["search"] is None:
        # Sphinx's own search for the language, when it has one.
        try:
            from sphinx.search import languages
            base = code.split("_")[0]
            d["search"] = base if base in languages else None
        except ImportError:
            pass
    return d


def name_of(code):
    """The language's name in itself: 한국어, English, 日本語."""
    try:
        from babel import Locale
        name = Locale.parse(code).get_display_name(code)
        return name[:1].upper() + name[1:]
    except Exception:
        return code


def main(argv):
    if len(argv) >= 2 and argv[0] == "check":
        bad = unknown(argv[1:])
        if bad:
            print(f"error: unknown language code(s) {', '.join(bad)}; "
                  f"known (as Sphinx spells them): {' '.join(known())}",
                  file=sys.stderr)
            return 2
        return 0
    if len(argv) == 3 and argv[0] == "get":
        value = defaults(argv[1]).get(argv[2])
        print("" if value is None else value)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
