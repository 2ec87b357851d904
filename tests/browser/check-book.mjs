#!/usr/bin/env node
// Real-browser checks of the built HTML book.
//
//   node tests/browser/check-book.mjs <html-root>     (html-root holds ko/ en/)
//
// Every page of both languages (found by walking <html-root>/{ko,en}) is
// opened in Debian's Chromium, once from disk (file://) and once over a
// local HTTP server this script starts on 127.0.0.1 (ephemeral port). Per
// page: no console error or uncaught exception, no failed request, no
// request leaving the book (such requests are blocked and reported), every
// <img> decoded and every <object> loaded, math typeset by MathJax (SVG
// output, no raw TeX left in the text), the language switch leading to the
// same page in the other language, the book's icon named and decoding,
// every figure readable on a phone (checkPhoneFigures, over HTTP), and no
// "serious" or "critical" axe-core finding, in the light scheme on a
// desktop window and in the dark scheme on a phone-sized one (furo follows
// the reader's system setting), with the figures' data tables open (their
// first 20 rows). Then:
// every link to a #fragment finds its element, an interactive figure shows
// the coordinates under the pointer and toggles a curve, every figure follows
// the light and dark themes and offers its data (figures.mjs), the
// search (search.mjs), and every chapter's Run panel (runner.mjs: the
// program in WebAssembly prints the tested output, parameters re-run it and
// redraw its figures, a bad value shows the program's message).
// Prints "browser: N passed, M failed"; exits 1 on failure.
//
// Environment: CHROMIUM (default /usr/bin/chromium); BROWSER_MODES (default
// "file,http"); BROWSER_AXE_MODES (modes that run axe, default "http": the
// DOM and styles are the same in both, and a style or script that fails to
// load is reported anyway); BROWSER_JOBS (pages in flight per mode, default
// the number of CPUs, at least 2); BROWSER_VERBOSE=1 (print passing checks
// too); BROWSER_TIMINGS=1 (time each step of each page, and each phase,
// on stderr).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import {
  LANGS, discoverPages, startServer, fileBase, launch, policedContext,
  pool, watchPage, objectsSettled,
} from './lib.mjs';
import { figureChecks, themeChecks, openDataTables } from './figures.mjs';
import { searchChecks } from './search.mjs';
import { runnerChecks, reportBudgets } from './runner.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const JOBS = Number(process.env.BROWSER_JOBS || Math.max(2, os.availableParallelism ? os.availableParallelism() : os.cpus().length));
const MODES = (process.env.BROWSER_MODES || 'file,http').split(',');
const AXE_MODES = (process.env.BROWSER_AXE_MODES || 'http').split(',');
const VERBOSE = process.env.BROWSER_VERBOSE === '1';
const TIMINGS = process.env.BROWSER_TIMINGS === '1';
const TIMEOUT = 20000;

// Wait until MathJax 2 finished its first typesetting pass (if loaded).
async function waitForMath(page) {
  const hasMathJax = await page.evaluate(() =>
    !!document.querySelector('script[src*="MathJax.js"]'));
  if (!hasMathJax) return false;
  await page.waitForFunction(() => window.MathJax && window.MathJax.Hub
    && window.MathJax.Hub.Register, null, { timeout: TIMEOUT });
  // (The hook must not return the queue's callback: MathJax would wait on it.)
  await page.evaluate((timeout) => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('MathJax did not finish typesetting')), timeout);
    window.MathJax.Hub.Register.StartupHook('End', () => {
      setTimeout(() => window.MathJax.Hub.Queue(() => { resolve(true); }), 0);
    });
  }), TIMEOUT);
  return true;
}

