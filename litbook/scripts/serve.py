#!/usr/bin/env python3
"""The author's live preview: `litbook serve` / `make serve`.

  serve.py [--build DIR] [--lang CODE] [--port N] [--host H]

Serves the HTML book of one language (the source language by default) on
http://127.0.0.1:PORT/ (PORT: --port, else $PORT, else 8000) and rebuilds
it when an input is saved: serve_plan.py says which steps a change needs;
they are the build's own commands (from <build>/litbook-serve.json), so the
stamps and outputs `make docs` relies on stay consistent. The pages of the
served language come from one Sphinx application kept in memory between
builds (only the pages whose sources or recorded dependencies changed are
read again); the other languages are rebuilt afterwards in the background
with sphinx-build, and their pages say they are out of date until then.

Every HTML response gets a small script that reloads the page when a build
has finished (Server-Sent Events on /__litbook/events) and, while a build
has problems, a banner naming each problem's file and line. The book's own
outputs (build/book/html/...) never contain it: the preview is built into
build/book/serve/. /__litbook/status gives the state as JSON.

Ctrl-C (SIGINT) or SIGTERM stops the server and every step it started.
"""
import argparse
import html
import io
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import serve_plan  # noqa: E402
from serve_plan import Problem  # noqa: E402

MANIFEST = "litbook-serve.json"
POLL = 0.1  # seconds between two looks at the inputs


class Refused(Exception):
    pass


def load_manifest(build):
    path = os.path.join(build, MANIFEST)
    if not os.path.exists(path):
        raise Refused(f"{path} does not exist: configure the book first "
                      f"(cmake -S . -B {build}, or make configure)")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def sphinx_options(args):
    """-c, -D, -n of the build's sphinx-build arguments, as the keyword
    arguments of sphinx.application.Sphinx (-W, --keep-going and -q are the
    book build's: the preview reports warnings instead of stopping)."""
    confdir, overrides = None, {}
    it = iter(args)
    for a in it:
        if a == "-c":
            confdir = next(it)
        elif a == "-D":
            k, _, v = next(it).partition("=")
            overrides[k] = v
        elif a == "-n":
            overrides["nitpicky"] = True
    return confdir, overrides


def preview_args(args):
    """The build's sphinx-build arguments without -W and --keep-going."""
    return [a for a in args if a not in ("-W", "--keep-going")]


# -- the page: reload script and banner -----------------------------------

SCRIPT = """<script>(function(){var v=%d;var es=new EventSource(
"/__litbook/events");es.onmessage=function(e){var s=JSON.parse(e.data);
if(s.v!==v){location.reload();return;}var b=document.getElementById(
"litbook-serve-busy");if(b){b.hidden=!s.building;}};})();</script>"""
# While a chapter's WebAssembly program is older than its sources, its Run
# panel does not run it (it would print the old program's output): the
# controls are disabled and a note says why, until the rebuilt program is
# in the page (which then reloads). %s: {chapter: "rebuilding" | "failed"}.
PROGRAMS = """<script>(function(){var w=%s;var say={rebuilding:
"This program is being compiled again from the changed sources; it runs \
here once it is rebuilt and the page has reloaded.",failed:"This program \
could not be built again (see the error at the top of the page); it does \
not run here until it builds."};Array.prototype.forEach.call(document.\
querySelectorAll("section.litbook-runner"),function(p){var s=w[p.dataset.\
chapter];if(!s)return;p.dataset.serveProgram=s;Array.prototype.forEach.\
call(p.querySelectorAll("button,input,select"),function(e){e.disabled=\
true;});var n=document.createElement("p");n.className="litbook-serve-\
program";n.setAttribute("role","status");n.style.cssText="font-weight:\
bold;color:#b00020";n.textContent=say[s];p.insertBefore(n,p.firstChild);\
});})();</script>"""
STYLE = ("position:fixed;left:0;right:0;z-index:10000;margin:0;"
         "padding:.6em 1em;font:14px/1.4 sans-serif;")


