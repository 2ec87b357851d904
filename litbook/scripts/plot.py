#!/usr/bin/env python3
"""Render one chapter's figures for one language with a single gnuplot run.

The chapter's script (figures/<chapter>.gp) draws every figure of the chapter.
This driver gives it:
  datadir          directory of the chapter's data files (<name>.dat)
  lang             the language (a code of the book's languages)
  fig("name")      the output path of figure <name> in the current format
  L_<key>          each label of the chapter's table in the reader's language
  theme            "light" or "dark"
  C_bg C_text C_grid C_axis C_fg C_muted, C1..C7, C1f..C3f (faint C1..C3),
  R1..R5 (a ramp, faint to strong), H0..H2 (a heat map, low to high), D1..D6
  (dash types), P1..P6 (point types): the palette of the theme (PALETTES)
  litbook_style    a macro (@litbook_style) that colours text, border, tics
                   and key box; run it at the top and after every `reset`
and runs the script several times in the same gnuplot process: with the SVG
terminal (static figure: EPUB, and HTML without scripts), pdfcairo (LaTeX)
and gnuplot's interactive SVG (HTML), each in the light palette, and the two
SVGs again in the dark palette (HTML in a dark theme). Every figure drawn in
one format must be drawn in the others. Anything gnuplot prints on stderr
(errors, and warnings such as a column that does not exist) fails the figure.

The data of each figure: every file of datadir the script opens (plot or
stats) after `set output fig("name")` and before the next `set output
fig(...)` is that figure's data (fig() leaves a mark; the driver watches the
marks and the opens with inotify, in one queue). So a script reads what a
figure needs after its `set output`. They are
merged into one CSV, data/<name>.<lang>.csv: a first column naming the file,
then the union of the files' columns (the header row of each), and
data/<name>.<lang>.json says which files and columns it holds and gives each
column a header in the reader's language (the label of the same key, if the
table has one).

Results are written to a temporary directory and published only when all of
them are good; on failure the chapter's figures are removed, so the book never
shows a stale one.

Live figures (redrawn in the page by litbook_livefig.js when the in-page
runner re-runs the example): for every figure whose section of the script
(from its `set output fig("name")` to the next) is one `plot` of clauses
in the restricted form
  <file> using "xcol":"ycol" with lines|points|linespoints [lw N] [dt D]
         [lc rgb C] [pt P] [ps N] [title L_key | title "text" | notitle]
(<file>: a variable set to datadir."/f.dat", datadir."/f.dat" itself, or
"" for the previous file), live/<name>.<lang>.json gives the axis mapping
read from the interactive SVG (pixels <-> data, per theme) and, for each
plot element in order, its data file, columns, style and label. Before it
is published it is checked against the SVG gnuplot drew: as many
gnuplot_plot_N groups as elements, and every element redrawn from the
build's own data within a pixel of gnuplot's own coordinates.
live/index.<lang>.json lists the live figures and, for each other one,
why it is not (script:line: reason); --live NAME... fails the figure run
when one of those figures is not live.
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import timing

FONT = "Noto Sans CJK KR"

# The two palettes every figure script draws with (one definition for all
# scripts). Light: the figures as print and EPUB show them. Dark: for a dark
# page; text at least 4.5:1 against the background (checked below), curves
# and marks at least 3:1. Curves are told apart by more than colour: D<n>
# and P<n> give each its dash or point type.
PALETTES = {
    "light": {
        "C_bg": "#ffffff", "C_text": "#000000", "C_grid": "#d0d0d0",
        "C_axis": "#808080", "C_fg": "#000000", "C_muted": "#404040",
        "C1": "#1f77b4", "C2": "#ff7f0e", "C3": "#2ca02c", "C4": "#d62728",
        "C5": "#9467bd", "C6": "#7f7f7f", "C7": "#555555",
        "C1f": "#9ecae1", "C2f": "#fdd0a2", "C3f": "#a1d99b",
        "R1": "#c6dbef", "R2": "#9ecae1", "R3": "#6baed6", "R4": "#3182bd",
        "R5": "#08306b",
        "H0": "#ffffff", "H1": "#a9cbe8", "H2": "#4f8fcb",
    },
    "dark": {
        "C_bg": "#1a1c1e", "C_text": "#ececec", "C_grid": "#3a3d41",
        "C_axis": "#8a8f96", "C_fg": "#f0f0f0", "C_muted": "#b0b0b0",
        "C1": "#5aa9f0", "C2": "#ffa24d", "C3": "#5ccf5c", "C4": "#ff7070",
        "C5": "#c5a3f0", "C6": "#a8a8a8", "C7": "#c8c8c8",
        "C1f": "#2f5f8c", "C2f": "#8a5a2e", "C3f": "#357a35",
        "R1": "#35536f", "R2": "#3f6f9c", "R3": "#4f8fcb", "R4": "#7fb6ea",
        "R5": "#c4e2ff",
        "H0": "#23262a", "H1": "#1d4469", "H2": "#1f5488",
    },
}
# Dash types and point types, the same in both themes.
DASHES = {"D1": 1, "D2": 2, "D3": 3, "D4": 4, "D5": 5, "D6": 6}
POINTS = {"P1": 7, "P2": 5, "P3": 9, "P4": 11, "P5": 13, "P6": 6, "P7": 2}
# Pairs that must keep 4.5:1 (text) or 3:1 (lines, marks) in every theme.
CONTRAST = [("C_text", "C_bg", 4.5), ("C_text", "H0", 4.5),
            ("C_text", "H1", 4.5), ("C_text", "H2", 4.5),
            ("C_fg", "C_bg", 4.5)]
CONTRAST_DARK = [(c, "C_bg", 3.0) for c in
                 ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C_axis",
                  "C_muted", "R3", "R4", "R5")]
STYLE = ("set border lc rgb C_text; set tics textcolor rgb C_text; "
         "set title textcolor rgb C_text; set xlabel textcolor rgb C_text; "
         "set ylabel textcolor rgb C_text; set cblabel textcolor rgb C_text; "
         "set key box lc rgb C_text textcolor rgb C_text; set key nobox; "
         "set style line 100 lc rgb C_text; set colorbox border 100")


def luminance(hexcolour):
    h = hexcolour.lstrip("#")
    c = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
         for x in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_palettes():
    for theme, pal in PALETTES.items():
        pairs = CONTRAST + (CONTRAST_DARK if theme == "dark" else [])
        for fg, bg, need in pairs:
            got = contrast(pal[fg], pal[bg])
            if got < need:
                raise Failure(f"{__file__}: palette '{theme}': {fg} "
                              f"{pal[fg]} on {bg} {pal[bg]} has contrast "
                              f"{got:.2f}, below {need}")


def terminal(kind, bg):
    if kind == "pdf":
        return (f'set terminal pdfcairo size 5.4in,3.15in enhanced '
                f'font "{FONT},10" background rgb "{bg}"')
    mouse = " mouse standalone" if kind == "isvg" else ""
    return (f'set terminal svg size 720,420 dynamic enhanced{mouse} '
            f'font "{FONT},13" background rgb "{bg}"')


# What the script is run for: (kind, theme). Static SVG: EPUB, and HTML
# where scripts do not run; PDF for LaTeX; interactive SVG for HTML:
# gnuplot's own mouse script embedded (coordinates under the pointer, a
# click on a key entry toggles a curve). PDF and EPUB keep the light theme.
RUNS = [("svg", "light"), ("pdf", "light"), ("isvg", "light"),
        ("svg", "dark"), ("isvg", "dark")]
# Where each run is published, below the chapter's figure directory.
SUBDIR = {("svg", "light"): "", ("pdf", "light"): "",
          ("isvg", "light"): "interactive", ("svg", "dark"): "dark",
          ("isvg", "dark"): "interactive-dark"}
EXT = {"svg": "svg", "pdf": "pdf", "isvg": "svg"}


def run_key(kind, theme):
    return f"{kind}-{theme}"


class Failure(Exception):
    pass


def gp_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_labels(path, langs):
    """key -> {lang: text}; every key must have every language."""
    labels = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or rows[0][:1] != ["key"]:
        raise Failure(f"{path}: first row must be 'key<TAB>" +
                      "<TAB>".join(langs) + "'")
    header = rows[0]
    for lang in langs:
        if lang not in header:
            raise Failure(f"{path}: no column for language '{lang}'")
    for n, row in enumerate(rows[1:], start=2):
        if not row or row[0].startswith("#"):
            continue
        if len(row) != len(header):
            raise Failure(f"{path}:{n}: expected {len(header)} tab-separated "
                          f"fields, found {len(row)}")
        key = row[0]
        if not re.fullmatch(r"[A-Za-z0-9_]+", key):
            raise Failure(f"{path}:{n}: bad label key '{key}'")
        entry = dict(zip(header, row))
        for lang in langs:
            if not entry[lang].strip():
                raise Failure(f"{path}:{n}: label '{key}' has no "
                              f"'{lang}' text (translation missing)")
        labels[key] = entry
    return labels


def fix_pdf_dates(path, stamp):
    """cairo writes the current time into /CreationDate (and ignores
    SOURCE_DATE_EPOCH). Replace the digits in place, keeping the length so
    the cross-reference table stays valid."""
    with open(path, "rb") as f:
        data = f.read()

    def sub(m):
        digits = m.group(2)
        return m.group(1) + stamp[:len(digits)].ljust(len(digits), b"0")

    data = re.sub(rb"(/(?:CreationDate|ModDate) \(D:)(\d+)", sub, data)
    with open(path, "wb") as f:
        f.write(data)


def unique_svg_ids(path):
    """gnuplot's SVG repeats ids (e.g. gnuplot_plot_1 for a curve and its
    key entry); XML, and so EPUB, wants each id once."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    seen = {}

    def sub(m):
        i = m.group(1)
        seen[i] = seen.get(i, 0) + 1
        return m.group(0) if seen[i] == 1 else f'id="{i}-{seen[i]}"'

    fixed = re.sub(r'\bid="([^"]+)"', sub, text)
    if fixed != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(fixed)


