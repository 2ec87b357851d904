"""Live figures: plot.py's manifests, their check against gnuplot's SVG,
litbook_livefig.js redrawing as gnuplot drew, and the inlined HTML."""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
sys.path.insert(0, os.path.join(HERE, "..", "sphinxext"))
import plot  # noqa: E402

JS = os.path.join(HERE, "..", "sphinxext", "litbook_static",
                  "litbook_livefig.js")
NODE = shutil.which("node")

SCRIPT = r'''# A fixture chapter: lines clipped at the top, points partly
# outside, a log axis, and figures that cannot be live.
@litbook_style
set datafile columnheaders
wave = datadir."/wave.dat"
set xlabel L_x

set output fig("curve")
set title L_title
set xrange [0:4]
set yrange [-1:2]
set key top left box opaque
plot wave using "x":"y" with lines lw 3 lc rgb C1 title L_k_y, \
     "" using "x":"z" with lines lw 1.5 dt D2 lc rgb C2 notitle, \
     datadir."/dots.dat" using "x":"y" with points pt P1 ps 1 \
       lc rgb C3 title "dots"

set output fig("log")
unset title
set logscale y
set yrange [1e-3:1e3]
plot wave using "x":"g" with linespoints lw 2 pt P2 ps 0.6 lc rgb C4 \
       title L_k_g
unset logscale y

set output fig("plain")
set key noopaque nobox
set yrange [-1:2]
plot wave using "x":"z" with linespoints pt P2 title L_k_y, \
     wave using "x":"y" with lines title L_k_y, \
     datadir."/dots.dat" using "x":"y" with points title "dots"

set output fig("multi")
set multiplot layout 1,2
plot wave using "x":"y" with lines
plot wave using "x":"z" with lines
unset multiplot

set output fig("boxes")
set yrange [*:*]
plot wave using "x":"y" with boxes title L_k_y
'''

LABELS = ("key\ten\nx\tthe x axis\ntitle\tA wave_1\nk_y\ty = sin x\n"
          "k_g\tg = e^x\n")


def write_data(d, shift=0.0):
    rows = ["x y z g"]
    import math
    for i in range(81):
        x = i * 0.05
        rows.append(f"{x:g} {2.5 * math.sin(2 * x) + shift:.6g} "
                    f"{0.5 * x - 1:.6g} {math.exp(2 * x - 4):.6g}")
    (d / "wave.dat").write_text("\n".join(rows) + "\n")
    (d / "dots.dat").write_text("x y\n0.5 0.5\n1 1.5\n2 3\n3 -0.5\n")


@pytest.fixture(scope="module")
def chapter(tmp_path_factory):
    """plot.py run on the fixture chapter: (dirs, the result)."""
    if not shutil.which("gnuplot"):
        pytest.skip("gnuplot is not installed")
    d = tmp_path_factory.mktemp("livefig")
    (d / "data").mkdir()
    write_data(d / "data")
    (d / "09-wave.gp").write_text(SCRIPT)
    (d / "09-wave.labels.tsv").write_text(LABELS)
    out = d / "figures" / "09-wave"
    p = run_plot(d, out)
    assert p.returncode == 0, p.stderr
    return d, out


def run_plot(d, out, *extra):
    return subprocess.run(
        [sys.executable, "-B", os.path.join(HERE, "..", "scripts", "plot.py"),
         "--script", str(d / "09-wave.gp"),
         "--labels", str(d / "09-wave.labels.tsv"), "--data", str(d / "data"),
         "--outdir", str(out), "--lang", "en", "--all-langs", "en", *extra],
        capture_output=True, text=True)


