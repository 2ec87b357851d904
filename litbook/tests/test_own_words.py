"""litbook's own words (the run-it box, the Run panel, captions, the
timing page, the language switch) are translated into every language
litbook ships a catalogue for: a msgid the extension uses but a catalogue
lacks would show English in a Korean or Japanese book."""
import ast
import glob
import os
import sys

import pytest

HERE = os.path.dirname(__file__)
EXT = os.path.join(HERE, "..", "sphinxext")
LOCALE = os.path.join(HERE, "..", "locale")
sys.path.insert(0, EXT)


def used_msgids():
    """Every literal msgid passed to words(lang, "...") in the extension,
    and the values of the runner's SCRIPT_WORDS."""
    found = {}
    for path in sorted(glob.glob(os.path.join(EXT, "*.py"))):
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and len(node.args) >= 2
                    and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("words", "w")
                    and isinstance(node.args[1], ast.Constant)
                    and isinstance(node.args[1].value, str)):
                found.setdefault(node.args[1].value, f"{os.path.basename(path)}:{node.lineno}")
    import litbook_runner
    for v in litbook_runner.SCRIPT_WORDS.values():
        found.setdefault(v, "litbook_runner.py SCRIPT_WORDS")
    return found


def test_the_scan_finds_the_extensions_words():
    used = used_msgids()
    assert "Run it yourself" in used and "Run" in used
    assert len(used) > 20


@pytest.mark.parametrize("lang", sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(LOCALE, "*.po"))))
def test_every_word_is_translated(lang):
    from babel.messages import pofile
    with open(os.path.join(LOCALE, f"{lang}.po"), "rb") as f:
        cat = pofile.read_po(f)
    have = {m.id for m in cat if m.id and m.string and not m.fuzzy}
    missing = [f"{where}: {msgid!r}" for msgid, where in sorted(used_msgids().items())
               if msgid not in have]
    assert not missing, f"litbook/locale/{lang}.po lacks:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(LOCALE, "*.po"))))
def test_no_message_is_defined_twice(lang):
    # (Babel keeps the last of two definitions silently; msgfmt refuses them.)
    import collections
    with open(os.path.join(LOCALE, f"{lang}.po"), encoding="utf-8") as f:
        ids = [l for l in f.read().split("\n") if l.startswith("msgid ")]
    twice = [i for i, n in collections.Counter(ids).items() if n > 1]
    assert not twice, f"litbook/locale/{lang}.po defines twice: {twice}"
