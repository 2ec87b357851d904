#!/usr/bin/env python3
"""The author's loop: from saving a file to the reloaded page's new content.

  /usr/bin/python3 bench/author_loop.py [--build build] [--runs 5]
      [--gallery ../shared/anchors/gallery] [--json FILE]

Ours: `litbook serve` on the configured and built book in --build. For each
kind of edit (a prose line of chapter 1, a code line of its main.cpp that
leaves the output as it is, its figure script, its label table), the clock
starts when the file is saved and stops when the page (or its figure) has
been fetched with the new content after the server signalled the reload on
/__litbook/events. The edit is then undone and rebuilt (not timed).

The anchor, in the same run: sphinx-gallery (Debian python3-sphinx-gallery)
building the article's three scripts (../shared/anchors/gallery), in a
scratch copy: `sphinx-build -b html` after a prose line of index.rst and
after a changed script, from the save to the output page that has the new
content. The runs of both alternate, so that both see the same machine.

Prints the median of the runs of each edit, the anchor's, and the ratios
against the budgets of issue 18 (prose <= 1.0x the anchor's prose rebuild;
main.cpp <= 1.5x its changed-script rebuild; figure script and labels <=
1.0x its prose rebuild). The source files are restored even when it fails.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "litbook", "scripts"))
from serve import Events  # noqa: E402
CHAPTER = "01-relu-basics"
# (kind, file, old, new, url, new content): each edit keeps the book valid.
EDITS = [
    ("prose", f"docs/chapters/{CHAPTER}.rst", "부릅니다. 이 책의",
     "부릅니다 AUTHORLOOP. 이 책의", f"chapters/{CHAPTER}.html", "AUTHORLOOP"),
    ("main.cpp", f"chapters/{CHAPTER}/main.cpp", "10.0 * i / (n - 1);",
     "10.0 * i / (n - 1.0);", f"chapters/{CHAPTER}.html",
     '<span class="mf">1.0</span><span class="p">);</span>'),
    ("figure script", f"figures/{CHAPTER}.gp", "with lines lw 3",
     "with lines lw 4", f"_images/{CHAPTER}-relu.ko.svg", None),
    ("labels", f"figures/{CHAPTER}.labels.tsv", "relu_title\tReLU 함수",
     "relu_title\tReLU 함수 AUTHORLOOP", f"_images/{CHAPTER}-relu.ko.svg",
     "AUTHORLOOP"),
]
BUDGET = {"prose": ("prose", 1.0), "main.cpp": ("script", 1.5),
          "figure script": ("prose", 1.0), "labels": ("prose", 1.0)}


def fetch(url):
    with urllib.request.urlopen(url, timeout=120) as r:
        return r.read().decode("utf-8", "replace")


class Server:
    def __init__(self, build, port):
        with open(os.path.join(build, "litbook-serve.json")) as f:
            python = json.load(f)["python"]
        self.proc = subprocess.Popen(
            [python, os.path.join(ROOT, "litbook", "scripts",
                                          "serve.py"),
             "--build", build, "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        line = self.proc.stdout.readline()
        m = re.search(r"(http://[\d.]+:\d+)/", line)
        if not m:
            raise SystemExit(f"author_loop: the server did not start: {line}"
                             + self.proc.stdout.read())
        self.base = m.group(1)
        self.log = []
        threading.Thread(target=lambda: self.log.extend(self.proc.stdout),
                         daemon=True).start()
        self.events = Events(self.base)
        self.states, self.cond = self.events.states, self.events.cond

    def status(self):
        return json.loads(fetch(self.base + "/__litbook/status"))

    def idle(self, timeout=900):
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.status()
            if not s["building"] and self.states and \
                    not self.states[-1]["building"]:
                return s
            time.sleep(0.2)
        raise SystemExit("author_loop: the server did not finish a build")

    def until(self, url, test, timeout=600):
        """Seconds until a reload signal is followed by a page that passes
        `test`, counted from now."""
        t0 = time.perf_counter()
        seen = len(self.states)
        while time.perf_counter() - t0 < timeout:
            with self.cond:
                while len(self.states) == seen:
                    self.cond.wait(1)
                new = self.states[seen:]
                seen = len(self.states)
            if any(not s["building"] for s in new):
                if test(fetch(url)):
                    return time.perf_counter() - t0
        raise SystemExit(f"author_loop: {url} never showed the edit:\n"
                         + "".join(self.log[-30:]))

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)


def replace(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        raise SystemExit(f"author_loop: {path} has no '{old}' to edit")
    return text, text.replace(old, new, 1)


def ours(server, lang, kind, rel, old, new, url, marker):
    path = os.path.join(ROOT, rel)
    text, edited = replace(path, old, new)
    page = f"{server.base}/{lang}/{url}"
    before = hashlib.sha1(fetch(page).encode()).hexdigest()

    def test(body):
        if marker:
            return marker in body
        return hashlib.sha1(body.encode()).hexdigest() != before
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(edited)
        seconds = server.until(page, test)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    server.until(page, lambda body: not test(body))
    server.idle()
    return seconds


class Gallery:
    def __init__(self, src, tmp):
        self.src = os.path.join(tmp, "gallery")
        shutil.copytree(src, self.src)
        for base, dirs, files in os.walk(self.src):
            for n in dirs + files:
                os.chmod(os.path.join(base, n), 0o755)
        self.out = os.path.join(tmp, "gallery-out")

    def build(self):
        t = time.perf_counter()
        p = subprocess.run(["sphinx-build", "-q", "-b", "html", self.src,
                            self.out], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            raise SystemExit(f"author_loop: sphinx-gallery failed:\n{p.stdout}")
        return time.perf_counter() - t

    def edit(self, rel, old, new, page, marker):
        path = os.path.join(self.src, rel)
        text, edited = replace(path, old, new)
        try:
            t = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited)
            self.build()
            with open(os.path.join(self.out, page), encoding="utf-8") as f:
                if marker not in f.read():
                    raise SystemExit(f"author_loop: {page} lacks {marker}")
            seconds = time.perf_counter() - t
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        self.build()
        return seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--gallery", default=os.path.join(
        ROOT, "..", "shared", "anchors", "gallery"))
    ap.add_argument("--json", help="also write the times, and the "
                    "server's log with the seconds of each step, here")
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    try:
        import sphinx_gallery  # noqa: F401
    except ImportError:
        sys.exit("author_loop: the anchor needs Debian's "
                 "python3-sphinx-gallery")
    load = [os.getloadavg()]
    times = {k[0]: [] for k in EDITS}
    anchor = {"prose": [], "script": []}
    with tempfile.TemporaryDirectory(prefix="author-loop-") as tmp:
        gallery = Gallery(os.path.abspath(a.gallery), tmp)
        clean = gallery.build()
        server = Server(os.path.abspath(a.build), a.port)
        try:
            lang = server.idle()["lang"]
            for run in range(a.runs):
                anchor["prose"].append(gallery.edit(
                    "index.rst", "ReLU seed gallery\n=================\n",
                    "ReLU seed gallery\n=================\n\nAUTHORLOOP\n",
                    "index.html", "AUTHORLOOP"))
                anchor["script"].append(gallery.edit(
                    "examples/plot_1_relu.py", "np.linspace(-5, 5, 400)",
                    "np.linspace(-5, 5, 401)",
                    "auto_examples/plot_1_relu.html", "401"))
                for e in EDITS:
                    times[e[0]].append(ours(server, lang, *e))
                print(f"run {run + 1}: " + ", ".join(
                    f"{k} {v[-1]:.2f} s" for k, v in
                    list(times.items()) + [("gallery " + k, v)
                                           for k, v in anchor.items()]),
                      flush=True)
        finally:
            server.stop()
    load.append(os.getloadavg())
    med = {k: statistics.median(v) for k, v in times.items()}
    amed = {k: statistics.median(v) for k, v in anchor.items()}
    print(f"\nmedian of {a.runs} edits each (seconds from save to the "
          "reloaded page's new content)")
    print("| edit | ours | sphinx-gallery | ratio | budget |")
    print("| --- | --- | --- | --- | --- |")
    rows = []
    for kind, m in med.items():
        ref, limit = BUDGET[kind]
        ratio = m / amed[ref]
        rows.append({"edit": kind, "ours": m, "anchor": ref,
                     "anchor_seconds": amed[ref], "ratio": ratio,
                     "budget": limit, "within": ratio <= limit})
        print(f"| {kind} | {m:.2f} | {amed[ref]:.2f} ({ref}) | "
              f"{ratio:.2f}x | <= {limit}x {'ok' if ratio <= limit else 'OVER'} |")
    print(f"\nsphinx-gallery clean build: {clean:.2f} s; load average "
          f"before {load[0][0]:.2f}, after {load[1][0]:.2f}")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"runs": a.runs, "ours": times, "anchor": anchor,
                       "rows": rows, "gallery_clean": clean, "load": load,
                       "server_log": server.log}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
