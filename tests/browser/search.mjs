// Search checks: type queries into each book's search page (search.html?q=)
// and require every page whose text holds the query words to be listed.
//
// The expected lists come from the pages themselves (their main text as
// the browser shows it, without the toctree, which Sphinx does not index
// for the page that holds it), so they stay right as chapters are added.
// A Hangul query word is expected on every page whose text contains it (the
// Korean search indexes syllable bigrams, so substrings are found); a Latin
// word on every page that has it as a whole word (case-insensitive).
// Several words: pages that have all of them (Sphinx requires every term).
import fs from 'node:fs';
import path from 'node:path';
import { pool, watchPage } from './lib.mjs';

export const QUERIES = {
  ko: ['입력', '함수', '기울기', '죽은 뉴런', '입력이', '기울기를', 'ReLU'],
  en: ['input', 'function', 'gradient', 'dead neuron', 'ReLU'],
};
// The pages whose words are in a book's search index (a page can opt out
// with :nosearch:).
export function indexedPages(root, lang) {
  const text = fs.readFileSync(path.join(root, lang, 'searchindex.js'), 'utf8');
  const m = /^Search\.setIndex\(([\s\S]*)\)\s*$/.exec(text);
  if (!m) throw new Error(`${lang}/searchindex.js: not Search.setIndex(...)`);
  // A :nosearch: page is listed with no words at all: keep the pages that
  // some term points to.
  const index = JSON.parse(m[1]);
  const used = new Set();
  for (const map of [index.terms, index.titleterms]) {
    for (const v of Object.values(map)) {
      for (const i of Array.isArray(v) ? v : [v]) used.add(i);
    }
  }
  return new Set(index.docnames.filter((d, i) => used.has(i)).map((d) => `${d}.html`));
}
const HANGUL = /[\uac00-\ud7a3]/;

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

// Does `text` satisfy query word `w`?
export function holds(text, w) {
  if (HANGUL.test(w)) return text.includes(w);
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRe(w)}($|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

export function expectedPages(texts, lang, query, indexed) {
  const words = query.split(/\s+/).filter(Boolean);
  const out = [];
  for (const [key, text] of texts) {
    const [l, ...rest] = key.split('/');
    const rel = rest.join('/');
    if (l !== lang || !indexed.has(rel)) continue;
    if (words.every((w) => holds(text, w))) out.push(rel);
  }
  return out.sort();
}

async function runQuery(context, base, lang, query) {
  const page = await context.newPage();
  const watcher = watchPage(page, base);
  const url = `${base}${lang}/search.html?q=${encodeURIComponent(query)}`;
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 20000 });
    await page.waitForFunction(() => {
      const s = document.querySelector('#search-results p.search-summary');
      return s && s.innerText.trim().length > 0;
    }, null, { timeout: 20000 });
    // The summaries are fetched after the list is complete.
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll('#search-results ul.search > li > a')]
        .map((a) => a.href));
    const prefix = `${base}${lang}/`;
    const listed = [...new Set(hrefs.map((h) => h.split('#')[0])
      .filter((h) => h.startsWith(prefix)).map((h) => h.slice(prefix.length)))];
    return { listed, errors: [...watcher.errors] };
  } catch (e) {
    return { listed: [], errors: [...watcher.errors, `error: ${e.message.split('\n')[0]}`] };
  } finally {
    await page.close();
  }
}

export async function searchChecks({ context, base, root, pages, texts, mode, jobs = 4 }) {
  const tasks = [];
  const indexed = {};
  for (const [lang, queries] of Object.entries(QUERIES)) {
    if (!pages[lang] || !pages[lang].includes('search.html')) continue;
    indexed[lang] = indexedPages(root, lang);
    for (const q of queries) tasks.push({ lang, q });
  }
  const results = await pool(tasks, jobs, async ({ lang, q }) => {
    const expected = expectedPages(texts, lang, q, indexed[lang]);
    const t0 = Date.now();
    const { listed, errors } = await runQuery(context, base, lang, q);
    if (process.env.BROWSER_TIMINGS === '1') {
      console.error(`  search ${lang} "${q}" [${mode}]: ${Date.now() - t0} ms`);
    }
    const problems = [...errors];
    const missed = expected.filter((p) => !listed.includes(p));
    if (missed.length) {
      problems.push(`search "${q}" missed ${missed.join(', ')} `
        + `(listed: ${listed.join(', ') || 'nothing'})`);
    }
    return { name: `${lang} search "${q}" -> ${expected.length} page(s) [${mode}]`,
             problems, expected };
  });
  // A guard against a vacuous pass: each language's queries must expect
  // at least one page between them.
  for (const lang of Object.keys(QUERIES)) {
    const mine = results.filter((r, i) => tasks[i].lang === lang);
    if (mine.length && mine.every((r) => r.expected.length === 0)) {
      results.push({ name: `${lang} search [${mode}]`,
        problems: ['no page holds any query word: the search check tests nothing'] });
    }
  }
  return results;
}