// Math rendered, no raw TeX left in the reader's text.
async function checkMath(page, mathjax) {
  return page.evaluate((mathjax) => {
    const problems = [];
    const maths = [...document.querySelectorAll('.math')];
    if (maths.length && !mathjax) {
      problems.push(document.querySelector('img.math, .math img')
        ? 'math is drawn as images (sphinx.ext.imgmath), not by MathJax: '
          + 'is html_math_renderer "mathjax"?'
        : 'page has math but does not load MathJax');
    }
    for (const m of mathjax ? maths : []) {
      if (!m.querySelector('.MathJax_SVG svg, .MathJax_SVG_Display svg')) {
        problems.push(`math not rendered as SVG: ${m.textContent.slice(0, 60)}`);
      }
    }
    for (const e of document.querySelectorAll(
      '.MathJax_SVG [data-mjx-error], .MathJax_Error, .MathJax_SVG .noError')) {
      problems.push(`MathJax error: ${e.textContent.slice(0, 80)}`);
    }
    if (/Math Processing Error/.test(document.body.innerText)) {
      problems.push('MathJax: "Math Processing Error"');
    }
    // Raw TeX delimiters outside code and scripts.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest(
        'pre, code, script, style, textarea, .highlight, .MathJax_SVG, .MathJax_SVG_Display')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.nodeValue;
      const i = t.search(/\\\(|\\\)|\\\[|\\\]|\\begin\{|\$\$/);
      if (i >= 0) {
        problems.push(`raw TeX in text: "${t.slice(Math.max(0, i - 20), i + 40)}"`);
        break;
      }
    }
    return problems;
  }, mathjax);
}

// Every <img> decoded with a size; every shown <object> loaded (its load
// event fired: lib.mjs's recordObjectLoads), laid out, and showing an SVG
// document: the object's child frame with its URL, evaluated through
// Playwright (which reaches it on file://, where contentDocument is another
// origin's). (A hidden rendering, for the other theme, is not loaded.)
export async function checkMedia(page) {
  await objectsSettled(page, TIMEOUT);
  const { imgs, objects } = await page.evaluate(async () => {
    const imgs = await Promise.all([...document.images].map(async (img) => {
      img.loading = 'eager';
      if (!img.complete) {
        await Promise.race([img.decode().catch(() => {}),
          new Promise((r) => setTimeout(r, 5000))]);
      }
      return { src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0 };
    }));
    const objects = [...document.querySelectorAll('object')]
      .filter((o) => getComputedStyle(o).display !== 'none').map((o) => {
      const r = o.getBoundingClientRect();
      return { data: o.data, sized: r.width > 0 && r.height > 0,
               event: window.__litbookObjectState(o) };
    });
    return { imgs, objects };
  });
  const problems = [];
  for (const i of imgs) if (!i.ok) problems.push(`image not loaded: ${i.src}`);
  const children = page.mainFrame().childFrames();
  for (const o of objects) {
    let root = null;
    for (const f of children.filter((c) => o.data && c.url() === o.data)) {
      root = await f.evaluate(() => (document.documentElement
        ? document.documentElement.localName : null)).catch(() => null);
      if (root === 'svg') break;
    }
    if (o.data && o.sized && (o.event !== 'load' || root !== 'svg')) {
      // Chromium, busy with several pages at once, now and then fails an
      // <object>'s load (CI saw it once in a few hundred): load that object
      // again, once; a figure that is really missing or broken fails again.
      const again = await page.evaluate((data) => new Promise((resolve) => {
        const el = [...document.querySelectorAll('object')].find((x) => x.data === data);
        if (!el) { resolve('gone'); return; }
        const done = (e) => resolve(e.type);
        el.addEventListener('load', done, { once: true });
        el.addEventListener('error', done, { once: true });
        setTimeout(() => resolve('timeout'), 10000);
        el.data = data;
      }), o.data);
      root = null;
      for (const f of page.mainFrame().childFrames().filter((c) => c.url() === o.data)) {
        root = await f.evaluate(() => (document.documentElement
          ? document.documentElement.localName : null)).catch(() => null);
        if (root === 'svg') break;
      }
      if (again === 'load' && root === 'svg') {
        console.error(`(note: ${o.data} loaded on a second attempt; first: event=${o.event})`);
        continue;
      }
      o.event = `${o.event || 'none'}, then ${again}`;
    }
    if (!o.data || o.event !== 'load' || !o.sized || root !== 'svg') {
      problems.push(`object not loaded: ${o.data || '(no data)'} (event=${o.event || 'none'}, `
        + `sized=${o.sized}, document=${root || 'none'})`);
    }
  }
  return problems;
}

