#!/usr/bin/env node
// The WebAssembly build of one example, made ready for the page and held
// to the same expected outputs as the native build.
//
//   node wasm_check.mjs --raw NN.raw.js --chapter NN --expected-dir DIR
//        --langs ko en --out-js NN.js --params NN.params.json --stamp S
//
// --raw is em++'s output (-sMODULARIZE=1 -sEXPORT_NAME=litbookExample
// -sSINGLE_FILE=1: one script, the wasm embedded). It is wrapped as
//
//   (globalThis.litbookExamples ||= {})["NN"] = function () { ...; return litbookExample; };
//
// so that a page loads it with a <script> tag (which works from file://,
// where fetch does not) and the runner gets the program's source text back
// (Function.prototype.toString) to start it in a Web Worker from a blob.
// Then, under node, exactly as the worker does: the program runs at its
// defaults in every language of the book and its stdout must be
// byte-identical to expected.<lang>.txt; its --params-json is written to
// --params. Any failure removes --out-js and --params and exits 1 naming
// the chapter; the stamp is written last.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

function parseArgs(argv) {
  const known = ['raw', 'chapter', 'expected-dir', 'out-js', 'params', 'stamp'];
  const a = { langs: [] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    if (k === 'langs') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) a.langs.push(argv[++i]);
    } else if (known.includes(k) && i + 1 < argv.length) {
      a[k] = argv[++i];
    } else {
      console.error(`wasm_check.mjs: unknown or incomplete argument ${argv[i]}`);
      process.exit(2);
    }
  }
  for (const k of known) {
    if (!a[k]) { console.error(`wasm_check.mjs: --${k} is required`); process.exit(2); }
  }
  if (!a.langs.length) { console.error('wasm_check.mjs: --langs is required'); process.exit(2); }
  return a;
}

export function wrap(chapter, raw) {
  return `(globalThis.litbookExamples = globalThis.litbookExamples || {})[${JSON.stringify(chapter)}]`
    + ` = function () {\n${raw}\nreturn litbookExample;\n};\n`;
}

// Runs the wrapped program once with `args` (a fresh instance per run, as
// in the page); resolves to { status, stdout, stderr, files }.
export async function runWrapped(wrapped, chapter, args) {
  // Evaluated as a script in this context, where emscripten's node support
  // finds process and require (an ES module has no require of its own).
  if (!globalThis.require) {
    globalThis.require = createRequire(import.meta.url);
    globalThis.__dirname = path.dirname(new URL(import.meta.url).pathname);
  }
  vm.runInThisContext(wrapped, { filename: `${chapter}.js` });
  const factory = globalThis.litbookExamples[chapter]();
  let stdout = '';
  let stderr = '';
  let status = null;
  const mod = await factory({
    print: (s) => { stdout += `${s}\n`; },
    printErr: (s) => { stderr += `${s}\n`; },
    quit: (code, e) => { status = code; throw e; },
  });
  try {
    const r = mod.callMain(args);
    if (status === null) status = r;
  } catch (e) {
    if (status === null) throw e;
  }
  return { status, stdout, stderr };
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const fail = (msg) => {
    for (const f of [a['out-js'], a.params]) fs.rmSync(f, { force: true });
    console.error(`chapter ${a.chapter} (WebAssembly): ${msg}`);
    process.exit(1);
  };
  let raw;
  try { raw = fs.readFileSync(a.raw, 'utf8'); } catch (e) { fail(`cannot read ${a.raw}: ${e.message}`); }
  const wrapped = wrap(a.chapter, raw);
  for (const lang of a.langs) {
    const expectedPath = path.join(a['expected-dir'], `expected.${lang}.txt`);
    let expected;
    try { expected = fs.readFileSync(expectedPath, 'utf8'); } catch (e) {
      fail(`no expected output ${expectedPath}`);
    }
    let r;
    try { r = await runWrapped(wrapped, a.chapter, ['--lang', lang, '--out', '/out']); } catch (e) {
      fail(`the program failed in ${lang}: ${e && e.message ? e.message : e}`);
    }
    if (r.status !== 0) fail(`exited with ${r.status} in ${lang}:\n${r.stderr}`);
    if (r.stdout !== expected) {
      const got = r.stdout.split('\n');
      const want = expected.split('\n');
      let i = 0;
      while (i < got.length && got[i] === want[i]) i++;
      fail(`stdout in ${lang} differs from ${expectedPath} (the native build's `
        + `tested output), first at line ${i + 1}:\n  expected: ${JSON.stringify(want[i])}\n`
        + `  wasm:     ${JSON.stringify(got[i])}`);
    }
  }
  const pj = await runWrapped(wrapped, a.chapter, ['--params-json']);
  let params;
  try { params = JSON.parse(pj.stdout); } catch (e) { fail(`--params-json printed no JSON: ${e.message}`); }
  if (pj.status !== 0 || !Array.isArray(params.params)) fail('--params-json failed');
  fs.mkdirSync(path.dirname(a['out-js']), { recursive: true });
  fs.mkdirSync(path.dirname(a.params), { recursive: true });
  fs.writeFileSync(`${a['out-js']}.tmp`, wrapped);
  fs.renameSync(`${a['out-js']}.tmp`, a['out-js']);
  fs.writeFileSync(a.params, `${JSON.stringify(params, null, 1)}\n`);
  fs.writeFileSync(a.stamp, '');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => { console.error(`wasm_check.mjs: ${e && e.stack ? e.stack : e}`); process.exit(1); });
}
