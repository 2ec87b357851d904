"""What a saved file needs rebuilt, and where a build's errors point.

The preview server (serve.py) watches the book's inputs; for a set of
changed files, plan() says which steps to run, from the book's manifest
(<build>/litbook-serve.json, written by LitBook.cmake):

  file                                  steps
  docs/**.rst, _templates, _static      Sphinx (it rereads only the pages
                                        whose source or recorded
                                        dependencies changed)
  docs/locale/<lang>/**.po              compile the catalogue (target
                                        `locale`), Sphinx in <lang>
  docs/conf.py, litbook's sphinxext     a fresh Sphinx (the configuration or
                                        the extension's code changed)
  chapters/NN-slug/** (main.cpp, its    the chapter's program: compile, run,
  catalogues, expected outputs, data)   check; its figures, when the run
                                        changed their data; then, in the
                                        background, its WebAssembly program
                                        (CMake target wasm-NN-slug) and the
                                        rest of chapter-NN-slug
  figures/NN-slug.gp, .labels.tsv       the figures of that chapter only
  C/C++ files elsewhere (the library,   CMake target `figures`: every
  litbook's headers), CMake files       chapter whose program depends on it
  anything else (tests, README, ...)    nothing

The translation gate runs after any change of the prose or a catalogue.

problems() turns a step's output into (file, line, message) entries: the
formats of g++, Sphinx, gnuplot, the run check's diff and litbook's own
"error: FILE: ..." lines.
"""
import os
import re
from dataclasses import dataclass, field

CXX = (".cpp", ".hpp", ".h", ".cc", ".cxx", ".hh", ".ipp", ".inl")
# Editors' scratch files: never an input.
SCRATCH = re.compile(r"(^\.#|^#.*#$|~$|\.sw[a-z]$|^\.~|\.tmp$|^4913$)")


@dataclass
class Plan:
    sphinx: bool = False          # rebuild the HTML (incremental)
    restart: bool = False         # ... with a fresh Sphinx application
    gate: bool = False            # run the translation gate
    reconfigure: bool = False     # CMake files changed: reread the manifest
    chapters: set = field(default_factory=set)   # cmake --build chapter-X
    figures: set = field(default_factory=set)    # replot chapter X
    scripts: set = field(default_factory=set)    # ... whose .gp or labels changed
    all_chapters: bool = False    # cmake --build --target figures
    locale: set = field(default_factory=set)     # catalogues of languages
    ignored: list = field(default_factory=list)

    def empty(self):
        return not (self.sphinx or self.chapters or self.figures
                    or self.all_chapters or self.locale or self.gate
                    or self.reconfigure)

    def merge(self, other):
        for k in ("sphinx", "restart", "gate", "reconfigure",
                  "all_chapters"):
            setattr(self, k, getattr(self, k) or getattr(other, k))
        self.chapters |= other.chapters
        self.figures |= other.figures
        self.scripts |= other.scripts
        self.locale |= other.locale
        self.ignored += other.ignored
        return self

    def describe(self):
        parts = []
        if self.reconfigure:
            parts.append("CMake configuration")
        if self.all_chapters:
            parts.append("every chapter")
        if self.chapters:
            parts.append("chapter " + ", ".join(sorted(self.chapters)))
        only_figs = self.figures - self.chapters
        if only_figs and not self.all_chapters:
            parts.append("figures of " + ", ".join(sorted(only_figs)))
        if self.locale:
            parts.append("catalogues " + ", ".join(sorted(self.locale)))
        if self.sphinx:
            parts.append("fresh Sphinx" if self.restart else "pages")
        if self.gate:
            parts.append("translation gate")
        return "; ".join(parts) or "nothing"


def _under(path, root):
    if not root:
        return None
    rel = os.path.relpath(path, root)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel


def classify(path, m):
    """The Plan for one changed file (absolute path) of the book whose
    manifest is `m`."""
    p = Plan()
    path = os.path.abspath(path)
    name = os.path.basename(path)
    if SCRATCH.search(name):
        p.ignored.append(path)
        return p
    for chapter, c in m["chapters"].items():
        if path in (c.get("script"), c.get("labels")):
            p.figures.add(chapter)
            p.scripts.add(chapter)
            p.sphinx = True
            return p
        if _under(path, c["dir"]) is not None:
            p.chapters.add(chapter)
            p.figures.add(chapter)
            p.sphinx = True
            return p
    rel = _under(path, m["sphinx"]["srcdir"])
    if rel is not None:
        parts = rel.split(os.sep)
        if parts[0] == "locale":
            if name.endswith(".po") and len(parts) > 1:
                p.locale.add(parts[1])
                p.sphinx = p.gate = True
            else:
                p.ignored.append(path)
            return p
        if name == "CMakeLists.txt":
            p.reconfigure = p.sphinx = True
            return p
        p.sphinx = True
        p.gate = name.endswith(".rst")
        p.restart = rel == "conf.py"
        return p
    if _under(path, os.path.join(m["litbook_dir"], "sphinxext")) is not None:
        p.sphinx = p.restart = True
        return p
    if name == "CMakeLists.txt" or name.endswith(".cmake"):
        p.reconfigure = p.all_chapters = p.sphinx = True
        return p
    if name.endswith(CXX):
        p.all_chapters = p.sphinx = True
        return p
    p.ignored.append(path)
    return p


