"""Language codes, and `litbook new` / `add-chapter` refusing bad input
without writing anything."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
import langs  # noqa: E402
import litbook_cli  # noqa: E402


def test_sphinx_codes_are_known_and_typos_are_not():
    assert {"ko", "en", "ja", "zh_CN", "de"} <= set(langs.known())
    assert langs.unknown(["jp", "en", "kr"]) == ["jp", "kr"]


def test_defaults_give_cjk_fonts_and_a_book_can_override():
    assert "KR" in langs.defaults("ko")["fonts"][0]
    assert "JP" in langs.defaults("ja")["fonts"][0]
    assert langs.defaults("en")["fonts"] == langs.LATIN
    assert langs.defaults("de")["search"] == "de"
    mine = langs.defaults("ko", {"ko": {"chapter": "{n}장"}})
    assert mine["chapter"] == "{n}장"


def test_new_writes_a_book(tmp_path, capsys):
    d = tmp_path / "book"
    assert litbook_cli.main(["new", str(d), "--title", "T",
                             "--langs", "en,ja"]) == 0
    assert (d / "chapters" / "01-first" / "main.cpp").exists()
    assert (d / "chapters" / "01-first" / "locale" / "ja.po").exists()
    assert (d / "docs" / "locale" / "ja" / "LC_MESSAGES" /
            "index.po").exists()
    assert "set(LITBOOK_LANGS en ja)" in (d / "CMakeLists.txt").read_text()


@pytest.mark.parametrize("argv, why", [
    (["--langs", "en,jp"], "unknown language code(s) jp"),
    (["--langs", "en,en"], "twice"),
    (["--langs", ""], "at least one"),
])
def test_new_refuses_bad_languages_and_writes_nothing(tmp_path, capsys,
                                                      argv, why):
    d = tmp_path / "book"
    assert litbook_cli.main(["new", str(d), "--title", "T", *argv]) == 2
    assert why in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_new_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "keep.txt").write_text("mine")
    assert litbook_cli.main(["new", str(tmp_path / "book"), "--title", "T",
                             "--langs", "en"]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["book"]
    assert os.listdir(tmp_path / "book") == ["keep.txt"]


def test_add_chapter_checks_its_slug_and_writes_nothing_when_refused(
        tmp_path, capsys):
    d = tmp_path / "book"
    litbook_cli.main(["new", str(d), "--title", "T", "--langs", "en,ja"])
    before = sorted(str(p) for p in d.rglob("*"))
    for slug, why in (("2-bad", "malformed"), ("02_bad", "malformed"),
                      ("01-first", "exists")):
        assert litbook_cli.main(["add-chapter", slug, "--book",
                                 str(d)]) == 2
        assert why in capsys.readouterr().err
        assert sorted(str(p) for p in d.rglob("*")) == before
    assert litbook_cli.main(["add-chapter", "02-more", "--book",
                             str(d)]) == 0
    assert (d / "chapters" / "02-more" / "expected.ja.txt").read_text() == ""
    assert "litbook_add_chapter(02-more)" in (
        d / "chapters" / "CMakeLists.txt").read_text()
    assert not [p for p in d.iterdir() if p.name.startswith(".litbook")]


def test_the_chapter_heading_follows_the_language_table():
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..",
                                    "sphinxext"))
    import litbook
    assert "{第#1章}" in litbook.chapter_heading("第{n}章", "")
    assert litbook.chapter_heading(
        "第{n}章", r"\newcommand{\litbookchaptername}[1]{#1}") == ""
    assert litbook.chapter_heading(None, "") == ""
