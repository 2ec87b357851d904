"""Program messages and listing comments: extraction, the gate, the
reader's copy (litbook/scripts/messages.py)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
import messages  # noqa: E402

SOURCE = '''// 첫 줄 설명.
//
// 둘째 문단.
#include <litbook/example.hpp>

// [step]
// 한 단계를 실행합니다.
void step(litbook::Example& ex) {
  ex.println("합: {}", 3);  // 끝에 붙은 주석
  fmt::print("{}\\n", "fmt는 메시지가 아님");
  ex.print("  {}: {}", 1, 2);
  const char* s = "// 문자열 안의 주석 아님";
  ex.println("여러 "
             "조각");
}
// [/step]

int main(int argc, char** argv) {
  litbook::Example ex(argc, argv, litbook::msg("예제 \\"따옴표\\""));
  step(ex);
  return ex.finish();
}
'''

EN = {
    "합: {}": "sum: {}",
    "여러 조각": "several pieces",
    '예제 "따옴표"': 'the "quoted" example',
    "comment|첫 줄 설명.\n\n둘째 문단.": "First line.\n\nSecond paragraph.",
    "comment|한 단계를 실행합니다.": "Runs one step.",
    "comment|끝에 붙은 주석": "a trailing comment",
}


@pytest.fixture
def book(tmp_path):
    src = tmp_path / "main.cpp"
    src.write_text(SOURCE, encoding="utf-8")
    po_dir = tmp_path / "locale"
    return src, po_dir


def args(src, po_dir, **kw):
    class A:
        pass
    a = A()
    a.source, a.po_dir, a.langs, a.root = [str(src)], str(po_dir), \
        ["ko", "en"], None
    a.project, a.out, a.lang, a.legacy = "t", None, None, False
    for k, v in kw.items():
        setattr(a, k, v)
    return a


def translate(po, table):
    cat = messages.read_po(po, "en")
    for m in cat:
        key = ("comment|" if m.context == "comment" else "") + str(m.id)
        if m.id and key in table:
            m.string = table[key]
            m.flags.discard("fuzzy")
    messages.write_po(po, cat)


def test_extracts_messages_not_fmt_strings_nor_fieldless_ones(book):
    src, _ = book
    cat = messages.extract([str(src)], None)
    ids = {m.id for m in cat if m.id and m.context is None}
    assert ids == {"합: {}", "여러 조각", '예제 "따옴표"'}


def test_extracts_comment_blocks_and_trailing_comments_not_markers(book):
    src, _ = book
    cat = messages.extract([str(src)], None)
    comments = {m.id for m in cat if m.context == "comment"}
    assert comments == {"첫 줄 설명.\n\n둘째 문단.", "한 단계를 실행합니다.",
                        "끝에 붙은 주석"}


def test_gate_names_the_catalogue_and_the_untranslated_entry(book):
    src, po_dir = book
    messages.update(args(src, po_dir))
    with pytest.raises(messages.Failure) as e:
        messages.check(args(src, po_dir))
    assert str(po_dir / "en.po") in str(e.value)
    assert "untranslated message: '합: {}'" in str(e.value)
    assert "untranslated comment" in str(e.value)


def test_gate_refuses_fuzzy_and_a_lost_field(book):
    src, po_dir = book
    messages.update(args(src, po_dir))
    po = str(po_dir / "en.po")
    translate(po, dict(EN, **{"합: {}": "sum"}))
    with pytest.raises(messages.Failure, match="another number of"):
        messages.check(args(src, po_dir))
    translate(po, EN)
    cat = messages.read_po(po, "en")
    cat.get("여러 조각").flags.add("fuzzy")
    messages.write_po(po, cat)
    with pytest.raises(messages.Failure, match="fuzzy message"):
        messages.check(args(src, po_dir))


def test_complete_catalogue_passes_and_changed_source_goes_fuzzy(book):
    src, po_dir = book
    messages.update(args(src, po_dir))
    translate(str(po_dir / "en.po"), EN)
    messages.check(args(src, po_dir))
    src.write_text(SOURCE.replace("합: {}", "합계: {}"), encoding="utf-8")
    messages.update(args(src, po_dir))
    with pytest.raises(messages.Failure, match="합계"):
        messages.check(args(src, po_dir))


def test_reader_copy_has_no_markers_and_speaks_english(book):
    src, po_dir = book
    messages.update(args(src, po_dir))
    translate(str(po_dir / "en.po"), EN)
    lines = messages.reader_text(str(src), str(po_dir), "en", "ko")
    text = "\n".join(lines)
    assert "[step]" not in text and "[/step]" not in text
    assert "// First line.\n//\n// Second paragraph." in text
    assert 'ex.println("sum: {}", 3);  // a trailing comment' in text
    assert 'ex.println("several pieces");' in text
    assert r'litbook::msg("the \"quoted\" example")' in text
    assert '"// 문자열 안의 주석 아님"' in text  # a string is not a comment
    assert "fmt는 메시지가 아님" in text
    ko = messages.reader_text(str(src), str(po_dir), "ko", "ko")
    assert "// [step]" not in "\n".join(ko)
    assert "// 한 단계를 실행합니다." in ko


def test_compiled_table_knows_messages_by_every_translation(book, tmp_path):
    src, po_dir = book
    messages.update(args(src, po_dir))
    translate(str(po_dir / "en.po"), EN)
    out = tmp_path / "catalog.cpp"
    messages.compile_table(args(src, po_dir, out=str(out)))
    text = out.read_text(encoding="utf-8")
    assert '{"합: {}", chapter_t' in text
    assert '{"sum: {}", chapter_t' in text  # the reverse entry
    keys = [l.split('"')[1] for l in text.splitlines()
            if l.startswith('    {"') and "chapter_t" in l]
    assert keys == sorted(keys, key=lambda k: k.encode())
