"""Listings in the reader's language, and what readers download.

A chapter's program is written in the book's source language. For a reader
of another language, the excerpts the book shows and the file the run-it
box offers have their comments taken from the chapter's catalogue
(``chapters/<chapter>/locale/<lang>.po``, see litbook/scripts/messages.py),
and the downloaded file has no excerpt markers.

The book's other sources (a library's, say) may be written in another
language: ``litbook_code_languages = {"src/nn": "en"}`` in conf.py says
that the comments of the files in src/nn are English. Their excerpts show
those comments as written to readers of that language, and from
``src/nn/locale/<lang>.po`` to every other reader (the comments inside
excerpt regions only: messages.py --regions). A file in no such directory
is in the book's source language.

Every excerpt marker of a file the book excerpts must be used by some
excerpt: an unused one fails the build (it is a listing nobody sees).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
import messages  # noqa: E402

MARKER = re.compile(r"^\s*(?://|#)\s*\[(/?)([A-Za-z0-9_-]+)\]\s*$")


class ListingError(Exception):
    pass


# The book's litbook_code_languages, checked (remember_config).
CODE = {"dirs": {}, "root": "", "gettext": False}


def po_dir_of(path):
    """The catalogue folder of a source, or None."""
    d = os.path.join(os.path.dirname(path), "locale")
    return d if os.path.isdir(d) else None


def code_language(path, source_lang, dirs=None, root=None):
    """(the language `path`'s comments are written in, whether it is a
    declared source outside the chapters)."""
    dirs = CODE["dirs"] if dirs is None else dirs
    root = CODE["root"] if root is None else root
    code = messages.code_language_of(path, root, dirs) if dirs else None
    return (code, True) if code else (source_lang, False)


def source_lines(path, lang, source_lang, keep_markers, dirs=None,
                 root=None):
    """The lines of `path` as a reader of `lang` sees them (`dirs` and
    `root`: litbook_code_languages and the top of the book, by default
    the book's own)."""
    written_in, declared = code_language(path, source_lang, dirs, root)
    if declared and CODE["gettext"]:
        # Extracting the prose's messages (the gate, update-po): listings
        # are not among them, and the gate checks these catalogues itself
        # (so that update-po can fill in a new comment's entry).
        lang = written_in
    po_dir = po_dir_of(path)
    if declared and po_dir is None and lang != written_in:
        po_dir = os.path.join(os.path.dirname(path), "locale")  # missing
    if po_dir is None or not path.endswith((".cpp", ".hpp")):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        return lines if keep_markers else [l for l in lines
                                           if not MARKER.match(l)]
    try:
        return messages.reader_text(path, po_dir, lang, written_in,
                                    keep_markers=keep_markers,
                                    regions_only=declared)
    except messages.Failure as e:
        raise ListingError(str(e))


def remember_config(app, config):
    """Checks litbook_code_languages (a bad entry fails the build)."""
    from sphinx.errors import ConfigError
    root = config.litbook_source_root or os.path.dirname(app.confdir)
    try:
        CODE["dirs"] = messages.code_dirs(config.litbook_code_languages,
                                          root)
    except messages.Failure as e:
        raise ConfigError(str(e))
    CODE["root"] = root


def remember_builder(app):
    CODE["gettext"] = app.builder.name == "gettext"


def markers_of(path):
    with open(path, encoding="utf-8") as f:
        return {m.group(2) for m in map(MARKER.match, f.read().splitlines())
                if m and m.group(1) == ""}


def note_excerpt(env, path, marker):
    used = env.__dict__.setdefault("litbook_excerpts", {})
    used.setdefault(env.docname, set()).add((path, marker))
    # the listing changes with the catalogue it was translated from
    po_dir = po_dir_of(path)
    lang = env.config.language
    if po_dir and os.path.exists(messages.po_path(po_dir, lang)):
        env.note_dependency(messages.po_path(po_dir, lang))


def purge_doc(app, env, docname):
    getattr(env, "litbook_excerpts", {}).pop(docname, None)
    getattr(env, "litbook_downloads", {}).pop(docname, None)


def merge_info(app, env, docnames, other):
    for attr in ("litbook_excerpts", "litbook_downloads"):
        mine = env.__dict__.setdefault(attr, {})
        for d in docnames:
            if d in getattr(other, attr, {}):
                mine[d] = getattr(other, attr)[d]


def check_unused_markers(app, env):
    """Fails on a marker that no excerpt of the book uses."""
    if env.config.litbook_only:
        return  # a partial book does not show every listing
    used = {}
    for pairs in getattr(env, "litbook_excerpts", {}).values():
        for path, marker in pairs:
            used.setdefault(path, set()).add(marker)
    from sphinx.util import logging
    log = logging.getLogger(__name__)
    root = env.config.litbook_source_root
    for path in sorted(used):
        for marker in sorted(markers_of(path) - used[path]):
            log.error(f"{os.path.relpath(path, root)}: marker '[{marker}]' "
                      "is used by no excerpt (remove it, or show it)")


def note_download(env, chapter, name, text):
    d = env.__dict__.setdefault("litbook_downloads", {})
    d.setdefault(env.docname, {})[(chapter, name)] = text


def download_uri(chapter, name):
    return f"_downloads/examples/{chapter}/{name}"


def write_downloads(app, exc):
    """The reader's copies of the examples, into the HTML output."""
    if exc or app.builder.name not in ("html", "dirhtml"):
        return
    for files in getattr(app.env, "litbook_downloads", {}).values():
        for (chapter, name), text in files.items():
            path = os.path.join(app.outdir, download_uri(chapter, name))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)


def archive_file(config, lang):
    """The code archive of `lang` (litbook_add_archive), or None."""
    if not config.litbook_archive:
        return None
    path = os.path.join(config.litbook_build_dir, "archive",
                        f"{config.litbook_archive}-{lang}.tar.gz")
    return path if os.path.exists(path) else None


def setup(app):
    app.add_config_value("litbook_code_languages", {}, "env")
    app.connect("config-inited", remember_config)
    app.connect("builder-inited", remember_builder)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-check-consistency", check_unused_markers)
    app.connect("build-finished", write_downloads)
