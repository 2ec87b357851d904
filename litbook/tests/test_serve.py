"""The preview server's pure parts: which steps a saved file needs, where a
step's errors point, and what is added to a served page."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
import serve  # noqa: E402
import serve_plan  # noqa: E402


@pytest.fixture
def book(tmp_path):
    root = tmp_path / "book"
    for d in ("docs/chapters", "docs/locale/en/LC_MESSAGES/chapters",
              "chapters/01-first/locale", "figures", "src/nn",
              "litbook/sphinxext", "tests"):
        (root / d).mkdir(parents=True)
    m = {
        "source_root": str(root), "build_dir": str(root / "build"),
        "book_dir": str(root / "build" / "book"),
        "litbook_dir": str(root / "litbook"), "langs": ["ko", "en"],
        "sphinx": {"srcdir": str(root / "docs"), "args": [], "env": []},
        "chapters": {"01-first": {
            "dir": str(root / "chapters" / "01-first"),
            "script": str(root / "figures" / "01-first.gp"),
            "labels": str(root / "figures" / "01-first.labels.tsv"),
            "steps": {}}},
    }
    return root, m


def plan_of(m, root, *rels):
    return serve_plan.plan([str(root / r) for r in rels], m)


def test_prose_needs_only_sphinx_and_the_gate(book):
    root, m = book
    p = plan_of(m, root, "docs/chapters/01-first.rst")
    assert p.sphinx and p.gate and not p.restart
    assert not (p.chapters or p.figures or p.all_chapters or p.locale)


def test_a_catalogue_needs_its_language_compiled(book):
    root, m = book
    p = plan_of(m, root, "docs/locale/en/LC_MESSAGES/chapters/01-first.po")
    assert p.locale == {"en"} and p.sphinx and p.gate
    assert not p.chapters


def test_conf_py_and_the_extension_need_a_fresh_sphinx(book):
    root, m = book
    assert plan_of(m, root, "docs/conf.py").restart
    assert plan_of(m, root, "litbook/sphinxext/litbook.py").restart


def test_an_example_needs_its_chapter_only(book):
    root, m = book
    for rel in ("chapters/01-first/main.cpp",
                "chapters/01-first/expected.en.txt",
                "chapters/01-first/locale/en.po"):
        p = plan_of(m, root, rel)
        assert p.chapters == {"01-first"}, rel
        assert p.figures == {"01-first"} and p.sphinx
        # (its figures only if the run changes their data)
        assert not p.scripts
        assert not p.all_chapters and not p.gate


def test_a_figure_script_or_label_table_needs_its_figures_only(book):
    root, m = book
    for rel in ("figures/01-first.gp", "figures/01-first.labels.tsv"):
        p = plan_of(m, root, rel)
        assert p.figures == p.scripts == {"01-first"}, rel
        assert not p.chapters, rel
        assert p.sphinx and not p.restart


def test_the_library_needs_every_chapter_and_a_fresh_sphinx(book):
    root, m = book
    p = plan_of(m, root, "src/nn/relu.hpp")
    assert p.all_chapters and p.sphinx
    assert plan_of(m, root, "src/CMakeLists.txt").reconfigure


def test_other_files_and_editor_scratch_files_need_nothing(book):
    root, m = book
    for rel in ("tests/notes.md", "README.md", "docs/chapters/.#01.rst",
                "docs/chapters/01-first.rst~",
                "chapters/01-first/.main.cpp.swp"):
        assert plan_of(m, root, rel).empty(), rel


def test_plans_merge(book):
    root, m = book
    p = plan_of(m, root, "figures/01-first.gp", "docs/index.rst")
    assert p.figures == {"01-first"} and p.gate
    assert "figures of 01-first" in p.describe()
    p = plan_of(m, root, "figures/01-first.gp", "chapters/01-first/main.cpp")
    assert p.chapters == p.figures == p.scripts == {"01-first"}


def test_gcc_errors_name_file_and_line():
    out = ("/b/chapters/01-first/main.cpp: In function 'int main()':\n"
           "/b/chapters/01-first/main.cpp:42:3: error: expected ';' before "
           "'std'\n   42 |   std::vector\n"
           "gmake[2]: *** [x.make:76: main.cpp.o] Error 1\n")
    ps = serve_plan.problems(out)
    assert [(p.file, p.line) for p in ps] == [
        ("/b/chapters/01-first/main.cpp", 42)]
    assert ps[0].message == "expected ';' before 'std'"


def test_sphinx_warnings_with_and_without_a_line():
    out = ("/b/docs/ch.rst:25: WARNING: undefined label: 'x'\n"
           "/b/docs/api.rst: WARNING: document isn't included in any "
           "toctree\n")
    ps = serve_plan.problems(out)
    assert [(p.file, p.line) for p in ps] == [("/b/docs/ch.rst", 25),
                                              ("/b/docs/api.rst", None)]


def test_gnuplot_errors_point_into_the_script_once():
    out = ("error: /b/figures/01-first.gp [ko]: gnuplot failed (exit 1):\n"
           "set outptu fig(\"relu\")\n    ^\n"
           "\"/b/figures/01-first.gp\" line 13: unrecognized option\n"
           "error: build step failed (exit 1): plot.py ...\n")
    ps = serve_plan.problems(out)
    assert [(p.file, p.line) for p in ps] == [("/b/figures/01-first.gp", 13)]


def test_a_drifted_output_points_at_the_first_changed_line(tmp_path):
    exp = tmp_path / "expected.ko.txt"
    out = (f"error: chapter 01-first [ko]: output differs from {exp}\n"
           f"--- {exp} (expected, ko)\n+++ chapter 01-first stdout\n"
           "@@ -3,5 +3,5 @@\n a\n b\n-c\n+d\n e\n")
    ps = serve_plan.problems(out)
    assert [(p.file, p.line) for p in ps] == [(str(exp), 5)]
    assert "make approve" in ps[0].message


def test_an_untranslated_message_is_found_in_its_catalogue(tmp_path):
    po = tmp_path / "ch.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello there"\n'
                  'msgstr ""\n', encoding="utf-8")
    out = f'error: {po}: untranslated message: "Hello there"\n'
    ps = serve_plan.problems(out)
    assert [(p.file, p.line) for p in ps] == [(str(po), 4)]


def test_output_without_a_location_still_gives_a_problem():
    ps = serve_plan.problems("something\nError: the disk is full\n")
    assert len(ps) == 1 and ps[0].file is None
    assert "disk is full" in ps[0].message


def test_the_script_goes_before_the_last_body_end():
    page = b"<html><body><p>x</p></BODY></html>"
    got = serve.inject(page, "<script>S</script>")
    assert got == b"<html><body><p>x</p><script>S</script></BODY></html>"
    assert serve.inject(b"<p>no body", "S") == b"<p>no bodyS"


def test_the_banner_names_file_and_line_and_escapes_text(tmp_path):
    p = serve_plan.Problem(str(tmp_path / "docs" / "a.rst"), 7,
                           "unknown <b>label</b>")
    html = serve.banner([("pages [ko]", p)], str(tmp_path))
    assert "docs/a.rst:7" in html
    assert "&lt;b&gt;label" in html and "<b>label" not in html
    assert 'id="litbook-serve-banner"' in html
    assert "litbook-serve-stale" not in html
    assert "litbook-serve-stale" in serve.banner([], str(tmp_path), "en")
    assert "litbook-serve-banner" not in serve.banner([], str(tmp_path))


def test_sphinx_arguments_become_overrides_without_w():
    args = ["-c", "/d", "-W", "--keep-going", "-q", "-n", "-D",
            "locale_dirs=/b/locale", "-D", "a=b=c"]
    confdir, over = serve.sphinx_options(args)
    assert confdir == "/d"
    assert over == {"nitpicky": True, "locale_dirs": "/b/locale",
                    "a": "b=c"}
    assert "-W" not in serve.preview_args(args)
    assert "--keep-going" not in serve.preview_args(args)


def test_the_watcher_sees_edits_and_skips_build_folders(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "CMakeCache.txt").write_text("")
    (tmp_path / "docs" / "a.rst").write_text("a")
    w = serve.Watcher(str(tmp_path), [])
    assert w.changes() == set()
    (tmp_path / "docs" / "a.rst").write_text("bb")
    (tmp_path / "build" / "out.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("x")
    assert w.changes() == {str(tmp_path / "docs" / "a.rst")}
    os.remove(tmp_path / "docs" / "a.rst")
    assert w.changes() == {str(tmp_path / "docs" / "a.rst")}


class FakePreview(serve.Preview):
    """A Preview without a server or a Sphinx: its steps are recorded, the
    run step writes what `publish` says into the chapter's data."""

    def __init__(self, m, publish):
        self.m, self.lang, self.log = m, "ko", lambda s: None
        self.ran, self.publish_run = [], publish
        self.problems, self.cond = {}, serve.threading.Condition()
        self.steps = serve.Steps()
        self.session = type("S", (), {"build": lambda s, restart=False: []})()

    def cmake(self, *targets, nice=False):
        self.ran.append(("cmake",) + targets)
        return 0, "", 0.0

    def chapter_step(self, chapter, key, nice=False):
        self.ran.append((key, chapter))
        if key == "run":
            self.publish_run(self.m["chapters"][chapter]["out"])
        return 0, "", 0.0


