"""Comments of the book's other sources (a library's) in the reader's
language: conf.py's litbook_code_languages, the catalogues beside them
(messages.py --regions), the gate (i18n_gate.py) and the listings
(litbook_listings.py)."""
import argparse
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
LITBOOK = os.path.join(HERE, "..")
TOP = os.path.normpath(os.path.join(LITBOOK, ".."))
sys.path.insert(0, os.path.join(LITBOOK, "scripts"))
sys.path.insert(0, os.path.join(LITBOOK, "sphinxext"))
import i18n_gate  # noqa: E402
import litbook_listings  # noqa: E402
import messages  # noqa: E402

# A library source, written in English; only [kernel] is excerpted.
LIBRARY = '''// The file's header comment: never shown.
#include <cstddef>

// [kernel]
// Doubles every element.
void twice(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = 2 * x[i];  // no rounding
  fprintf(stderr, "println(\\"not a message\\")");
}
// [/kernel]

// Not in any excerpt.
void helper() {}
'''

KO = {"Doubles every element.": "모든 원소를 두 배로 만든다.",
      "no rounding": "반올림 없음"}
JA = {"Doubles every element.": "すべての要素を二倍にする。",
      "no rounding": "丸めなし"}


@pytest.fixture
def lib(tmp_path):
    d = tmp_path / "src" / "lib"
    d.mkdir(parents=True)
    src = d / "kernels.cpp"
    src.write_text(LIBRARY, encoding="utf-8")
    return tmp_path, src


def code(top, src, langs=("ko", "en")):
    return argparse.Namespace(
        source=[str(src)], po_dir=str(src.parent / "locale"),
        langs=list(langs), source_lang="en", regions=True, root=str(top),
        project="t")


def translate(po, lang, table):
    cat = messages.read_po(po, lang)
    for m in cat:
        if m.id in table:
            m.string = table[m.id]
            m.flags.discard("fuzzy")
    messages.write_po(po, cat)


def test_only_the_comments_inside_excerpts_are_offered(lib):
    top, src = lib
    cat = messages.extract([str(src)], str(top), regions_only=True)
    assert {(m.context, m.id) for m in cat if m.id} == {
        ("comment", "Doubles every element."), ("comment", "no rounding")}
    # a chapter's program: every comment and the messages, as before
    every = messages.extract([str(src)], str(top))
    assert "Not in any excerpt." in {m.id for m in every}


def test_update_writes_a_catalogue_per_language_but_the_code_one(lib):
    top, src = lib
    messages.update(code(top, src, ("ko", "en", "ja")))
    locale = src.parent / "locale"
    assert sorted(os.listdir(locale)) == ["ja.po", "ko.po"]
    cat = messages.read_po(str(locale / "ko.po"), "ko")
    entries = [m for m in cat if m.id]
    assert [(m.context, m.id, m.string) for m in entries] == [
        ("comment", "Doubles every element.", ""),
        ("comment", "no rounding", "")]
    assert entries[0].locations == [("src/lib/kernels.cpp", 5)]


def test_gate_names_the_catalogue_and_the_untranslated_or_fuzzy_comment(lib):
    top, src = lib
    m = code(top, src)
    messages.update(m)
    po = str(src.parent / "locale" / "ko.po")
    with pytest.raises(messages.Failure) as e:
        messages.check(m)
    assert (f"{po}: untranslated comment: 'Doubles every element.' "
            "(src/lib/kernels.cpp:5)") in str(e.value)
    translate(po, "ko", KO)
    messages.check(m)
    # the source comment changes: its translation goes fuzzy
    src.write_text(LIBRARY.replace("Doubles every", "Doubles each"),
                   encoding="utf-8")
    messages.update(m)
    with pytest.raises(messages.Failure) as e:
        messages.check(m)
    assert f"{po}: fuzzy comment: 'Doubles each element.'" in str(e.value)


def gate_args(top, langs=("ko", "en"), update=False):
    return argparse.Namespace(root=str(top), langs=list(langs),
                              code=["src/lib=en"], update=update)


def test_the_translation_gate_checks_and_updates_the_code_catalogues(lib):
    top, src = lib
    assert i18n_gate.code_catalogues(gate_args(top, update=True)) == []
    po = str(src.parent / "locale" / "ko.po")
    errors = i18n_gate.code_catalogues(gate_args(top))
    assert errors == [
        f"{po}: untranslated comment: 'Doubles every element.' "
        "(src/lib/kernels.cpp:5)",
        f"{po}: untranslated comment: 'no rounding' "
        "(src/lib/kernels.cpp:7)"]
    translate(po, "ko", KO)
    assert i18n_gate.code_catalogues(gate_args(top)) == []


