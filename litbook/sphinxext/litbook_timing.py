"""``.. timing-report::``: how long each example took to compile, run and
plot in this build."""
import json
import os

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

import litbook_i18n
from litbook_common import build_dir, lang_of


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


def setup(app):
    app.add_directive("timing-report", TimingReportDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
