"""litbook's own words and the per-language setup of a book.

The extension's words (the run-it box, the timing page, the language
switch) are English msgids translated by the catalogues shipped with
litbook (``litbook/locale/<lang>.po``, ko and ja today). Everything that
depends on a language comes from the table in ``scripts/langs.py``, which a
book extends with ``litbook_language_defaults`` in its conf.py.
"""
import functools
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
import langs  # noqa: E402

LOCALE = os.path.join(HERE, "..", "locale")


@functools.lru_cache(maxsize=None)
def catalogue(lang):
    path = os.path.join(LOCALE, f"{lang}.po")
    if not os.path.exists(path):
        return {}
    from babel.messages import pofile
    with open(path, "rb") as f:
        cat = pofile.read_po(f)
    return {m.id: m.string for m in cat
            if m.id and m.string and not m.fuzzy}


def words(lang, msgid, **fields):
    """litbook's own text in `lang` (English where it has no catalogue)."""
    text = catalogue(lang).get(msgid, msgid)
    return text.format(**fields) if fields else text


@functools.lru_cache(maxsize=None)
def _program_messages(path, stamp):
    from babel.messages import pofile
    with open(path, "rb") as f:
        cat = pofile.read_po(f)
    return {m.id: m.string for m in cat
            if m.id and m.string and not m.fuzzy and m.context is None}


def program_phrase(po_dir, lang, text):
    """A glued value in the reader's language. An example says a thing
    that depends on its values coinciding (all equal, none left) as a
    phrase of its own catalogue: ``ex.value("same", "{}", all_same ?
    litbook::msg("...") : litbook::msg("..."))``. values.json holds the
    source-language text, the same for every language; here it becomes
    the translation in ``<po_dir>/<lang>.po``. Any other value (a
    number, a name) is returned as it is."""
    path = os.path.join(po_dir, f"{lang}.po")
    if not any(c.isalpha() for c in text) or not os.path.exists(path):
        return text, None
    found = _program_messages(path, os.path.getmtime(path)).get(text)
    return (found, path) if found else (text, None)


def name(lang):
    return langs.name_of(lang)


def defaults(config, lang):
    return langs.defaults(lang, config.litbook_language_defaults)


def chapter_ref(config, lang):
    """How a reference to a chapter reads: the book's own form
    (litbook_chapter_ref) or the language's."""
    return (config.litbook_chapter_ref.get(lang)
            or defaults(config, lang)["chapter_ref"])


def particle_rule(config, lang):
    """The function that attaches a particle to a glued value, or None."""
    module = defaults(config, lang)["particles"]
    if not module:
        return None
    import importlib
    return importlib.import_module(module).attach


def setup_languages(app, config):
    """Per-language settings of the run (after the book's conf.py)."""
    book = list(config.litbook_languages)
    lang = config.language or book[0]
    d = defaults(config, lang)
    # docutils' LaTeX writer wants a Babel name for every language; the
    # PDF uses fontspec, not babel, so any name that silences it will do.
    from docutils.writers.latex2e import Babel
    for code in book:
        Babel.language_codes.setdefault(code, "english")
    # litbook's own search languages (Korean's) only where the book has
    # the language.
    for code in book:
        module = defaults(config, code)["search_module"]
        if module:
            app.setup_extension(module)
    # The language switch in furo's sidebar, unless the book lays out its
    # sidebar itself.
    if config.html_theme == "furo" and not config.html_sidebars:
        config.html_sidebars = {"**": [
            "sidebar/brand.html", "litbook-langswitch.html",
            "sidebar/search.html", "sidebar/scroll-start.html",
            "sidebar/navigation.html", "sidebar/scroll-end.html"]}
    # One catalogue per document, without churn from source locations:
    # the gate and the update-po target work per document.
    config.gettext_compact = False
    config.gettext_location = False
    config.gettext_uuid = False
    # LaTeX: XeLaTeX with the language's fonts, unless the book says more.
    # litbook builds every PDF with latexmk -xelatex (Sphinx's default for
    # Japanese would be upLaTeX).
    config.latex_engine = "xelatex"
    config.latex_use_xindy = False
    # Sphinx gives Japanese and Chinese (u)pLaTeX's classes; XeLaTeX takes
    # the standard ones for every language.
    if set(config.latex_docclass.values()) & {"ujbook", "ujreport",
                                               "jsbook", "jreport"}:
        config.latex_docclass = {"manual": "report", "howto": "article"}
    elements = dict(config.latex_elements)
    for key in ("babel", "polyglossia", "fncychap", "printindex"):
        elements.setdefault(key, "")
    if "fontpkg" not in elements and d["fonts"]:
        serif, sans, mono = d["fonts"]
        # ActualText: text copied from the PDF is what was typed (no
        # U+2011 for a hyphen in code).
        elements["fontpkg"] = (
            "\\XeTeXgenerateactualtext=1\n"
            f"\\setmainfont{{{serif}}}\n\\setsansfont{{{sans}}}\n"
            f"\\setmonofont{{{mono}}}[Scale=0.9]\n"
            + (f'\\XeTeXlinebreaklocale "{d["linebreak"]}"\n'
               "\\XeTeXlinebreakskip = 0pt plus 1pt\n"
               if d["linebreak"] else ""))
    # Whatever the fonts: text copied from the PDF is what was typed (no
    # U+2011 for a hyphen in code; check_pdf.py holds every book to it).
    if "XeTeXgenerateactualtext" not in elements.get("fontpkg", ""):
        elements["fontpkg"] = ("\\XeTeXgenerateactualtext=1\n"
                               + elements.get("fontpkg", ""))
    config.latex_elements = elements