def test_figures_are_drawn_again_only_when_their_data_or_script_changed(book):
    root, m = book
    out = root / "build" / "book" / "out" / "01-first"
    out.mkdir(parents=True)
    (out / "relu.dat").write_text("x y\n1 1\n")
    stamp = root / "build" / "book" / "fig-01-first.ko.stamp"
    stamp.write_text("ok\n")
    m["chapters"]["01-first"].update(out=str(out), exe_target="example-01",
                                     steps={"plot-ko": [
                                         "plot", "--stamp", str(stamp)]})

    def same(d):  # the run keeps an unchanged file as it was
        pass

    def changed(d):
        with open(os.path.join(d, "relu.dat"), "w") as f:
            f.write("x y\n1 2\n")

    for edit, run, plots in (("chapters/01-first/main.cpp", same, False),
                             ("chapters/01-first/main.cpp", changed, True),
                             ("figures/01-first.gp", same, True)):
        os.utime(stamp, (1, 1))
        p = FakePreview(m, run)
        assert p.foreground(plan_of(m, root, edit))
        assert (("plot-ko", "01-first") in p.ran) == plots, (edit, p.ran)
        if not plots:  # the build may take the figures as current
            assert stamp.stat().st_mtime > 1
        if "main.cpp" in edit:
            assert ("run", "01-first") in p.ran
    # Figures whose step failed or never ran are drawn.
    stamp.unlink()
    p = FakePreview(m, same)
    assert p.foreground(plan_of(m, root, "chapters/01-first/main.cpp"))
    assert ("plot-ko", "01-first") in p.ran