// axe in one colour scheme at one viewport size. The light run uses a
// desktop window, the dark run a phone-sized one, where code blocks and
// tables overflow (scrollable-region-focusable) and furo's mobile header and
// drawers are shown.
const VIEWPORTS = { desktop: { width: 1280, height: 900 },
                    phone: { width: 390, height: 844 } };
// (include: the selectors of the part of the page to check; all of it
// by default.)
async function runAxe(page, scheme, viewport, { include } = {}) {
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(() => new Promise((r) =>
    requestAnimationFrame(() => requestAnimationFrame(r))));
  // The scheme must really apply: furo's default theme ("auto") follows the
  // system setting (a Debian furo defect once left the page light).
  const shade = await page.evaluate(() => {
    const rgb = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number);
    const [r, g, b] = rgb.map((c) => c / 255);
    return { theme: document.body.dataset.theme, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
  });
  const dark = shade.luminance < 0.5;
  const themeProblems = (dark === (scheme === 'dark')) ? [] : [
    `${scheme} system colour scheme, theme "${shade.theme}": the page background `
    + `stays ${dark ? 'dark' : 'light'}`];
  const found = await page.evaluate(async (include) => {
    const res = await window.axe.run(include ? { include } : document, {
      resultTypes: ['violations'],
      preload: false, // axe's own CSS fetch is refused on file:// (not the book's fault)
    });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id, impact: v.impact, count: v.nodes.length,
        nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}`
          + (n.any[0] && n.any[0].message ? ` -- ${n.any[0].message}` : '')),
      }));
  }, include || null);
  return themeProblems.concat(found.map((v) => `axe ${v.impact} ${v.id} [${scheme}, ${viewport}] x${v.count}: `
    + v.nodes.join(' | ')));
}

// The language switch of a page leads to the same page in the other
// language(s): its link resolves to <base><other>/<same path>, and that
// page exists (it is visited in turn, and its own switch checked back).
async function checkLangSwitch(page, base, lang, rel, root) {
  const problems = [];
  for (const other of LANGS.filter((l) => l !== lang)) {
    const expected = `${base}${other}/${rel}`;
    const hrefs = await page.evaluate((o) => [...document.querySelectorAll(
      `.litbook-langswitch a[hreflang="${o}"]`)].map((a) => a.href), other);
    if (!hrefs.length) { problems.push(`no language switch to ${other}`); continue; }
    for (const href of hrefs) {
      if (href !== expected) {
        problems.push(`language switch to ${other} goes to ${href}, not ${expected}`);
      }
    }
    if (!fs.existsSync(path.join(root, other, rel))) {
      problems.push(`language switch target missing: ${other}/${rel}`);
    }
  }
  const own = await page.evaluate(() => document.documentElement.lang);
  if (!own.startsWith(lang)) problems.push(`<html lang="${own}"> in the ${lang} book`);
  return problems;
}

// Links with a #fragment into the book's pages: the target page has an
// element with that id (Sphinx's cross-references, the ToC, footnotes).
function checkAnchors(anchors, base) {
  const problems = [];
  for (const [from, { links }] of anchors) {
    for (const href of links) {
      if (!href.startsWith(base)) continue;
      const [target, frag] = href.slice(base.length).split('#');
      if (!frag) continue;
      const page = anchors.get(target);
      if (!page) continue; // not a page: linkchecker checks that it exists
      let id = frag;
      try { id = decodeURIComponent(frag); } catch { /* keep as is */ }
      if (!page.ids.includes(id)) problems.push(`${from}: link to ${target}#${frag}: no such element`);
    }
  }
  return [...new Set(problems)];
}

// The page names the book's icon (<link rel="icon">; without one, a browser
// asks the server for /favicon.ico and gets a 404), and the icon decodes.
async function checkIcon(page) {
  const r = await page.evaluate(async () => {
    const link = document.querySelector('link[rel~="icon"]');
    if (!link) return 'no <link rel="icon">';
    const img = new Image();
    img.src = link.href;
    try { await img.decode(); } catch { return `the icon ${link.href} does not decode`; }
    return img.naturalWidth > 0 ? '' : `the icon ${link.href} is empty`;
  });
  return r ? [r] : [];
}

