#!/usr/bin/env python3
"""The code archive a reader downloads: every example of the book in the
reader's language, with what it needs to build on the reader's machine.

  code_archive.py --out FILE.tar.gz --name DIR --lang LANG --langs L...
      --root SRC --include-dir DIR --catalogs DIR --chapters NAME...
      [--dir REL...] --cmakelists FILE --readme FILE --epoch N

Inside DIR/: the book's CMakeLists.txt and README.md (from the given
templates; @LANG@ and @NAME@ are filled in), litbook/include/litbook/,
every --dir (relative to --root), and chapters/<name>/ with the reader's
copy of main.cpp (comments and messages in LANG, no markers), its compiled
catalogue (catalog.cpp), its data files and expected outputs. The archive
is reproducible: sorted, owned by root, dated --epoch.
"""
import argparse
import gzip
import io
import os
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import messages  # noqa: E402

SKIP_DIRS = {"locale", "__pycache__"}


def add(tar, arcname, data, epoch, mode=0o644):
    info = tarfile.TarInfo(arcname)
    info.size = len(data)
    info.mtime = epoch
    info.mode = mode
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    tar.addfile(info, io.BytesIO(data))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def files_under(root, rel):
    out = []
    for base, dirs, files in os.walk(os.path.join(root, rel)):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for f in sorted(files):
            if not f.endswith((".pyc", ".tmp")):
                path = os.path.join(base, f)
                out.append((os.path.relpath(path, root), path))
    return out


def main():
    ap = argparse.ArgumentParser()
    for opt in ("--out", "--name", "--lang", "--root", "--include-dir",
                "--catalogs", "--cmakelists", "--readme"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--langs", nargs="+", required=True)
    ap.add_argument("--chapters", nargs="+", required=True)
    ap.add_argument("--chapters-dir", default="chapters")
    ap.add_argument("--dir", nargs="*", default=[])
    ap.add_argument("--epoch", type=int, default=0)
    a = ap.parse_args()
    entries = {}

    def fill(path):
        text = read(path).decode("utf-8")
        return text.replace("@LANG@", a.lang).replace(
            "@NAME@", a.name).encode("utf-8")

    entries["CMakeLists.txt"] = fill(a.cmakelists)
    entries["README.md"] = fill(a.readme)
    for rel, path in files_under(a.include_dir, "litbook"):
        entries[f"litbook/include/{rel}"] = read(path)
    for d in a.dir:
        for rel, path in files_under(a.root, d):
            entries[rel] = read(path)
    for ch in a.chapters:
        cdir = os.path.join(a.root, a.chapters_dir, ch)
        for rel, path in files_under(os.path.join(a.root, a.chapters_dir),
                                     ch):
            if os.path.basename(path) == "main.cpp":
                continue
            entries[f"chapters/{rel}"] = read(path)
        main_cpp = os.path.join(cdir, "main.cpp")
        po_dir = os.path.join(cdir, "locale")
        if os.path.isdir(po_dir):
            lines = messages.reader_text(main_cpp, po_dir, a.lang,
                                         a.langs[0])
        else:
            with open(main_cpp, encoding="utf-8") as f:
                lines = [l for l in f.read().splitlines()
                         if not messages.MARKER.match(l)]
        entries[f"chapters/{ch}/main.cpp"] = (
            "\n".join(lines) + "\n").encode("utf-8")
        entries[f"chapters/{ch}/catalog.cpp"] = read(
            os.path.join(a.catalogs, f"{ch}.cpp"))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT,
                      pax_headers={}) as tar:
        for arc in sorted(entries):
            add(tar, f"{a.name}/{arc}", entries[arc], a.epoch)
    tmp = a.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                           compresslevel=9) as gz:
            gz.write(buf.getvalue())
    os.replace(tmp, a.out)


if __name__ == "__main__":
    try:
        main()
    except messages.Failure as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
