/* litbook: live figures of the in-page runner.
 *
 * A live figure (litbook_figures.live_figure_html) is gnuplot's own
 * interactive SVG, inlined once per theme, with its mouse script removed:
 *
 *   <figure class="litbook-livefig" lang="ko" data-live="{manifest}"
 *           data-words="{messages}">
 *     <div class="litbook-livefig-plot" tabindex="0" role="group" ...>
 *       <div class="litbook-livefig-svg litbook-theme-light"
 *            data-theme="light"><svg role="img" ...>...</svg></div>
 *       <div ... data-theme="dark">...</div>
 *     </div>
 *     <p class="litbook-livefig-msg" role="status" hidden></p>
 *     <p class="litbook-livefig-readout" aria-live="polite"></p>
 *     <script type="application/json" class="litbook-livefig-data">
 *       {"stages.dat": "<the build's own data file>", ...}</script>
 *   </figure>
 *
 * In each SVG the plot element i (0-based, the order of the gnuplot
 * script's plot clauses) is the group <g data-live-el="i">: paths for
 * lines, <use> of a point symbol for points. The manifest gives, per
 * element, the data file, the x and y columns and the style, and per theme
 * the axis mapping of gnuplot's mouse script (pixels <-> data).
 *
 * The runner dispatches, on its <section class="litbook-runner">, the
 * bubbling event "litbook-run" with event.detail.files = {"stages.dat":
 * "<file text>", ...}: every file the program wrote into --out. Each live
 * figure inside that section is then redrawn from those files, clipped to
 * the plot area. A missing file or column is said in the figure (its
 * element is emptied); nothing throws. Pointing at the plot area (or the
 * arrow keys on the focused figure) shows x and the y values of the
 * nearest elements, in the page's language.
 *
 * Plain ES2017, no modules, no libraries. Under node (the unit tests) the
 * pure functions are exported instead.
 */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var SHOWN = 3; // elements shown in the readout (the nearest ones)
  var NEAR = 8; // pixels: how far from the pointer a point is read

  // -- Data --------------------------------------------------------------

  function number(s) {
    var v = Number(s);
    if (!isNaN(v)) return v;
    var l = s.toLowerCase();
    if (l === "inf" || l === "+inf" || l === "infinity") return Infinity;
    if (l === "-inf" || l === "-infinity") return -Infinity;
    return NaN;
  }

  /* A data file as example.hpp writes it (and gnuplot's `set datafile
   * columnheaders` reads it): a header row of column names, then rows of
   * whitespace-separated values; blank lines and # lines skipped.
   * -> {names: [...], columns: {name: Float64Array}} */
  function parseTable(text) {
    var lines = text.split("\n");
    var names = null;
    var cols = [];
    var n = 0;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i].trim();
      if (line === "" || line.charAt(0) === "#") continue;
      var f = line.split(/\s+/);
      if (names === null) {
        names = f;
        for (var k = 0; k < f.length; k++) cols.push([]);
        continue;
      }
      for (var j = 0; j < names.length; j++) {
        cols[j].push(j < f.length ? number(f[j]) : NaN);
      }
      n++;
    }
    var out = {names: names || [], columns: {}, rows: n};
    for (var c = 0; c < out.names.length; c++) {
      out.columns[out.names[c]] = Float64Array.from(cols[c]);
    }
    return out;
  }

  // -- Axes --------------------------------------------------------------

  function axis(v, a0, a1, p0, p1, log) {
    if (log) {
      if (!(v > 0)) return NaN;
      v = Math.log(v); a0 = Math.log(a0); a1 = Math.log(a1);
    }
    return p0 + (v - a0) / (a1 - a0) * (p1 - p0);
  }

  /* Data -> SVG pixels, the inverse of gnuplot's mouse script. */
  function toPixel(ax, x, y) {
    return [axis(x, ax.axis_xmin, ax.axis_xmax, ax.xmin, ax.xmax, ax.logx),
            axis(y, ax.axis_ymin, ax.axis_ymax, ax.ybot, ax.ytop, ax.logy)];
  }

  /* SVG pixel x -> data x (as gnuplot's mouse script computes it). */
  function toDataX(ax, px) {
    var t = (px - ax.xmin) / (ax.xmax - ax.xmin);
    if (ax.logx) {
      var a = Math.log(ax.axis_xmin);
      return Math.exp(a + t * (Math.log(ax.axis_xmax) - a));
    }
    return ax.axis_xmin + t * (ax.axis_xmax - ax.axis_xmin);
  }

  function plotBox(ax) {
    return {x0: Math.min(ax.xmin, ax.xmax), x1: Math.max(ax.xmin, ax.xmax),
            y0: Math.min(ax.ybot, ax.ytop), y1: Math.max(ax.ybot, ax.ytop)};
  }

  var EPS = 1e-6;

  function inside(b, p) {
    return p[0] >= b.x0 - EPS && p[0] <= b.x1 + EPS &&
           p[1] >= b.y0 - EPS && p[1] <= b.y1 + EPS;
  }

  /* The part of segment p-q inside box b (Liang-Barsky), or null. */
  function clip(b, p, q) {
    var t0 = 0, t1 = 1;
    var dx = q[0] - p[0], dy = q[1] - p[1];
    var edges = [[-dx, p[0] - b.x0], [dx, b.x1 - p[0]],
                 [-dy, p[1] - b.y0], [dy, b.y1 - p[1]]];
    for (var i = 0; i < 4; i++) {
      var P = edges[i][0], Q = edges[i][1];
      if (P === 0) {
        if (Q < -EPS) return null;
      } else {
        var r = Q / P;
        if (P < 0) { if (r > t1) return null; if (r > t0) t0 = r; }
        else { if (r < t0) return null; if (r < t1) t1 = r; }
      }
    }
    return [[p[0] + t0 * dx, p[1] + t0 * dy],
            [p[0] + t1 * dx, p[1] + t1 * dy]];
  }

  function fmt(v) {
    return (Math.round(v * 100) / 100).toFixed(2);
  }

  /* The path of a line through (xs[i], ys[i]), clipped to the plot area,
   * broken where a value is missing. -> {d, outside: points not drawn} */
  function linePath(ax, xs, ys) {
    var b = plotBox(ax);
    var parts = [];
    var prev = null, pen = null, outside = 0;
    for (var i = 0; i < xs.length; i++) {
      var p = toPixel(ax, xs[i], ys[i]);
      if (!isFinite(p[0]) || !isFinite(p[1])) { prev = null; continue; }
      if (!inside(b, p)) outside++;
      if (prev === null) { prev = p; continue; }
      var s = clip(b, prev, p);
      if (s !== null) {
        var a = fmt(s[0][0]) + "," + fmt(s[0][1]);
        if (pen !== a) parts.push("M" + a);
        var e = fmt(s[1][0]) + "," + fmt(s[1][1]);
        parts.push("L" + e);
        pen = e;
      }
      prev = p;
    }
    return {d: parts.join(" "), outside: outside};
  }

  /* The points inside the plot area. -> {points: [[px, py]], outside} */
  function pointList(ax, xs, ys) {
    var b = plotBox(ax);
    var pts = [], outside = 0;
    for (var i = 0; i < xs.length; i++) {
      var p = toPixel(ax, xs[i], ys[i]);
      if (!isFinite(p[0]) || !isFinite(p[1])) continue;
      if (inside(b, p)) pts.push(p); else outside++;
    }
    return {points: pts, outside: outside};
  }

  /* y of the element at data x: interpolated along a line (between the
   * neighbours in x), the nearest point for points; null where the element
   * has no value within `near` pixels of x. */
  function valueAt(xs, ys, x, style, ax, near) {
    var best = -1, bestd = Infinity;
    for (var i = 0; i < xs.length; i++) {
      var d = Math.abs(xs[i] - x);
      if (isFinite(ys[i]) && d < bestd) { bestd = d; best = i; }
    }
    if (best < 0) return null;
    if (style !== "points") {
      var j = xs[best] <= x ? best + 1 : best - 1;
      if (j >= 0 && j < xs.length && isFinite(ys[j]) && xs[j] !== xs[best] &&
          (xs[j] - x) * (xs[best] - x) <= 0) {
        var t = (x - xs[best]) / (xs[j] - xs[best]);
        return {x: x, y: ys[best] + t * (ys[j] - ys[best])};
      }
    }
    var gap = Math.abs(toPixel(ax, xs[best], 1)[0] - toPixel(ax, x, 1)[0]);
    if (!(gap <= near)) return null;
    return {x: xs[best], y: ys[best]};
  }

  var SUPERSCRIPT = {"-": "\u207b", "0": "\u2070", "1": "\u00b9",
                     "2": "\u00b2", "3": "\u00b3", "4": "\u2074",
                     "5": "\u2075", "6": "\u2076", "7": "\u2077",
                     "8": "\u2078", "9": "\u2079"};

  /* Numbers as the page's language writes them: four significant digits
   * (all the digits before the point), 1.23×10⁻⁵ for the very small and
   * the very large. */
  function formatter(lang) {
    function make(opts) {
      opts.useGrouping = false;
      try {
        return new Intl.NumberFormat(lang || undefined, opts);
      } catch (e) {
        return new Intl.NumberFormat(undefined, opts);
      }
    }
    var sig = make({maximumSignificantDigits: 4});
    var whole = make({maximumFractionDigits: 0});
    return function (v) {
      if (v === 0) return sig.format(0);
      if (!isFinite(v)) return String(v);
      var a = Math.abs(v);
      if (a < 1e-3 || a >= 1e6) {
        var s = v.toExponential(2).split("e");
        var e = String(Number(s[1])).replace(/[-0-9]/g, function (c) {
          return SUPERSCRIPT[c];
        });
        return sig.format(Number(s[0])) + "\u00d710" + e;
      }
      return (a >= 1000 ? whole : sig).format(v);
    };
  }

  function say(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (m, k) {
      return k in fields ? fields[k] : m;
    });
  }

  // -- The figure in the page --------------------------------------------

  /* The elements of plot group g that match `tag` and draw its data: not
   * its key entry (a *_keyentry group, and the group right after one,
   * which holds the key's sample line when the key is not opaque). */
  function dataNodes(g, tag) {
    var out = [];
    (function walk(node) {
      var skipNext = false;
      for (var c = node.firstElementChild; c; c = c.nextElementSibling) {
        if ((c.getAttribute("id") || "").indexOf("_keyentry") >= 0) {
          skipNext = true;
          continue;
        }
        if (skipNext && c.localName === "g") { skipNext = false; continue; }
        skipNext = false;
        if (c.localName === tag) out.push(c);
        walk(c);
      }
    })(g);
    return out;
  }

  function LiveFigure(root) {
    this.root = root;
    this.manifest = JSON.parse(root.getAttribute("data-live"));
    this.words = JSON.parse(root.getAttribute("data-words") || "{}");
    this.lang = root.getAttribute("lang") ||
                document.documentElement.getAttribute("lang") || "";
    this.format = formatter(this.lang);
    this.msg = root.querySelector(".litbook-livefig-msg");
    this.readout = root.querySelector(".litbook-livefig-readout");
    this.data = null; // the parsed files now drawn ({name: table})
    var builtin = root.querySelector("script.litbook-livefig-data");
    this.builtinText = builtin ? builtin.textContent : "{}";
    this.views = [];
    var holders = root.querySelectorAll(".litbook-livefig-svg");
    for (var i = 0; i < holders.length; i++) {
      this.views.push(this.view(holders[i]));
    }
    this.cursor = null; // the x value the keyboard cursor is at
    this.listen();
  }

  LiveFigure.prototype.view = function (holder) {
    var svg = holder.querySelector("svg");
    var theme = holder.getAttribute("data-theme");
    var ax = this.manifest.axes[theme] || this.manifest.axes.light;
    var els = [];
    for (var i = 0; i < this.manifest.elements.length; i++) {
      var g = svg.querySelector('g[data-live-el="' + i + '"]');
      var path = g ? dataNodes(g, "path")[0] || null : null;
      var uses = g ? dataNodes(g, "use") : [];
      var use = uses.length ? uses[0] : null;
      els.push({g: g, path: path,
                use: use ? use.cloneNode(false) : null,
                useParent: use ? use.parentNode : null,
                useAfter: use ? uses[uses.length - 1].nextSibling : null});
    }
    var guide = document.createElementNS(SVGNS, "g");
    guide.setAttribute("class", "litbook-livefig-guide");
    guide.setAttribute("pointer-events", "none");
    guide.style.display = "none";
    svg.appendChild(guide);
    return {svg: svg, ax: ax, els: els, guide: guide, theme: theme};
  };

  LiveFigure.prototype.listen = function () {
    var self = this;
    var section = this.root.closest("section.litbook-runner");
    if (section) {
      section.addEventListener("litbook-run", function (ev) {
        var files = ev.detail && ev.detail.files;
        self.redraw(files || {});
      });
    }
    this.views.forEach(function (v) {
      v.svg.addEventListener("pointermove", function (ev) {
        self.point(v, ev);
      });
      v.svg.addEventListener("pointerleave", function () { self.hide(); });
    });
    var plot = this.root.querySelector(".litbook-livefig-plot");
    if (plot) {
      plot.addEventListener("keydown", function (ev) { self.key(ev); });
      plot.addEventListener("blur", function () { self.hide(); });
    }
  };

  LiveFigure.prototype.tables = function () {
    if (this.data === null) {
      try {
        this.setData(JSON.parse(this.builtinText));
      } catch (e) {
        this.data = {};
      }
    }
    return this.data;
  };

  // The files of a run, parsed once for all the figures that draw them.
  var parsed = typeof WeakMap === "function" ? new WeakMap() : null;

  LiveFigure.prototype.setData = function (files) {
    var data = {};
    var wanted = {};
    var cache = parsed ? parsed.get(files) : null;
    if (parsed && !cache) { cache = {}; parsed.set(files, cache); }
    this.manifest.elements.forEach(function (e) { wanted[e.file] = true; });
    Object.keys(wanted).forEach(function (f) {
      if (Object.prototype.hasOwnProperty.call(files, f) &&
          typeof files[f] === "string") {
        if (cache && !cache[f]) cache[f] = parseTable(files[f]);
        data[f] = cache ? cache[f] : parseTable(files[f]);
      }
    });
    this.data = data;
  };

  /* The columns of element i, or a message saying why there are none. */
  LiveFigure.prototype.columns = function (i) {
    var e = this.manifest.elements[i];
    var t = this.tables()[e.file];
    if (!t) return {error: say(this.words.missing_file || "{file}?",
                               {file: e.file})};
    var missing = [e.x, e.y].filter(function (c) {
      return !(c in t.columns);
    });
    if (missing.length) {
      return {error: say(this.words.missing_column || "{file}: {column}?",
                         {file: e.file, column: missing.join(", ")})};
    }
    return {xs: t.columns[e.x], ys: t.columns[e.y]};
  };

  /* Redraw every element from the files of a run. Returns the time it
   * took (ms). */
  LiveFigure.prototype.redraw = function (files) {
    var t0 = (typeof performance !== "undefined") ? performance.now() : 0;
    this.setData(files);
    var problems = [], outside = 0;
    for (var i = 0; i < this.manifest.elements.length; i++) {
      var style = this.manifest.elements[i].style;
      var c = this.columns(i);
      if (c.error && problems.indexOf(c.error) < 0) problems.push(c.error);
      for (var k = 0; k < this.views.length; k++) {
        var v = this.views[k], el = v.els[i];
        if (!el.g) continue;
        var xs = c.error ? [] : c.xs, ys = c.error ? [] : c.ys;
        var out = 0;
        if (style !== "points") {
          var lp = linePath(v.ax, xs, ys);
          out = lp.outside;
          this.setPath(el, lp.d);
        }
        if (style !== "lines") {
          var pl = pointList(v.ax, xs, ys);
          out = Math.max(out, pl.outside);
          this.setPoints(el, pl.points);
        }
        if (k === 0) outside += out;
      }
    }
    if (outside > this.builtinOutside() && this.words.outside) {
      problems.push(this.words.outside);
    }
    this.show(problems);
    this.hide();
    // Values read from the previous run no longer hold.
    if (this.readout && this.words.hint) {
      this.readout.textContent = this.words.hint;
    }
    var t1 = (typeof performance !== "undefined") ? performance.now() : 0;
    this.root.setAttribute("data-redraw-ms", (t1 - t0).toFixed(3));
    return t1 - t0;
  };

  /* How many points of the build's own data lie outside the axes (the
   * figure may be a close-up): a run is said to be cut off only when more
   * of its points are. */
  LiveFigure.prototype.builtinOutside = function () {
    if (this.outside0 === undefined) {
      var files = {};
      try { files = JSON.parse(this.builtinText); } catch (e) { files = {}; }
      var ax = this.views.length ? this.views[0].ax : this.manifest.axes.light;
      var n = 0;
      for (var i = 0; i < this.manifest.elements.length; i++) {
        var e = this.manifest.elements[i];
        var t = files[e.file] ? parseTable(files[e.file]) : null;
        if (!t || !(e.x in t.columns) || !(e.y in t.columns)) continue;
        n += pointList(ax, t.columns[e.x], t.columns[e.y]).outside;
      }
      this.outside0 = n;
    }
    return this.outside0;
  };

  LiveFigure.prototype.setPath = function (el, d) {
    if (!el.path) return;
    var paths = dataNodes(el.g, "path");
    for (var i = 0; i < paths.length; i++) {
      if (paths[i] !== el.path) paths[i].parentNode.removeChild(paths[i]);
    }
    if (d) el.path.setAttribute("d", d);
    else el.path.removeAttribute("d");
  };

  LiveFigure.prototype.setPoints = function (el, pts) {
    if (!el.use) return;
    var old = dataNodes(el.g, "use");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var m = /scale\(([^)]*)\)/.exec(el.use.getAttribute("transform") || "");
    var scale = m ? " scale(" + m[1] + ")" : "";
    var frag = document.createDocumentFragment();
    for (var k = 0; k < pts.length; k++) {
      var u = el.use.cloneNode(false);
      u.setAttribute("transform", "translate(" + fmt(pts[k][0]) + "," +
                     fmt(pts[k][1]) + ")" + scale);
      frag.appendChild(u);
    }
    el.useParent.insertBefore(frag, el.useAfter);
  };

  LiveFigure.prototype.show = function (problems) {
    if (!this.msg) return;
    this.msg.textContent = problems.join(" ");
    this.msg.hidden = problems.length === 0;
  };

  /* The readout at data x (pointer at pixel y py, or null). */
  LiveFigure.prototype.readAt = function (v, x, py) {
    var rows = [];
    for (var i = 0; i < this.manifest.elements.length; i++) {
      var c = this.columns(i);
      if (c.error) continue;
      var e = this.manifest.elements[i];
      var at = valueAt(c.xs, c.ys, x, e.style, v.ax, NEAR);
      if (at === null) continue;
      var p = toPixel(v.ax, at.x, at.y);
      if (!isFinite(p[1])) continue;
      rows.push({i: i, label: e.label || e.y, x: at.x, y: at.y, p: p,
                 d: py === null ? 0 : Math.abs(p[1] - py)});
    }
    rows.sort(function (a, b) { return a.d - b.d || a.i - b.i; });
    rows = rows.slice(0, py === null ? this.manifest.elements.length : SHOWN);
    rows.sort(function (a, b) { return a.i - b.i; });
    var f = this.format;
    var xname = this.manifest.xlabel || "x";
    var text = xname + " = " + f(x) + rows.map(function (r) {
      return "; " + r.label + ": " + f(r.y);
    }).join("");
    if (this.readout) this.readout.textContent = text;
    this.drawGuide(v, x, rows);
  };

  LiveFigure.prototype.drawGuide = function (v, x, rows) {
    var b = plotBox(v.ax);
    var px = toPixel(v.ax, x, v.ax.axis_ymin)[0];
    var g = v.guide;
    while (g.firstChild) g.removeChild(g.firstChild);
    var line = document.createElementNS(SVGNS, "path");
    line.setAttribute("d", "M" + fmt(px) + "," + fmt(b.y0) + " L" + fmt(px) +
                      "," + fmt(b.y1));
    line.setAttribute("class", "litbook-livefig-cursor");
    g.appendChild(line);
    rows.forEach(function (r) {
      if (!inside(b, r.p)) return;
      var c = document.createElementNS(SVGNS, "circle");
      c.setAttribute("cx", fmt(r.p[0]));
      c.setAttribute("cy", fmt(r.p[1]));
      c.setAttribute("r", "4");
      c.setAttribute("class", "litbook-livefig-dot");
      g.appendChild(c);
    });
    g.style.display = "";
  };

  LiveFigure.prototype.hide = function () {
    this.views.forEach(function (v) { v.guide.style.display = "none"; });
  };

  LiveFigure.prototype.point = function (v, ev) {
    var ctm = v.svg.getScreenCTM();
    if (!ctm) return;
    var pt = v.svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    var p = pt.matrixTransform(ctm.inverse());
    if (!inside(plotBox(v.ax), [p.x, p.y])) { this.hide(); return; }
    this.readAt(v, toDataX(v.ax, p.x), p.y);
  };

  /* The keyboard: left and right arrows step through the x values (of
   * every element, inside the axes); Home and End go to the ends. */
  LiveFigure.prototype.key = function (ev) {
    var keys = {ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity};
    if (!(ev.key in keys)) return;
    var v = this.visible();
    var lo = Math.min(v.ax.axis_xmin, v.ax.axis_xmax);
    var hi = Math.max(v.ax.axis_xmin, v.ax.axis_xmax);
    var seen = {}, xs = [];
    for (var i = 0; i < this.manifest.elements.length; i++) {
      var c = this.columns(i);
      if (c.error) continue;
      for (var k = 0; k < c.xs.length; k++) {
        var x = c.xs[k];
        if (x >= lo && x <= hi && !seen[x]) { seen[x] = true; xs.push(x); }
      }
    }
    if (!xs.length) return;
    xs.sort(function (a, b) { return a - b; });
    ev.preventDefault();
    var step = keys[ev.key], n = xs.length;
    var at = this.cursor === null ? null : xs.indexOf(this.cursor);
    if (step === Infinity) at = n - 1;
    else if (step === -Infinity) at = 0;
    else if (at === null || at < 0) at = step > 0 ? 0 : n - 1;
    else at = Math.max(0, Math.min(n - 1, at + step));
    this.cursor = xs[at];
    this.readAt(v, this.cursor, null);
  };

  LiveFigure.prototype.visible = function () {
    for (var i = 0; i < this.views.length; i++) {
      var h = this.views[i].svg.parentNode;
      if (h.offsetParent !== null || h.getClientRects().length) {
        return this.views[i];
      }
    }
    return this.views[0];
  };

  var api = {parseTable: parseTable, toPixel: toPixel, toDataX: toDataX,
             clip: clip, linePath: linePath, pointList: pointList,
             valueAt: valueAt, formatter: formatter, dataNodes: dataNodes,
             LiveFigure: LiveFigure};

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  window.litbookLivefig = api;

  function start() {
    var figs = document.querySelectorAll(".litbook-livefig");
    for (var i = 0; i < figs.length; i++) {
      if (figs[i].litbookLive) continue;
      try {
        figs[i].litbookLive = new LiveFigure(figs[i]);
      } catch (e) {
        var m = figs[i].querySelector(".litbook-livefig-msg");
        if (m) { m.textContent = String(e); m.hidden = false; }
      }
    }
  }
  api.start = start;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
