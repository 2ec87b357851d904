"""Tested results in the prose: ``:val:`` (a value the example computed,
with the particle that agrees with it), ``:chapter:`` (a reference to a
chapter as the reader's language writes one) and ``.. output::`` (the
example's tested stdout)."""
import json
import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import litbook_i18n
from litbook_common import LitbookError, chapter_file, lang_of

logger = logging.getLogger(__name__)


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


def setup(app):
    app.add_role("val", val_role)
    app.add_role("chapter", chapter_role)
    app.add_node(chapter_ref)
    app.add_post_transform(ChapterRefs)
    app.add_directive("output", OutputDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