def test_a_stopped_program_build_leaves_the_pages_the_old_program(book):
    root, m = book
    runner = root / "build" / "book" / "runner"
    (runner / "static").mkdir(parents=True)
    js, params = runner / "static" / "01-first.js", runner / "01-first.p.json"
    js.write_text("old program")
    params.write_text("{}")
    m["chapters"]["01-first"].update(wasm_target="wasm-01-first",
                                     runner=[str(js), str(params)])
    p = FakePreview(m, None)
    p.bg = {"wasm": set(), "chapters": set(), "gate": False, "langs": set(),
            "archive": False}
    p.programs, p.changed, p.version = {}, set(), 1
    p.queue_programs(["01-first"])
    assert p.programs == {"01-first": "rebuilding"}

    def stopped(*targets, nice=False):
        # A save arrives; the step is stopped and its guard removes what
        # it was writing.
        p.changed.add("main.cpp")
        js.unlink()
        params.unlink()
        return -15, "", 0.1
    p.cmake = stopped
    assert p.background()
    assert js.read_text() == "old program" and params.read_text() == "{}"
    assert p.bg["wasm"] == {"01-first"}
    assert p.programs == {"01-first": "rebuilding"}

    p.changed = set()
    p.cmake = lambda *t, nice=False: (0, "", 0.1)
    assert p.background()
    assert not p.bg["wasm"] and p.programs == {}