// On a phone-sized window (the page is at that size when this runs, after
// the dark axe run) every figure keeps a readable width (its labels,
// gnuplot's 13px at 720px, at 11px or more: 40rem) in a box that scrolls
// sideways, and says what it does (the hint, the swipe line, the link to
// the figure alone).
async function checkPhoneFigures(page) {
  const found = await page.evaluate(() => [...document.querySelectorAll(
    'figure.litbook-figure')].map((f) => {
    const shown = [...f.querySelectorAll('object.litbook-interactive')]
      .filter((o) => o.getBoundingClientRect().width > 0);
    const box = f.querySelector('.litbook-fig-scroll');
    const visible = (sel) => [...f.querySelectorAll(sel)]
      .some((e) => e.getBoundingClientRect().height > 0);
    return {
      id: f.id,
      widths: shown.map((o) => Math.round(o.getBoundingClientRect().width)),
      scrolls: !!box && box.scrollWidth > box.clientWidth
        && getComputedStyle(box).overflowX === 'auto',
      hint: visible('.litbook-fig-hint p:not(.litbook-fig-narrow)'),
      narrow: visible('.litbook-fig-narrow'),
      full: visible('a.litbook-fig-full'),
    };
  }));
  const problems = [];
  for (const f of found) {
    const where = `figure #${f.id} at 390px`;
    if (f.widths.length !== 1) problems.push(`${where}: ${f.widths.length} figures shown, not 1`);
    else if (f.widths[0] < 600) problems.push(`${where}: drawn ${f.widths[0]}px wide (labels under 11px)`);
    if (!f.scrolls) problems.push(`${where}: its box does not scroll sideways`);
    if (!f.hint || !f.narrow || !f.full) problems.push(`${where}: no hint, swipe line or full-size link`);
  }
  return problems;
}