def banner(problems, root, stale=None):
    """The HTML of the error banner (problems: [(stage, Problem)]) and of
    the out-of-date note."""
    parts = []
    if problems:
        items = []
        for stage, p in problems[:12]:
            where = p.where(root)
            items.append(
                "<li><code>" + html.escape(where or stage) + "</code> "
                + html.escape(p.message[:400])
                + (f" <small>({html.escape(stage)})</small>" if where
                   else "") + "</li>")
        more = (f"<li>... and {len(problems) - 12} more</li>"
                if len(problems) > 12 else "")
        parts.append(
            f'<div id="litbook-serve-banner" role="alert" style="{STYLE}'
            'top:0;background:#b00020;color:#fff;max-height:45vh;'
            'overflow:auto"><strong>The book does not build cleanly (where a '
            'step failed, the page is from its last good build):</strong><ul style="margin:.3em 0 0 1.2em;'
            f'padding:0">{"".join(items)}{more}</ul></div>')
    if stale:
        parts.append(
            f'<div id="litbook-serve-stale" role="status" style="{STYLE}'
            'bottom:0;background:#fff3cd;color:#000;border-top:2px solid '
            f'#c80">This page is out of date: the {html.escape(stale)} '
            'book is being rebuilt.</div>')
    parts.append(f'<div id="litbook-serve-busy" hidden style="{STYLE}'
                 'bottom:auto;top:auto;right:0;left:auto;bottom:0;'
                 'width:auto;background:#333;color:#fff">rebuilding...</div>')
    return "".join(parts)


def inject(page, snippet):
    """`page` (bytes of an HTML document) with `snippet` (str) inserted just
    before its last </body>, or at the end when there is none."""
    data = snippet.encode("utf-8")
    i = page.lower().rfind(b"</body>")
    if i < 0:
        return page + data
    return page[:i] + data + page[i:]


# -- running steps ----------------------------------------------------------