def test_listings_speak_the_readers_language_from_the_code_language(lib):
    top, src = lib
    messages.update(code(top, src, ("ko", "en", "ja")))
    locale = src.parent / "locale"
    translate(str(locale / "ko.po"), "ko", KO)
    translate(str(locale / "ja.po"), "ja", JA)
    dirs = {"src/lib": "en"}

    def listing(lang):
        return litbook_listings.source_lines(str(src), lang, "ko", True,
                                             dirs, str(top))
    ko, en, ja = listing("ko"), listing("en"), listing("ja")
    assert en == LIBRARY.splitlines()  # the source language: as written
    assert "// 모든 원소를 두 배로 만든다." in ko
    assert ("  for (std::size_t i = 0; i < n; ++i) y[i] = 2 * x[i];"
            "  // 반올림 없음") in ko
    assert "// すべての要素を二倍にする。" in ja
    # outside the excerpts, and the literals: untouched in every language
    for lines in (ko, ja):
        assert "// The file's header comment: never shown." in lines
        assert "// Not in any excerpt." in lines
        assert '  fprintf(stderr, "println(\\"not a message\\")");' in lines
        assert "// [kernel]" in lines


def test_a_listing_fails_naming_the_catalogue_it_lacks(lib):
    top, src = lib
    with pytest.raises(litbook_listings.ListingError) as e:
        litbook_listings.source_lines(str(src), "ko", "ko", True,
                                      {"src/lib": "en"}, str(top))
    assert str(src.parent / "locale" / "ko.po") in str(e.value)
    messages.update(code(top, src))
    with pytest.raises(litbook_listings.ListingError,
                       match="no translation of the comment at"):
        litbook_listings.source_lines(str(src), "ko", "ko", True,
                                      {"src/lib": "en"}, str(top))


def test_code_dirs_refuses_a_bad_entry(lib):
    top, _ = lib
    assert messages.code_dirs({"src/lib/": "en"}, str(top)) == {
        "src/lib": "en"}
    for bad in ({"src/none": "en"}, {"src/lib": "english!"},
                {"../x": "en"}, ["src/lib"]):
        with pytest.raises(messages.Failure):
            messages.code_dirs(bad, str(top))


def test_code_dirs_command_reads_conf_py_and_exits_2_on_a_bad_one(lib):
    top, _ = lib
    conf = top / "conf.py"
    run = [sys.executable, os.path.join(LITBOOK, "scripts", "messages.py"),
           "code-dirs", "--conf", str(conf), "--root", str(top)]
    conf.write_text('litbook_code_languages = {"src/lib": "en"}\n')
    p = subprocess.run(run, capture_output=True, text=True)
    assert (p.returncode, p.stdout) == (0, "src/lib=en\n")
    conf.write_text('litbook_code_languages = {"src/gone": "en"}\n')
    p = subprocess.run(run, capture_output=True, text=True)
    assert p.returncode == 2 and "'src/gone'" in p.stderr


def test_the_korean_book_shows_kernels_cpp_with_korean_comments():
    """This book: src/nn is declared English, and src/nn/locale/ko.po
    translates every comment the book shows of kernels.cpp."""
    conf = os.path.join(TOP, "docs", "conf.py")
    dirs = messages.code_dirs(messages.read_conf(conf), TOP)
    src = os.path.join(TOP, "src", "nn", "kernels.cpp")
    assert messages.code_language_of(src, TOP, dirs) == "en"
    with open(src, encoding="utf-8") as f:
        original = f.read().splitlines()
    ko = litbook_listings.source_lines(src, "ko", "ko", True, dirs, TOP)
    en = litbook_listings.source_lines(src, "en", "ko", True, dirs, TOP)
    assert en == original
    # every comment of every excerpt, in Korean
    comments = [messages.code_part(ko[i])[1] for i in messages.regions(ko)
                if not litbook_listings.MARKER.match(ko[i])]
    comments = [c for c in comments if c and messages.has_letters(c)]
    assert len(comments) >= 10
    assert all(any("\uac00" <= c <= "\ud7a3" for c in line)
               for line in comments), comments


def test_the_gettext_build_shows_declared_sources_as_written(lib,
                                                             monkeypatch):
    """update-po extracts the prose with Sphinx's gettext builder before it
    merges the code catalogues: a comment not yet in them must not stop
    it (the gate checks the catalogues itself)."""
    top, src = lib
    monkeypatch.setitem(litbook_listings.CODE, "gettext", True)
    lines = litbook_listings.source_lines(str(src), "ko", "ko", True,
                                          {"src/lib": "en"}, str(top))
    assert lines == LIBRARY.splitlines()