def test_the_restricted_plot_clauses_are_parsed_and_others_say_why(
        tmp_path):
    script = tmp_path / "s.gp"
    script.write_text(SCRIPT + '\nset output fig("loop")\n'
                      'plot for [k=1:2] wave using "x":"y" with lines\n')
    (tmp_path / "l.tsv").write_text(LABELS)
    labels = plot.read_labels(str(tmp_path / "l.tsv"), ["en"])
    live, not_live = plot.parse_live(str(script), labels, "en")
    assert sorted(live) == ["curve", "log", "plain"]
    curve = live["curve"]
    assert curve["title"] == "A wave₁"
    assert curve["xlabel"] == "the x axis"
    assert [(e["file"], e["x"], e["y"], e["style"], e["label"])
            for e in curve["elements"]] == [
        ("wave.dat", "x", "y", "lines", "y = sin x"),
        ("wave.dat", "x", "z", "lines", ""),
        ("dots.dat", "x", "y", "points", "dots")]
    assert live["log"]["elements"][0]["label"] == "g = eˣ"
    assert live["log"]["title"] == ""
    lines = SCRIPT.split("\n")
    multi = next(i for i, l in enumerate(lines, 1) if "set multiplot" in l)
    assert not_live["multi"] == f"{script}:{multi}: multiplot"
    assert "style 'boxes'" in not_live["boxes"]
    assert "for loop" in not_live["loop"]


def test_the_manifest_maps_pixels_to_data_and_lists_only_live_figures(
        chapter):
    d, out = chapter
    index = json.loads((out / "live" / "index.en.json").read_text())
    assert index["live"] == ["curve", "log", "plain"]
    assert sorted(index["not_live"]) == ["boxes", "multi"]
    assert not (out / "live" / "multi.en.json").exists()
    m = json.loads((out / "live" / "curve.en.json").read_text())
    assert [e["style"] for e in m["elements"]] == ["lines", "lines", "points"]
    for theme in ("light", "dark"):
        ax = m["axes"][theme]
        assert (ax["axis_xmin"], ax["axis_xmax"]) == (0, 4)
        assert (ax["axis_ymin"], ax["axis_ymax"]) == (-1, 2)
        assert ax["ybot"] > ax["ytop"] and ax["xmax"] > ax["xmin"]
    assert json.loads((out / "live" / "log.en.json").read_text())[
        "axes"]["light"]["logy"] is True


def svg(out, name, theme="light"):
    sub = "interactive" if theme == "light" else "interactive-dark"
    return (out / sub / f"{name}.en.svg").read_text()


def test_the_check_against_gnuplots_svg_fails_on_other_data_or_axes(
        chapter, tmp_path):
    d, out = chapter
    m = json.loads((out / "live" / "curve.en.json").read_text())
    fig, ax, text = m, m["axes"]["light"], svg(out, "curve")
    assert plot.check_live(fig, ax, text, str(d / "data")) is None
    # Data other than what gnuplot drew: a shift of 0.05 (about 6 px).
    write_data(tmp_path, shift=0.05)
    why = plot.check_live(fig, ax, text, str(tmp_path))
    assert why and "element 1" in why
    # The wrong mapping: the y axis a little taller.
    wrong = dict(ax, axis_ymax=2.02)
    assert plot.check_live(fig, wrong, text, str(d / "data"))
    # One element fewer than gnuplot's groups.
    fewer = dict(fig, elements=fig["elements"][:2])
    assert "gnuplot_plot groups" in plot.check_live(fewer, ax, text,
                                                    str(d / "data"))
    # A point inside the axes that gnuplot did not draw.
    write_data(tmp_path)
    (tmp_path / "dots.dat").write_text("x y\n0.5 0.5\n1 1.5\n2 1\n3 -0.5\n")
    assert "gnuplot drew 3 points, the data has 4" in plot.check_live(
        fig, ax, text, str(tmp_path))


def test_a_figure_asked_to_be_live_that_is_not_fails_naming_the_line(
        chapter, tmp_path):
    d, _ = chapter
    out = tmp_path / "out"
    p = run_plot(d, out, "--live", "curve", "multi")
    assert p.returncode == 1
    line = next(i for i, l in enumerate(SCRIPT.split("\n"), 1)
                if "set multiplot" in l)
    assert f"09-wave.gp:{line}: multiplot" in p.stderr
    assert "multi was asked to be live" in p.stderr
    assert not out.exists()  # nothing is left behind
    assert run_plot(d, out, "--live", "curve", "log").returncode == 0