class Steps:
    """Runs commands in their own process groups, so that stop() can end
    every one of them (and what they started)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.procs = set()
        self.stopping = False

    def run(self, cmd, cwd=None, env=None, nice=False):
        """(exit code, output, seconds); a stopped command gives
        -SIGTERM."""
        t = time.time()
        with self.lock:
            if self.stopping:
                return -signal.SIGTERM, "", 0.0
            p = subprocess.Popen(
                (["nice", "-n", "10"] if nice else []) + list(cmd), cwd=cwd,
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
            self.procs.add(p)
        try:
            out = p.communicate()[0].decode("utf-8", "replace")
        finally:
            with self.lock:
                self.procs.discard(p)
        return p.returncode, out, time.time() - t

    def kill(self, procs=None, wait=10):
        with self.lock:
            procs = list(self.procs if procs is None else procs)
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.time() + wait
        for p in procs:
            try:
                p.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def stop(self):
        with self.lock:
            self.stopping = True
        self.kill()


# -- watching the inputs --------------------------------------------------

class Watcher:
    """Polls the modification times of every file under the book's top
    folder (not its build folders, nor hidden ones)."""

    def __init__(self, root, skip):
        self.root = root
        self.skip = {os.path.abspath(s) for s in skip}
        self.snap = self.scan()

    def scan(self):
        out = {}
        stack = [self.root]
        while stack:
            d = stack.pop()
            try:
                entries = list(os.scandir(d))
            except OSError:
                continue
            if any(e.name == "CMakeCache.txt" for e in entries):
                continue  # a build folder
            for e in entries:
                if e.name.startswith(".") or e.name in (
                        "__pycache__", "node_modules"):
                    continue
                try:
                    if e.is_dir(follow_symlinks=False):
                        if e.path not in self.skip:
                            stack.append(e.path)
                    elif e.is_file():
                        st = e.stat()
                        out[e.path] = (st.st_mtime_ns, st.st_size)
                except OSError:
                    continue
        return out

    def changes(self):
        new = self.scan()
        changed = {p for p in set(new) | set(self.snap)
                   if new.get(p) != self.snap.get(p)}
        self.snap = new
        return changed


# -- the served language's Sphinx ----------------------------------------

class Warnings(io.StringIO):
    """Sphinx's warning stream: each warning with the build phase it came
    from (reading a document, the consistency check, or writing)."""

    def __init__(self, session):
        super().__init__()
        self.session = session

    def write(self, s):
        self.session.warned(s)
        return len(s)


class SphinxSession:
    """One Sphinx application kept between builds. Problems are kept per
    document and phase: a document's reading problems are replaced when it
    is read again, its writing problems when it is written again; the
    consistency check's at every build. So a warning of a page that this
    build did not touch stays in the banner until that page is fixed."""

    def __init__(self, m, lang, outdir, doctreedir):
        self.m, self.lang = m, lang
        self.outdir, self.doctreedir = outdir, doctreedir
        self.app = None
        self.read = {}      # docname -> [Problem]
        self.written = {}   # docname -> [Problem]
        self.general = []

    def _new_app(self):
        from sphinx.application import Sphinx
        from sphinx.util import console
        console.nocolor()
        sx = self.m["sphinx"]
        for kv in sx["env"]:
            k, _, v = kv.partition("=")
            if k == "PYTHONPATH":
                for p in reversed(v.split(os.pathsep)):
                    if p not in sys.path:
                        sys.path.insert(0, p)
            else:
                os.environ[k] = v
        confdir, overrides = sphinx_options(sx["args"])
        overrides["language"] = self.lang
        self.general = []
        self.app = Sphinx(sx["srcdir"], confdir or sx["srcdir"], self.outdir,
                          self.doctreedir, "html", confoverrides=overrides,
                          status=None, warning=Warnings(self),
                          freshenv=False, warningiserror=False,
                          keep_going=True)
        self.app.connect("env-before-read-docs", self._reading)
        self.app.connect("doctree-resolved", self._writing)
        import sphinx.locale
        self._translators = set(sphinx.locale.translators)

    def _reading(self, app, env, docnames):
        for d in docnames:
            self.read.pop(d, None)

    def _writing(self, app, doctree, docname):
        self.written.pop(docname, None)

    def warned(self, text):
        from sphinx.util.build_phase import BuildPhase
        for p in serve_plan.problems(text) or [
                Problem(None, None, text.strip())]:
            if not p.message:
                continue
            doc = None
            if p.file and self.app is not None and self.app.env is not None:
                try:
                    doc = self.app.env.path2doc(p.file)
                except Exception:  # a path outside the sources
                    doc = None
            phase = getattr(self.app, "phase", None) if self.app else None
            if not doc and phase == BuildPhase.READING and self.app.env:
                # A warning located in another file (an excerpted program,
                # an included file) belongs to the document being read.
                doc = self.app.env.temp_data.get("docname")
            if doc and phase == BuildPhase.READING:
                self.read.setdefault(doc, []).append(p)
            elif doc and phase in (BuildPhase.RESOLVING, BuildPhase.WRITING):
                self.written.setdefault(doc, []).append(p)
            else:
                self.general.append(p)

    def _forget_catalogues(self):
        """Python's gettext and Sphinx keep every catalogue they loaded;
        the documents' catalogues are loaded again, so that an edited
        translation shows."""
        import gettext
        import sphinx.locale
        for key in list(sphinx.locale.translators):
            if key not in self._translators:
                del sphinx.locale.translators[key]
        locale_dir = os.path.join(self.m["book_dir"], "locale")
        for key in list(gettext._translations):
            if str(key[1] if isinstance(key, tuple) else key).startswith(
                    locale_dir):
                del gettext._translations[key]

    def build(self, restart=False):
        """Builds; returns the problems of the pages as they are now."""
        if restart or self.app is None:
            self.app = None
            self.read, self.written = {}, {}
            try:
                self._new_app()
            except Exception as e:  # a broken conf.py or extension
                self.app = None
                return [Problem(os.path.join(self.m["sphinx"]["srcdir"],
                                             "conf.py"), None,
                                f"Sphinx could not start: {e}")]
        self._forget_catalogues()
        self.general = []
        try:
            self.app.build()
        except Exception as e:
            self.app = None  # start afresh next time
            self.general.append(Problem(None, None,
                                        f"Sphinx stopped: {e}"))
        return self.problems()

    def problems(self):
        out = []
        for d in sorted(set(self.read) | set(self.written)):
            out += self.read.get(d, []) + self.written.get(d, [])
        return out + self.general


# -- the server's state and its builds -------------------------------------

class Preview:
    def __init__(self, m, lang, port, host="127.0.0.1", log=print):
        self.m, self.lang, self.log = m, lang, log
        self.root = m["source_root"]
        self.serve_dir = os.path.join(m["book_dir"], "serve")
        self.others = [x for x in m["langs"] if x != lang]
        self.steps = Steps()
        self.cond = threading.Condition()
        self.version = 1
        self.building = True
        self.problems = {}          # stage -> [Problem]
        self.stale = set(self.others)
        self.stop_event = threading.Event()
        self.changed = set()
        self.bg = {"wasm": set(), "chapters": set(), "gate": True, "langs":
                   set(self.others), "archive": True}
        # chapter -> "rebuilding" or "failed": its WebAssembly program is
        # older than its sources (rebuilt in the background).
        self.programs = {}
        self.bg_procs = set()
        self.session = SphinxSession(
            m, lang, self.html_dir(lang),
            os.path.join(self.serve_dir, "doctrees", lang))
        self.watcher = Watcher(self.root, [m["build_dir"], m["book_dir"]])
        self.httpd = ThreadingHTTPServer((host, port), handler(self))
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}/"
        self.builds = []            # (what, seconds) of each build

    def html_dir(self, lang):
        return os.path.join(self.serve_dir, "html", lang)

    # state changes wake every page's event stream
    def publish(self, **changes):
        with self.cond:
            for k, v in changes.items():
                setattr(self, k, v)
            self.version += 1
            self.cond.notify_all()

    def set_problems(self, stage, problems):
        with self.cond:
            if problems:
                self.problems[stage] = problems
            else:
                self.problems.pop(stage, None)

    def all_problems(self):
        with self.cond:
            return [(stage, p) for stage in sorted(self.problems)
                    for p in self.problems[stage]]

    def status(self):
        with self.cond:
            return {"version": self.version, "building": self.building,
                    "background": self.bg_pending(),
                    "lang": self.lang, "stale": sorted(self.stale),
                    "programs": dict(self.programs),
                    "problems": [{"stage": s, "file": p.file, "line": p.line,
                                  "message": p.message}
                                 for s, p in self.all_problems()],
                    "builds": self.builds[-20:]}

    # -- steps
    def cmake(self, *targets, nice=False):
        m = self.m
        return self.steps.run([m["cmake"], "--build", m["build_dir"], "-j",
                               str(os.cpu_count() or 2), "--target",
                               *targets], nice=nice)

    def step(self, stage, result):
        """Records a step's result; True when it succeeded."""
        code, out, seconds = result
        self.log(f"litbook serve:   {stage}: {seconds:.2f} s"
                 + ("" if code == 0 else f" (exit {code})"))
        if code == 0:
            self.set_problems(stage, [])
            return True
        if self.steps.stopping:
            return False
        found = serve_plan.problems(out)
        if not found:
            tail = out.strip().splitlines()[-5:] or [f"exit {code}"]
            found = [Problem(None, None, " / ".join(tail))]
        self.set_problems(stage, found)
        self.log(f"litbook serve: {stage} failed:\n{out.strip()[-3000:]}")
        return False

    def chapter_data(self, chapter):
        """What the chapter's run published (name -> time and size), or
        None when that cannot be told."""
        out = self.m["chapters"][chapter].get("out")
        if not out or not os.path.isdir(out):
            return None
        found = {}
        for e in os.scandir(out):
            st = e.stat(follow_symlinks=False)
            found[e.name] = (st.st_mtime_ns, st.st_size, e.is_dir())
        return found

    def figures_built(self, chapter):
        """The stamp of the served language's figures of `chapter` when
        they were drawn and not removed since (a failed step removes its
        stamp), else None."""
        cmd = self.m["chapters"][chapter]["steps"].get(f"plot-{self.lang}")
        if not cmd or "--stamp" not in cmd[:-1]:
            return None
        stamp = cmd[cmd.index("--stamp") + 1]
        with self.cond:
            failed = f"figures {chapter} [{self.lang}]" in self.problems
        return stamp if os.path.exists(stamp) and not failed else None

    def runner_files(self, chapter):
        """[(path, bytes)] of the chapter's WebAssembly program and its
        parameters as the served pages read them now."""
        kept = []
        for path in self.m["chapters"][chapter].get("runner", []):
            try:
                with open(path, "rb") as f:
                    kept.append((path, f.read()))
            except OSError:
                pass
        return kept

    def chapter_step(self, chapter, key, nice=False):
        c = self.m["chapters"][chapter]
        cmd = c["steps"].get(key)
        if not cmd:
            return 0, "", 0.0
        return self.steps.run(cmd, cwd=self.m["build_dir"], nice=nice)

    def foreground(self, plan):
        """The steps the served language needs; True when they all ran."""
        ok = True
        unchanged = set()  # chapters whose run left their data as it was
        if plan.reconfigure or plan.all_chapters:
            ok = self.step("library and every chapter",
                           self.cmake("doxygen", "figures"))
            if ok and plan.reconfigure:
                self.m = load_manifest(self.m["build_dir"])
                self.session.m = self.m
        else:
            for ch in sorted(plan.chapters):
                if ch not in self.m["chapters"]:
                    continue
                # Only the program: the library it links did not change
                # (a change there is plan.all_chapters); Makefiles have a
                # target for that, which skips checking every dependency.
                exe = self.m["chapters"][ch]["exe_target"]
                if self.m.get("generator") == "Unix Makefiles":
                    exe += "/fast"
                data = self.chapter_data(ch)
                ok = (self.step(f"compile {ch}", self.cmake(exe))
                      and self.step(f"run {ch}",
                                    self.chapter_step(ch, "run")))
                if not ok:
                    break
                if data is not None and data == self.chapter_data(ch):
                    # The run published the same data (it keeps an
                    # unchanged file as it was): the figures would be drawn
                    # again from the same inputs. The background build of
                    # the chapter draws them anyway.
                    unchanged.add(ch)
            for ch in sorted(plan.figures):
                if not ok or ch not in self.m["chapters"]:
                    continue
                stamp = self.figures_built(ch)
                if ch in unchanged and ch not in plan.scripts and stamp:
                    # Drawn from the same inputs: the build may take them
                    # as current (as it would after drawing them again).
                    os.utime(stamp)
                    self.log(f"litbook serve:   figures {ch} [{self.lang}]: "
                             "their data did not change")
                    continue
                ok = self.step(f"figures {ch} [{self.lang}]",
                               self.chapter_step(ch, f"plot-{self.lang}"))
        if ok and plan.locale:
            ok = self.step("catalogues", self.cmake("locale"))
        if ok and (plan.sphinx or plan.locale or plan.chapters
                   or plan.figures):
            t = time.time()
            found = self.session.build(restart=plan.restart
                                       or plan.all_chapters
                                       or plan.reconfigure)
            self.set_problems(f"pages [{self.lang}]", found)
            self.log(f"litbook serve: pages [{self.lang}] in "
                     f"{time.time() - t:.2f} s"
                     + (f", {len(found)} problem(s)" if found else ""))
        return ok

    def background(self):
        """One step of the other languages' work; False when none is left.
        A change arriving meanwhile stops the step (it runs again later)."""
        bg = self.bg
        m = self.m
        if bg["wasm"]:
            # First the served pages' Run panels, which wait for it.
            ch = sorted(bg["wasm"])[0]
            target = m["chapters"].get(ch, {}).get("wasm_target")
            stage = f"program {ch} [WebAssembly]"
            if target:
                kept = self.runner_files(ch)
                if not self.run_bg(stage, lambda: self.cmake(target,
                                                             nice=True),
                                   publish=False):
                    # Stopped by a change: its guard removed the program
                    # and its parameters (and its stamp, so any build runs
                    # it again). The served pages keep reading the old
                    # ones, their Run panel disabled, until it has run.
                    for path, data in kept:
                        if not os.path.exists(path):
                            with open(path, "wb") as f:
                                f.write(data)
                    return True
                with self.cond:
                    failed = stage in self.problems
                if not failed:
                    # The page reads the program's new parameters, and
                    # Sphinx copies the new program into its _static/.
                    found = self.session.build()
                    self.set_problems(f"pages [{self.lang}]", found)
            bg["wasm"].discard(ch)
            with self.cond:
                if target and failed:
                    self.programs[ch] = "failed"
                else:
                    self.programs.pop(ch, None)
            self.publish()
            return True
        if bg["chapters"]:
            ch = sorted(bg["chapters"])[0]
            if ch in m["chapters"] and not self.run_bg(
                    f"chapter {ch}", lambda: self.cmake(
                        m["chapters"][ch]["target"], nice=True)):
                return True
            bg["chapters"].discard(ch)
            return True
        if bg["archive"]:
            if "archive" in m["prepare_targets"] and not self.run_bg(
                    "code archive", lambda: self.cmake("archive", nice=True)):
                return True
            bg["archive"] = False
            return True
        if bg["gate"]:
            if len(m["langs"]) > 1 and not self.run_bg(
                    "translation gate", lambda: self.cmake("gate",
                                                           nice=True)):
                return True
            bg["gate"] = False
            return True
        if bg["langs"]:
            lang = sorted(bg["langs"])[0]
            sx = m["sphinx"]
            env = dict(os.environ)
            env.update(kv.partition("=")[::2] for kv in sx["env"])
            cmd = [sx["build"], "-b", "html", *preview_args(sx["args"]),
                   "-D", f"language={lang}", "-d",
                   os.path.join(self.serve_dir, "doctrees", lang),
                   sx["srcdir"], self.html_dir(lang)]
            if not self.run_bg(f"pages [{lang}]", lambda: self.steps.run(
                    cmd, env=env, nice=True), warnings=True):
                return True
            bg["langs"].discard(lang)
            with self.cond:
                self.stale.discard(lang)
            self.publish()
            return True
        return False

    def run_bg(self, stage, fn, warnings=False, publish=True):
        """Runs a background step; False when it was stopped by a change
        (it stays queued). A failed step counts as done (its problems are
        shown)."""
        if self.changed_pending():
            return False
        code, out, seconds = fn()
        if self.changed_pending() or self.steps.stopping:
            return False
        if warnings and code == 0:
            self.set_problems(stage, serve_plan.problems(out))
        else:
            self.step(stage, (code, out, seconds))
        if publish:
            self.publish()
        return True

    def changed_pending(self):
        with self.cond:
            return bool(self.changed)

    # -- the loops
    def watch_loop(self):
        while not self.stop_event.wait(POLL):
            found = self.watcher.changes()
            if not found:
                continue
            time.sleep(0.02)  # an editor's save can touch several files
            found |= self.watcher.changes()
            with self.cond:
                self.changed |= found
                self.cond.notify_all()
            # A background step gives way to the new change.
            with self.steps.lock:
                bg = [p for p in self.steps.procs
                      if ["nice", "-n", "10"] == p.args[:3]]
            if bg:
                self.steps.kill(bg)

    def build_loop(self):
        self.build(None, "the book")
        while not self.stop_event.is_set():
            with self.cond:
                while not self.changed and not self.bg_pending() \
                        and not self.stop_event.is_set():
                    self.cond.wait(0.5)
                changed, self.changed = self.changed, set()
            if self.stop_event.is_set():
                break
            if changed:
                plan = serve_plan.plan(changed, self.m)
                if plan.empty():
                    continue
                self.build(plan, ", ".join(
                    sorted(os.path.relpath(p, self.root) for p in changed
                           if p not in plan.ignored)))
            else:
                self.background()

    def bg_pending(self):
        b = self.bg
        return bool(b["wasm"] or b["chapters"] or b["gate"] or b["langs"]
                    or b["archive"])

    def build(self, plan, what):
        t = time.time()
        self.publish(building=True)
        if plan is None:  # the first build: everything the pages read
            ok = self.step("prepare", self.cmake(*self.m["prepare_targets"]))
            found = self.session.build()
            self.set_problems(f"pages [{self.lang}]", found)
        else:
            self.log(f"litbook serve: {what} changed: {plan.describe()}")
            ok = self.foreground(plan)
            if ok:
                self.bg["chapters"] |= plan.chapters | plan.figures
                self.bg["gate"] |= plan.gate or bool(plan.locale)
                self.bg["archive"] |= bool(plan.chapters
                                           or plan.all_chapters)
                self.queue_programs(
                    self.m["chapters"] if plan.all_chapters
                    or plan.reconfigure else plan.chapters)
            self.bg["langs"] |= set(self.others)
            with self.cond:
                self.stale |= set(self.others)
        seconds = time.time() - t
        with self.cond:
            self.builds.append((what, round(seconds, 3)))
        n = len(self.all_problems())
        self.log(f"litbook serve: built ({what}) in {seconds:.2f} s"
                 + (f"; {n} problem(s) shown in the page" if n else ""))
        self.publish(building=False)

    def queue_programs(self, chapters):
        """The WebAssembly programs of `chapters` are now older than the
        pages: their panels say so until the background rebuilds them."""
        for ch in chapters:
            if self.m["chapters"].get(ch, {}).get("wasm_target"):
                with self.cond:
                    self.programs[ch] = "rebuilding"
                self.bg["wasm"].add(ch)

    def start(self):
        self.threads = [threading.Thread(target=f, daemon=True) for f in
                        (self.httpd.serve_forever, self.watch_loop,
                         self.build_loop)]
        for t in self.threads:
            t.start()

    def stop(self):
        self.stop_event.set()
        with self.cond:
            self.cond.notify_all()
        self.steps.stop()
        self.httpd.shutdown()
        self.httpd.server_close()


