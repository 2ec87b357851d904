// litbook's in-page runner: the chapter's example, compiled to WebAssembly
// by the book's build, run in a Web Worker (litbook_runner.py writes the
// panel this script drives).
//
// The compiled program is a classic script, _static/litbook-runner/<ch>.js,
// that registers a function returning emscripten's module factory
// (wasm_check.mjs wraps it so). A <script> tag loads it from file:// as
// well as over HTTP; its source text (Function.prototype.toString) starts
// the worker from a blob, so no request leaves the page and nothing needs
// a server. Every run is a fresh instance of the module (the wasm compiled
// once per worker); Stop ends the worker and starts another.
//
// After a run that exited with 0, the panel dispatches the bubbling event
// "litbook-run" whose detail is { files, stdout, args }: files maps every
// file the program wrote into its --out directory (relative paths) to its
// text (litbook_livefig.js redraws the figures from it).
//
// State for tests and readers alike, on the panel's dataset: state (idle,
// loading, running, done, failed, stopped), runs (how many have ended),
// match (same, differs, changed),
// firstOutputMs and lastMs (from pressing Run or changing a value to the
// first line of output, and to the end of the run).
(function () {
  'use strict';

  // Runs inside the worker; `litbookSource` is the registered function.
  function workerMain() {
    /* global litbookSource */
    var compiled = null;
    var instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = function (what, imports) {
      if (compiled) {
        return instantiate(compiled, imports).then(function (instance) {
          return { module: compiled, instance: instance };
        });
      }
      return instantiate(what, imports).then(function (r) {
        compiled = r.module;
        return r;
      });
    };
    var factory = litbookSource();
    // Once compiled, every run instantiates the same module, without
    // decoding the embedded wasm again.
    function withCompiled(options) {
      if (compiled) {
        options.instantiateWasm = function (imports, receive) {
          instantiate(compiled, imports).then(function (instance) {
            receive(instance, compiled);
          });
          return {};
        };
      }
      return options;
    }

    function readTree(FS, dir, prefix, files) {
      FS.readdir(dir).forEach(function (name) {
        if (name === '.' || name === '..') return;
        var p = dir + '/' + name;
        if (FS.isDir(FS.stat(p).mode)) readTree(FS, p, prefix + name + '/', files);
        else files[prefix + name] = FS.readFile(p, { encoding: 'utf8' });
      });
    }

    function run(args) {
      var status = null;
      var lines = [];
      var last = 0;
      function flush() {
        if (lines.length) postMessage({ type: 'out', text: lines.join('') });
        lines = [];
      }
      return factory(withCompiled({
        print: function (s) {
          lines.push(s + '\n');
          var now = performance.now();
          if (now - last > 40) { flush(); last = now; }
        },
        printErr: function (s) { postMessage({ type: 'err', text: s + '\n' }); },
        quit: function (code, e) { status = code; throw e; },
      })).then(function (mod) {
        try {
          var r = mod.callMain(args);
          if (status === null) status = r;
        } catch (e) {
          if (status === null) throw e;
        }
        flush();
        var files = {};
        try { readTree(mod.FS, '/out', '', files); } catch (e) { /* none written */ }
        postMessage({ type: 'done', status: status, files: files });
      });
    }

    // Compile the wasm now, so that the first Run only instantiates it.
    factory({ print: function () {}, printErr: function () {} }).then(function () {
      postMessage({ type: 'ready' });
    });
    onmessage = function (e) {
      run(e.data.args).catch(function (err) {
        postMessage({ type: 'crash', text: String(err && err.message ? err.message : err) });
      });
    };
  }

  function fill(template, value) { return template.replace('{}', value); }

  function Panel(section) {
    this.section = section;
    this.chapter = section.dataset.chapter;
    this.words = JSON.parse(section.dataset.words);
    this.expected = JSON.parse(
      section.querySelector('.litbook-runner-expected').textContent).stdout;
    this.status = section.querySelector('.litbook-runner-status');
    this.output = section.querySelector('.litbook-runner-output');
    this.error = section.querySelector('.litbook-runner-error');
    this.runButton = section.querySelector('.litbook-run');
    this.stopButton = section.querySelector('.litbook-stop');
    this.fields = Array.prototype.slice.call(
      section.querySelectorAll('.litbook-param input[type=number], .litbook-param select'));
    this.worker = null;
    this.ready = false;
    this.busy = false;
    this.pending = false;
    this.fast = false; // the last run was quick enough to follow a slider
    this.runs = 0;
    section.dataset.runs = '0';
    this.state('idle');
    this.wire();
  }

  Panel.prototype.state = function (s) { this.section.dataset.state = s; };

  Panel.prototype.wire = function () {
    var self = this;
    this.runButton.addEventListener('click', function () { self.request(); });
    this.stopButton.addEventListener('click', function () { self.stop(); });
    this.section.querySelector('.litbook-defaults').addEventListener('click', function () {
      self.fields.forEach(function (f) { f.value = f.dataset.default; self.syncSlider(f); });
      self.request();
    });
    this.fields.forEach(function (f) {
      f.addEventListener('change', function () { self.syncSlider(f); self.request(); });
    });
    Array.prototype.forEach.call(this.section.querySelectorAll('.litbook-slider'), function (s) {
      var field = document.getElementById(s.dataset.for);
      s.addEventListener('input', function () {
        field.value = s.value;
        if (self.fast) self.request();
      });
      s.addEventListener('change', function () { field.value = s.value; self.request(); });
    });
  };

  Panel.prototype.syncSlider = function (field) {
    var s = this.section.querySelector('.litbook-slider[data-for="' + field.id + '"]');
    if (s) s.value = field.value;
  };

  // The program's script, then the worker; `then` runs once it is ready.
  Panel.prototype.load = function (then) {
    var self = this;
    if (this.ready) { then(); return; }
    this.whenReady = (this.whenReady || []).concat(then ? [then] : []);
    if (this.worker) return;
    var registry = window.litbookExamples || {};
    if (!registry[this.chapter]) {
      if (this.scriptRequested) return;
      this.scriptRequested = true;
      this.state('loading');
      var tag = document.createElement('script');
      tag.src = this.section.dataset.module;
      tag.onload = function () { self.startWorker(); };
      tag.onerror = function () { self.crash(self.section.dataset.module); };
      document.head.appendChild(tag);
      return;
    }
    this.startWorker();
  };

  Panel.prototype.startWorker = function () {
    var self = this;
    var source = window.litbookExamples[this.chapter].toString();
    var code = 'var litbookSource = ' + source + ';\n(' + workerMain.toString() + ')();\n';
    var url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    this.worker = new Worker(url);
    URL.revokeObjectURL(url);
    this.worker.onmessage = function (e) { self.message(e.data); };
    this.worker.onerror = function (e) { e.preventDefault(); self.crash(e.message); };
    if (this.section.dataset.state === 'loading') this.state('idle');
  };

  Panel.prototype.args = function () {
    var args = ['--lang', this.section.dataset.lang, '--out', '/out'];
    var changed = [];
    this.fields.forEach(function (f) {
      if (f.value !== f.dataset.default) {
        args.push('--' + f.name, f.value);
        changed.push(f.name + ' = ' + f.value);
      }
    });
    return { args: args, changed: changed };
  };

  // A run now, or once the one in progress has finished.
  Panel.prototype.request = function () {
    var self = this;
    if (this.busy) { this.pending = true; return; }
    this.load(function () { self.start(); });
  };

  Panel.prototype.start = function () {
    var self = this;
    var a = this.args();
    this.busy = true;
    this.current = a;
    this.stdout = '';
    this.stderr = '';
    this.t0 = performance.now();
    this.firstOutput = null;
    this.output.textContent = '';
    this.error.hidden = true;
    this.error.textContent = '';
    this.stopButton.disabled = false;
    this.state('running');
    this.status.textContent = this.words.running;
    clearInterval(this.ticker);
    this.ticker = setInterval(function () {
      self.status.textContent = self.words.running + ' '
        + fill(self.words.elapsed, ((performance.now() - self.t0) / 1000).toFixed(1));
    }, 250);
    this.worker.postMessage({ args: a.args });
  };

  Panel.prototype.finish = function () {
    clearInterval(this.ticker);
    this.runs += 1;
    this.section.dataset.runs = String(this.runs);
    this.busy = false;
    this.stopButton.disabled = true;
    if (this.pending) { this.pending = false; this.request(); }
  };

  Panel.prototype.message = function (m) {
    if (m.type === 'ready') {
      this.ready = true;
      var queued = this.whenReady || [];
      this.whenReady = [];
      queued.forEach(function (f) { f(); });
    } else if (m.type === 'out') {
      if (this.firstOutput === null) {
        this.firstOutput = performance.now() - this.t0;
        this.section.dataset.firstOutputMs = this.firstOutput.toFixed(1);
      }
      this.stdout += m.text;
      this.output.hidden = false;
      this.output.textContent = this.stdout;
    } else if (m.type === 'err') {
      this.stderr += m.text;
    } else if (m.type === 'done') {
      this.done(m);
    } else if (m.type === 'crash') {
      this.crash(m.text);
    }
  };

  Panel.prototype.done = function (m) {
    var ms = performance.now() - this.t0;
    this.section.dataset.lastMs = ms.toFixed(1);
    this.fast = ms < 250;
    var took = fill(this.words.took, Math.round(ms));
    if (m.status !== 0) {
      this.state('failed');
      this.status.textContent = fill(this.words.failed, m.status);
      this.error.textContent = this.stderr;
      this.error.hidden = false;
      this.output.hidden = !this.stdout;
      delete this.section.dataset.match;
    } else {
      this.state('done');
      var match;
      var text;
      if (this.current.changed.length) {
        match = 'changed';
        text = fill(this.words.changed, this.current.changed.join(', '));
      } else if (this.stdout === this.expected) {
        match = 'same';
        text = this.words.same;
      } else {
        match = 'differs';
        text = this.words.differs;
      }
      this.section.dataset.match = match;
      this.status.textContent = text + ' ' + took;
      this.section.dispatchEvent(new CustomEvent('litbook-run', {
        bubbles: true,
        detail: { files: m.files, stdout: this.stdout, args: this.current.args },
      }));
    }
    this.finish();
  };

  Panel.prototype.crash = function (text) {
    this.state('failed');
    this.status.textContent = this.words.crashed;
    this.error.textContent = text;
    this.error.hidden = false;
    this.restart();
    this.finish();
  };

  Panel.prototype.restart = function () {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = false;
    this.whenReady = [];
  };

  Panel.prototype.stop = function () {
    if (!this.busy) return;
    this.pending = false;
    this.restart();
    this.state('stopped');
    this.status.textContent = this.words.stopped;
    this.finish();
    this.load(null);
  };

  function init() {
    var panels = Array.prototype.map.call(
      document.querySelectorAll('section.litbook-runner'), function (s) { return new Panel(s); });
    // Load a program (and compile its wasm) once its panel comes near the
    // screen, so that Run answers at once.
    if (!panels.length) return;
    // An exercise's button (litbook_exercise.py): its options into the
    // panel of its chapter, every other parameter at its default, then a
    // run, with the panel brought into view.
    document.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('button.litbook-try');
      if (!b) return;
      var wanted = JSON.parse(b.dataset.args);
      panels.forEach(function (p) {
        if (p.chapter !== b.dataset.chapter) return;
        p.fields.forEach(function (f) {
          f.value = Object.prototype.hasOwnProperty.call(wanted, f.name)
            ? wanted[f.name] : f.dataset.default;
          p.syncSlider(f);
        });
        p.section.scrollIntoView({ block: 'start' });
        p.request();
      });
    });
    if ('IntersectionObserver' in window) {
      var seen = new IntersectionObserver(function (entries) {
        entries.forEach(function (en) {
          if (!en.isIntersecting) return;
          seen.unobserve(en.target);
          en.target.litbookPanel.load(null);
        });
      }, { rootMargin: '400px' });
      panels.forEach(function (p) { p.section.litbookPanel = p; seen.observe(p.section); });
    } else {
      panels.forEach(function (p) { p.load(null); });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
