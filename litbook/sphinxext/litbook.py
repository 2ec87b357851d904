"""litbook: the Sphinx side of a literate C++ book.

Roles and directives that pull tested results into the prose:

``:val:`chapter:key```, ``:val:`chapter:key|particle```
    A value the chapter's example computed (``values.json``). An unknown
    chapter or key fails the build, naming the key and the document. After
    ``|``, a particle (written in either form: 은 or 는) that the role puts
    in the form agreeing with the value as read aloud (ko_particles.py):
    ``:val:`ch:slope|로``` gives "0.25로" but "10으로". A value that is a
    message of the chapter's program (a phrase the example chose, e.g.
    when its values coincide) is shown in the reader's language.
``:chapter:`label```, ``:chapter:`label|particle```
    A link to the chapter whose title carries ``label``, written as
    ``litbook_chapter_ref`` says for the reader's language ("2장 「ReLU의
    도함수」" / "Chapter 2"), then the particle that agrees with it.
``.. output:: chapter``
    The example's stdout in the reader's language, the very text the
    golden test compared with ``expected.<lang>.txt``.
``.. excerpt:: path marker``
    The lines of ``path`` (relative to the source root) between
    ``// [marker]`` and ``// [/marker]`` (``#`` for scripts). Other markers
    inside are dropped. A missing marker or a line wider than
    ``litbook_max_width`` fails the build.
``.. fig:: chapter/name``
    A figure rendered per language (SVG in HTML, PDF in LaTeX). The content
    is two paragraphs: the caption, then the alt text; both are translated.
    In HTML it follows the reader's light or dark theme and offers its data
    (a CSV and a table); see litbook_figures.py.
``.. container:: litbook-untranslated``
    Its text is not extracted for translation (the Doxygen API reference).
``.. timing-report::``
    How long each example took to compile, run and plot in this build.
``.. run-it:: chapter`` (option ``:figures: name...``)
    A box with the commands that build and run the chapter's example in the
    reader's language, and a link to download its source; with the runner,
    the table of the example's parameters and, in HTML, the Run panel (the
    example in WebAssembly, run in the page; litbook_runner.py), whose
    figures ``:figures:`` names are redrawn from every run.
``.. exercise:: --name value ...`` with ``.. answer::`` inside
    A numbered exercise answered by running the page's example with those
    options (checked against the parameters it declared); in HTML a button
    puts them into the Run panel and the answer is folded.

It also adds a language switch to every HTML page (linking the same page in
the other languages) and ships MathJax from Debian's package inside the
output (no CDN).

This module holds the setup and what concerns the whole book; each family
of roles and directives has its module: litbook_glue (``:val:``,
``:chapter:``, ``output``), litbook_excerpt, litbook_figures (``fig``),
litbook_runit and litbook_runner (``run-it`` and its Run panel),
litbook_timing, litbook_terms; litbook_listings translates listings,
litbook_i18n holds the per-language setup; litbook_compat holds each
workaround for a version of Sphinx, Breathe or furo, with that version.
"""
import json
import os
import shutil
import subprocess

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

import litbook_compat
import litbook_i18n
import litbook_listings
from litbook_common import LitbookError, build_dir, lang_of

logger = logging.getLogger(__name__)
HERE = os.path.dirname(os.path.abspath(__file__))
MATHJAX_SRC = "/usr/share/javascript/mathjax"
MATHJAX_KEEP = [
    "MathJax.js", "config/TeX-AMS_SVG.js", "extensions", "jax/input/TeX",
    "jax/element", "jax/output/SVG/jax.js", "jax/output/SVG/config.js",
    "jax/output/SVG/autoload", "jax/output/SVG/fonts/TeX",
]


class Untranslated(SphinxTransform):
    """Text inside ``.. container:: litbook-untranslated`` is not offered
    for translation: the API reference comes from Doxygen, which is run once
    per language, so its text is already in the reader's language."""
    default_priority = 10  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs):
        for box in self.document.findall(nodes.container):
            if "litbook-untranslated" in box["classes"]:
                # Not on inline nodes: Sphinx flattens inline nodes that
                # carry the attribute, which scrambles C++ signatures.
                for n in box.findall(nodes.TextElement):
                    if not isinstance(n, nodes.Inline):
                        n["translatable"] = False


