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
  link to the chapter that introduces it (HTML, PDF and EPUB alike);
* every term goes into the book's index (genindex in HTML, the index of
  the PDF) in the reader's language, pointing at its first use in the
  prose of the chapter the table names (after translation, so each
  language's index points at its own words). A term that chapter never
  uses fails the build: the table says where a concept is introduced.
"""
import re
import unicodedata

import os
import sys

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
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


# Hangul syllables group under their first consonant in the index.
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def index_group(word):
    """The heading an index entry stands under: a Hangul term's first
    consonant (ㄲ under ㄱ and so on), else None (Sphinx's own: the
    first letter)."""
    c = word[:1]
    if "\uac00" <= c <= "\ud7a3":
        first = CHOSEONG[(ord(c) - 0xAC00) // 588]
        return {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ",
                "ㅉ": "ㅈ"}.get(first, first)
    return None


def term_pattern(word):
    """Where `word` is used in running text: its letters, any case, not in
    the middle of a Latin word, an English plural allowed (Korean
    particles may follow it)."""
    body = r"\s+".join(re.escape(w) for w in word.split())
    return re.compile(r"(?<![A-Za-z])" + body + r"(?:e?s)?(?![A-Za-z])",
                      re.IGNORECASE)


SKIP = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block,
        nodes.raw, nodes.comment, nodes.title, nodes.table)


def prose_texts(node):
    """The Text nodes of the document's paragraphs, in order, outside
    code, math, titles and tables."""
    for para in node.findall(nodes.paragraph):
        if any(isinstance(a, SKIP) for a in ancestors(para)):
            continue
        for t in para.findall(nodes.Text):
            if not any(isinstance(a, SKIP) for a in ancestors(t, para)):
                yield para, t


def ancestors(node, stop=None):
    n = node.parent
    while n is not None and n is not stop:
        yield n
        n = n.parent


def latex_hangul_entry(word):
    """The PDF's index entry of a Hangul term. makeindex files an entry
    under the first byte of its sort key, which splits a Hangul syllable
    (a broken character in the heading); a key that starts with "~" puts
    every Hangul term in the symbols' group, in the order of the
    syllables (the book names that group)."""
    from sphinx.util.texescape import escape
    shown = escape(word)
    return nodes.raw("", f"\\index{{~{word}@\\spxentry{{{shown}}}|spxpagem}}",
                     format="latex")


class IndexTerms(SphinxTransform):
    """An index entry for each term of the table that this document
    introduces, at the paragraph of its first use (in the reader's
    language, after the translation)."""
    # (After the translation, 20; before SphinxDomains, 850, where the
    # index domain collects the entries.)
    default_priority = 840

    def apply(self):
        config = self.config
        if not config.litbook_terms or self.app.builder.name == "gettext":
            return
        book, lang = languages(config)
        path = table_path(config, self.env.srcdir)
        try:
            rows = terms.read_table(path, book)
        except terms.BadInput as e:
            raise ExtensionError(f"litbook_terms: {e}")
        labels = set(self.document.ids)
        mine = [t for t in rows if t.chapter.lower() in labels]
        if not mine:
            return
        self.env.note_dependency(path)
        texts = list(prose_texts(self.document))
        missing = []
        for n, term in enumerate(mine):
            word = unicodedata.normalize("NFC", term.words[lang])
            pattern = term_pattern(word)
            para = next((p for p, t in texts if pattern.search(t.astext())),
                        None)
            if para is None:
                missing.append(word)
                continue
            tid = f"index-term-{n}"
            target = nodes.target("", "", ids=[tid])
            entry = addnodes.index(
                entries=[("single", word, tid, "main", index_group(word))])
            if (self.app.builder.format == "latex"
                    and index_group(word) is not None):
                entry = latex_hangul_entry(word)
            para.insert(0, target)
            para.insert(0, entry)
            self.document.note_explicit_target(target)
        if missing:
            raise ExtensionError(
                f"{self.env.docname}: the chapter that {config.litbook_terms} "
                f"says introduces them never uses the term(s) "
                f"{', '.join(missing)} ({lang}) in its prose")


def setup(app):
    app.add_config_value("litbook_terms", "", "env")
    app.add_transform(IndexTerms)
    app.add_directive("terms-glossary", GlossaryDirective)
    app.connect("builder-inited", check_terms)
    return {"version": "0.1", "parallel_read_safe": True,
            "parallel_write_safe": True}
