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

import litbook
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
        lang = litbook.lang_of(self.env)
        figdir = os.path.join(litbook.build_dir(self.env), "figures", chapter)
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
    lang = litbook.lang_of(self.builder.env)
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
    lang = litbook.lang_of(self.builder.env)
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
        for theme, sub, suffix in (("light", "interactive", ""),
                                   ("dark", "interactive-dark", ".dark")):
            live = os.path.join(os.path.dirname(src), sub, base)
            name = f"{chapter}-{base[:-4]}{suffix}.svg"
            href, data = publish(self, live, name)
            m = re.search(rb'viewBox="0 0 (\d+) (\d+)"', data)
            ratio = (f"aspect-ratio: {int(m.group(1))} / {int(m.group(2))}"
                     if m else "")
            self.body.append(
                f'<object class="litbook-interactive litbook-theme-{theme}" '
                f'data="{href}" type="image/svg+xml" role="img" '
                f'aria-label="{alt}" style="{ratio}"></object>')
        raise nodes.SkipNode
    HTML5Translator.visit_image(self, node)


def depart_image_html(self, node):
    from sphinx.writers.html5 import HTML5Translator
    HTML5Translator.depart_image(self, node)


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
    return {"parallel_read_safe": True, "parallel_write_safe": True}
