// The HTML book's interactive figures (gnuplot's mouse SVG in an <object>):
// a click on the plot turns on the coordinate box, moving the pointer shows
// the x, y under it, and a click on a key entry hides its curve.
// Checked over HTTP (from file:// the SVG document is another origin).
//
// themeChecks: on every page with a figure, in both languages, the figure
// follows the theme: furo's "auto" theme with a light and a dark system
// setting, and furo's toggle (body[data-theme]) against the system setting.
// In each case exactly one rendering of each figure is shown, and its
// background, sampled from a screenshot, is dark in a dark theme and light
// in a light one. Each figure's caption links a CSV that downloads and has
// a header row; below it a collapsed <details> holds the same data as a
// table (as many columns as the CSV). Axe on the figures with their tables
// open (openDataTables), in either theme, is part of each page's axe runs
// (check-book.mjs, light and dark), which see the whole page.
import { pool, objectsSettled } from './lib.mjs';

// Opens every figure's data table (<details>), with its first rows only:
// all rows look alike, and axe on thousands of cells takes minutes. For the
// page's axe runs, after every other check of the page.
export async function openDataTables(page) {
  await page.evaluate(() => document.querySelectorAll('details.litbook-data').forEach((d) => {
    d.open = true;
    [...d.querySelectorAll('tbody tr')].slice(20).forEach((r) => r.remove());
  }));
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export async function figureChecks({ context, base, pages }) {
  const results = [];
  for (const lang of Object.keys(pages)) {
    const problems = [];
    const page = await context.newPage();
    let found = null;
    for (const rel of pages[lang].filter((p) => p.startsWith('chapters/'))) {
      await page.goto(`${base}${lang}/${rel}`, { waitUntil: 'load' });
      if (await page.locator('object.litbook-interactive').count()) {
        found = rel;
        break;
      }
    }
    if (!found) {
      problems.push(`no interactive figure on any ${lang} chapter page`);
      results.push({ name: `${lang}: interactive figure`, problems });
      await page.close();
      continue;
    }
    const obj = page.locator('object.litbook-interactive:visible').first();
    await obj.scrollIntoViewIfNeeded();
    const data = await obj.getAttribute('data');
    const frame = page.frames().find((f) => f.url().endsWith(data.split('/').pop()));
    const box = await obj.boundingBox();
    if (!frame || !box) {
      problems.push(`${lang}/${found}: the figure's SVG document is not loaded`);
    } else {
      await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
      const read = async (fx) => {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.55);
        await page.waitForTimeout(50);
        return (await frame.evaluate(
          () => document.getElementById('coord_text')?.textContent || '')).trim();
      };
      const left = await read(0.3);
      const right = await read(0.8);
      const lx = Number(left.split(/\s+/)[0]);
      const rx = Number(right.split(/\s+/)[0]);
      if (!left.split(/\s+/).every((t) => NUMBER.test(t)) || left.split(/\s+/).length !== 2) {
        problems.push(`${lang}/${found}: hovering shows no "x y" coordinates (got "${left}")`);
      } else if (!(rx > lx)) {
        problems.push(`${lang}/${found}: moving right does not increase x (${left} -> ${right})`);
      }
      const toggled = await frame.evaluate(() => {
        const key = document.querySelector('g[id$="_keyentry"]');
        const curve = key && document.getElementById(key.id.replace(/_keyentry$/, ''));
        if (!key || !curve) return 'no key entry or curve';
        const before = curve.getAttribute('visibility') || 'visible';
        key.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        const after = curve.getAttribute('visibility') || 'visible';
        return before !== after ? '' : `visibility stays ${after}`;
      });
      if (toggled) problems.push(`${lang}/${found}: clicking a key entry does not toggle its curve (${toggled})`);
    }
    await page.close();
    results.push({ name: `${lang}: interactive figure (${found})`, problems });
  }
  return results;
}

// The four ways a page gets its theme: [system scheme, furo's data-theme
// (null: leave furo's own, "auto"), the theme the reader sees].
const THEMES = [['light', null, 'light'], ['dark', null, 'dark'],
                ['light', 'dark', 'dark'], ['dark', 'light', 'light']];

// Relative luminance of the most frequent colour of a PNG screenshot
// (a figure is mostly background), decoded by the page's own canvas.
async function backgroundLuminance(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const count = new Map();
    for (let i = 0; i < d.length; i += 4) {
      const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      count.set(k, (count.get(k) || 0) + 1);
    }
    let best = 0;
    let n = -1;
    for (const [k, v] of count) if (v > n) { best = k; n = v; }
    const lin = (v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
    const r = lin(best >> 16), g = lin((best >> 8) & 255), b = lin(best & 255);
    return { luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b,
             colour: `#${best.toString(16).padStart(6, '0')}` };
  }, png.toString('base64'));
}

