"""The in-page runner: a chapter's example, compiled to WebAssembly by the
build (LitBook.cmake, ``-D litbook_runner=<build>/book/runner``), run in
the reader's browser.

The ``run-it`` directive calls :func:`nodes_for` for its chapter. Every
format gets the table of the example's parameters (name, default, what it
accepts, the label in the reader's language), read from the parameters the
program itself declared (``<runner>/<chapter>.params.json``, written by
``--params-json`` of the WebAssembly build once it printed the tested
output). HTML pages (not EPUB) also get the Run panel: a control per
parameter, Run, Stop and Defaults buttons, the program's stdout, and the
tested output of the reader's language to compare it with; the chapter's
live figures (``:figures:`` of the directive) go into the panel too.
litbook_runner.js drives it: the program runs in a Web Worker started
from a blob (so that it works from file:// as well as over HTTP).
"""
import html
import json
import os

from docutils import nodes

import litbook_i18n

# The words the panel's script shows, by key (msgids of litbook's own
# catalogue, litbook/locale/<lang>.po).
SCRIPT_WORDS = {
    "loading": "Loading the program...",
    "running": "Running...",
    "elapsed": "{} s",
    "same": "Same output as the one the build tested (default values).",
    "differs": "At the default values the output differs from the one the "
               "build tested.",
    "changed": "Run with other values than the defaults: {}.",
    "stopped": "Stopped.",
    "failed": "The program stopped with exit code {}:",
    "crashed": "The program could not run:",
    "took": "Finished in {} ms.",
}


def enabled(config):
    return bool(config.litbook_runner)


def params_of(config, chapter):
    """The parameters the chapter's program declared, or None when the book
    is built without the runner."""
    if not enabled(config):
        return None
    path = os.path.join(config.litbook_runner, f"{chapter}.params.json")
    with open(path, encoding="utf-8") as f:
        return path, json.load(f)["params"]


def accepts(p, lang):
    w = litbook_i18n.words
    if p["kind"] == "choice":
        return ", ".join(p["choices"])
    if p["kind"] == "integer":
        return w(lang, "an integer from {} to {}").format(p["min"], p["max"])
    return w(lang, "a number from {} to {}").format(p["min"], p["max"])


def table(params, lang):
    w = litbook_i18n.words
    head = [w(lang, "Parameter"), w(lang, "Default"), w(lang, "Accepts"),
            w(lang, "What it sets")]
    t = nodes.table(classes=["litbook-params"])
    group = nodes.tgroup(cols=len(head))
    t += group
    for width in (2, 2, 3, 5):
        group += nodes.colspec(colwidth=width)

    def row(cells, parent):
        r = nodes.row()
        for c in cells:
            entry = nodes.entry()
            para = nodes.paragraph()
            para += c if isinstance(c, nodes.Node) else nodes.Text(c)
            entry += para
            r += entry
        parent += r

    thead = nodes.thead()
    group += thead
    row(head, thead)
    tbody = nodes.tbody()
    group += tbody
    for p in params:
        opt = f"--{p['name']}"
        row([nodes.literal(opt, opt),
             nodes.literal(str(p["default"]), str(p["default"])),
             accepts(p, lang), p["label"][lang]], tbody)
    return t


def control(chapter, p, lang):
    """One labelled control: the parameter's name and its label, a number
    field (with a slider for a number in a range) or a list of choices."""
    ident = f"litbook-{chapter}-{p['name']}"
    e = html.escape
    label = (f'<label for="{ident}"><code>{e(p["name"])}</code> '
             f'<span>{e(p["label"][lang])}</span></label>')
    if p["kind"] == "choice":
        opts = "".join(
            f'<option value="{e(c)}"{" selected" if c == p["default"] else ""}>'
            f'{e(c)}</option>' for c in p["choices"])
        field = (f'<select id="{ident}" name="{e(p["name"])}" '
                 f'data-default="{e(p["default"])}">{opts}</select>')
    else:
        bounds = (f'min="{p["min"]}" max="{p["max"]}" step="{p["step"]}" '
                  f'value="{p["default"]}" data-default="{p["default"]}"')
        field = (f'<input type="number" id="{ident}" name="{e(p["name"])}" '
                 f'inputmode="decimal" {bounds}>')
        steps = (p["max"] - p["min"]) / p["step"] if p["step"] else 0
        if p["kind"] == "number" and 0 < steps <= 10000:
            field += (f'<input type="range" class="litbook-slider" '
                      f'aria-labelledby="{ident}-name" data-for="{ident}" '
                      f'tabindex="-1" {bounds}>')
            label = label.replace("<code>", f'<code id="{ident}-name">', 1)
    return f'<div class="litbook-param">{label}{field}</div>'


