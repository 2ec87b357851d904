"""litbook's figures: ``.. fig:: chapter/name``.

A figure rendered by litbook/scripts/plot.py per language, in the build tree
under ``figures/<chapter>/``:

  name.<lang>.svg, name.<lang>.pdf        light: EPUB (static SVG), LaTeX
  interactive/name.<lang>.svg             light, gnuplot's mouse script
  interactive-dark/name.<lang>.svg        the same in the dark palette
  dark/name.<lang>.svg                    static, dark
  data/name.<lang>.csv, .json             the data it was drawn from

The directive's content is two paragraphs: the caption, then the alt text;
both are translated. In the HTML book the figure is gnuplot's interactive
SVG, twice, in an ``<object>`` each (so that its script runs); litbook.css
shows the one that matches the page's theme (furo's
``body[data-theme]``, or the system setting when the theme is "auto"). Its
caption links the CSV, and below the caption a collapsed ``<details>`` holds
the same data as a table, for readers who cannot see the figure. EPUB and
LaTeX keep the light static figure.

Live figures (the in-page runner's panel, HTML only):
``live_figure_html(env_or_config, chapter, figure, lang)`` returns the HTML
of a figure that litbook_livefig.js redraws from each run of the example
(the event ``litbook-run`` on the enclosing ``<section
class="litbook-runner">``): both interactive SVGs inlined (ids prefixed,
gnuplot's script removed), the manifest plot.py wrote
(``live/name.<lang>.json``) and the build's own data of the figure. A
figure plot.py could not make live raises LiveFigureError with its reason
(script and line).
"""
import csv
import html
import json
import os
import posixpath
import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from litbook_common import build_dir, lang_of
import litbook_i18n

HTML_BUILDERS = ("html", "dirhtml")
# More rows than this are shown every n-th row (the CSV has them all).
MAX_ROWS = 1000
# The words of the data table and link (English msgids, translated by
# litbook's catalogues; see litbook_i18n).
WORDS = {
    "csv": "data (CSV)",
    "summary": "The figure's data as a table ({rows} rows)",
    "summary_some": "The figure's data as a table (one row in {step} of "
                    "{rows}; the CSV has them all)",
    "region": "The figure's data",
    "link_label": "Download the figure's data (CSV)",
    "hint": "Point at the figure or tap it to read the coordinates; click "
            "a curve's name in the key to hide or show the curve; the grid "
            "button at the bottom left turns the grid lines on and off.",
    "full": "Open the figure alone, at full size",
    "scroll": "The figure (scrolls sideways on a narrow screen)",
    "narrow": "Swipe the figure sideways to see the rest of it.",
}

class figure_data(nodes.General, nodes.Element):
    """The data table of a figure (HTML only)."""


class figure_data_link(nodes.Inline, nodes.Element):
    """The CSV link in a figure's caption (HTML only)."""


def words(lang):
    return {k: litbook_i18n.words(lang, v) for k, v in WORDS.items()}