async function checkPage(context, base, root, lang, rel, texts, anchors, axe) {
  const page = await context.newPage();
  const watcher = watchPage(page, base);
  const url = `${base}${lang}/${rel}`;
  const problems = [];
  const t0 = Date.now();
  const laps = [];
  const lap = (what) => laps.push(`${what} ${Date.now() - t0}`);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT });
    lap('load');
    const mathjax = await waitForMath(page);
    lap('math');
    problems.push(...await checkMedia(page));
    problems.push(...await checkMath(page, mathjax));
    problems.push(...await checkIcon(page));
    if (anchors) {
      anchors.set(`${lang}/${rel}`, await page.evaluate(() => ({
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id)
          .concat([...document.querySelectorAll('a[name]')].map((a) => a.name)),
        links: [...document.querySelectorAll('a[href*="#"]')].map((a) => a.href),
      })));
    }
    if (texts && !texts.has(`${lang}/${rel}`)) {
      texts.set(`${lang}/${rel}`, await page.evaluate(() => {
        const main = document.querySelector('[role=main]') || document.body;
        const c = main.cloneNode(true);
        c.querySelectorAll('.toctree-wrapper, .headerlink, script, style, '
          + '.MathJax_Preview, .MathJax_SVG, .MathJax_SVG_Display, '
          + '.MathJax_SVG_Hidden, section.litbook-runner')
          .forEach((e) => e.remove());
        return c.textContent;
      }));
    }
    problems.push(...await checkLangSwitch(page, base, lang, rel, root));
    lap('switch');
    if (axe) {
      // With the figures' data tables open (their first rows).
      await openDataTables(page);
      await page.addScriptTag({ content: AXE_SOURCE });
      problems.push(...await runAxe(page, 'light', 'desktop'));
      lap('axe-light');
      problems.push(...await runAxe(page, 'dark', 'phone'));
      lap('axe-dark');
      // Still at the phone's size (the figures are the same from disk).
      problems.push(...await checkPhoneFigures(page));
      lap('phone-figures');
    }
    // Anything still in flight (late parts of MathJax, say) must end well.
    await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
    lap('idle');
    problems.push(...watcher.errors);
    if (TIMINGS) console.error(`  ${lang}/${rel}: ${laps.join(', ')} ms`);
  } catch (e) {
    problems.push(...watcher.errors, `error: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return problems;
}

async function main() {
  const root = process.argv[2];
  if (!root || !fs.existsSync(path.join(root, 'ko'))
      || !fs.existsSync(path.join(root, 'en'))) {
    console.error('usage: check-book.mjs <html-root> (a folder with ko/ and en/)');
    process.exit(2);
  }
  const t0 = Date.now();
  let tPhase = t0;
  const phase = (what) => {
    if (TIMINGS) console.error(`phase ${what}: ${((Date.now() - tPhase) / 1000).toFixed(1)} s`);
    tPhase = Date.now();
  };
  const pages = Object.fromEntries(LANGS.map((l) => [l, discoverPages(root, l)]));
  let passed = 0;
  let failed = 0;
  const report = (name, problems) => {
    if (problems.length) {
      failed++;
      console.log(`FAIL ${name}`);
      for (const p of problems) console.log(`     ${p}`);
    } else {
      passed++;
      if (VERBOSE) console.log(`ok   ${name}`);
    }
  };
  for (const lang of LANGS) {
    if (!pages[lang].length) report(`${lang}: pages`, [`no HTML page under ${lang}/`]);
    const other = LANGS.filter((l) => l !== lang);
    for (const o of other) {
      const missing = pages[lang].filter((p) => !pages[o].includes(p));
      report(`${lang}: every page exists in ${o}`,
        missing.map((p) => `${lang}/${p} has no ${o}/${p}`));
    }
  }
  const { server, base: httpBase } = await startServer(root);
  const browser = await launch(chromium);
  const texts = new Map();
  const anchors = new Map();
  try {
    await Promise.all(MODES.map(async (mode) => {
      const base = mode === 'http' ? httpBase : fileBase(root);
      const context = await policedContext(browser, base);
      const jobs = LANGS.flatMap((lang) => pages[lang].map((rel) => ({ lang, rel })));
      await pool(jobs, JOBS, async ({ lang, rel }) => {
        const problems = await checkPage(context, base, root, lang, rel,
          mode === MODES[0] ? texts : null, mode === MODES[0] ? anchors : null,
          AXE_MODES.includes(mode));
        report(`${lang}/${rel} [${mode}]`, problems);
      });
      await context.close();
    }));
    phase('pages');
    report('#anchors: every link to a fragment finds its element',
      checkAnchors(anchors, MODES[0] === 'http' ? httpBase : fileBase(root)));
    {
      const context = await policedContext(browser, httpBase);
      for (const r of await figureChecks({ context, base: httpBase, pages })) {
        report(r.name, r.problems);
      }
      await context.close();
      phase('interactive figure');
      const themed = await themeChecks({ browser, base: httpBase, pages,
        newContext: policedContext, jobs: JOBS });
      for (const r of themed) report(r.name, r.problems);
      phase('figure themes');
    }
    await Promise.all(MODES.map(async (mode) => {
      const base = mode === 'http' ? httpBase : fileBase(root);
      const context = await policedContext(browser, base);
      const results = await searchChecks({ context, base, root, pages, texts, mode, jobs: JOBS });
      for (const r of results) report(r.name, r.problems);
      await context.close();
    }));
    phase('search');
    // The Run panels (runner.mjs), one mode after the other: axe where the
    // pages get it, the budgets timed over HTTP.
    const budgets = { first: [], slider: [], training: [] };
    for (const mode of MODES) {
      const base = mode === 'http' ? httpBase : fileBase(root);
      const context = await policedContext(browser, base);
      const results = await runnerChecks({ context, base, root, pages, mode,
        axeSource: AXE_SOURCE, runAxe: AXE_MODES.includes(mode) ? runAxe : null,
        budgets, measure: mode === 'http', jobs: JOBS });
      for (const r of results) report(r.name, r.problems);
      await context.close();
    }
    console.error(reportBudgets(budgets, root, pages));
    phase('runner');
  } finally {
    await browser.close();
    server.close();
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  console.error(`(${secs} s, ${LANGS.map((l) => `${pages[l].length} ${l}`).join(' + ')} pages, modes ${MODES.join('+')})`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    console.log('browser: 0 passed, 1 failed');
    process.exit(2);
  });
}
