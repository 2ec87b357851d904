"""The terms checker: rejected variants are found in every kind of text a
reader sees, with file and line; quoted exceptions stand; bad tables exit 2."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
import terms  # noqa: E402

HEADER = "chapter\tko\ten\tko_rejected\ten_rejected\tko_def\ten_def\n"
ROWS = [
    "ch-a\t유닛\tunit\t뉴런\tre:\\bneurons?\\b\t층의 출력 하나.\tOne output.\n",
    "ch-a\t죽은 유닛\tdead unit\t죽은 뉴런\t\t늘 0.\tAlways 0.\n",
    "ch-b\t평균 제곱 오차\tmean squared error\t평균제곱오차\tMSE loss"
    "\t손실.\tA loss.\n",
    "ch-b\t배치\tbatch\tre:배치 \\d+개\t\t묶음.\tSamples together.\n",
]


def book(tmp_path, files, rows=ROWS):
    """A book at tmp_path with its table and the given files."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "terms.tsv").write_text(
        "# a comment\n" + HEADER + "".join(rows), encoding="utf-8")
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


def run(root, *extra):
    return terms.check(str(root), str(root / "docs" / "terms.tsv"),
                       ["ko", "en"], "ko", *extra)


def po(entries):
    out = ['msgid ""\nmsgstr ""\n"Language: en\\n"\n'
           '"Content-Type: text/plain; charset=UTF-8\\n"\n\n']
    for comment, msgid, msgstr in entries:
        out.append((f"# {comment}\n" if comment else "")
                   + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n')
    return "".join(out)


def test_a_rejected_variant_in_prose_names_file_and_line(tmp_path):
    root = book(tmp_path, {"docs/chapters/a.rst":
                           "제목\n====\n\n첫 문단입니다.\n\n"
                           "이 뉴런은 죽었습니다.\n"})
    assert run(root) == [
        "docs/chapters/a.rst:6: '뉴런' is a rejected variant of '유닛' "
        "(terms.tsv:3)"]


def test_the_longer_of_two_overlapping_variants_is_reported_once(tmp_path):
    root = book(tmp_path, {"docs/a.rst": "죽은 뉴런이 많습니다.\n"})
    found = run(root)
    assert len(found) == 1 and "'죽은 뉴런'" in found[0]


def test_code_math_roles_and_comments_are_not_prose(tmp_path):
    root = book(tmp_path, {"docs/a.rst":
                           "``뉴런`` :math:`뉴런` :val:`ch:뉴런`\n\n"
                           ".. 뉴런에 대한 주석\n   뉴런\n\n"
                           ".. math::\n\n   \\text{뉴런}\n\n"
                           ".. excerpt:: 뉴런.cpp 뉴런\n\n유닛입니다.\n"})
    assert run(root) == []


def test_figure_captions_are_prose(tmp_path):
    root = book(tmp_path, {"docs/a.rst":
                           ".. fig:: ch/name\n\n   죽은 뉴런의 수.\n\n"
                           "   대체 글.\n"})
    assert run(root) == [
        "docs/a.rst:3: '죽은 뉴런' is a rejected variant of '죽은 유닛' "
        "(terms.tsv:4)"]


def test_a_quoted_exception_stands_for_its_paragraph_only(tmp_path):
    root = book(tmp_path, {"docs/a.rst":
                           ".. terms: allow 죽은 뉴런\n\n"
                           '원문은 이것을 "죽은 뉴런"이라고 부릅니다.\n'
                           "둘째 줄도 같은 문단입니다: 죽은 뉴런.\n\n"
                           "다음 문단의 죽은 뉴런은 걸립니다.\n"})
    assert run(root) == [
        "docs/a.rst:6: '죽은 뉴런' is a rejected variant of '죽은 유닛' "
        "(terms.tsv:4)"]


def test_program_messages_and_comments_are_checked(tmp_path):
    root = book(tmp_path, {"chapters/01-a/main.cpp":
                           "// 평균제곱오차를 줄입니다.\n"
                           "int f(Ex& ex) {\n"
                           '  ex.println("배치 5개에서 {}", 1);\n'
                           '  const char* s = "뉴런";  // not a message\n'
                           "  return 0;  // 유닛 하나\n}\n"})
    assert run(root) == [
        "chapters/01-a/main.cpp:1: '평균제곱오차' is a rejected variant of "
        "'평균 제곱 오차' (terms.tsv:5)",
        "chapters/01-a/main.cpp:3: 're:배치 \\d+개' is a rejected variant of "
        "'배치' (terms.tsv:6)"]


def test_translations_and_labels_are_checked_per_language(tmp_path):
    root = book(tmp_path, {
        "docs/locale/en/LC_MESSAGES/chapters/a.po": po([
            (None, "문단", "A dead neuron and ``neurons``."),
            ("terms: allow MSE loss", "인용", "The article's \\\"MSE loss\\\"."),
            (None, "다른 문단", "The MSE loss."),
        ]),
        "chapters/01-a/locale/en.po": po([(None, "유닛", "neurons")]),
        "figures/01-a.labels.tsv": "key\tko\ten\nx\t뉴런\tunit\n"
                                   "y\t유닛\tneuron\n",
    })
    assert run(root) == [
        "figures/01-a.labels.tsv:2: '뉴런' is a rejected variant of '유닛' "
        "(terms.tsv:3)",
        "docs/locale/en/LC_MESSAGES/chapters/a.po:6: 're:\\bneurons?\\b' is "
        "a rejected variant of 'unit' (terms.tsv:3)",
        "docs/locale/en/LC_MESSAGES/chapters/a.po:13: 'MSE loss' is a "
        "rejected variant of 'mean squared error' (terms.tsv:5)",
        "chapters/01-a/locale/en.po:6: 're:\\bneurons?\\b' is a rejected "
        "variant of 'unit' (terms.tsv:3)",
        "figures/01-a.labels.tsv:3: 're:\\bneurons?\\b' is a rejected "
        "variant of 'unit' (terms.tsv:3)",
    ]


def test_ascii_variants_match_whole_words_whatever_the_case(tmp_path):
    rows = ROWS + ["ch-a\t층\tlayer\t레이어\tnode\t.\t.\n"]
    root = book(tmp_path, {"docs/locale/en/LC_MESSAGES/a.po": po([
        (None, "가", "A Node, nodes, anode and node_id."),
    ])}, rows)
    found = run(root)
    assert len(found) == 1 and "'node'" in found[0]


def test_the_command_exits_1_listing_every_use(tmp_path, capsys):
    root = book(tmp_path, {"docs/a.rst": "뉴런.\n\n평균제곱오차.\n"})
    assert terms.main(["--root", str(root), "--langs", "ko,en"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "docs/a.rst:1: '뉴런' is a rejected variant of '유닛' (terms.tsv:3)",
        "docs/a.rst:3: '평균제곱오차' is a rejected variant of '평균 제곱 "
        "오차' (terms.tsv:5)"]
    assert "2 uses of rejected variants" in out.err


def test_a_clean_book_passes(tmp_path):
    root = book(tmp_path, {"docs/a.rst": "유닛과 평균 제곱 오차.\n"})
    assert terms.main(["--root", str(root), "--langs", "ko,en"]) == 0


@pytest.mark.parametrize("table, error", [
    (None, "no table of terms"),
    ("chapter\tko\tko_def\n", "no column en, en_def"),
    ("ko\ten\tko_def\ten_def\n", "no column chapter"),
    (HEADER + "ch\t유닛\tunit\tre:(\t\t.\t.\n", "bad regular expression"),
    (HEADER + "ch\t\tunit\t\t\t.\t.\n", "no ko term"),
    (HEADER + "ch\t유닛\tunit\t\t\t.\t.\textra\n", "more fields"),
])
def test_bad_tables_exit_2_and_say_why(tmp_path, capsys, table, error):
    (tmp_path / "docs").mkdir()
    if table is not None:
        (tmp_path / "docs" / "terms.tsv").write_text(table, encoding="utf-8")
    assert terms.main(["--root", str(tmp_path), "--langs", "ko,en"]) == 2
    assert error in capsys.readouterr().err


def test_an_unknown_language_exits_2(tmp_path, capsys):
    root = book(tmp_path, {})
    assert terms.main(["--root", str(root), "--langs", "ko,en",
                       "--lang", "ja"]) == 2
    assert "--lang ja" in capsys.readouterr().err


def test_the_longer_variant_wins_where_both_start_together(tmp_path):
    rows = ROWS + ["ch-a\t유닛 층\tlayer of units\t뉴런 층\t\t.\t.\n"]
    root = book(tmp_path, {"docs/a.rst": "뉴런 층 하나.\n"}, rows)
    assert run(root) == [
        "docs/a.rst:1: '뉴런 층' is a rejected variant of '유닛 층' "
        "(terms.tsv:7)"]


def test_a_variant_broken_over_two_lines_is_found_on_its_first(tmp_path):
    root = book(tmp_path, {"docs/a.rst": "첫 줄입니다.\n\n이 문단의 평균 제곱\n"
                           "오차가 아니라 죽은\n뉴런입니다.\n"})
    assert run(root) == [
        "docs/a.rst:4: '죽은 뉴런' is a rejected variant of '죽은 유닛' "
        "(terms.tsv:4)"]


def test_label_rows_are_not_joined(tmp_path):
    root = book(tmp_path, {"figures/01-a.labels.tsv":
                           "key\tko\ten\nx\t죽은\tdead\ny\t뉴런\tunit\n"})
    assert run(root) == [
        "figures/01-a.labels.tsv:3: '뉴런' is a rejected variant of '유닛' "
        "(terms.tsv:3)"]


def test_the_content_of_only_and_containers_is_prose(tmp_path):
    root = book(tmp_path, {"docs/a.rst":
                           ".. only:: html\n\n   HTML판의 뉴런.\n\n"
                           ".. only:: not html\n\n   인쇄판의 뉴런.\n"})
    assert [f.split(":")[1] for f in run(root)] == ["3", "7"]


# The index (litbook_terms.IndexTerms): where a term is used, and the
# heading its entry stands under.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "sphinxext"))


def test_a_term_is_found_with_particles_plurals_and_any_case():
    import litbook_terms
    p = litbook_terms.term_pattern("dead unit")
    assert p.search("Two Dead units remain")
    assert p.search("dead\nunit")
    assert not p.search("deadunit") and not p.search("dead unitary")
    assert not litbook_terms.term_pattern("ReLU").search("PReLU")
    assert litbook_terms.term_pattern("희소성").search("희소성이라고")


def test_hangul_entries_stand_under_their_first_consonant():
    import litbook_terms
    assert litbook_terms.index_group("희소성") == "ㅎ"
    assert litbook_terms.index_group("그래디언트") == "ㄱ"
    assert litbook_terms.index_group("뻗기") == "ㅂ"
    assert litbook_terms.index_group("ReLU") is None
