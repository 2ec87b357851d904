// The in-page runner (litbook_runner.js), used as a reader would, on every
// chapter page with a Run panel, in both languages, in the mode given
// (file:// or HTTP):
// - Run, pressed from the keyboard, prints exactly the tested output of the
//   page's language: the page's own comparison says "same", and the text
//   is byte-identical to chapters/<ch>/expected.<lang>.txt when the source
//   tree is known (LITBOOK_SOURCE_ROOT) as well as to the text the page
//   embeds; the output element holds stdout and nothing else;
// - chapter 5: w3 = -20 runs again, the panel says the values changed, the
//   printed peak moves and the live figure's curves change;
// - a value out of range shows the program's own message, naming the
//   parameter, and no "litbook-run" event (nothing redrawn);
// - Stop ends a run in progress (chapter 7's training);
// - no console error or uncaught exception, no request leaving the page,
//   no serious or critical axe finding in the panel after a run (light on
//   a desktop, dark on a phone).
// It also measures what the issue budgets: first output after Run, the
// chapter 5 slider-to-redrawn-figure time (median), chapter 7's default
// run, and the bytes (gzip) the runner adds to each chapter page.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pool, watchPage } from './lib.mjs';

const TIMEOUT = 30000;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

async function waitRun(page, before) {
  // Another run has ended since `before` (the panel counts them).
  await page.waitForFunction((b) => document.querySelector('section.litbook-runner')
    .dataset.runs !== b, before, { timeout: TIMEOUT });
}

// No run in progress and none queued.
async function idle(page) {
  await page.waitForFunction(() => {
    const p = document.querySelector('section.litbook-runner').litbookPanel;
    return p && !p.busy && !p.pending;
  }, null, { timeout: TIMEOUT });
}

async function panelState(page) {
  await idle(page);
  return page.evaluate(() => {
    const s = document.querySelector('section.litbook-runner');
    const out = s.querySelector('.litbook-runner-output');
    const err = s.querySelector('.litbook-runner-error');
    const paths = [...s.querySelectorAll('.litbook-livefig path, .litbook-livefig use')]
      .map((p) => p.getAttribute('d') || `${p.getAttribute('x')},${p.getAttribute('y')}`);
    return {
      state: s.dataset.state, match: s.dataset.match, runs: s.dataset.runs,
      firstOutputMs: Number(s.dataset.firstOutputMs), lastMs: Number(s.dataset.lastMs),
      status: s.querySelector('.litbook-runner-status').textContent,
      stdout: out.textContent, outHidden: out.hidden,
      error: err.hidden ? null : err.textContent,
      expected: JSON.parse(s.querySelector('.litbook-runner-expected').textContent).stdout,
      figure: paths.join('|'), events: window.litbookRunEvents || 0,
    };
  });
}

async function setField(page, name, value) {
  await page.evaluate(([n, v]) => {
    const f = document.querySelector(`section.litbook-runner [name="${n}"]`);
    f.value = v;
    f.dispatchEvent(new Event('change', { bubbles: true }));
  }, [name, value]);
}

async function axePanel(page, axeSource, runAxe) {
  if (!await page.evaluate(() => !!window.axe)) await page.addScriptTag({ content: axeSource });
  const problems = [];
  for (const [scheme, viewport] of [['light', 'desktop'], ['dark', 'phone']]) {
    problems.push(...(await runAxe(page, scheme, viewport, { include: [['section.litbook-runner']] })));
  }
  return problems;
}