class FigDirective(SphinxDirective):
    """A figure of a chapter, in the reader's language."""
    required_arguments = 1
    has_content = True
    option_spec = {"width": directives.length_or_percentage_or_unitless,
                   "name": directives.unchanged}

    def run(self):
        ref = self.arguments[0]
        chapter, _, name = ref.partition("/")
        lang = lang_of(self.env)
        figdir = os.path.join(build_dir(self.env), "figures", chapter)
        wanted = [f"{name}.{lang}.svg", f"{name}.{lang}.pdf",
                  f"interactive/{name}.{lang}.svg",
                  f"interactive-dark/{name}.{lang}.svg",
                  f"dark/{name}.{lang}.svg",
                  f"data/{name}.{lang}.csv", f"data/{name}.{lang}.json"]
        missing = [w for w in wanted
                   if not os.path.exists(os.path.join(figdir, w))]
        if missing:
            raise self.error(
                f"{self.env.docname}: figure '{ref}' was not rendered for "
                f"'{lang}' (looked in {figdir}, missing "
                f"{', '.join(missing)}); does figures/{chapter}.gp "
                f"draw fig(\"{name}\")?")
        for w in wanted[2:]:
            self.env.note_dependency(os.path.join(figdir, w))
        container = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, container)
        paras = [c for c in container.children
                 if isinstance(c, nodes.paragraph)]
        if len(paras) != 2 or len(container.children) != 2:
            raise self.error(f"{self.env.docname}: figure '{ref}' needs "
                             "two paragraphs: the caption, then the alt text")
        cap_p, alt_p = paras
        docdir = os.path.dirname(self.env.doc2path(self.env.docname))
        uri = os.path.relpath(os.path.join(figdir, f"{name}.{lang}.*"),
                              docdir)
        # Sphinx translates an image's alt text (one line) like a paragraph.
        image = nodes.image(uri=uri, alt=" ".join(alt_p.astext().split()),
                            classes=["litbook-fig"])
        if "width" in self.options:
            image["width"] = self.options["width"]
        figure = nodes.figure("", image, classes=["litbook-figure"])
        # Where its data is (the link and table are added once the caption
        # is translated: see add_data).
        figure["litbook_data"] = f"{chapter}/{name}.{lang}"
        caption = nodes.caption(cap_p.rawsource, "", *cap_p.children)
        caption.source, caption.line = cap_p.source, cap_p.line
        figure += caption
        self.set_source_info(figure)
        self.add_name(figure)
        return [figure]


def add_data(app, doctree, docname):
    """The CSV link at the end of each figure's caption and the table below
    it (after translation, which replaces a caption's children)."""
    if app.builder.name not in HTML_BUILDERS:
        return
    for figure in doctree.findall(nodes.figure):
        ref = figure.get("litbook_data")
        if not ref:
            continue
        caps = [c for c in figure.children if isinstance(c, nodes.caption)]
        link = figure_data_link(ref=ref)
        if caps:
            caps[0] += nodes.Text(" ")
            caps[0] += link
        else:
            figure += link
        figure += figure_data(ref=ref)


def publish(translator, src, name):
    """Copy src into the HTML output's image folder as `name`; its URL from
    the page."""
    b = translator.builder
    dst_dir = os.path.join(b.outdir, b.imagedir)
    os.makedirs(dst_dir, exist_ok=True)
    dst = os.path.join(dst_dir, name)
    with open(src, "rb") as f:
        data = f.read()
    if not os.path.exists(dst) or open(dst, "rb").read() != data:
        with open(dst, "wb") as f:
            f.write(data)
    return posixpath.join(b.imgpath, name), data


def data_files(translator, ref):
    chapter, _, stem = ref.partition("/")
    d = os.path.join(translator.builder.config.litbook_build_dir, "figures",
                     chapter, "data")
    return chapter, stem, os.path.join(d, f"{stem}.csv"), \
        os.path.join(d, f"{stem}.json")


def visit_data_link_html(self, node):
    chapter, stem, csv_path, _ = data_files(self, node["ref"])
    href, _ = publish(self, csv_path, f"{chapter}-{stem}.csv")
    lang = lang_of(self.builder.env)
    w = words(lang)
    self.body.append(
        f'<a class="litbook-data-csv reference download" '
        f'href="{html.escape(href)}" download type="text/csv" '
        f'aria-label="{html.escape(w["link_label"])}">'
        f'{html.escape(w["csv"])}</a>')
    raise nodes.SkipNode