def page_context(app, pagename, templatename, context, doctree):
    langs = app.config.litbook_languages
    me = lang_of(app.env)
    up = "../" * (pagename.count("/") + 1)
    context["litbook_langs"] = [
        {"code": l, "name": litbook_i18n.name(l), "current": l == me,
         "url": f"{up}{l}/{pagename}.html"} for l in langs]
    context["litbook_lang_label"] = litbook_i18n.words(me, "Language")


def config_inited(app, config):
    lang = config.language or config.litbook_languages[0]
    if config.litbook_only:
        # An author building a few chapters: leave the others' pages out.
        only = config.litbook_only
        if isinstance(only, str):
            only = [c for c in only.split(",") if c]
        chapdir = os.path.join(app.srcdir, "chapters")
        for f in sorted(os.listdir(chapdir)) if os.path.isdir(chapdir) else []:
            if f.endswith(".rst") and f[:-4] not in only:
                config.exclude_patterns.append(f"chapters/{f}")
    if config.litbook_titles:
        title = config.litbook_titles[lang]
        config.project = title
        config.html_title = title
        config.epub_title = title
        config.epub_basename = config.litbook_pdf_name
        # The NCX's uid must equal the OPF's identifier (epubcheck NCX-001).
        uid = f"{config.litbook_pdf_name}{lang}".replace("-", "")
        config.epub_identifier = uid
        config.epub_scheme = "unknown"
        config.epub_uid = uid
        author = config.litbook_authors.get(lang, config.author)
        config.epub_author = author
        config.latex_documents = [
            (config.root_doc, f"{config.litbook_pdf_name}.tex", title,
             author, "manual")]
    config.latex_elements = dict(config.latex_elements)
    own = config.litbook_latex_preamble.get(lang, "")
    config.latex_elements["preamble"] = (
        config.latex_elements.get("preamble", "") + own
        + chapter_heading(litbook_i18n.defaults(config, lang)["chapter"], own)
        + LATEX_PREAMBLE)
    # HTML uses MathJax (shipped inside the book); imgmath is loaded only for
    # EPUB, whose build passes -D html_math_renderer=imgmath.
    if not config.html_math_renderer:
        config.html_math_renderer = "mathjax"
    config.imgmath_image_format = "svg"
    litbook_i18n.setup_languages(app, config)
    # Relative to the configuration's folder (Sphinx reads them so): these
    # values go into the HTML build's .buildinfo hash, which is then the
    # same wherever the checkout is.
    for paths, folder in ((config.templates_path, "litbook_templates"),
                          (config.html_static_path, "litbook_static")):
        paths.append(os.path.relpath(os.path.join(HERE, folder), app.confdir))
    proj = config.litbook_doxygen_project
    if proj:
        config.breathe_projects = {
            proj: os.path.join(config.litbook_build_dir, "doxygen", lang,
                               "xml")}
        config.breathe_default_project = proj
    if os.path.isdir(config.litbook_mathjax_dir):
        # Copied into _static/mathjax when the HTML is finished (not through
        # html_static_path: a path of the build tree in the configuration
        # would make .buildinfo differ between two build directories).
        config.mathjax_path = "mathjax/MathJax.js?config=TeX-AMS_SVG"


# Added to every book's LaTeX preamble: a chapter's running head names it
# the way its first page does (\litbookchaptername, which a book may define
# per language), and a chapter without a number (the preface) shows none;
# \needspace keeps short listings on one page (latex_listings).
LATEX_PREAMBLE = r"""
\usepackage{needspace}
\providecommand{\litbookchaptername}[1]{\chaptername\ #1}
\makeatletter
\renewcommand{\chaptermark}[1]{\markboth{%
  \ifnum\c@secnumdepth>\m@ne\litbookchaptername{\thechapter}\quad\fi
  #1}{}}
\makeatother
"""
# The chapter's name in a language whose table gives one ("第{n}章"), on
# the chapter's first page as in its running heads, unless the book names
# its chapters itself (its preamble defines \litbookchaptername).
CHAPTER_HEADING = r"""
\newcommand{\litbookchaptername}[1]{%s}
\usepackage{titlesec}
\titleformat{\chapter}[display]{\normalfont\bfseries\Huge}
  {\LARGE\litbookchaptername{\thechapter}}{12pt}{}
"""


