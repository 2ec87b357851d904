"""``.. excerpt:: path marker``: the lines of a source file between its
markers, in the reader's language (litbook_listings.py translates)."""
import os
import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

import litbook_listings
from litbook_common import LitbookError, lang_of

MARKER = re.compile(r"^\s*(?://|#)\s*\[(/?)([A-Za-z0-9_-]+)\]\s*$")


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


def setup(app):
    app.add_directive("excerpt", ExcerptDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