class OpenWatch:
    """Which files are opened, in order, in a few directories (Linux
    inotify through libc: one queue, so the order of events across the
    watched directories is the order of the opens)."""
    IN_CLOSE_WRITE, IN_OPEN, IN_Q_OVERFLOW = 0x08, 0x20, 0x4000
    IN_NONBLOCK = 0o4000

    def __init__(self):
        import ctypes
        import ctypes.util
        self.libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6",
                                use_errno=True)
        self.fd = self.libc.inotify_init1(self.IN_NONBLOCK)
        if self.fd < 0:
            raise Failure("inotify is not available: cannot tell which data "
                          f"files each figure reads (errno "
                          f"{ctypes.get_errno()})")
        self.dirs = {}

    def watch(self, path, tag, mask):
        wd = self.libc.inotify_add_watch(self.fd, os.fsencode(path), mask)
        if wd < 0:
            raise Failure(f"cannot watch {path} with inotify")
        self.dirs[wd] = tag

    def events(self):
        """[(tag, "open" or "close", file name)] since the last call."""
        import struct
        out = []
        while True:
            try:
                buf = os.read(self.fd, 65536)
            except BlockingIOError:
                return out
            i = 0
            while i < len(buf):
                wd, mask, _, n = struct.unpack_from("iIII", buf, i)
                name = buf[i + 16:i + 16 + n].rstrip(b"\0").decode()
                i += 16 + n
                if mask & self.IN_Q_OVERFLOW:
                    raise Failure("inotify queue overflowed")
                if wd in self.dirs and name:
                    what = "close" if mask & self.IN_CLOSE_WRITE else "open"
                    out.append((self.dirs[wd], what, name))

    def close(self):
        os.close(self.fd)