// The shown rendering of each figure is loaded (one that was hidden is
// fetched only when a theme change shows it) and laid out.
async function waitForObjects(page) {
  await objectsSettled(page, 5000);
  await page.waitForFunction(() => [...document.querySelectorAll('figure.litbook-figure object')]
    .filter((o) => getComputedStyle(o).display !== 'none')
    .every((o) => o.contentDocument && o.contentDocument.documentElement
      && o.contentDocument.documentElement.getBoundingClientRect().width > 0),
  null, { timeout: 5000 }).catch(() => {});
}

// A figure's data: its caption's CSV link downloads a CSV with a header row,
// and a collapsed <details> below it holds a table with as many columns.
async function checkFigureData(context, fig, i) {
  const problems = [];
  const link = fig.locator('figcaption a.litbook-data-csv');
  if (await link.count() !== 1) return [`figure ${i + 1}: no CSV link in its caption`];
  const href = await link.evaluate((a) => a.href);
  const resp = await context.request.get(href);
  const text = resp.ok() ? await resp.text() : '';
  const lines = text.split('\n').filter((l) => l);
  const head = (lines[0] || '').split(',');
  if (!resp.ok()) problems.push(`figure ${i + 1}: ${href}: HTTP ${resp.status()}`);
  else if (lines.length < 2 || head.some((h) => !h || !Number.isNaN(Number(h)))) {
    problems.push(`figure ${i + 1}: ${href} has no header row of column names `
      + `and data below it (first line "${lines[0] || ''}")`);
  }
  const details = fig.locator('details.litbook-data');
  if (await details.count() !== 1) {
    problems.push(`figure ${i + 1}: no data table (<details>) below it`);
    return problems;
  }
  const t = await details.evaluate((d) => ({
    open: d.open,
    th: d.querySelectorAll('thead th').length,
    rows: d.querySelectorAll('tbody tr').length,
  }));
  if (t.open) problems.push(`figure ${i + 1}: the data table is not collapsed`);
  if (t.th !== head.length || !t.rows) {
    problems.push(`figure ${i + 1}: the data table has ${t.th} columns and `
      + `${t.rows} rows; the CSV ${head.length} columns`);
  }
  return problems;
}

// One page: its figures in each of the four themes, then their data.
async function checkPageThemes(context, base, lang, rel) {
  const problems = [];
  const page = await context.newPage();
  await page.goto(`${base}${lang}/${rel}`, { waitUntil: 'load' });
  const figures = await page.locator('figure.litbook-figure').count();
  for (const [scheme, toggle, want] of figures ? THEMES : []) {
    await page.emulateMedia({ colorScheme: scheme });
    // furo's toggle sets body[data-theme]; "auto" follows the system.
    await page.evaluate((t) => { document.body.dataset.theme = t; }, toggle || 'auto');
    await waitForObjects(page);
    const how = `${scheme} system${toggle ? `, toggle ${toggle}` : ''}`;
    for (let i = 0; i < figures; i++) {
      const fig = page.locator('figure.litbook-figure').nth(i);
      const shown = fig.locator('object.litbook-interactive:visible, img:visible');
      const n = await shown.count();
      if (n !== 1) {
        problems.push(`figure ${i + 1} [${how}]: ${n} renderings shown, not 1`);
        continue;
      }
      await shown.scrollIntoViewIfNeeded();
      await page.waitForTimeout(50);
      const { luminance, colour } = await backgroundLuminance(page, await shown.screenshot());
      const dark = luminance < 0.2;
      const light = luminance > 0.8;
      if ((want === 'dark' && !dark) || (want === 'light' && !light)) {
        const src = await shown.getAttribute('data') || await shown.getAttribute('src');
        problems.push(`figure ${i + 1} (${src}) [${how}]: background ${colour} `
          + `(luminance ${luminance.toFixed(2)}) in a ${want} theme`);
      }
    }
  }
  for (let i = 0; i < figures; i++) {
    problems.push(...await checkFigureData(context, page.locator('figure.litbook-figure').nth(i), i));
  }
  await page.close();
  return { figures, problems };
}

// Every chapter page of every language, `jobs` at a time, each in a fresh
// context (its own colour scheme).
export async function themeChecks({ browser, base, pages, newContext, jobs = 2 }) {
  const tasks = Object.keys(pages).flatMap((lang) => pages[lang]
    .filter((p) => p.startsWith('chapters/')).map((rel) => ({ lang, rel })));
  const done = await pool(tasks, jobs, async ({ lang, rel }) => {
    const context = await newContext(browser, base);
    const t0 = Date.now();
    try {
      return { lang, rel, ...await checkPageThemes(context, base, lang, rel) };
    } finally {
      if (process.env.BROWSER_TIMINGS === '1') {
        console.error(`  themes ${lang}/${rel}: ${Date.now() - t0} ms`);
      }
      await context.close();
    }
  });
  const results = done.filter((r) => r.figures).map((r) => ({
    name: `${r.lang}/${r.rel}: figures follow the theme, offer their data`, problems: r.problems }));
  if (!results.length) results.push({ name: 'figure themes', problems: ['no page with a figure'] });
  return results;
}
