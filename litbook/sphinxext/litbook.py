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

It also adds a language switch to every HTML page (linking the same page in
the other languages), ships MathJax from Debian's package inside the output
(no CDN), and repairs two packaging defects of Debian's furo theme.
"""
import json
import os
import re
import shutil
import subprocess

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import litbook_i18n
import litbook_listings
import litbook_runner

logger = logging.getLogger(__name__)
HERE = os.path.dirname(os.path.abspath(__file__))
MARKER = re.compile(r"^\s*(?://|#)\s*\[(/?)([A-Za-z0-9_-]+)\]\s*$")
# Languages whose particles change with the word before them.
# How a chapter reference reads (litbook_chapter_ref), per language.
MATHJAX_SRC = "/usr/share/javascript/mathjax"
MATHJAX_KEEP = [
    "MathJax.js", "config/TeX-AMS_SVG.js", "extensions", "jax/input/TeX",
    "jax/element", "jax/output/SVG/jax.js", "jax/output/SVG/config.js",
    "jax/output/SVG/autoload", "jax/output/SVG/fonts/TeX",
]


class LitbookError(Exception):
    pass


def build_dir(env):
    d = env.config.litbook_build_dir
    if not d:
        raise LitbookError("litbook_build_dir is not set (pass "
                           "-D litbook_build_dir=...)")
    return d


def lang_of(env):
    return env.config.language or env.config.litbook_languages[0]


def chapter_file(env, chapter, name):
    path = os.path.join(build_dir(env), "out", chapter, name)
    if not os.path.exists(path):
        raise LitbookError(
            f"no {name} for chapter '{chapter}' ({path}); is the chapter "
            "registered and did its example run and pass its check?")
    env.note_dependency(path)
    return path


def load_values(env, chapter):
    cache = env.litbook_values if hasattr(env, "litbook_values") else {}
    env.litbook_values = cache
    path = chapter_file(env, chapter, "values.json")
    stamp = os.path.getmtime(path)
    if chapter not in cache or cache[chapter][0] != stamp:
        with open(path, encoding="utf-8") as f:
            cache[chapter] = (stamp, json.load(f))
    return cache[chapter][1]


def particle_after(env, text, particle):
    """``particle`` (written in either of its forms) in the form that agrees
    with ``text`` as read in the reader's language. A language without a
    rule in ``PARTICLE_RULES`` keeps it as written: Sphinx parses the source
    paragraph before it puts the translation in its place, and the
    translation gate fails on a paragraph left untranslated."""
    rule = litbook_i18n.particle_rule(env.config, lang_of(env))
    if rule is None:
        return particle
    try:
        return rule(text, particle)
    except ValueError as e:
        raise LitbookError(str(e))


def val_role(name, rawtext, text, lineno, inliner, options={}, content=[]):
    """``:val:`chapter:key``` or ``:val:`chapter:key|particle```: the value,
    then the particle in the form that agrees with how the value is read
    (``:val:`ch:slope|로``` gives "0.25로" and "10으로")."""
    env = inliner.document.settings.env
    ref, bar, particle = text.partition("|")
    chapter, sep, key = ref.partition(":")
    try:
        if not sep:
            raise LitbookError(f"glue key '{text}' must be 'chapter:key' or "
                               "'chapter:key|particle'")
        values = load_values(env, chapter)
        if key not in values:
            raise LitbookError(f"unknown glue key '{key}' of chapter "
                               f"'{chapter}' (known: "
                               f"{', '.join(sorted(values)) or 'none'})")
        if bar and not particle:
            raise LitbookError(f"glue key '{text}': no particle after '|'")
        shown = values[key]
        if lang_of(env) != env.config.litbook_languages[0]:
            shown, po = litbook_i18n.program_phrase(
                os.path.join(env.config.litbook_source_root, "chapters",
                             chapter, "locale"), lang_of(env), shown)
            if po:
                env.note_dependency(po)
        after = particle_after(env, shown, particle) if bar else ""
    except LitbookError as e:
        msg = inliner.reporter.error(f"{env.docname}: {e}", line=lineno)
        prb = inliner.problematic(rawtext, rawtext, msg)
        return [prb], [msg]
    node = nodes.inline(rawtext, shown, classes=["litbook-val"])
    return ([node, nodes.Text(after)] if after else [node]), []


class chapter_ref(nodes.Inline, nodes.Element):
    """A reference to a chapter, written once its number is known."""


def chapter_role(name, rawtext, text, lineno, inliner, options={},
                 content=[]):
    """``:chapter:`label``` or ``:chapter:`label|particle```: "2장 「ReLU의
    도함수」" / "Chapter 2" (``litbook_chapter_ref``), a link to the chapter
    whose title carries ``label``, then the particle that agrees."""
    label, bar, particle = text.partition("|")
    node = chapter_ref(rawtext, label=label.strip().lower(),
                       particle=particle if bar else None)
    node.source, node.line = inliner.reporter.get_source_and_line(lineno)
    return [node], []


class ChapterRefs(SphinxPostTransform):
    """Writes every ``chapter_ref``: the chapter's number and title in the
    reader's language, as a cross-reference that Sphinx then resolves (so
    it links in HTML, EPUB and PDF alike)."""
    default_priority = 5  # before sphinx's ReferencesResolver (10)

    def run(self, **kwargs):
        env = self.env
        fmt = litbook_i18n.chapter_ref(self.config, lang_of(env))
        labels = env.get_domain("std").labels
        for node in list(self.document.findall(chapter_ref)):
            label = node["label"]
            try:
                if fmt is None:
                    raise LitbookError(
                        f"litbook_chapter_ref has no format for language "
                        f"'{lang_of(env)}'")
                if label not in labels:
                    raise LitbookError(f"unknown chapter label '{label}'")
                docname, _, _ = labels[label]
                number = env.toc_secnumbers.get(docname, {}).get("")
                if not number:
                    raise LitbookError(f"label '{label}' is not the title of "
                                       "a numbered chapter")
                title = env.titles[docname].astext()
                text = fmt.format(number=".".join(map(str, number)),
                                  title=title)
                after = (particle_after(env, text, node["particle"])
                         if node["particle"] is not None else "")
            except LitbookError as e:
                logger.error(f"{node.source}: {e}", location=node)
                node.replace_self(nodes.Text(node.rawsource))
                continue
            xref = addnodes.pending_xref(
                "", nodes.inline(text, text), refdomain="std",
                reftype="ref", reftarget=label, refexplicit=True,
                refwarn=True, refdoc=node.get("refdoc", env.docname))
            xref.source, xref.line = node.source, node.line
            node.replace_self([xref, nodes.Text(after)] if after else [xref])


class OutputDirective(SphinxDirective):
    """The example's tested stdout in the reader's language."""
    required_arguments = 1
    option_spec = {"caption": directives.unchanged}

    def run(self):
        chapter = self.arguments[0]
        try:
            path = chapter_file(self.env, chapter,
                                f"stdout.{lang_of(self.env)}.txt")
        except LitbookError as e:
            raise self.error(f"{self.env.docname}: {e}")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        block = nodes.literal_block(text, text, classes=["litbook-output"])
        block["language"] = "text"
        self.set_source_info(block)
        return [block]


def read_excerpt(path, marker, max_width, lines=None):
    if lines is None:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    start = end = None
    for i, line in enumerate(lines):
        m = MARKER.match(line)
        if m and m.group(2) == marker:
            if m.group(1) == "" and start is None:
                start = i
            elif m.group(1) == "/" and start is not None:
                end = i
                break
    if start is None:
        raise LitbookError(f"{path}: no marker '[{marker}]'")
    if end is None:
        raise LitbookError(f"{path}: marker '[{marker}]' is not closed "
                           f"by '[/{marker}]'")
    body = [(n + 1, l) for n, l in enumerate(lines[start + 1:end],
                                              start=start + 1)
            if not MARKER.match(l)]
    for n, l in body:
        if len(l) > max_width:
            raise LitbookError(f"{path}:{n}: line is {len(l)} columns, "
                               f"wider than a printed page ({max_width})")
    indent = min((len(l) - len(l.lstrip()) for _, l in body if l.strip()),
                 default=0)
    return "\n".join(l[indent:] for _, l in body), body[0][0] if body else 0


class ExcerptDirective(SphinxDirective):
    """Lines between named markers of a source file of the book."""
    required_arguments = 2
    option_spec = {"caption": directives.unchanged,
                   "language": directives.unchanged,
                   "linenos": directives.flag}

    def run(self):
        rel, marker = self.arguments
        root = self.config.litbook_source_root
        path = os.path.join(root, rel)
        if not os.path.exists(path):
            raise self.error(f"{self.env.docname}: excerpt source {rel} "
                             "does not exist")
        self.env.note_dependency(path)
        try:
            lines = litbook_listings.source_lines(
                path, lang_of(self.env), self.config.litbook_languages[0],
                keep_markers=True)
            text, first = read_excerpt(path, marker,
                                       self.config.litbook_max_width, lines)
            litbook_listings.note_excerpt(self.env, path, marker)
        except (LitbookError, litbook_listings.ListingError) as e:
            raise self.error(f"{self.env.docname}: {e}")
        block = nodes.literal_block(text, text, classes=["litbook-excerpt"])
        block["language"] = self.options.get("language", "cpp")
        if "linenos" in self.options:
            block["linenos"] = True
            block["highlight_args"] = {"linenostart": first}
        self.set_source_info(block)
        caption = self.options.get("caption")
        if caption:
            from sphinx.directives.code import container_wrapper
            block = container_wrapper(self, block, caption)
        return [block]


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


class RunItDirective(SphinxDirective):
    """How to build and run a chapter's example yourself; with the runner,
    its parameters and (HTML) the Run panel, with the live figures that
    ``:figures:`` names (litbook_runner.py)."""
    required_arguments = 1
    option_spec = {"figures": directives.unchanged}

    def run(self):
        chapter = self.arguments[0]
        lang = lang_of(self.env)
        rel = f"chapters/{chapter}/main.cpp"
        src = os.path.join(self.config.litbook_source_root, rel)
        if not os.path.exists(src):
            raise self.error(f"{self.env.docname}: no example {rel}")
        words = litbook_i18n.words
        title = words(lang, "Run it yourself")
        intro = words(lang, "Build and run this chapter's example with:")
        dl = words(lang, "Download the example's source")
        cmd = "\n".join(c.format(chapter=chapter, lang=lang)
                        for c in self.config.litbook_run_commands)
        box = nodes.admonition(classes=["litbook-run-it", "tip"])
        box += nodes.title(title, title)
        box += nodes.paragraph(intro, intro)
        code = nodes.literal_block(cmd, cmd)
        code["language"] = "console"
        box += code
        para = nodes.paragraph()
        try:
            reader = litbook_listings.source_lines(
                src, lang, self.config.litbook_languages[0],
                keep_markers=False)
        except litbook_listings.ListingError as e:
            raise self.error(f"{self.env.docname}: {e}")
        litbook_listings.note_download(self.env, chapter, "main.cpp",
                                       "\n".join(reader) + "\n")
        name = nodes.literal(f"{chapter}/main.cpp", f"{chapter}/main.cpp")
        if self.env.app.builder.name in ("html", "dirhtml"):
            up = "../" * self.env.docname.count("/")
            link = nodes.reference(
                "", "", internal=False,
                refuri=up + litbook_listings.download_uri(chapter,
                                                          "main.cpp"))
            link += name
        else:
            link = name
        para += nodes.Text(dl + ": ")
        para += link
        archive = litbook_listings.archive_file(self.config, lang)
        if archive and self.env.app.builder.name in ("html", "dirhtml"):
            self.env.note_dependency(archive)
            every = words(lang, "Every example of the book, with what "
                                "builds them")
            name = os.path.basename(archive)
            up = "../" * self.env.docname.count("/")
            box += para
            para = nodes.paragraph()
            ref = nodes.reference("", "", internal=False,
                                  refuri=f"{up}_downloads/{name}")
            ref += nodes.literal(name, name)
            para += nodes.Text(every + ": ")
            para += ref
        box += para
        box += litbook_runner.nodes_for(
            self, chapter, lang, os.path.dirname(src),
            self.options.get("figures", "").split())
        for n in box.findall(nodes.Element):
            n["translatable"] = False
        self.env.note_dependency(src)
        return [box]


class TimingReportDirective(SphinxDirective):
    """A table of how long each example took to compile, run and plot in
    this build (like sphinx-gallery's report). Timings are not deterministic:
    mark the page ``:nosearch:`` so the search index stays reproducible."""

    HEAD = ["Chapter", "Compile (s)", "Run (s)", "Plot (s)", "Total (s)"]

    def run(self):
        root = os.path.join(build_dir(self.env), "timing")
        lang = lang_of(self.env)
        rows = []
        for chapter in sorted(os.listdir(root)) if os.path.isdir(root) else []:
            secs = {}
            d = os.path.join(root, chapter)
            for f in sorted(os.listdir(d)):
                if f.endswith(".json"):
                    self.env.note_dependency(os.path.join(d, f))
                    with open(os.path.join(d, f)) as fh:
                        secs[f[:-5]] = json.load(fh)["seconds"]
            comp = secs.get("compile", 0.0)
            run = sum(v for k, v in secs.items() if k.startswith("run_"))
            plot = sum(v for k, v in secs.items() if k.startswith("plot_"))
            rows.append([chapter] + [f"{v:.2f}" for v in
                                     (comp, run, plot, comp + run + plot)])
        if not rows:
            raise self.error(f"{self.env.docname}: no timing records in "
                             f"{root} (were the chapters built?)")
        head = [litbook_i18n.words(lang, h) for h in self.HEAD]
        table = nodes.table(classes=["litbook-timing"])
        group = nodes.tgroup(cols=len(head))
        table += group
        for _ in head:
            group += nodes.colspec(colwidth=1)
        thead = nodes.thead()
        group += thead
        tbody = nodes.tbody()
        group += tbody

        def row(cells, parent):
            r = nodes.row()
            for c in cells:
                entry = nodes.entry()
                entry += nodes.paragraph(c, c)
                r += entry
            parent += r

        row(head, thead)
        for r in rows:
            row(r, tbody)
        return [table]


def unique_ids(app, doctree, docname):
    """Breathe gives every section title of a class or namespace the same
    id ("breathe-section-title-functions"); a page must not repeat an id
    (XHTML in EPUB rejects it, and so does accessibility checking)."""
    seen = set()
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids")
        if not ids:
            continue
        fixed = []
        for i in ids:
            new, n = i, 1
            while new in seen:
                n += 1
                new = f"{i}-{n}"
            seen.add(new)
            fixed.append(new)
        node["ids"] = fixed


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
    config.latex_elements["preamble"] = (
        config.latex_elements.get("preamble", "")
        + config.litbook_latex_preamble.get(lang, "") + LATEX_PREAMBLE)
    # HTML uses MathJax (shipped inside the book); imgmath is loaded only for
    # EPUB, whose build passes -D html_math_renderer=imgmath.
    if not config.html_math_renderer:
        config.html_math_renderer = "mathjax"
    config.imgmath_image_format = "svg"
    # Sphinx 5.3's imgmath writes image paths relative to the output root,
    # wrong for documents in subfolders: embed the images instead.
    config.imgmath_embed = True
    litbook_i18n.setup_languages(app, config)
    config.templates_path.append(os.path.join(HERE, "litbook_templates"))
    config.html_static_path.append(os.path.join(HERE, "litbook_static"))
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
    if exc or app.builder.format != "html":
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
    js = os.path.join(static, "scripts", "furo.js")
    if os.path.exists(js):
        with open(js, encoding="utf-8") as f:
            text = f.read()
        fixed = re.sub(r'^import Gumshoe from "[^"]*";\n', "", text, flags=re.M)
        if fixed != text:
            with open(js, "w", encoding="utf-8") as f:
                f.write(fixed)
    css = os.path.join(static, "styles", "furo.css")
    normalize = app.config.litbook_normalize_css
    if os.path.exists(css):
        with open(css, encoding="utf-8") as f:
            text = f.read()
        fixed = text.replace("@import url(/javascript/normalize.css/"
                             "normalize.css);", "@import url(normalize.css);")
        if fixed != text:
            shutil.copyfile(normalize,
                            os.path.join(static, "styles", "normalize.css"))
            with open(css, "w", encoding="utf-8") as f:
                f.write(fixed)


def forget_vanished_doxygen_files(app, env, added, changed, removed):
    """Pages that used a Doxygen XML file that is gone are rebuilt.

    Breathe remembers the modification time of every XML file a page read
    and crashes ("Cannot find file") when one has vanished, as happens in
    an incremental build after a symbol left the API. This runs before
    Breathe's own check (priority 400 < 500): it drops the vanished files
    from Breathe's record and returns their pages as outdated.
    """
    state = getattr(env, "breathe_file_state", None)
    if not state:
        return []
    stale = set()
    for filename in [f for f in state if not os.path.exists(f)]:
        stale.update(state.pop(filename)[1])
    return sorted(stale - set(removed))


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
    app.setup_extension("litbook_figures")  # .. fig:: (litbook_figures.py)
    app.setup_extension("litbook_runner")  # the Run panel (litbook_runner.py)
    app.setup_extension("litbook_terms")  # the terms (litbook_terms.py)
    app.add_role("val", val_role)
    app.add_role("chapter", chapter_role)
    app.add_node(chapter_ref)
    app.add_post_transform(ChapterRefs)
    app.add_directive("output", OutputDirective)
    app.add_directive("excerpt", ExcerptDirective)
    app.add_directive("run-it", RunItDirective)
    app.add_directive("timing-report", TimingReportDirective)
    app.add_transform(Untranslated)
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", forget_vanished_doxygen_files,
                priority=400)
    app.connect("html-page-context", page_context)
    app.connect("doctree-resolved", unique_ids)
    app.connect("doctree-resolved", latex_listings)
    app.connect("build-finished", write_listings)
    app.connect("build-finished", build_finished)
    litbook_listings.setup(app)
    return {"version": "0.1", "parallel_read_safe": True,
            "parallel_write_safe": True, "env_version": 2}