def handler(preview):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send(self, code, body, ctype, extra=()):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for k, v in extra:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            if path == "/__litbook/events":
                return self.events()
            if path == "/__litbook/status":
                return self.send(200, json.dumps(preview.status()).encode(),
                                 "application/json")
            parts = [p for p in urllib.parse.unquote(path).split("/") if p]
            if not parts or parts[0] not in preview.m["langs"]:
                rest = "/".join(parts) or "index.html"
                return self.send(302, b"", "text/plain", [
                    ("Location", f"/{preview.lang}/{rest}")])
            if any(p in ("..", ".") for p in parts):
                return self.send(404, b"not found", "text/plain")
            base = preview.html_dir(parts[0])
            f = os.path.join(base, *parts[1:])
            if os.path.isdir(f):
                f = os.path.join(f, "index.html")
            if not os.path.isfile(f):
                if f.endswith(".html"):
                    return self.page(b"<!doctype html><html><body><p>"
                                     b"Not built yet.</p></body></html>",
                                     parts[0], 404)
                return self.send(404, b"not found", "text/plain")
            with open(f, "rb") as fh:
                body = fh.read()
            if f.endswith(".html"):
                return self.page(body, parts[0])
            import mimetypes
            ctype = mimetypes.guess_type(f)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype.endswith(
                    ("javascript", "json", "svg+xml")):
                ctype += "; charset=utf-8"
            self.send(200, body, ctype)

        def page(self, body, lang, code=200):
            st = preview.status()
            stale = lang if lang in st["stale"] else None
            snippet = banner(preview.all_problems(), preview.root, stale) \
                + SCRIPT % st["version"]
            if st["programs"]:
                snippet += PROGRAMS % json.dumps(st["programs"]).replace(
                    "</", "<\\/")
            self.send(code, inject(body, snippet), "text/html; charset=utf-8")

        def events(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            last = None
            try:
                while not preview.stop_event.is_set():
                    with preview.cond:
                        state = (preview.version, preview.building)
                        if state == last:
                            preview.cond.wait(15)
                            state = (preview.version, preview.building)
                    if state == last:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        msg = json.dumps({"v": state[0],
                                          "building": state[1]})
                        self.wfile.write(f"data: {msg}\n\n".encode())
                        last = state
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
    return Handler


class Events:
    """A client of a server's /__litbook/events (for the tests and the
    bench): `states` is what it announced, in order; wait(v) returns the
    first state after version v in which no build runs (None on timeout)."""

    def __init__(self, base, timeout=600):
        import urllib.request
        self.timeout = timeout
        self.states, self.cond = [], threading.Condition()
        self.stream = urllib.request.urlopen(base + "/__litbook/events",
                                             timeout=timeout)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        try:
            for raw in self.stream:
                line = raw.decode()
                if line.startswith("data:"):
                    with self.cond:
                        self.states.append(json.loads(line[5:]))
                        self.cond.notify_all()
        except OSError:
            pass

    def wait(self, after):
        deadline = time.time() + self.timeout
        with self.cond:
            while time.time() < deadline:
                for s in self.states:
                    if s["v"] > after and not s["building"]:
                        return s
                self.cond.wait(1)
        return None


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="litbook serve", description="The book's live preview: "
        "serves the HTML book and rebuilds it when a source is saved.")
    ap.add_argument("--build", default="build",
                    help="the book's CMake build folder (default: build)")
    ap.add_argument("--lang", default=None,
                    help="the language served (default: the source one)")
    ap.add_argument("--port", type=int, default=None,
                    help="default: $PORT, else 8000")
    ap.add_argument("--host", default="127.0.0.1")
    a = ap.parse_args(argv)
    try:
        m = load_manifest(os.path.abspath(a.build))
        lang = a.lang or m["langs"][0]
        if lang not in m["langs"]:
            raise Refused(f"--lang {lang}: the book's languages are "
                          f"{', '.join(m['langs'])}")
        port = a.port
        if port is None:
            env_port = os.environ.get("PORT", "8000")
            if not env_port.isdigit():
                raise Refused(f"PORT={env_port} is not a port number")
            port = int(env_port)
        if not 0 <= port < 65536:
            raise Refused(f"--port {port} is not a port number")
        try:
            preview = Preview(m, lang, port, a.host,
                              log=lambda s: print(s, flush=True))
        except OSError as e:
            raise Refused(f"cannot listen on {a.host}:{port}: {e.strerror}")
    except Refused as e:
        print(f"litbook serve: error: {e}", file=sys.stderr)
        return 2
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    preview.start()
    print(f"litbook serve: {preview.url} ({lang}; the other languages: "
          f"{', '.join(preview.others) or 'none'}); Ctrl-C stops",
          flush=True)
    while not stop.wait(0.5):  # (a timeout: signals reach the main thread)
        pass
    print("litbook serve: stopping", flush=True)
    preview.stop()
    print("litbook serve: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
