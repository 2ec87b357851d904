"""The PDF names the face of a font collection that it uses.

A font collection (.ttc) such as Noto CJK holds one face per region (JP,
KR, SC, TC, HK) that share one CFF table of outlines; the faces differ in
their character maps and glyph substitutions. xdvipdfmx names an embedded
CFF font after the CFF table's own name, which is the first face's
("NotoSerifCJKjp-Regular"), so a book set in the KR face is listed by
pdffonts as the JP one. ``named_copy`` writes a copy of the collection
whose shared CFF name is the chosen face's PostScript name (same length:
"jp" -> "kr"), with the table checksums updated; the book's LaTeX loads
that copy, at the same face index, and the PDF names the face it uses.

``fontspec_preamble`` turns family names into the fontspec commands that
load them (from such copies when a face needs one).
"""
import hashlib
import os
import struct
import subprocess


class FontError(Exception):
    pass


def find_face(family, style):
    """``(file, index, postscript name)`` of a family's style (fc-match)."""
    out = subprocess.run(
        ["fc-match", "-f", "%{file}|%{index}|%{postscriptname}",
         f"{family}:style={style}"],
        stdout=subprocess.PIPE, text=True, check=True).stdout
    path, index, psname = out.split("|")
    return path, int(index or 0), psname


def _tables(data, index):
    """The table records of face ``index``: {tag: (record offset, offset,
    length)} and the offsets of every face's table directory."""
    if data[:4] != b"ttcf":
        raise FontError("not a font collection")
    count = struct.unpack_from(">I", data, 8)[0]
    dirs = struct.unpack_from(f">{count}I", data, 12)
    if index >= count:
        raise FontError(f"no face {index} (the collection has {count})")

    def records(start):
        n = struct.unpack_from(">H", data, start + 4)[0]
        out = {}
        for i in range(n):
            rec = start + 12 + 16 * i
            tag, _, off, length = struct.unpack_from(">4sIII", data, rec)
            out[tag] = (rec, off, length)
        return out

    return records(dirs[index]), [records(d) for d in dirs]


def cff_name_span(data, cff_offset):
    """Where the (first) font name of a CFF table is: (start, end)."""
    hdr_size = data[cff_offset + 2]
    at = cff_offset + hdr_size
    count = struct.unpack_from(">H", data, at)[0]
    if count < 1:
        raise FontError("CFF table without a font name")
    off_size = data[at + 2]

    def offset(i):
        p = at + 3 + i * off_size
        return int.from_bytes(data[p:p + off_size], "big")

    base = at + 3 + (count + 1) * off_size - 1
    return base + offset(0), base + offset(1)


def checksum(table):
    table = table + b"\0" * (-len(table) % 4)
    return sum(struct.unpack(f">{len(table) // 4}I", table)) & 0xFFFFFFFF


def named_copy(src, faces, dst):
    """Copy the collection ``src`` to ``dst`` with the CFF table of each
    face index of ``faces`` ({index: PostScript name}) carrying that name.
    Returns the faces whose CFF name had to change."""
    with open(src, "rb") as f:
        data = bytearray(f.read())
    renamed = []
    for index, psname in sorted(faces.items()):
        face, every = _tables(data, index)
        if b"CFF " not in face:
            continue
        _, off, length = face[b"CFF "]
        start, end = cff_name_span(data, off)
        old = bytes(data[start:end])
        new = psname.encode("ascii")
        if old == new:
            continue
        if len(old) != len(new):
            # A CFF shared by faces of two families (Noto Sans and Sans
            # Mono): it keeps the name the first face gave it.
            continue
        data[start:end] = new
        total = checksum(bytes(data[off:off + length]))
        for records in every:  # every face that shares this CFF table
            for rec, o, _ in records.values():
                if o == off:
                    struct.pack_into(">I", data, rec + 4, total)
        renamed.append(index)
    # (Several builds, one per language, may write the same copy at once:
    # each writes its own temporary file and renames it into place.)
    tmp = f"{dst}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, dst)
    return renamed


def fontspec_preamble(fonts, fontdir):
    r"""fontspec commands for ``fonts``, a list of (command, family,
    features): ``\setmainfont{file}[Path=..., FontIndex=..., BoldFont=...]``
    loading each collection face from a copy in ``fontdir`` whose CFF
    names are the faces' own; a family that is not in a collection is
    loaded by name."""
    wanted = {}  # source collection -> {index: PostScript name}
    plan = []
    for command, family, features in fonts:
        styles = {}
        for style in ("Regular", "Bold"):
            path, index, psname = find_face(family, style)
            if path.endswith((".ttc", ".otc")) and psname:
                wanted.setdefault(path, {})[index] = psname
                styles[style] = (os.path.basename(path), index)
        plan.append((command, family, list(features), styles))
    copies = {}
    for src, faces in wanted.items():
        # One copy per collection and set of faces (two languages that name
        # other faces of one collection get two copies, never one rewritten
        # under the other's feet).
        want = repr(sorted(faces.items()))
        stem, ext = os.path.splitext(os.path.basename(src))
        name = f"{stem}-{hashlib.sha1(want.encode()).hexdigest()[:8]}{ext}"
        copies[os.path.basename(src)] = name
        dst = os.path.join(fontdir, name)
        if os.path.exists(dst) and \
                os.path.getmtime(dst) >= os.path.getmtime(src):
            continue
        os.makedirs(fontdir, exist_ok=True)
        named_copy(src, faces, dst)
    lines = []
    for command, family, features, styles in plan:
        if "Regular" not in styles:
            lines.append(f"\\{command}{{{family}}}[{','.join(features)}]")
            continue
        name, index = styles["Regular"]
        name = copies[name]
        opts = [f"Path={fontdir}/", f"FontIndex={index}"] + features
        if "Bold" in styles:
            bname, bindex = styles["Bold"]
            bname = copies[bname]
            opts += [f"BoldFont={bname}",
                     f"BoldFeatures={{FontIndex={bindex}}}"]
        lines.append(f"\\{command}{{{name}}}[{','.join(opts)}]")
    return "\n".join(lines) + "\n"
