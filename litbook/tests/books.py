"""What litbook's tests that build whole books share: a scratch copy of
litbook with its fixture book (fixture-book/, a small ko+en book with every
stage: an example, a figure, Doxygen, Sphinx HTML, LaTeX and EPUB), and the
file-by-file comparison of two built books."""
import filecmp
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
LITBOOK = os.path.dirname(HERE)
FIXTURE = os.path.join(HERE, "fixture-book")


def copy_fixture(scratch):
    """Copies litbook into scratch/litbook, its fixture book with it, but
    for Python's caches, compiled catalogues and the fixture book's build
    folders; returns the fixture book's folder in the copy (which finds
    its litbook two folders up)."""
    def ignore(folder, names):
        skip = {n for n in names
                if n == "__pycache__" or n.endswith((".pyc", ".mo"))}
        if os.path.abspath(folder) == FIXTURE:
            skip |= {n for n in names if n.startswith("build")}
        return skip
    shutil.copytree(LITBOOK, os.path.join(scratch, "litbook"), ignore=ignore)
    return os.path.join(scratch, "litbook", "tests", "fixture-book")


def files(top):
    out = set()
    for root, _, names in os.walk(top):
        for n in names:
            out.add(os.path.relpath(os.path.join(root, n), top))
    return out


def compare(dirs, parts=("html", "figures", "pdf"), ignore=(), books=None):
    """Compares book/<part> of two build directories (or <part> of two book
    folders, books) file by file, but for files named in ignore. Returns
    (number identical, list of problems)."""
    passed, failed = 0, []
    books = books or [os.path.join(d, "book") for d in dirs]
    for part in parts:
        tops = [os.path.join(b, part) for b in books]
        if not all(os.path.isdir(t) for t in tops):
            failed.append(f"{part}: missing from a build")
            continue
        names = files(tops[0]) | files(tops[1])
        for rel in sorted(names):
            if os.path.basename(rel) in ignore:
                continue
            p0, p1 = (os.path.join(t, rel) for t in tops)
            if not (os.path.isfile(p0) and os.path.isfile(p1)):
                failed.append(f"{part}/{rel}: only in one build")
            elif not filecmp.cmp(p0, p1, shallow=False):
                failed.append(f"{part}/{rel}: differs")
            else:
                passed += 1
    return passed, failed