def read_dat(path):
    """A data file of the example: a header row of column names, then rows
    of whitespace-separated values (blank and # lines skipped)."""
    with open(path, encoding="utf-8") as f:
        rows = [l.split() for l in f if l.strip() and not l.startswith("#")]
    if not rows:
        raise Failure(f"{path}: empty data file")
    head = rows[0]
    for n, r in enumerate(rows[1:], start=2):
        if len(r) != len(head):
            raise Failure(f"{path}: row {n} has {len(r)} fields, the header "
                          f"{len(head)}")
    return head, rows[1:]


def file_header(lang):
    """The heading of the CSV's first column in the reader's language."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(
        __file__)), "..", "sphinxext"))
    import litbook_i18n
    return litbook_i18n.words(lang, "file")


def write_data(a, labels, files, dst_csv, dst_json):
    """Merge the data files of one figure into a CSV (first column: the
    file) and describe it in a JSON file for the book's table."""
    columns, tables = [], []
    for fname in files:
        head, rows = read_dat(os.path.join(a.data, fname))
        tables.append((fname, head, rows))
        columns += [c for c in head if c not in columns]
    with open(dst_csv, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file"] + columns)
        for fname, head, rows in tables:
            for r in rows:
                cell = dict(zip(head, r))
                w.writerow([fname] + [cell.get(c, "") for c in columns])
    headers = [file_header(a.lang)] + [
        labels[c][a.lang] if c in labels else c for c in columns]
    info = {"files": files, "columns": ["file"] + columns,
            "headers": headers,
            "rows": sum(len(rows) for _, _, rows in tables)}
    with open(dst_json, "w", encoding="utf-8") as f:
        json.dump(info, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


# -- Live figures -----------------------------------------------------------

LIVE_STYLES = ("lines", "points", "linespoints")
# What the mouse script of gnuplot's interactive SVG says about the axes.
AXIS_KEYS = ("plot_xmin", "plot_xmax", "plot_ybot", "plot_ytop",
             "plot_axis_xmin", "plot_axis_xmax", "plot_axis_ymin",
             "plot_axis_ymax", "plot_logaxis_x", "plot_logaxis_y")
# How far (pixels) a redrawn point may be from gnuplot's own.
LIVE_TOLERANCE = 1.0


def gp_statements(path):
    """The script's statements as (line number, text): continuation lines
    joined, comments and blank lines dropped, `;` splits statements."""
    with open(path, encoding="utf-8") as f:
        raw = f.read().split("\n")
    out, buf, start = [], "", None
    for n, line in enumerate(raw, start=1):
        if start is None:
            start = n
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        buf += line
        for part in split_top(strip_comment(buf), ";"):
            if part.strip():
                out.append((start, part.strip()))
        buf, start = "", None
    return out


def strip_comment(text):
    """The text before a `#` that is outside quotes."""
    quote = None
    for i, c in enumerate(text):
        if quote:
            if c == "\\" and quote == '"':
                continue
            if c == quote and text[i - 1:i] != "\\":
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#":
            return text[:i]
    return text


def split_top(text, sep):
    """Split at `sep` outside quotes, parentheses, brackets and braces."""
    parts, depth, quote, cur = [], 0, None, ""
    for i, c in enumerate(text):
        if quote:
            if c == quote and text[i - 1:i] != "\\":
                quote = None
        elif c in "\"'":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        cur += c
    parts.append(cur)
    return parts


GP_STR = r'"(?:[^"\\]|\\.)*"'
DATAFILE = re.compile(r'datadir\s*\.\s*"/([^"/\\]+)"$')
CLAUSE = re.compile(
    r'(?P<file>' + GP_STR + r'|[A-Za-z_]\w*|datadir\s*\.\s*' + GP_STR + r')'
    r'\s+using\s+"(?P<x>\w+)"\s*:\s*"(?P<y>\w+)"'
    r'\s+with\s+(?P<style>[a-z]+)(?P<rest>.*)$')
OPTION = re.compile(
    r'\s*(?:(?:lw|linewidth|ps|pointsize)\s+[0-9.]+'
    r'|(?:dt|pt)\s+\w+'
    r'|lc\s+rgb\s+(?:\w+|' + GP_STR + r')'
    r'|title\s+(?P<tkey>L_\w+)|title\s+(?P<tstr>' + GP_STR + r')'
    r'|(?P<notitle>notitle))')


SUB = str.maketrans("0123456789+-=()aeioux", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢₒᵤₓ")
SUP = str.maketrans("0123456789+-=()nix", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˣ")


def plain_text(text):
    """gnuplot's enhanced text as plain text: x_1 -> x₁, 10^{-3} -> 10⁻³
    (a character without a Unicode sub- or superscript is kept as is)."""
    def sub(m):
        body = m.group(2) if m.group(2) is not None else m.group(3)
        return body.translate(SUB if m.group(1) == "_" else SUP)
    text = re.sub(r"([_^])(?:\{([^{}]*)\}|(.))", sub, text)
    return re.sub(r"[{}]", "", text)


def gp_text(expr, labels, lang):
    """A label expression's text: L_<key> or a plain string; None if it is
    anything else."""
    expr = expr.strip()
    m = re.fullmatch(r"L_(\w+)", expr)
    if m:
        return (plain_text(labels[m.group(1)][lang]) if m.group(1) in labels
                else None)
    if re.fullmatch(GP_STR, expr):
        return plain_text(expr[1:-1].replace('\\"', '"')
                          .replace("\\\\", "\\"))
    return None


def parse_clause(text, files, prev, labels, lang):
    """One plot element, or the reason it is not understood."""
    m = CLAUSE.fullmatch(text.strip())
    if not m:
        return None, f"not of the form <file> using \"x\":\"y\" with " \
                     f"lines|points|linespoints: {text.strip()}"
    f = m.group("file")
    if f == '""':
        if prev is None:
            return None, '"" with no previous file'
        fname = prev
    elif f in files:
        fname = files[f]
    else:
        d = DATAFILE.fullmatch(f)
        if not d:
            return None, f"{f} is not a file of datadir"
        fname = d.group(1)
    if m.group("style") not in LIVE_STYLES:
        return None, f"style '{m.group('style')}' is not " + \
            "|".join(LIVE_STYLES)
    rest, label = m.group("rest"), None
    while rest.strip():
        o = OPTION.match(rest)
        if not o:
            return None, f"option not understood: {rest.strip()}"
        if o.group("tkey") or o.group("tstr"):
            label = gp_text(o.group("tkey") or o.group("tstr"), labels, lang)
            if label is None:
                return None, f"unknown label {o.group('tkey')}"
        elif o.group("notitle"):
            label = ""
        rest = rest[o.end():]
    return {"file": fname, "x": m.group("x"), "y": m.group("y"),
            "style": m.group("style"), "label": label or ""}, None


def parse_live(script, labels, lang):
    """(live, not_live): the figures of the script that can be redrawn
    from their data, {name: {title, xlabel, ylabel, elements, line}}, and
    the others, {name: "script:line: reason"}."""
    files, sections, cur = {}, {}, None
    titles = {}
    for n, st in gp_statements(script):
        m = re.fullmatch(r"(\w+)\s*=\s*(.+)", st)
        if m and not st.startswith(("set ", "plot ")):
            d = DATAFILE.fullmatch(m.group(2).strip())
            if d:
                files[m.group(1)] = d.group(1)
            else:
                files.pop(m.group(1), None)
            continue
        m = re.fullmatch(r'set\s+output\s+fig\("([^"]+)"\)', st)
        if m:
            cur = {"line": n, "plots": [], "why": None,
                   "title": None, "xlabel": None, "ylabel": None}
            cur.update({k: v for k, v in titles.items()})
            sections[m.group(1)] = cur
            continue
        m = re.fullmatch(r"set\s+(title|xlabel|ylabel)\s+(\S+)(?:\s.*)?", st)
        if m:
            titles[m.group(1)] = gp_text(m.group(2), labels, lang)
            if cur is not None:
                cur[m.group(1)] = titles[m.group(1)]
            continue
        m = re.fullmatch(r"unset\s+(title|xlabel|ylabel)", st)
        if m:
            titles[m.group(1)] = ""
            if cur is not None:
                cur[m.group(1)] = ""
            continue
        if re.match(r"reset\b", st):
            titles = {}
        if cur is None:
            continue
        if re.match(r"(set\s+)?multiplot\b|set\s+multi", st):
            cur["why"] = cur["why"] or f"{n}: multiplot"
        elif re.match(r"(plot|replot|splot)\b", st):
            cur["plots"].append((n, st))
        elif re.match(r"do\s", st):
            cur["why"] = cur["why"] or f"{n}: a do loop in the figure"
    live, not_live = {}, {}
    for name, sec in sections.items():
        why = sec["why"]
        if not why and len(sec["plots"]) != 1:
            why = (f"{sec['line']}: {len(sec['plots'])} plot commands "
                   "(one is live)")
        elements = []
        if not why:
            n, st = sec["plots"][0]
            m = re.match(r"plot\s+(.*)$", st)
            if not m or re.match(r"for\b|\[", m.group(1)):
                why = f"{n}: not a plain `plot` (ranges or a for loop)"
            else:
                prev = None
                for clause in split_top(m.group(1), ","):
                    el, reason = parse_clause(clause, files, prev, labels,
                                              lang)
                    if reason:
                        why = f"{n}: {reason}"
                        break
                    prev = el["file"]
                    elements.append(el)
        if why:
            not_live[name] = f"{script}:{why}"
        else:
            live[name] = {"title": sec["title"] or "",
                          "xlabel": sec["xlabel"] or "",
                          "ylabel": sec["ylabel"] or "",
                          "elements": elements, "line": sec["line"]}
    return live, not_live


def svg_axes(svg_text):
    """The axis mapping of an interactive SVG (from its mouse script)."""
    axes = {}
    for key in AXIS_KEYS:
        m = re.search(r"gnuplot_svg\." + key + r"\s*=\s*([-+0-9.eE]+);",
                      svg_text)
        if not m:
            return None
        axes[key] = float(m.group(1))
    axes["logx"] = bool(axes.pop("plot_logaxis_x"))
    axes["logy"] = bool(axes.pop("plot_logaxis_y"))
    return {k.replace("plot_", ""): v for k, v in axes.items()}


def to_pixel(axes, x, y):
    """Data -> pixel, as gnuplot's mouse script maps pixel -> data (None
    where a log axis has no value)."""
    import math

    def one(v, a0, a1, p0, p1, log):
        if log:
            if v <= 0 or a0 <= 0 or a1 <= 0:
                return None
            v, a0, a1 = math.log(v), math.log(a0), math.log(a1)
        return p0 + (v - a0) / (a1 - a0) * (p1 - p0)
    px = one(x, axes["axis_xmin"], axes["axis_xmax"], axes["xmin"],
             axes["xmax"], axes["logx"])
    py = one(y, axes["axis_ymin"], axes["axis_ymax"], axes["ybot"],
             axes["ytop"], axes["logy"])
    return None if px is None or py is None else (px, py)


def in_axes(axes, x, y):
    lo_x, hi_x = sorted((axes["axis_xmin"], axes["axis_xmax"]))
    lo_y, hi_y = sorted((axes["axis_ymin"], axes["axis_ymax"]))
    return lo_x <= x <= hi_x and lo_y <= y <= hi_y


def plot_nodes(g):
    """The elements of a plot group that draw its data: not its key entry
    (a `*_keyentry` group, and the group right after one, which holds the
    key's sample line when the key is not opaque)."""
    out, skip_next = [], False
    for child in g:
        if "_keyentry" in child.get("id", ""):
            skip_next = True
            continue
        if skip_next and child.tag.rsplit("}", 1)[-1] == "g":
            skip_next = False
            continue
        skip_next = False
        out.append(child)
        out += plot_nodes(child)
    return out


def svg_elements(svg_text):
    """For each gnuplot_plot_N group (its first occurrence: later ones are
    key entries), N -> (path vertices, point positions) in pixels."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(svg_text)
    found = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        m = re.fullmatch(r"gnuplot_plot_(\d+)", g.get("id", ""))
        if not m or int(m.group(1)) in found:
            continue
        verts, points = [], []
        for el in plot_nodes(g):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "path":
                nums = re.findall(r"[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?",
                                  el.get("d", ""))
                verts += [(float(nums[i]), float(nums[i + 1]))
                          for i in range(0, len(nums) - 1, 2)]
            elif tag == "use":
                t = re.search(r"translate\(([-0-9.]+),([-0-9.]+)\)",
                              el.get("transform", ""))
                if t:
                    points.append((float(t.group(1)), float(t.group(2))))
        found[int(m.group(1))] = (verts, points)
    return found


def seg_distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0 if L == 0 else max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / L))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def element_pixels(axes, el, datadir):
    """The element's data points in pixels: the runs of a line (broken
    where a value is missing), and the points inside the axes."""
    import math
    head, rows = read_dat(os.path.join(datadir, el["file"]))
    for c in (el["x"], el["y"]):
        if c not in head:
            raise Failure(f"{el['file']}: no column '{c}'")
    ix, iy = head.index(el["x"]), head.index(el["y"])
    runs, cur, inside = [], [], []
    for r in rows:
        try:
            x, y = float(r[ix]), float(r[iy])
        except ValueError:
            x = y = math.nan
        p = (to_pixel(axes, x, y) if math.isfinite(x) and math.isfinite(y)
             else None)
        if p is None:
            if cur:
                runs.append(cur)
            cur = []
            continue
        cur.append(p)
        if in_axes(axes, x, y):
            inside.append(p)
    if cur:
        runs.append(cur)
    return runs, inside


def check_live(fig, axes, svg_text, datadir):
    """None, or why the redrawn figure differs from gnuplot's SVG."""
    groups = svg_elements(svg_text)
    els = fig["elements"]
    if sorted(groups) != list(range(1, len(els) + 1)):
        return (f"the SVG has {len(groups)} gnuplot_plot groups, the plot "
                f"{len(els)} elements")
    tol = LIVE_TOLERANCE
    for i, el in enumerate(els, start=1):
        verts, points = groups[i]
        runs, inside = element_pixels(axes, el, datadir)
        what = f"element {i} ({el['file']} {el['x']}:{el['y']})"
        if el["style"] in ("lines", "linespoints"):
            if not verts and inside:
                return f"{what}: gnuplot drew no line"
            segs = [(r[k], r[k + 1]) for r in runs for k in range(len(r) - 1)]
            segs += [(r[0], r[0]) for r in runs if len(r) == 1]
            for v in verts:
                if not segs or min(seg_distance(v, a, b)
                                   for a, b in segs) > tol:
                    return (f"{what}: gnuplot's vertex {v} is off the "
                            "redrawn line")
            for p in inside:
                if not verts or min(abs(p[0] - v[0]) + abs(p[1] - v[1])
                                    for v in verts) > 2 * tol:
                    return f"{what}: data point {p} is not on gnuplot's line"
        if el["style"] in ("points", "linespoints"):
            if len(points) != len(inside):
                return (f"{what}: gnuplot drew {len(points)} points, the "
                        f"data has {len(inside)} inside the axes")
            for p, q in zip(inside, points):
                if abs(p[0] - q[0]) > tol or abs(p[1] - q[1]) > tol:
                    return f"{what}: point {q} redrawn at {p}"
    return None


def live_manifests(a, labels, svgs):
    """{name: manifest} of the live figures and {name: reason} of the
    others. svgs: theme -> name -> interactive SVG text."""
    live, not_live = parse_live(a.script, labels, a.lang)
    manifests = {}
    for name, fig in live.items():
        if name not in svgs["light"]:
            continue
        axes = {t: svg_axes(svgs[t][name]) for t in svgs}
        if None in axes.values():
            not_live[name] = (f"{a.script}:{fig['line']}: the interactive "
                              "SVG has no axis mapping")
            continue
        for theme, ax in axes.items():
            why = check_live(fig, ax, svgs[theme][name], a.data)
            if why:
                raise Failure(f"{a.script}:{fig['line']} [{a.lang}]: live "
                              f"figure {name} ({theme}) does not redraw as "
                              f"gnuplot drew it: {why}")
        manifests[name] = {
            "chapter": os.path.basename(a.outdir), "figure": name,
            "lang": a.lang, "title": fig["title"], "xlabel": fig["xlabel"],
            "ylabel": fig["ylabel"], "axes": axes,
            "elements": fig["elements"]}
    for name in svgs["light"]:
        if name not in manifests and name not in not_live:
            not_live[name] = (f"{a.script}: no section starts with "
                              f'`set output fig("{name}")`')
    for name in getattr(a, "live", None) or []:
        if name not in manifests:
            raise Failure(f"{not_live.get(name) or a.script}: figure "
                          f"{name} was asked to be live but is not")
    return manifests, {n: r for n, r in not_live.items()
                       if n in svgs["light"]}


def write_live(a, labels, tmp, names):
    """The manifests of the live figures and the index, in tmp/live."""
    svgs = {}
    for theme in ("light", "dark"):
        d = os.path.join(tmp, run_key("isvg", theme))
        svgs[theme] = {}
        for n in names:
            with open(os.path.join(d, f"{n}.{a.lang}.svg"),
                      encoding="utf-8") as f:
                svgs[theme][n] = f.read()
    manifests, not_live = live_manifests(a, labels, svgs)
    out = os.path.join(tmp, "live")
    os.makedirs(out)

    def dump(obj, fname):
        with open(os.path.join(out, fname), "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
    for n, m in manifests.items():
        dump(m, f"{n}.{a.lang}.json")
    # The script by its name alone: the book is the same wherever its
    # checkout is (the reasons of errors keep the whole path).
    script = os.path.basename(a.script)
    dump({"live": sorted(manifests),
          "not_live": {n: r.replace(a.script, script, 1)
                       for n, r in not_live.items()}},
         f"index.{a.lang}.json")
    return sorted(manifests)


def render(a):
    check_palettes()
    labels = read_labels(a.labels, a.all_langs)
    with tempfile.TemporaryDirectory(prefix="litbook-plot-") as tmp:
        # gnuplot reads a private copy of the data: which files a figure
        # read is seen by watching that folder, and the runs of the other
        # languages, drawing from the same data at the same time, must not
        # be seen (their reads made a figure's data table take in files it
        # was not drawn from, now and then: two clean builds differed).
        private = os.path.join(tmp, "datain")
        shutil.copytree(a.data, private)
        lines = [
            "set encoding utf8",
            f"datadir = {gp_string(private)}",
            f"lang = {gp_string(a.lang)}",
        ]
        for key, entry in sorted(labels.items()):
            lines.append(f"L_{key} = {gp_string(entry[a.lang])}")
        for key, value in sorted({**DASHES, **POINTS}.items()):
            lines.append(f"{key} = {value}")
        lines.append(f"litbook_style = {gp_string(STYLE)}")
        watch = OpenWatch()
        watch.watch(private, "data", OpenWatch.IN_OPEN)
        marks = os.path.join(tmp, "marks")
        os.makedirs(marks)
        watch.watch(marks, "mark", OpenWatch.IN_CLOSE_WRITE)
        for kind, theme in RUNS:
            out = os.path.join(tmp, run_key(kind, theme))
            os.makedirs(out)
            lines.append(f"theme = {gp_string(theme)}")
            for key, value in sorted(PALETTES[theme].items()):
                lines.append(f"{key} = {gp_string(value)}")
            # fig(name) leaves a mark (marks/<run>--<name>), then names the
            # output file.
            mark = f"touch '{marks}/{run_key(kind, theme)}--%s'"
            lines += [
                terminal(kind, PALETTES[theme]["C_bg"]),
                f"fig(name) = (system(sprintf({gp_string(mark)}, name)), "
                f'sprintf("%s/%s.{a.lang}.{EXT[kind]}", {gp_string(out)}, '
                "name))",
                "reset",
                f"system({gp_string(mark % '')})",  # the run starts
                f"load {gp_string(a.script)}",
                "unset output",
            ]
        driver = os.path.join(tmp, "driver.gp")
        with open(driver, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        try:
            p = subprocess.run(["gnuplot", driver], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=tmp)
            events = watch.events()
        finally:
            watch.close()
        err = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode != 0 or err:
            raise Failure(f"{a.script} [{a.lang}]: gnuplot "
                          f"{'failed' if p.returncode else 'warned'}"
                          f" (exit {p.returncode}):\n{err}")
        # The data files each figure of the first run opened: fig(name)
        # leaves a mark when `set output` asks for a figure (gnuplot opens
        # and closes outputs lazily, at the next plot); what is read after
        # the mark and before the next one belongs to that figure.
        reads, current = {}, None
        for tag, _, fname in events:
            if tag == "data":
                if current is not None:
                    reads[current].append(fname)
            else:
                run, _, name = fname.partition("--")
                current = (name if run == run_key(*RUNS[0]) and name
                           else None)
                if current is not None:
                    reads.setdefault(current, [])
        reads = {n: list(dict.fromkeys(fs)) for n, fs in reads.items()}
        names = {}
        for run in RUNS:
            kind = run[0]
            files = sorted(os.listdir(os.path.join(tmp, run_key(*run))))
            names[run] = [n[: -len(f".{a.lang}.{EXT[kind]}")] for n in files]
            for n in files:
                if os.path.getsize(os.path.join(tmp, run_key(*run), n)) == 0:
                    raise Failure(f"{a.script} [{a.lang}]: figure {n} "
                                  f"({run_key(*run)}) is empty")
        first = names[RUNS[0]]
        if not first:
            raise Failure(f"{a.script} [{a.lang}]: drew no figure")
        for run in RUNS:
            if names[run] != first:
                raise Failure(f"{a.script} [{a.lang}]: the {run_key(*run)} "
                              f"run drew other figures than the "
                              f"{run_key(*RUNS[0])} run: {names[run]} vs "
                              f"{first}")
        datadir = os.path.join(tmp, "data")
        os.makedirs(datadir)
        for n in first:
            files = reads.get(n, [])
            if not files:
                raise Failure(f"{a.script} [{a.lang}]: figure {n} read no "
                              f"data file of {a.data} (every figure offers "
                              "the data it was drawn from)")
            write_data(a, labels, files,
                       os.path.join(datadir, f"{n}.{a.lang}.csv"),
                       os.path.join(datadir, f"{n}.{a.lang}.json"))
        live = write_live(a, labels, tmp, first)
        stamp = os.environ.get("SOURCE_DATE_EPOCH", "0")
        date = time.strftime("%Y%m%d%H%M%S", time.gmtime(int(stamp)))
        publish = [(run_key(*run), SUBDIR[run], [
            f"{n}.{a.lang}.{EXT[run[0]]}" for n in first]) for run in RUNS]
        publish.append(("data", "data", [
            f"{n}.{a.lang}.{e}" for n in first for e in ("csv", "json")]))
        publish.append(("live", "live", [f"{n}.{a.lang}.json" for n in live]
                        + [f"index.{a.lang}.json"]))
        for src_dir, sub, wanted in publish:
            dst_dir = os.path.join(a.outdir, sub)
            os.makedirs(dst_dir, exist_ok=True)
            for fname in wanted:
                src = os.path.join(tmp, src_dir, fname)
                if fname.endswith(".pdf"):
                    fix_pdf_dates(src, date.encode())
                elif src_dir.startswith("svg-"):
                    unique_svg_ids(src)  # static only: the script uses them
                dst = os.path.join(dst_dir, fname)
                if os.path.exists(dst):
                    with open(src, "rb") as f1, open(dst, "rb") as f2:
                        if f1.read() == f2.read():
                            continue
                shutil.move(src, dst)
            # Files of this language the script no longer draws go away.
            exts = {f.rsplit(".", 1)[1] for f in wanted}
            for fname in os.listdir(dst_dir):
                path = os.path.join(dst_dir, fname)
                if (os.path.isfile(path) and f".{a.lang}." in fname
                        and fname.rsplit(".", 1)[-1] in exts
                        and fname not in wanted):
                    os.remove(path)
    return first


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--script", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--lang", required=True)
    ap.add_argument("--all-langs", nargs="+", required=True)
    ap.add_argument("--live", nargs="*", default=[],
                    help="figures that must be live (redrawn in the page)")
    ap.add_argument("--stamp")
    ap.add_argument("--timing", help="directory of the timing records")
    a = ap.parse_args()
    start = time.perf_counter()
    if a.stamp and os.path.exists(a.stamp):
        os.remove(a.stamp)
    try:
        if not os.path.isdir(a.data):
            raise Failure(f"{a.script} [{a.lang}]: data directory {a.data} "
                          "is missing (did the chapter's example run?)")
        names = render(a)
    except Failure as e:
        # Never leave a figure that might be stale: the chapter's figures in
        # every language go, and so do the other languages' stamps, so that
        # they are drawn again once the script is fixed.
        shutil.rmtree(a.outdir, ignore_errors=True)
        if a.stamp:
            suffix = f".{a.lang}.stamp"
            if a.stamp.endswith(suffix):
                for lang in a.all_langs:
                    other = a.stamp[: -len(suffix)] + f".{lang}.stamp"
                    if os.path.exists(other):
                        os.remove(other)
        sys.stderr.write(f"error: {e}\n")
        sys.exit(1)
    if a.timing:
        timing.record(a.timing, f"plot_{a.lang}",
                      round(time.perf_counter() - start, 3))
    if a.stamp:
        with open(a.stamp, "w") as f:
            f.write("\n".join(names) + "\n")


if __name__ == "__main__":
    main()