async function checkChapter({ context, base, lang, rel, sourceRoot, axeSource, runAxe, budgets, measure }) {
  const page = await context.newPage();
  const watcher = watchPage(page, base);
  const problems = [];
  const chapter = path.basename(rel, '.html');
  try {
    await page.addInitScript(() => {
      window.litbookRunEvents = 0;
      document.addEventListener('litbook-run', () => { window.litbookRunEvents++; });
    });
    await page.goto(`${base}${lang}/${rel}`, { waitUntil: 'load', timeout: TIMEOUT });
    if (!await page.$('section.litbook-runner')) {
      return [`no Run panel on ${lang}/${rel}`];
    }
    // Wait until the program is loaded (the panel is in view or near it
    // once scrolled to), then press Run from the keyboard.
    await page.locator('section.litbook-runner .litbook-run').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const s = document.querySelector('section.litbook-runner');
      return s.litbookPanel && s.litbookPanel.ready;
    }, null, { timeout: TIMEOUT });
    let st = await panelState(page);
    await page.focus('section.litbook-runner .litbook-run');
    await page.keyboard.press('Enter');
    await waitRun(page, st.runs);
    st = await panelState(page);
    budgets.first.push([`${lang}/${chapter}`, st.firstOutputMs]);
    if (chapter.startsWith('07-')) budgets.training.push([`${lang}/${chapter}`, st.lastMs]);
    if (st.state !== 'done') problems.push(`Run at defaults: state ${st.state}: ${st.error || st.status}`);
    if (st.match !== 'same') problems.push(`Run at defaults: the page says "${st.match}" (${st.status})`);
    if (st.stdout !== st.expected) problems.push('Run at defaults: the output is not the tested text the page embeds');
    if (sourceRoot) {
      const file = path.join(sourceRoot, 'chapters', chapter, `expected.${lang}.txt`);
      if (!fs.existsSync(file)) problems.push(`no ${file}`);
      else if (fs.readFileSync(file, 'utf8') !== st.stdout) {
        problems.push(`Run at defaults: the output differs from ${file}`);
      }
    }
    if (runAxe) problems.push(...await axePanel(page, axeSource, runAxe));

    // An exercise's button (litbook_exercise.py): its options, and only
    // those, in the panel, and a run with them.
    const tryButton = await page.$('button.litbook-try');
    if (tryButton) {
      const wanted = JSON.parse(await tryButton.getAttribute('data-args'));
      const b = await panelState(page);
      await tryButton.click();
      await waitRun(page, b.runs);
      st = await panelState(page);
      const fields = await page.evaluate(() => [...document.querySelectorAll(
        'section.litbook-runner .litbook-param input[type=number], '
        + 'section.litbook-runner .litbook-param select')]
        .map((f) => [f.name, f.value, f.dataset.default]));
      for (const [name, value, def] of fields) {
        const want = Object.prototype.hasOwnProperty.call(wanted, name) ? wanted[name] : def;
        if (value !== want) problems.push(`exercise button: ${name} = ${value}, not ${want}`);
      }
      for (const name of Object.keys(wanted)) {
        if (!fields.some(([n]) => n === name)) problems.push(`exercise button: no parameter ${name}`);
      }
      if (st.state !== 'done' || st.match !== 'changed') {
        problems.push(`exercise button: state ${st.state}, match ${st.match}: ${st.error || st.status}`);
      }
      const c = st;
      await page.click('section.litbook-runner .litbook-defaults');
      await waitRun(page, c.runs);
      st = await panelState(page);
      if (st.match !== 'same') problems.push(`after an exercise, Defaults: ${st.match} (${st.status})`);
    }

    if (chapter.startsWith('05-')) {
      const peakLines = (t) => t.split('\n').filter((l) => /peak|꼭대기/i.test(l)).join('\n');
      const before = st;
      await setField(page, 'w3', '-20');
      await waitRun(page, before.runs);
      st = await panelState(page);
      if (st.state !== 'done' || st.match !== 'changed') {
        problems.push(`w3 = -20: state ${st.state}, match ${st.match}: ${st.error || st.status}`);
      }
      if (!peakLines(before.stdout)) problems.push('chapter 5 prints no line about the peak');
      if (peakLines(st.stdout) === peakLines(before.stdout)) {
        problems.push('w3 = -20: the printed peak did not change');
      }
      if (!before.figure) problems.push('chapter 5: the Run panel has no live figure');
      else if (st.figure === before.figure) problems.push('w3 = -20: the live figure did not change');
      // Slider moves, each one a run and a redraw (measured in one mode).
      const times = [];
      for (const v of measure ? ['-30', '-25', '-22', '-18', '-16', '-14', '-12'] : []) {
        await idle(page);
        // (Timed inside the page, from the change to the panel's event,
        // whose listeners include the figures' redraw: a page in a
        // background tab has its timers slowed to a second.)
        const t = await page.evaluate(([val]) => new Promise((resolve) => {
          const s = document.querySelector('section.litbook-runner');
          const slider = s.querySelector('.litbook-slider[data-for$="-w3"]');
          const t0 = performance.now();
          s.addEventListener('litbook-run', () => resolve(performance.now() - t0),
            { once: true });
          slider.value = val;  // (as when the reader lets go of it)
          slider.dispatchEvent(new Event('change', { bubbles: true }));
        }), [v]);
        times.push(t);
      }
      if (times.length) budgets.slider.push([`${lang}/${chapter}`, median(times)]);
      // A value out of range: the program's message, nothing redrawn.
      const b = await panelState(page);
      await setField(page, 'w3', '1e9');
      await waitRun(page, b.runs);
      st = await panelState(page);
      if (st.state !== 'failed' || !st.error || !/w3/.test(st.error)) {
        problems.push(`w3 = 1e9: expected the program's error naming w3, got state ${st.state}, `
          + `error ${JSON.stringify(st.error)}`);
      }
      if (st.events !== b.events) problems.push('w3 = 1e9: a failed run redrew the figure');
      if (st.figure !== b.figure) problems.push('w3 = 1e9: the figure changed after a failed run');
    }
    if (chapter.startsWith('07-')) {
      // Stop: a long run (many steps) ended by the reader.
      const b = await panelState(page);
      // (Started and stopped in one go: the longest run takes about a
      // second, and a test that waits in between may find it finished.)
      const started = await page.evaluate(() => {
        const s = document.querySelector('section.litbook-runner');
        const f = s.querySelector('[name="steps"]');
        f.value = f.max;
        f.dispatchEvent(new Event('change', { bubbles: true }));
        const running = s.dataset.state === 'running';
        s.querySelector('.litbook-stop').click();
        return running;
      });
      if (!started) problems.push('Stop: the run with the most steps did not start at once');
      await waitRun(page, b.runs);
      st = await panelState(page);
      if (st.state !== 'stopped') problems.push(`Stop: state ${st.state} (${st.status})`);
      // ... and the panel runs again afterwards.
      const c = await panelState(page);
      await page.click('section.litbook-runner .litbook-defaults');
      await waitRun(page, c.runs);
      st = await panelState(page);
      if (st.match !== 'same') problems.push(`after Stop, Defaults: ${st.match} (${st.status})`);
    }
    problems.push(...watcher.errors);
  } catch (e) {
    problems.push(...watcher.errors, `error: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return problems;
}

// What the runner adds to a chapter page, compressed with gzip: the
// program's script and the panel's script (the page's own HTML grows by
// the panel's markup, counted too).
export function pageWeights(root, lang, rels) {
  const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
  const runnerJs = path.join(root, lang, '_static', 'litbook_runner.js');
  return rels.map((rel) => {
    const chapter = path.basename(rel, '.html');
    const prog = path.join(root, lang, '_static', 'litbook-runner', `${chapter}.js`);
    const html = fs.readFileSync(path.join(root, lang, rel), 'utf8');
    const m = html.match(/<section class="litbook-runner"[\s\S]*?<\/section>/);
    const panel = m ? zlib.gzipSync(Buffer.from(m[0]), { level: 9 }).length : 0;
    const prg = fs.existsSync(prog) ? gz(prog) : 0;
    return { chapter, program: prg, script: fs.existsSync(runnerJs) ? gz(runnerJs) : 0, panel };
  });
}

// runAxe(page, scheme, viewport, { include }) runs axe on the panel (null:
// no axe in this mode); measure: time the slider in this mode.
export async function runnerChecks({ context, base, root, pages, mode, axeSource, runAxe,
  budgets, measure = true, jobs = 2 }) {
  const sourceRoot = process.env.LITBOOK_SOURCE_ROOT || '';
  const items = Object.keys(pages).flatMap((lang) => pages[lang]
    .filter((p) => p.startsWith('chapters/')).map((rel) => ({ lang, rel })));
  return pool(items, jobs, async ({ lang, rel }) => {
    const name = `${lang}/${rel} [${mode}] Run panel`;
    const html = fs.readFileSync(path.join(root, lang, rel), 'utf8');
    if (!html.includes('class="litbook-runner"')) return { name, problems: ['no Run panel'] };
    return { name, problems: await checkChapter({ context, base, lang, rel, sourceRoot,
      axeSource, runAxe, budgets, measure }) };
  });
}

export function reportBudgets(budgets, root, pages) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  const lines = ['runner budgets (this run):'];
  lines.push(`  first output after Run: median ${ms(median(budgets.first.map((x) => x[1])))}, `
    + `max ${ms(Math.max(...budgets.first.map((x) => x[1])))} (${budgets.first.length} runs)`);
  for (const [k, v] of budgets.slider) lines.push(`  ${k}: slider to redrawn figure, median ${ms(v)}`);
  for (const [k, v] of budgets.training) lines.push(`  ${k}: default run ${ms(v)}`);
  for (const lang of Object.keys(pages)) {
    const rows = pageWeights(root, lang, pages[lang].filter((p) => p.startsWith('chapters/')));
    lines.push(`  page weight added (${lang}, gzip KB: program + panel script + panel markup = total):`);
    for (const r of rows) {
      const t = r.program + r.script + r.panel;
      lines.push(`    ${r.chapter}: ${(r.program / 1024).toFixed(0)} + ${(r.script / 1024).toFixed(1)}`
        + ` + ${(r.panel / 1024).toFixed(1)} = ${(t / 1024).toFixed(0)}`);
    }
  }
  return lines.join('\n');
}