def visit_data_html(self, node):
    chapter, stem, csv_path, json_path = data_files(self, node["ref"])
    with open(json_path, encoding="utf-8") as f:
        info = json.load(f)
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    lang = lang_of(self.builder.env)
    w = words(lang)
    step = -(-len(rows) // MAX_ROWS)  # ceil
    shown = rows[::step]
    summary = (w["summary"] if step == 1 else w["summary_some"]).format(
        rows=len(rows), step=step)
    out = ['<details class="litbook-data">',
           f'<summary>{html.escape(summary)}</summary>',
           f'<div class="litbook-data-scroll" tabindex="0" role="region" '
           f'aria-label="{html.escape(w["region"])}">',
           '<table class="litbook-data-table docutils">', '<thead><tr>']
    out += [f'<th scope="col">{html.escape(h)}</th>'
            for h in info["headers"]]
    out.append('</tr></thead><tbody>')
    for r in shown:
        out.append('<tr>' + ''.join(f'<td>{html.escape(c)}</td>'
                                    for c in r) + '</tr>')
    out.append('</tbody></table></div></details>\n')
    self.body.append("\n".join(out))
    raise nodes.SkipNode


def skip(self, node):
    raise nodes.SkipNode


def visit_image_html(self, node):
    """In the HTML book a figure is gnuplot's interactive SVG, shown in an
    <object> so that its script runs (coordinates under the pointer, a
    click on a key entry toggles its curve): once in the light palette and
    once in the dark one; litbook.css shows the one of the page's theme.
    EPUB and LaTeX keep the static light figure."""
    from sphinx.writers.html5 import HTML5Translator
    uri = node.get("uri", "")
    if ("litbook-fig" in node.get("classes", []) and uri.endswith(".svg")
            and self.builder.name in HTML_BUILDERS):
        src = os.path.normpath(os.path.join(self.builder.srcdir, uri))
        base = os.path.basename(src)
        chapter = os.path.basename(os.path.dirname(src))
        alt = self.attval(node.get("alt", ""))
        w = words(lang_of(self.builder.env))
        objects, links = [], []
        for theme, sub, suffix in (("light", "interactive", ""),
                                   ("dark", "interactive-dark", ".dark")):
            live = os.path.join(os.path.dirname(src), sub, base)
            name = f"{chapter}-{base[:-4]}{suffix}.svg"
            href, data = publish(self, live, name)
            m = re.search(rb'viewBox="0 0 (\d+) (\d+)"', data)
            ratio = (f"aspect-ratio: {int(m.group(1))} / {int(m.group(2))}"
                     if m else "")
            objects.append(
                f'<object class="litbook-interactive litbook-theme-{theme}" '
                f'data="{href}" type="image/svg+xml" role="img" '
                f'aria-label="{alt}" style="{ratio}"></object>')
            links.append(
                f'<a class="litbook-fig-full litbook-theme-{theme}" '
                f'href="{href}">{html.escape(w["full"])}</a>')
        # On a narrow screen the figure keeps a readable size and scrolls
        # sideways (litbook.css); the hint says what the figure does.
        self.body.append(
            f'<div class="litbook-fig-scroll" tabindex="0" role="region" '
            f'aria-label="{html.escape(w["scroll"])}">' + "".join(objects)
            + '</div><div class="litbook-fig-hint">'
            + '<p class="litbook-fig-narrow">' + html.escape(w["narrow"])
            + "</p><p>" + html.escape(w["hint"]) + "</p>" + "".join(links)
            + "</div>")
        raise nodes.SkipNode
    HTML5Translator.visit_image(self, node)


def depart_image_html(self, node):
    from sphinx.writers.html5 import HTML5Translator
    HTML5Translator.depart_image(self, node)


# -- Live figures (the in-page runner) ----------------------------------------

# The messages of a live figure (English msgids, litbook's catalogues).
LIVE_WORDS = {
    "missing_file": "The program wrote no file {file}: its curve is not "
                    "drawn.",
    "missing_column": "{file} has no column {column}: its curve is not "
                      "drawn.",
    "outside": "Some values lie outside the axes and are cut off.",
    "hint": "Point at the figure, or focus it and press the arrow keys, to "
            "read its values.",
}
# Elements of gnuplot's SVG that only its mouse script uses.
SCRIPT_ONLY = ("coord_text", "hypertextbox", "hypertext", "hyperimage")


class LiveFigureError(Exception):
    pass


def live_words(lang):
    return {k: litbook_i18n.words(lang, v) for k, v in LIVE_WORDS.items()}


def inline_svg(text, prefix, label):
    """gnuplot's interactive SVG made fit to sit in an HTML page beside
    another one: its script and event handlers gone, every id prefixed
    (and made unique), the first group of plot element N marked
    data-live-el="N-1", role="img" with the label, sized by CSS."""
    text = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", text,
                  flags=re.S)
    text = re.sub(r"<script\b.*?</script>", "", text, flags=re.S)
    for name in SCRIPT_ONLY:
        text = re.sub(r"<(text|rect|image)\b[^>]*\bid=\"" + name +
                      r"\"[^>]*?(/>|>.*?</\1>)", "", text, flags=re.S)
    # gnuplot's grid switch (an icon its script drives).
    text = re.sub(r"<image\b[^>]*toggleGrid[^>]*>", "", text)
    text = re.sub(r"""\s+on\w+\s*=\s*("[^"]*"|'[^']*')""", "", text)
    seen, marked = {}, set()

    def ident(m):
        q, i = m.group(1), m.group(2)
        seen[i] = seen.get(i, 0) + 1
        new = f"{prefix}{i}" + ("" if seen[i] == 1 else f"-{seen[i]}")
        extra = ""
        plot = re.fullmatch(r"gnuplot_plot_(\d+)", i)
        if plot and i not in marked:
            marked.add(i)
            extra = f' data-live-el="{int(plot.group(1)) - 1}"'
        return f"id={q}{new}{q}{extra}"

    text = re.sub(r"""\bid=(["'])([^"']+)\1""", ident, text)
    text = re.sub(r"""(xlink:href|href)=(["'])#([^"']+)\2""",
                  lambda m: f"{m.group(1)}={m.group(2)}#{prefix}"
                            f"{m.group(3)}{m.group(2)}", text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})",
                  text)
    m = re.search(r"<svg\b[^>]*>", text)
    if not m:
        raise LiveFigureError("not an SVG")
    head = re.sub(r"""\s(width|height)=(["'])[^"']*\2""", "", m.group(0))
    head = head[:-1].rstrip("/").rstrip() + (
        f' role="img" aria-label="{html.escape(label)}" focusable="false">')
    return (text[:m.start()] + head + text[m.end():]).strip()


