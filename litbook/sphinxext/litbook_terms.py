"""litbook's terms: one vocabulary per book, from one table.

``litbook_terms`` in conf.py names the book's table of terms (relative to
the Sphinx sources, e.g. ``"terms.tsv"``; its columns are described in
``scripts/terms.py``). With it:

* every Sphinx run checks the texts of its language (the prose or its
  translation, the programs' messages and comments, the figure labels) and
  fails, naming file and line of each rejected variant, before it reads a
  document;
* ``.. terms-glossary::`` writes the glossary in the reader's language: the
  term, the same term in the book's other languages, its definition and a
  link to the chapter that introduces it (HTML, PDF and EPUB alike).
"""
import os
import sys

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import litbook_i18n

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "scripts"))
import terms  # noqa: E402

logger = logging.getLogger(__name__)


def table_path(config, srcdir):
    return os.path.join(srcdir, config.litbook_terms)


def languages(config):
    book = list(config.litbook_languages) or [config.language]
    return book, config.language or book[0]


def check_terms(app):
    """Fails the run on a rejected variant in a text of its language."""
    config = app.config
    if not config.litbook_terms:
        return
    book, lang = languages(config)
    root = config.litbook_source_root or os.path.dirname(app.srcdir)
    try:
        found = terms.check(root, table_path(config, app.srcdir), book,
                            book[0], os.path.relpath(app.srcdir, root),
                            only=[lang])
    except terms.BadInput as e:
        raise ExtensionError(f"litbook_terms: {e}")
    if found:
        raise ExtensionError(
            f"{len(found)} use(s) of rejected variants of the book's terms "
            f"({config.litbook_terms}; allow a quotation with "
            "'.. terms: allow TEXT' or '# terms: allow TEXT'):\n"
            + "\n".join(found))


def untranslatable(node):
    for n in node.findall(nodes.TextElement):
        n["translatable"] = False
    return node


class GlossaryDirective(SphinxDirective):
    """``.. terms-glossary::``: the table of terms in the reader's
    language, sorted by the reader's term."""

    def run(self):
        import litbook_glue
        config = self.config
        if not config.litbook_terms:
            raise self.error(f"{self.env.docname}: terms-glossary needs "
                             "litbook_terms (the table of terms) in conf.py")
        path = table_path(config, self.env.srcdir)
        book, lang = languages(config)
        try:
            rows = terms.read_table(path, book)
        except terms.BadInput as e:
            raise self.error(f"{self.env.docname}: {e}")
        self.env.note_dependency(path)
        others = [x for x in book if x != lang]
        words = litbook_i18n.words
        heads = ([words(lang, "Term")]
                 + [litbook_i18n.name(x) for x in others]
                 + [words(lang, "Definition"), words(lang, "Introduced in")])
        widths = [18] + [18] * len(others) + [42, 22]
        table = nodes.table(classes=["litbook-glossary", "colwidths-given"])
        group = nodes.tgroup(cols=len(heads))
        table += group
        for w in widths:
            group += nodes.colspec(colwidth=w)
        head, body = nodes.thead(), nodes.tbody()
        group += head
        group += body
        head += self.row([nodes.Text(h) for h in heads])
        for term in sorted(rows, key=lambda t: t.words[lang].casefold()):
            ref = litbook_glue.chapter_ref("", label=term.chapter.lower(),
                                      particle=None)
            ref.source, ref.line = self.get_source_info()
            cells = ([nodes.strong(text=term.words[lang])]
                     + [nodes.Text(term.words[x]) for x in others]
                     + [nodes.Text(term.defs[lang]), ref])
            body += self.row(cells)
        # In print: ragged-right columns of these widths (justified narrow
        # columns spread their words apart).
        spec = addnodes.tabular_col_spec()
        spec["spec"] = "".join(
            r">{\raggedright\arraybackslash}\Y{%.3f}" % (w / sum(widths))
            for w in widths)
        return [spec, untranslatable(table)]

    @staticmethod
    def row(cells):
        row = nodes.row()
        for c in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", c)
            row += entry
        return row


def setup(app):
    app.add_config_value("litbook_terms", "", "env")
    app.add_directive("terms-glossary", GlossaryDirective)
    app.connect("builder-inited", check_terms)
    return {"version": "0.1", "parallel_read_safe": True,
            "parallel_write_safe": True}
