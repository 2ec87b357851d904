"""``.. run-it:: chapter``: how to build and run a chapter's example, the
reader's copy of its source, and (litbook_runner.py) its parameters and
Run panel."""
import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

import litbook_i18n
import litbook_listings
import litbook_runner
from litbook_common import lang_of


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


def setup(app):
    app.add_directive("run-it", RunItDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