def live_paths(build, chapter, figure, lang):
    figdir = os.path.join(build, "figures", chapter)
    return {"manifest": os.path.join(figdir, "live", f"{figure}.{lang}.json"),
            "index": os.path.join(figdir, "live", f"index.{lang}.json"),
            "light": os.path.join(figdir, "interactive",
                                  f"{figure}.{lang}.svg"),
            "dark": os.path.join(figdir, "interactive-dark",
                                 f"{figure}.{lang}.svg")}


def live_figure_html(env_or_config, chapter, figure, lang):
    """The HTML of a live figure for the runner panel of `chapter`: figure
    `figure` of figures/<chapter>.gp in language `lang`, redrawn by
    litbook_livefig.js from the files of each run (the event
    "litbook-run" on the enclosing <section class="litbook-runner">).
    Raises LiveFigureError, naming the file, when the figure was not drawn
    or is not live (the index says why). With a Sphinx environment, the
    files it reads become dependencies of the current document."""
    env = env_or_config if hasattr(env_or_config, "note_dependency") \
        else None
    config = env.config if env is not None else env_or_config
    build = config.litbook_build_dir
    paths = live_paths(build, chapter, figure, lang)
    if not os.path.exists(paths["manifest"]):
        why = "it was not drawn"
        if os.path.exists(paths["index"]):
            with open(paths["index"], encoding="utf-8") as f:
                index = json.load(f)
            why = index["not_live"].get(figure, f"figures/{chapter}.gp "
                                        f"draws no figure '{figure}'")
        raise LiveFigureError(f"live figure {chapter}/{figure} [{lang}] "
                              f"({paths['manifest']} is missing): {why}")
    for p in paths.values():
        if os.path.exists(p) and env is not None:
            env.note_dependency(p)
    with open(paths["manifest"], encoding="utf-8") as f:
        manifest = json.load(f)
    label = manifest["title"] or f"{chapter}/{figure}"
    views = []
    for theme in ("light", "dark"):
        if not os.path.exists(paths[theme]):
            raise LiveFigureError(f"live figure {chapter}/{figure}: "
                                  f"{paths[theme]} is missing")
        with open(paths[theme], encoding="utf-8") as f:
            svg = f.read()
        prefix = re.sub(r"[^A-Za-z0-9_-]", "_",
                        f"lbl-{chapter}-{figure}-{theme}-")
        try:
            svg = inline_svg(svg, prefix, label)
        except LiveFigureError as e:
            raise LiveFigureError(f"{paths[theme]}: {e}")
        views.append(f'<div class="litbook-livefig-svg litbook-theme-{theme}" '
                     f'data-theme="{theme}">{svg}</div>')
    # The build's own data (for the values under the pointer before the
    # first run): the columns the figure draws, in the program's format.
    data = {}
    outdir = os.path.join(build, "out", chapter)
    wanted = {}
    for el in manifest["elements"]:
        wanted.setdefault(el["file"], [])
        wanted[el["file"]] += [c for c in (el["x"], el["y"])
                               if c not in wanted[el["file"]]]
    for fname, cols in wanted.items():
        path = os.path.join(outdir, fname)
        if not os.path.exists(path):
            raise LiveFigureError(f"live figure {chapter}/{figure}: {path} "
                                  "is missing (did the example run?)")
        if env is not None:
            env.note_dependency(path)
        data[fname] = data_columns(path, cols)
    words = live_words(lang)
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True)
    blob = blob.replace("</", "<\\/")
    return (
        f'<figure class="litbook-livefig" lang="{html.escape(lang)}" '
        f'data-live="{html.escape(json.dumps(manifest, sort_keys=True))}" '
        f'data-words="{html.escape(json.dumps(words, ensure_ascii=False))}">'
        f'<div class="litbook-livefig-plot" tabindex="0" role="group" '
        f'aria-label="{html.escape(label)}" '
        f'aria-describedby="{prefix_id(chapter, figure)}-hint">'
        + "".join(views) + '</div>'
        f'<p class="litbook-livefig-msg" role="status" hidden></p>'
        f'<p class="litbook-livefig-readout" aria-live="polite" '
        f'id="{prefix_id(chapter, figure)}-hint">'
        f'{html.escape(words["hint"])}</p>'
        f'<script type="application/json" class="litbook-livefig-data">'
        f'{blob}</script></figure>')


