#!/usr/bin/env python3
"""`litbook serve` end to end, on a scratch book made by `litbook new`.

  serve_e2e.py --litbook SRC/litbook [--langs ko,en]

1. installs litbook into a temporary prefix, writes a book with
   `litbook new` and configures it;
2. starts `litbook serve --port 0` (a free port) and waits for the page of
   chapter 1;
3. edits a prose line: the reload is signalled on /__litbook/events and
   the page served next has the new text; no file on disk has the
   preview's script;
4. puts a broken reference into the chapter: the page shows the banner
   naming the chapter's file and line; fixing it clears the banner;
5. changes the program's output (main.cpp and its expected outputs, as
   `make approve` would leave them): the page shows the new output; until
   the WebAssembly program is rebuilt its Run panel says so and does not
   run; then the page's program (run under node) prints the new output;
6. stops the server with SIGINT: it exits 0 and leaves no process behind.
Prints 'serve-e2e: N passed, M failed'.
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
sys.path.insert(0, HERE)
from new_book import run  # noqa: E402
from serve import Events  # noqa: E402

TIMEOUT = 300  # seconds for one build on a busy machine


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def status(base):
    return json.loads(get(base + "/__litbook/status")[1])


def until(base, test, timeout=TIMEOUT):
    """The first status for which test(status) holds, else None."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        st = status(base)
        if test(st):
            return st
        time.sleep(0.2)
    return None


# Runs a page's program as the page's worker does (wasm_check.mjs's
# runWrapped) and prints its stdout: node run.mjs CHECK JS CHAPTER LANG.
RUN_JS = """
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
const [check, js, chapter, lang] = process.argv.slice(2);
const { runWrapped } = await import(pathToFileURL(check).href);
const r = await runWrapped(fs.readFileSync(js, 'utf8'), chapter,
                           ['--lang', lang, '--out', '/out']);
process.stdout.write(r.stdout);
process.exit(r.status);
"""