def panel_html(chapter, lang, params, expected, module_uri, figures):
    w = litbook_i18n.words
    e = html.escape
    words = {k: w(lang, v) for k, v in SCRIPT_WORDS.items()}
    controls = "".join(control(chapter, p, lang) for p in params)
    if controls:
        controls = (f'<fieldset class="litbook-runner-params"><legend>'
                    f'{e(w(lang, "Parameters"))}</legend>{controls}</fieldset>')
    data = json.dumps({"stdout": expected}, ensure_ascii=False)
    data = data.replace("</", "<\\/")
    title = w(lang, "Run it in this page")
    hint = w(lang, "The same C++ program, compiled to WebAssembly, runs in "
                   "your browser; change a value and it runs again.")
    return (
        f'<section class="litbook-runner" data-chapter="{e(chapter)}" '
        f'data-lang="{e(lang)}" data-module="{e(module_uri)}" '
        f'data-words="{e(json.dumps(words, ensure_ascii=False))}" '
        f'aria-labelledby="litbook-{chapter}-runner">'
        f'<p class="litbook-runner-title" id="litbook-{chapter}-runner">'
        f'<strong>{e(title)}</strong></p>'
        f'<p class="litbook-runner-hint">{e(hint)}</p>'
        f'{controls}'
        f'<div class="litbook-runner-buttons">'
        f'<button type="button" class="litbook-run">{e(w(lang, "Run"))}</button>'
        f'<button type="button" class="litbook-stop" disabled>'
        f'{e(w(lang, "Stop"))}</button>'
        f'<button type="button" class="litbook-defaults">'
        f'{e(w(lang, "Defaults"))}</button></div>'
        f'<p class="litbook-runner-status" role="status"></p>'
        f'<pre class="litbook-runner-error" role="alert" hidden></pre>'
        f'<pre class="litbook-runner-output" tabindex="0" hidden '
        f'aria-label="{e(w(lang, "Output of the program"))}"></pre>'
        f'{"".join(figures)}'
        f'<script type="application/json" class="litbook-runner-expected">'
        f'{data}</script>'
        f'</section>')


def nodes_for(directive, chapter, lang, expected_dir, figure_names):
    """The parameter table, and in HTML the Run panel, for `chapter`."""
    env = directive.env
    if env.app.builder.name == "gettext":
        # Nothing in them is translated (the labels come from the program's
        # own catalogue): the gate and update-po need not wait for the
        # WebAssembly builds.
        return []
    found = params_of(env.config, chapter)
    if found is None:
        return []
    path, params = found
    env.note_dependency(path)
    out = []
    if params:
        out.append(table(params, lang))
    if env.app.builder.name not in ("html", "dirhtml"):
        return out
    expected_path = os.path.join(expected_dir, f"expected.{lang}.txt")
    env.note_dependency(expected_path)
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read()
    up = "../" * env.docname.count("/")
    module_uri = f"{up}_static/litbook-runner/{chapter}.js"
    figures = []
    if figure_names:
        import litbook_figures
        for name in figure_names:
            try:
                figures.append(litbook_figures.live_figure_html(
                    env, chapter, name, lang))
            except litbook_figures.LiveFigureError as e:
                raise directive.error(f"{env.docname}: :figures: {e}")
    raw = panel_html(chapter, lang, params, expected, module_uri, figures)
    out.append(nodes.raw("", raw, format="html"))
    return out


def builder_inited(app):
    """The compiled programs and the panel's script, in HTML books only
    (EPUB keeps the static book)."""
    if not enabled(app.config) or app.builder.name not in ("html", "dirhtml"):
        return
    app.config.html_static_path.append(
        os.path.join(app.config.litbook_runner, "static"))
    app.add_js_file("litbook_runner.js", defer="defer")


def setup(app):
    app.add_config_value("litbook_runner", "", "env")
    app.connect("builder-inited", builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
