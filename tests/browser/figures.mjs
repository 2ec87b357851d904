// The HTML book's interactive figures (gnuplot's mouse SVG in an <object>):
// a click on the plot turns on the coordinate box, moving the pointer shows
// the x, y under it, and a click on a key entry hides its curve.
// Checked over HTTP (from file:// the SVG document is another origin).

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
    const obj = page.locator('object.litbook-interactive').first();
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