def starter():
    """litbook new's own module (what the starter chapter prints)."""
    path = os.path.join(HERE, "..", "scripts", "new_book.py")
    spec = importlib.util.spec_from_file_location("litbook_new_book", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--litbook", required=True)
    ap.add_argument("--langs", default="ko,en")
    a = ap.parse_args()
    lang = a.langs.split(",")[0]
    results = {"passed": 0, "failed": []}

    def check(name, ok, detail=""):
        results["passed" if ok else "failed"] = (
            results["passed"] + 1 if ok else
            results["failed"] + [f"{name}: {str(detail)[-3000:]}"])
        return ok

    def report(*_):
        for f in results["failed"]:
            print(f"FAILED: {f}")
        print(f"serve-e2e: {results['passed']} passed, "
              f"{len(results['failed'])} failed")
        return 1 if results["failed"] else 0

    with tempfile.TemporaryDirectory(prefix="litbook-serve-") as tmp:
        prefix = os.path.join(tmp, "prefix")
        book = os.path.join(tmp, "book")
        litbook = os.path.join(prefix, "bin", "litbook")
        build = os.path.join(book, "build")
        env = dict(os.environ, CMAKE_PREFIX_PATH=prefix)
        # litbook installed, a book written and configured.
        for cmd in (["cmake", "-S", a.litbook, "-B", os.path.join(tmp, "lb")],
                    ["cmake", "--install", os.path.join(tmp, "lb"),
                     "--prefix", prefix],
                    [litbook, "new", book, "--title", "Served", "--langs",
                     a.langs],
                    ["cmake", "-S", book, "-B", build]):
            p = run(cmd, env=env)
            if not check(f"{os.path.basename(cmd[0])} {cmd[1]}",
                         p.returncode == 0, p.stdout):
                return report()

        server = subprocess.Popen(
            [litbook, "serve", "--build", build, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=env, start_new_session=True)
        log = []
        first = server.stdout.readline()
        log.append(first)
        threading.Thread(target=lambda: log.extend(server.stdout),
                         daemon=True).start()
        m = re.search(r"(http://127\.0\.0\.1:\d+)/", first)
        try:
            if not check("the server prints its URL", m, first):
                return report()
            base = m.group(1)
            page_url = f"{base}/{lang}/chapters/01-first.html"
            ev = Events(base, TIMEOUT)
            check("the first build ends", ev.wait(0), "".join(log))
            code, page = get(page_url)
            check("the chapter is served", code == 200, page[:500])
            check("the served page has the reload script",
                  "/__litbook/events" in page)
            check("the first build has no problems",
                  not status(base)["problems"], status(base))

            rst = os.path.join(book, "docs", "chapters", "01-first.rst")
            with open(rst, encoding="utf-8") as f:
                lines = f.read().split("\n")
            i = next(n for n, s in enumerate(lines) if n > 3 and s.strip()
                     and not s.startswith((".", " ", "=", "-", ":", "*")))
            original = list(lines)

            def save(new):
                with open(rst, "w", encoding="utf-8") as f:
                    f.write("\n".join(new))

            v = status(base)["version"]
            lines[i] += " SERVEPROBE"
            save(lines)
            s = ev.wait(v)
            check("a prose edit signals a reload", s, "".join(log))
            code, page = get(page_url)
            check("the reloaded page has the new text",
                  "SERVEPROBE" in page, page[-2000:])
            # The other language waits for the gate, then its own build.
            other = a.langs.split(",")[1:]
            if other:
                other_url = page_url.replace(f"/{lang}/", f"/{other[0]}/")
                st = status(base)
                check("the other language is out of date after the edit",
                      other[0] in st["stale"], st)
                check("... and its pages say so",
                      "litbook-serve-stale" in get(other_url)[1])
            on_disk = []
            for root, _, files in os.walk(os.path.join(build, "book")):
                for name in files:
                    if name.endswith(".html"):
                        with open(os.path.join(root, name),
                                  encoding="utf-8", errors="replace") as f:
                            if "/__litbook/events" in f.read():
                                on_disk.append(name)
            check("no built page has the preview's script", not on_disk,
                  on_disk)

            v = status(base)["version"]
            lines[i] += " :ref:`no-such-target`"
            save(lines)
            check("the broken reference is built", ev.wait(v))
            code, page = get(page_url)
            banner = re.search(r'<div id="litbook-serve-banner".*?</div>',
                               page, re.S)
            check("the page shows the banner", banner, page[-2000:])
            check("the banner names the file and line",
                  banner and f"docs/chapters/01-first.rst:{i + 1}"
                  in banner.group(0), banner and banner.group(0))
            check("the server kept running", server.poll() is None)

            v = status(base)["version"]
            save(original)
            check("the fix is built", ev.wait(v))
            # ... and the other languages and the gate after it.
            deadline = time.time() + TIMEOUT
            while time.time() < deadline:
                st = status(base)
                if not (st["building"] or st["background"] or st["stale"]):
                    break
                time.sleep(0.5)
            check("the other languages are rebuilt", not st["stale"], st)
            if other:
                check("... and their pages are no longer marked",
                      "litbook-serve-stale" not in get(other_url)[1])
            code, page = get(page_url)
            check("the fix clears the banner",
                  "litbook-serve-banner" not in page
                  and "SERVEPROBE" not in page,
                  status(base)["problems"])

            # The program's output changes: n = 6 rows instead of 5.
            chapter = "01-first"
            cdir = os.path.join(book, "chapters", chapter)
            js_url = f"{base}/{lang}/_static/litbook-runner/{chapter}.js"
            code, js_before = get(js_url)
            check("the page's program is served", code == 200, js_before[:300])
            main_cpp = os.path.join(cdir, "main.cpp")
            with open(main_cpp, encoding="utf-8") as f:
                src = f.read()
            old_default = 'litbook::integer("n", 5,'
            check("the starter program has n = 5", old_default in src)
            new_book = starter()
            langs = a.langs.split(",")
            expected = {x: new_book.expected(x, 1, chapter, count=6)
                        for x in langs}
            row = "   6   36"
            check("the new expected output has a sixth row",
                  all(row in t for t in expected.values()), expected)
            for x in langs:
                with open(os.path.join(cdir, f"expected.{x}.txt"), "w",
                          encoding="utf-8") as f:
                    f.write(expected[x])
            with open(main_cpp, "w", encoding="utf-8") as f:
                f.write(src.replace(old_default, 'litbook::integer("n", 6,'))
            st = until(base, lambda st: not st["building"] and not
                       st["problems"] and row in get(page_url)[1])
            check("the page shows the new output", st, "".join(log[-40:]))
            before = status(base)
            code, page = get(page_url)
            after = status(base)
            rebuilding = {chapter: "rebuilding"}
            check("... while the program is rebuilt in the background",
                  before.get("programs") == rebuilding, before)
            if before.get("programs") == rebuilding == after["programs"]:
                check("... the Run panel says so and does not run",
                      "litbook-serve-program" in page and
                      json.dumps(rebuilding) in page, page[-3000:])
            else:
                check("the page was fetched while the program was rebuilt",
                      False, (before, after))
            st = until(base, lambda st: not (st["building"]
                                             or st["background"]
                                             or st.get("programs")))
            check("the program is rebuilt", st, status(base))
            code, page = get(page_url)
            check("... and the panel runs again",
                  "litbook-serve-program" not in page, page[-3000:])
            code, js = get(js_url)
            check("the page's program is a new one", js != js_before)
            node = shutil.which("node")
            with open(os.path.join(build, "litbook-serve.json")) as f:
                lbdir = json.load(f)["litbook_dir"]
            js_file = os.path.join(tmp, f"{chapter}.js")
            run_js = os.path.join(tmp, "run.mjs")
            for path, text in ((js_file, js), (run_js, RUN_JS)):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            p = subprocess.run(
                [node, run_js, os.path.join(lbdir, "scripts",
                                            "wasm_check.mjs"),
                 js_file, chapter, lang], text=True,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            check("the page's program prints the new output",
                  p.returncode == 0 and p.stdout == expected[lang],
                  p.stdout + p.stderr)
        finally:
            if server.poll() is None:
                os.kill(server.pid, signal.SIGINT)
            try:
                code = server.wait(60)
            except subprocess.TimeoutExpired:
                code = None
            check("SIGINT stops the server with exit 0", code == 0,
                  f"exit {code}\n" + "".join(log))
            time.sleep(0.5)
            # Every step the server starts names the scratch book.
            left = [ln for ln in run(["ps", "-eo", "pid=,args="]).stdout
                    .splitlines() if tmp in ln]
            check("no process of the server is left", not left, left)
    return report()


if __name__ == "__main__":
    sys.exit(main())