def chapter_heading(form, book_preamble):
    if not form or "\\litbookchaptername" in book_preamble:
        return ""
    return CHAPTER_HEADING % form.replace("{n}", "#1")


# A listing of at most this many lines is never split across two pages.
# Off (0) for now: with \needspace, chapter 4's 24-line listing ran off
# the bottom of its page and lost its last lines (check_pdf.py found them
# missing from the PDF's text); a listing now breaks with "(continued)".
KEEP_TOGETHER_LINES = 0


def latex_listings(app, doctree, docname):
    """In LaTeX, a listing or output shorter than ``KEEP_TOGETHER_LINES``
    starts on a new page when the rest of the page cannot hold it, instead
    of breaking with "(continued on next page)". Every listing's text is
    also kept for ``litbook-listings.json`` (see ``write_listings``)."""
    if app.builder.format != "latex":
        return
    listings = app.__dict__.setdefault("litbook_listings", [])
    for block in list(doctree.findall(nodes.literal_block)):
        text = block.astext()
        listings.append({"source": f"{block.source}:{block.line}",
                         "text": text})
        lines = text.count("\n") + 1
        if lines > KEEP_TOGETHER_LINES:
            continue
        target = block
        if isinstance(block.parent, nodes.container) and \
                block.parent.get("literal_block"):
            target = block.parent  # with its caption
        # The lines of the block, its frame and caption, in body lines.
        need = nodes.raw("", f"\\needspace{{{lines + 3}\\baselineskip}}\n",
                         format="latex")
        target.parent.insert(target.parent.index(target), need)


def write_listings(app, exc):
    """The text of every listing of the LaTeX book, for check_pdf.py to
    find in the PDF's text as a reader would copy it."""
    if exc or app.builder.format != "latex":
        return
    path = os.path.join(app.outdir, "litbook-listings.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(getattr(app, "litbook_listings", []), f,
                  ensure_ascii=False, indent=0)


def html_only_docs(app):
    """Documents of ``litbook_html_only`` are left out of the PDF and the
    EPUB: excluded for those builders, and so dropped from the toctree
    (whose warning about an excluded document is then expected)."""
    docs = app.config.litbook_html_only
    if not docs or not (app.builder.format == "latex"
                        or app.builder.name.startswith("epub")):
        return
    app.config.exclude_patterns.extend(f"{d}.rst" for d in docs)
    app.config.suppress_warnings.append("toc.excluded")


def drop_generated_pages(app, doctree):
    """In print and in the EPUB, a toctree's entry for a page Sphinx
    generates in HTML (``genindex``, ``search``) is dropped: the PDF prints
    its own index (``\\printindex``), and LaTeX would warn of a missing
    document; the EPUB builder puts its index into the spine itself, and the
    entry would list it twice (epubcheck RSC-005)."""
    if app.builder.format != "latex" and app.builder.name != "epub":
        return
    from sphinx import addnodes
    generated = ("genindex", "modindex", "search")
    for toc in doctree.findall(addnodes.toctree):
        toc["entries"] = [(t, d) for t, d in toc["entries"]
                          if d not in generated]
        toc["includefiles"] = [d for d in toc["includefiles"]
                               if d not in generated]


def copy_mathjax(static, mathjax_dir, langs):
    """A pruned copy of Debian's MathJax 2 (SVG output: no web fonts)."""
    root = os.path.join(static, "mathjax")
    if os.path.exists(os.path.join(root, "MathJax.js")):
        return
    tmp = root + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for rel in MATHJAX_KEEP + [f"localization/{l}" for l in langs]:
        src = os.path.join(mathjax_dir, rel)
        out = os.path.join(tmp, rel)
        if os.path.isdir(src):
            shutil.copytree(src, out)
        elif os.path.exists(src):
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copyfile(src, out)
    os.replace(tmp, root)


