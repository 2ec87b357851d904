"""A copy of a font collection names the chosen face's shared CFF table."""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "sphinxext"))
import latex_fonts as lf  # noqa: E402


def cff(name):
    """A CFF table with only a header and a Name INDEX of one name."""
    data = name.encode("ascii")
    return (bytes([1, 0, 4, 1])            # header: v1.0, size 4, offSize 1
            + struct.pack(">HB", 1, 1)     # Name INDEX: count 1, offSize 1
            + bytes([1, 1 + len(data)]) + data)


def collection(cff_table, faces=2):
    """A .ttc of ``faces`` faces that all point at one CFF table."""
    head = 12 + 4 * faces
    dir_size = 12 + 16
    cff_at = head + faces * dir_size
    out = b"ttcf" + struct.pack(">HHI", 1, 0, faces)
    out += struct.pack(f">{faces}I",
                       *[head + i * dir_size for i in range(faces)])
    for _ in range(faces):
        out += struct.pack(">IHHHH", 0x4F54544F, 1, 16, 0, 0)
        out += struct.pack(">4sIII", b"CFF ", 0, cff_at, len(cff_table))
    return out + cff_table


def test_the_copy_carries_the_face_name_and_a_right_checksum(tmp_path):
    src = tmp_path / "Fam.ttc"
    src.write_bytes(collection(cff("FamCJKjp-Regular")))
    dst = tmp_path / "out.ttc"
    assert lf.named_copy(str(src), {1: "FamCJKkr-Regular"}, str(dst)) == [1]
    data = dst.read_bytes()
    face, faces = lf._tables(data, 1)
    _, off, length = face[b"CFF "]
    start, end = lf.cff_name_span(data, off)
    assert data[start:end] == b"FamCJKkr-Regular"
    table = data[off:off + length]
    for records in faces:  # both faces share the table and its checksum
        rec = records[b"CFF "][0]
        assert struct.unpack_from(">I", data, rec + 4)[0] == lf.checksum(table)
    assert src.read_bytes().count(b"FamCJKjp-Regular") == 1  # source intact


def test_a_name_already_right_or_of_another_length_is_left(tmp_path):
    src = tmp_path / "Fam.ttc"
    src.write_bytes(collection(cff("FamCJKkr-Regular")))
    dst = tmp_path / "out.ttc"
    assert lf.named_copy(str(src), {1: "FamCJKkr-Regular"}, str(dst)) == []
    assert lf.named_copy(str(src), {0: "FamMonoCJKkr-Regular"},
                         str(dst)) == []
    assert dst.read_bytes() == src.read_bytes()


def _write_copies(args):
    src, dst, n = args
    for _ in range(n):
        lf.named_copy(src, {1: "FamCJKkr-Regular"}, dst)
    return True


def test_two_builds_writing_one_copy_at_once_both_succeed(tmp_path):
    # The Korean and the English PDF are built at once and both copy the
    # same collection: neither may lose the other's temporary file.
    src = tmp_path / "Fam.ttc"
    src.write_bytes(collection(cff("FamCJKjp-Regular")) + bytes(8 << 20))
    dst = str(tmp_path / "out.ttc")
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(2) as pool:
        assert all(pool.map(_write_copies, [(str(src), dst, 15)] * 2))
    face, _ = lf._tables(open(dst, "rb").read(), 1)
    assert face[b"CFF "]