def prefix_id(chapter, figure):
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"lbl-{chapter}-{figure}")


def data_columns(path, cols):
    """The columns `cols` of a data file, as a data file."""
    with open(path, encoding="utf-8") as f:
        rows = [l.split() for l in f if l.strip() and not l.startswith("#")]
    if not rows:
        raise LiveFigureError(f"{path}: empty data file")
    head = rows[0]
    missing = [c for c in cols if c not in head]
    if missing:
        raise LiveFigureError(f"{path}: no column {', '.join(missing)}")
    idx = [head.index(c) for c in cols]
    return "\n".join(" ".join(r[i] for i in idx) for r in rows) + "\n"


def add_livefig_js(app):
    if app.builder.name in HTML_BUILDERS:
        app.add_js_file("litbook_livefig.js", defer="defer")


def setup(app):
    app.add_directive("fig", FigDirective)
    app.add_node(nodes.image, override=True,
                 html=(visit_image_html, depart_image_html))
    # Only HTML builders get these nodes (add_data); EPUB uses the html
    # handlers (its format), so registering it by name is not needed.
    others = {k: (skip, None) for k in ("latex", "text")}
    app.add_node(figure_data, html=(visit_data_html, None), **others)
    app.add_node(figure_data_link, html=(visit_data_link_html, None),
                 **others)
    app.connect("doctree-resolved", add_data)
    app.connect("builder-inited", add_livefig_js)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
