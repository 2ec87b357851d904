// Shared helpers of the browser checks: page discovery, a static HTTP
// server, the browser launch and request policing.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const LANGS = ['ko', 'en'];

// Every .html page under <root>/<lang>/, skipping Sphinx's _static,
// _images, _sources, _downloads (anything starting with "_").
export function discoverPages(root, lang) {
  const base = path.join(root, lang);
  const out = [];
  const walk = (dir, rel) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      if (ent.name.startsWith('_') || ent.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(path.join(dir, ent.name), r);
      else if (ent.name.endsWith('.html')) out.push(r);
    }
  };
  walk(base, '');
  return out.sort();
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.ico': 'image/x-icon',
  '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.otf': 'font/otf', '.pdf': 'application/pdf', '.xml': 'application/xml',
};

// A static file server on 127.0.0.1 (ephemeral port) rooted at `root`.
export function startServer(root) {
  const rootAbs = path.resolve(root);
  const server = http.createServer((req, res) => {
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(rootAbs, p);
    if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        file = path.join(file, 'index.html');
        try { st = fs.statSync(file); err = null; } catch (e) { err = e; }
      }
      if (err || !st.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = MIME[path.extname(file).toLowerCase()]
        || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': st.size,
                           'cache-control': 'no-cache' });
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, base: `http://127.0.0.1:${port}/` });
    });
  });
}

export function fileBase(root) {
  let u = pathToFileURL(path.resolve(root)).href;
  return u.endsWith('/') ? u : u + '/';
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
];

export async function launch(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

// Every <object>'s load or error event, recorded from before the page's
// first script runs (an init script: no event can be missed, from disk or
// over HTTP, cached or not, as network events can be). Load events do not
// bubble and never reach the window: they are caught on the document, in
// the capture phase. window.__litbookObjectState(o): 'load', 'error' or null.
export function recordObjectLoads() {
  const states = new WeakMap();
  window.__litbookObjectState = (o) => states.get(o) || null;
  for (const type of ['load', 'error']) {
    document.addEventListener(type, (e) => {
      if (e.target instanceof HTMLObjectElement) states.set(e.target, type);
    }, true);
  }
}

// Wait (up to `timeout` ms, then return) until every shown <object> of the
// page has had its load or error event. A hidden one (a figure's rendering
// for the other theme) is not loaded.
export async function objectsSettled(page, timeout) {
  await page.waitForFunction(() => [...document.querySelectorAll('object')]
    .filter((o) => getComputedStyle(o).display !== 'none')
    .every((o) => window.__litbookObjectState(o)), null, { timeout })
    .catch(() => {}); // the caller judges each object
}

// A browser context for one mode whose requests may only go to `base`
// (plus data:/blob:/about:). Anything else is aborted and reported via
// `blocked(url)`. Its pages record their objects' loads (recordObjectLoads).
export async function policedContext(browser, base, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme,
    serviceWorkers: 'block',
    bypassCSP: false,
  });
  await context.addInitScript(recordObjectLoads);
  context.litbookBlocked = new Set();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowed(url, base)) return route.continue();
    context.litbookBlocked.add(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

export function isAllowed(url, base) {
  return url.startsWith(base) || /^(data|blob|about):/.test(url);
}

// Run `fn(item)` over `items` with at most `n` in flight.
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

// Console errors, page errors, failed and blocked requests of one page.
export function watchPage(page, base) {
  const w = { errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') {
      const loc = m.location();
      w.errors.push(`console error: ${m.text()}`
        + (loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''));
    }
  });
  page.on('pageerror', (e) => {
    w.errors.push(`uncaught: ${e.message}`);
  });
  page.on('request', (r) => {
    if (!isAllowed(r.url(), base)) {
      w.errors.push(`request leaves the book: ${r.url()}`);
    }
  });
  page.on('requestfailed', (r) => {
    const f = r.failure();
    if (f && /ERR_BLOCKED_BY_CLIENT/.test(f.errorText)) return; // reported above
    w.errors.push(`failed request: ${r.url()} (${f ? f.errorText : '?'})`);
  });
  page.on('requestfinished', async (r) => {
    const resp = await r.response().catch(() => null);
    if (resp && resp.status() >= 400) w.errors.push(`HTTP ${resp.status()}: ${r.url()}`);
  });
  return w;
}