def latex_fonts(app):
    """The fonts of ``litbook_latex_fonts``, loaded so that the PDF names
    the face it uses (latex_fonts.py), before the book's ``fontpkg``."""
    fonts = app.config.litbook_latex_fonts
    if app.builder.format != "latex" or not fonts:
        return
    import latex_fonts as lf
    fontdir = os.path.join(build_dir(app.env), "fonts")
    try:
        cmds = lf.fontspec_preamble(fonts, fontdir)
    except (lf.FontError, OSError, subprocess.CalledProcessError) as e:
        raise LitbookError(f"litbook_latex_fonts: {e}")
    app.builder.context["fontpkg"] = cmds + app.builder.context.get(
        "fontpkg", "")


def builder_inited(app):
    html_only_docs(app)
    latex_fonts(app)
    if app.builder.format == "html" and app.config.html_theme == "furo":
        # Debian's furo.js imports Gumshoe as an ES module but is loaded as a
        # classic script; load the (UMD) Gumshoe first and strip the import.
        app.add_js_file("scripts/gumshoe-patched.js", priority=199)


def build_finished(app, exc):
    # Not for EPUB: its builder has packed the book already, and would pack
    # what is added here the next time (the code archive, of a type EPUB
    # has no media type for, failed the second `make epub`).
    if exc or app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    static = os.path.join(app.outdir, "_static")
    if os.path.isdir(app.config.litbook_mathjax_dir):
        copy_mathjax(static, app.config.litbook_mathjax_dir,
                     app.config.litbook_languages)
    archive = litbook_listings.archive_file(app.config, lang_of(app.env))
    if archive:
        # The code archive of the reader's language, beside the book.
        dst = os.path.join(app.outdir, "_downloads",
                           os.path.basename(archive))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(archive, dst)
    litbook_compat.furo_build_finished(app, static)


def setup(app):
    # EPUB renders math as images (no scripts in the book).
    app.setup_extension("sphinx.ext.imgmath")
    app.add_config_value("litbook_build_dir", "", "env")
    app.add_config_value("litbook_source_root", "", "env")
    app.add_config_value("litbook_languages", [], "env")
    app.add_config_value("litbook_language_defaults", {}, "env")
    app.add_config_value("litbook_mathjax_dir", MATHJAX_SRC, "env")
    app.add_config_value("litbook_normalize_css", "/usr/share/javascript/"
                         "normalize.css/normalize.css", "env")
    app.add_config_value("litbook_archive", "", "env")
    app.add_config_value("litbook_run_commands", [
        "cmake --build build --target example-{chapter}",
        "./build/book/examples/{chapter} --lang {lang}"], "env")
    app.add_config_value("litbook_max_width", 78, "env")
    app.add_config_value("litbook_doxygen_project", "", "env")
    app.add_config_value("litbook_titles", {}, "env")
    app.add_config_value("litbook_only", [], "env")
    app.add_config_value("litbook_pdf_name", "book", "env")
    app.add_config_value("litbook_latex_preamble", {}, "env")
    app.add_config_value("litbook_chapter_ref", {}, "env")
    app.add_config_value("litbook_authors", {}, "env")
    app.add_config_value("litbook_html_only", [], "env")
    app.add_config_value("litbook_latex_fonts", [], "env")
    # One module per directive family; the workarounds in litbook_compat.
    app.setup_extension("litbook_glue")  # :val:, :chapter:, .. output::
    app.setup_extension("litbook_excerpt")  # .. excerpt::
    app.setup_extension("litbook_figures")  # .. fig::
    app.setup_extension("litbook_runit")  # .. run-it::
    app.setup_extension("litbook_runner")  # the Run panel of run-it
    app.setup_extension("litbook_timing")  # .. timing-report::
    app.setup_extension("litbook_terms")  # the terms and the glossary
    app.setup_extension("litbook_exercise")  # .. exercise::, .. answer::
    app.setup_extension("litbook_compat")
    app.add_transform(Untranslated)
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", builder_inited)
    app.connect("html-page-context", page_context)
    app.connect("doctree-resolved", latex_listings)
    app.connect("doctree-read", drop_generated_pages)
    app.connect("build-finished", write_listings)
    app.connect("build-finished", build_finished)
    litbook_listings.setup(app)
    # env_version: the environment pickles litbook's node classes by their
    # module; a change of module must discard an old environment.
    return {"version": "0.1", "parallel_read_safe": True,
            "parallel_write_safe": True, "env_version": 3}