def js_redraw(manifest, theme, datadir):
    """What litbook_livefig.js draws for each element (under node)."""
    files = {e["file"]: open(os.path.join(datadir, e["file"])).read()
             for e in manifest["elements"]}
    prog = r'''
const L = require(process.argv[1]);
const m = JSON.parse(process.argv[2]), files = JSON.parse(process.argv[3]);
const ax = m.axes[process.argv[4]];
const out = m.elements.map(e => {
  const t = L.parseTable(files[e.file]);
  const xs = t.columns[e.x], ys = t.columns[e.y];
  return {d: e.style === "points" ? "" : L.linePath(ax, xs, ys).d,
          points: e.style === "lines" ? [] : L.pointList(ax, xs, ys).points};
});
console.log(JSON.stringify(out));
'''
    p = subprocess.run([NODE, "-e", prog, JS, json.dumps(manifest),
                        json.dumps(files), theme],
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def vertices(d):
    nums = [float(v) for v in re.findall(r"-?[0-9.]+", d)]
    return list(zip(nums[::2], nums[1::2]))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("name", ["curve", "log", "plain"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_page_redraws_from_the_data_as_gnuplot_drew_it(chapter, name,
                                                             theme):
    d, out = chapter
    m = json.loads((out / "live" / f"{name}.en.json").read_text())
    drawn = js_redraw(m, theme, str(d / "data"))
    groups = plot.svg_elements(svg(out, name, theme))
    for i, (el, js) in enumerate(zip(m["elements"], drawn), start=1):
        verts, points = groups[i]
        mine = vertices(js["d"])
        if el["style"] != "points":
            assert mine and verts
            segs = list(zip(mine, mine[1:]))
            gsegs = list(zip(verts, verts[1:]))
            for v in verts:  # gnuplot's vertices on the redrawn line
                assert min(plot.seg_distance(v, a, b) for a, b in segs) \
                    <= 1.0, (i, v)
            for v in mine:  # and the redrawn vertices on gnuplot's
                assert min(plot.seg_distance(v, a, b) for a, b in gsegs) \
                    <= 1.0, (i, v)
        if el["style"] != "lines":
            assert len(js["points"]) == len(points) > 0
            for p, q in zip(js["points"], points):
                assert abs(p[0] - q[0]) <= 1 and abs(p[1] - q[1]) <= 1


def tree(el):
    return {"tag": el.tag.rsplit("}", 1)[-1], "id": el.get("id", ""),
            "d": el.get("d", ""), "t": el.get("transform", ""),
            "children": [tree(c) for c in el]}


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("name", ["curve", "plain"])
def test_the_page_leaves_the_key_samples_alone(chapter, name):
    """litbook_livefig.js finds the same data nodes in a plot group as
    plot.py (whose choice the check against the data proves): with an
    opaque key (key entries drawn later) and without (inside the group)."""
    import xml.etree.ElementTree as ET
    d, out = chapter
    root = ET.fromstring(svg(out, name))
    groups = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if re.fullmatch(r"gnuplot_plot_\d+", g.get("id", "")) and \
                g.get("id") not in groups:
            groups[g.get("id")] = g
    prog = r'''
const L = require(process.argv[1]);
function build(t) {
  const el = {localName: t.tag, attrs: {id: t.id, d: t.d, transform: t.t},
              getAttribute(k) { return this.attrs[k] || null; }};
  const kids = t.children.map(build);
  kids.forEach((k, i) => { k.nextElementSibling = kids[i + 1] || null; });
  el.firstElementChild = kids[0] || null;
  return el;
}
const out = JSON.parse(process.argv[2]).map(t => {
  const g = build(t);
  return {d: L.dataNodes(g, "path").map(n => n.attrs.d),
          t: L.dataNodes(g, "use").map(n => n.attrs.transform)};
});
console.log(JSON.stringify(out));
'''
    names = sorted(groups, key=lambda i: int(i.rsplit("_", 1)[1]))
    p = subprocess.run([NODE, "-e", prog, JS,
                        json.dumps([tree(groups[n]) for n in names])],
                       capture_output=True, text=True, check=True)
    for n, js in zip(names, json.loads(p.stdout)):
        mine = plot.plot_nodes(groups[n])
        assert js["d"] == [e.get("d") for e in mine
                           if e.tag.endswith("}path")]
        assert js["t"] == [e.get("transform") for e in mine
                           if e.tag.endswith("}use")]
    if name == "plain":  # the key is inside the groups: samples left out
        all_paths = [e for e in groups[names[0]].iter()
                     if e.tag.endswith("}path")]
        assert len(all_paths) > len(json.loads(p.stdout)[0]["d"])


def test_the_clipped_line_stays_inside_the_plot_area(chapter):
    d, out = chapter
    if NODE is None:
        pytest.skip("node is not installed")
    m = json.loads((out / "live" / "curve.en.json").read_text())
    ax = m["axes"]["light"]
    js = js_redraw(m, "light", str(d / "data"))
    pts = vertices(js[0]["d"])
    assert sum(1 for p in pts if abs(p[1] - ax["ytop"]) < 0.01) >= 2
    assert all(ax["ytop"] - 0.01 <= p[1] <= ax["ybot"] + 0.01 for p in pts)


class FakeConfig:
    def __init__(self, build):
        self.litbook_build_dir = build


class FakeEnv:
    def __init__(self, build):
        self.config = FakeConfig(build)
        self.deps = []

    def note_dependency(self, path):
        self.deps.append(path)


def sphinx_modules():
    pytest.importorskip("sphinx")
    import litbook_figures
    return litbook_figures


def test_the_html_inlines_both_themes_without_script_or_shared_ids(
        chapter, tmp_path):
    lf = sphinx_modules()
    d, out = chapter
    build = tmp_path / "build"
    (build / "figures").mkdir(parents=True)
    shutil.copytree(out, build / "figures" / "09-wave")
    (build / "out").mkdir()
    shutil.copytree(d / "data", build / "out" / "09-wave")
    env = FakeEnv(str(build))
    html = lf.live_figure_html(env, "09-wave", "curve", "en")
    assert "<script type=\"text/javascript\"" not in html
    assert "gnuplot_svg" not in html
    assert not re.search(r"\son\w+=", html)
    assert html.count('role="img" aria-label="A wave₁"') == 2
    assert 'aria-live="polite"' in html
    ids = re.findall(r'\bid="([^"]+)"', html) + re.findall(
        r"\bid='([^']+)'", html)
    assert len(ids) == len(set(ids))
    light = [i for i in ids if "-light-" in i]
    dark = [i for i in ids if "-dark-" in i]
    assert light and dark and len(light) + len(dark) == len(ids) - 1
    for theme in ("light", "dark"):
        for n in range(3):
            assert len(re.findall(
                rf'id="lbl-09-wave-curve-{theme}-gnuplot_plot_{n + 1}" '
                rf'data-live-el="{n}"', html)) == 1
    # Every reference points at an id of the same SVG.
    for ref in re.findall(r"href=['\"]#([^'\"]+)", html):
        assert ref in ids
    m = re.search(r'data-live="([^"]+)"', html)
    import html as h
    manifest = json.loads(h.unescape(m.group(1)))
    assert manifest["figure"] == "curve"
    data = re.search(r'class="litbook-livefig-data">(.*?)</script>', html,
                     re.S).group(1)
    assert sorted(json.loads(data)) == ["dots.dat", "wave.dat"]
    assert json.loads(data)["wave.dat"].startswith("x y z\n0 0 -1\n")
    assert sorted(os.path.basename(p) for p in env.deps) == sorted(
        ["curve.en.json", "index.en.json", "curve.en.svg", "curve.en.svg",
         "wave.dat", "dots.dat"])
    with pytest.raises(lf.LiveFigureError, match=r"09-wave\.gp:\d+: "
                                                 r"multiplot"):
        lf.live_figure_html(env, "09-wave", "multi", "en")
    with pytest.raises(lf.LiveFigureError, match="draws no figure 'nope'"):
        lf.live_figure_html(FakeConfig(str(build)), "09-wave", "nope", "en")