def plan(paths, m):
    """The merged Plan for every changed file in `paths`."""
    total = Plan()
    for path in paths:
        total.merge(classify(path, m))
    return total


# -- errors ---------------------------------------------------------------

@dataclass
class Problem:
    file: str      # as printed (absolute or relative), or None
    line: int      # 1-based, or None
    message: str

    def where(self, root=None):
        if not self.file:
            return ""
        f = self.file
        if root and os.path.isabs(f):
            rel = _under(f, root)
            f = rel if rel is not None else f
        return f"{f}:{self.line}" if self.line else f


GCC = re.compile(r"^(?P<file>[^\s:][^:]*?):(?P<line>\d+):(?:\d+:)?\s*"
                 r"(?:fatal error|error):\s*(?P<msg>.*)$")
SPHINX = re.compile(r"^(?P<file>[^\s:][^:]*?)(?::(?:docstring of [^:]*:)?"
                    r"(?P<line>\d+)?)?:\s*(?P<kind>WARNING|ERROR|SEVERE|"
                    r"CRITICAL):\s*(?P<msg>.*)$")
GNUPLOT = re.compile(r'^\s*"(?P<file>[^"]+)" line (?P<line>\d+):\s*'
                     r'(?P<msg>.*)$')
DRIFT = re.compile(r"^(?:error: )?chapter (?P<ch>\S+) \[(?P<lang>[^\]]+)\]: output "
                   r"differs from (?P<file>.+)$")
LITBOOK = re.compile(r"^(?:litbook: )?error: (?P<file>/[^:\[]+?|[\w./-]+\."
                     r"(?:po|rst|gp|tsv|txt|cpp|hpp|py))(?: \[[^\]]*\])?:"
                     r"\s*(?P<msg>.*)$")
QUOTED = re.compile(r'message[^"\']*["\'](?P<id>.+?)["\']?\s*$')
GENERIC = re.compile(r"^(?:.*?: )?(?:error|Error|ERROR)\b:?\s*(?P<msg>.+)$")


def _first_change(lines, start):
    """The line of the expected file that the diff's first hunk changes."""
    for i in range(start, len(lines)):
        h = re.match(r"^@@ -(\d+)", lines[i])
        if not h:
            continue
        n = int(h.group(1))
        for d in lines[i + 1:]:
            if d.startswith((" ",)):
                n += 1
            elif d.startswith(("-", "+")):
                return max(n, 1)
            else:
                break
        return max(n, 1)
    return None


def _line_of(path, text):
    """The line of `path` where `text` (a message, maybe shortened with
    "...") appears, else None."""
    key = text.split("...")[0].split("…")[0].strip()
    if not key or not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                if key[:40] in line:
                    return n
    except OSError:
        return None
    return None


def problems(text):
    """The problems a step's output names, in order, without repeats."""
    out, seen = [], set()
    lines = text.splitlines()

    def add(f, n, msg):
        key = (f, n, msg.strip())
        if key not in seen:
            seen.add(key)
            out.append(Problem(f, int(n) if n else None, msg.strip()))

    for i, line in enumerate(lines):
        m = DRIFT.match(line)
        if m:
            add(m.group("file"), _first_change(lines, i + 1),
                f"output of {m.group('ch')} [{m.group('lang')}] differs "
                "from the expected output (make approve if intended)")
            continue
        m = GCC.match(line)
        if m and not line.startswith(("error: ", "make")):
            add(m.group("file"), m.group("line"), m.group("msg"))
            continue
        m = SPHINX.match(line)
        if m:
            add(m.group("file"), m.group("line"), m.group("msg"))
            continue
        m = GNUPLOT.match(line)
        if m:
            add(m.group("file"), m.group("line"), m.group("msg"))
            continue
        m = LITBOOK.match(line)
        if m:
            f, msg = m.group("file"), m.group("msg")
            q = QUOTED.search(msg)
            add(f, _line_of(f, q.group("id")) if q else None, msg)
    # A file named with a line makes its mentions without one redundant.
    lined = {p.file for p in out if p.line}
    out = [p for p in out if p.line or p.file not in lined]
    if not out:
        for line in lines:
            m = GENERIC.match(line.strip())
            if m and "build step failed" not in line:
                add(None, None, line.strip())
    return out
