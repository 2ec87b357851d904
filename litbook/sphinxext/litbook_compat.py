"""Workarounds for the versions Debian 12 ships, each with the version it
works around, so that it can be deleted once that version is gone
(sphinx-gallery's sphinx_compatibility.py is the model):

- Breathe 4.34.0: every section title of a class or namespace gets the
  same id (``unique_ids``); a vanished Doxygen XML file crashes an
  incremental build (``forget_vanished_doxygen_files``).
- furo 2022.12.07+dfsg-1 (Debian): furo.js imports Gumshoe as an ES
  module but is loaded as a classic script, and furo.css imports
  normalize.css from an absolute /javascript/ path (``furo_builder_inited``,
  ``furo_build_finished``).
- Sphinx 5.3.0: imgmath writes image paths relative to the output root,
  wrong for documents in subfolders (``sphinx_config_inited``).
"""
import os
import re
import shutil

from docutils import nodes


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


def sphinx_config_inited(app, config):
    # Sphinx 5.3's imgmath writes image paths relative to the output root,
    # wrong for documents in subfolders: embed the images instead.
    config.imgmath_embed = True


def furo_builder_inited(app):
    if app.builder.format == "html" and app.config.html_theme == "furo":
        # Debian's furo.js imports Gumshoe as an ES module but is loaded as a
        # classic script; load the (UMD) Gumshoe first and strip the import.
        app.add_js_file("scripts/gumshoe-patched.js", priority=199)


def furo_build_finished(app, static):
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


def setup(app):
    app.connect("config-inited", sphinx_config_inited)
    app.connect("builder-inited", furo_builder_inited)
    app.connect("env-get-outdated", forget_vanished_doxygen_files,
                priority=400)
    app.connect("doctree-resolved", unique_ids)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
