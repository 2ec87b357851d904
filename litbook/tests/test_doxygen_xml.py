"""doxygen_xml.py: the API's XML names headers relative to the API's folder,
also when the checkout's path holds Hangul (Doxygen 1.9.4's STRIP_FROM_PATH
then leaves the whole path)."""
import os
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
import doxygen_xml  # noqa: E402

DOXYGEN = shutil.which("doxygen")
HEADER = """#pragma once
namespace nn {
/// Zero below zero.
/// @param x the input
/// @return max(x, 0)
inline float relu(float x) { return x > 0 ? x : 0; }
}  // namespace nn
"""


def make_api(top):
    src = os.path.join(top, "src")
    os.makedirs(os.path.join(src, "nn"))
    with open(os.path.join(src, "nn", "relu.hpp"), "w") as f:
        f.write(HEADER)
    out = os.path.join(top, "out")
    with open(os.path.join(top, "Doxyfile"), "w") as f:
        f.write(f'OUTPUT_DIRECTORY = "{out}"\nINPUT = "{src}"\n'
                "RECURSIVE = YES\nFILE_PATTERNS = *.hpp\n"
                f'FULL_PATH_NAMES = YES\nSTRIP_FROM_PATH = "{src}"\n'
                f'STRIP_FROM_INC_PATH = "{src}"\nGENERATE_XML = YES\n'
                "GENERATE_HTML = NO\nGENERATE_LATEX = NO\nQUIET = YES\n"
                "WARNINGS = NO\n")
    return src, os.path.join(out, "xml")


def xml_text(xml):
    return "".join(open(os.path.join(xml, n), encoding="utf-8").read()
                   for n in sorted(os.listdir(xml)) if n.endswith(".xml"))


@pytest.mark.skipif(not DOXYGEN, reason="no doxygen")
@pytest.mark.parametrize("folder", ["my books 한글", "plain"])
def test_no_checkout_path_in_the_xml(tmp_path, folder):
    src, xml = make_api(os.path.join(tmp_path, folder))
    p = subprocess.run([sys.executable, doxygen_xml.__file__, "--input", src,
                        "--xml", xml, "--", DOXYGEN, "Doxyfile"],
                       cwd=os.path.dirname(src))
    assert p.returncode == 0
    text = xml_text(xml)
    assert src not in text
    assert 'location file="nn/relu.hpp"' in text


@pytest.mark.skipif(not DOXYGEN, reason="no doxygen")
def test_doxygen_alone_keeps_a_hangul_path(tmp_path):
    """Why the script exists: if this starts to fail, Doxygen strips the
    path itself and doxygen_xml.py can go."""
    src, xml = make_api(os.path.join(tmp_path, "책"))
    subprocess.run([DOXYGEN, "Doxyfile"], cwd=os.path.dirname(src),
                   check=True)
    assert src in xml_text(xml)


def test_a_failed_doxygen_is_passed_on(tmp_path):
    assert doxygen_xml.main(["--input", str(tmp_path), "--xml",
                                  str(tmp_path / "xml"), "--", "false"]) == 1


def test_no_xml_folder_is_an_error(tmp_path, capsys):
    assert doxygen_xml.main(["--input", str(tmp_path), "--xml",
                                  str(tmp_path / "xml"), "--", "true"]) == 1
    assert "wrote no XML folder" in capsys.readouterr().err
