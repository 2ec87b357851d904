"""A glued value that is a phrase of the example's catalogue is shown in
the reader's language; numbers and other values are shown as they are."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "sphinxext"))
import litbook_i18n  # noqa: E402

PO = '''msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "두 함수 모두 PyTorch와 비트까지 같습니다"
msgstr "both functions agree with PyTorch to the bit"

#, fuzzy
msgid "아직 번역 중입니다"
msgstr "still being translated"

msgctxt "comment"
msgid "주석입니다"
msgstr "a comment"
'''


def po_dir(tmp_path):
    (tmp_path / "en.po").write_text(PO, encoding="utf-8")
    return str(tmp_path)


def test_a_phrase_of_the_catalogue_is_translated(tmp_path):
    text, path = litbook_i18n.program_phrase(
        po_dir(tmp_path), "en", "두 함수 모두 PyTorch와 비트까지 같습니다")
    assert text == "both functions agree with PyTorch to the bit"
    assert path == str(tmp_path / "en.po")


def test_numbers_and_unknown_text_stay_as_they_are(tmp_path):
    d = po_dir(tmp_path)
    for value in ("0", "-0.41", "1.19e-07", "40.7%", "avx512",
                  "Intel(R) Xeon(R) Processor"):
        assert litbook_i18n.program_phrase(d, "en", value) == (value, None)


def test_fuzzy_entries_and_comments_are_not_phrases(tmp_path):
    d = po_dir(tmp_path)
    assert litbook_i18n.program_phrase(d, "en", "아직 번역 중입니다")[0] == \
        "아직 번역 중입니다"
    assert litbook_i18n.program_phrase(d, "en", "주석입니다")[0] == "주석입니다"


def test_a_language_without_a_catalogue_keeps_the_value(tmp_path):
    d = po_dir(tmp_path)
    assert litbook_i18n.program_phrase(d, "ja", "아직 번역 중입니다") == \
        ("아직 번역 중입니다", None)


def test_an_edited_catalogue_is_read_again(tmp_path):
    d = po_dir(tmp_path)
    phrase = "두 함수 모두 PyTorch와 비트까지 같습니다"
    litbook_i18n.program_phrase(d, "en", phrase)
    p = tmp_path / "en.po"
    p.write_text(PO.replace("to the bit", "bit for bit"), encoding="utf-8")
    os.utime(p, (1, 1))
    assert litbook_i18n.program_phrase(d, "en", phrase)[0] == \
        "both functions agree with PyTorch bit for bit"
