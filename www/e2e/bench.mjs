// Browser benchmark of the web page (`scripts/web.sh bench`): time from keystroke to updated
// results on a 200-line Dockerfile, time to first results on load, and the wasm's size.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch, open, paste } from './lib.mjs';

const [url, artifacts] = [process.argv[2], process.argv[3] || 'target/web-artifacts'];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const ctx = await launch(artifacts);

// Time to first results: fresh pages (the example project loads and is linted).
const loads = [];
for (let i = 0; i < 5; i++) {
  const { page } = await open(ctx, url);
  loads.push(Number(await page.locator('html').getAttribute('data-first-results-ms')));
  await page.close();
}

// A 200-line Dockerfile with findings spread over it.
const lines = ['# syntax=docker/dockerfile:1', 'FROM ubuntu:22.04 AS base'];
for (let i = 0; lines.length < 199; i++) {
  lines.push(i % 4 === 0 ? `RUN apt-get update && apt-get install -y pkg${i}` :
    i % 4 === 1 ? `ENV VAR_${i}=value${i}` : i % 4 === 2 ? `COPY src${i}/ /app/src${i}/` : `RUN cd /app && make target${i}`);
}
lines.push('CMD ["/app/run"]');
const dockerfile = lines.join('\n') + '\n';
const { page } = await open(ctx, url);
await page.locator('.tab-name', { hasText: /^Dockerfile/ }).click();
await paste(page, dockerfile);
const findingsCount = await page.locator('#findings li').count();
await page.evaluate(() => {
  const ta = document.querySelector('#src');
  ta.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
  // Resolved by the results of the keystroke: no polling on the page's thread while measuring.
  new MutationObserver(() => {
    if (!window.__t0) return;
    const t0 = window.__t0;
    window.__t0 = 0;
    const dom = performance.now() - t0;
    requestAnimationFrame(() => window.__done({ dom, frame: performance.now() - t0 }));
  }).observe(document.querySelector('#results'), { attributes: true, attributeFilter: ['data-generation'] });
});
// Keystrokes in three places: the end of the file (a character and its Backspace), the middle
// of line 100, and Enter / Backspace there (every line below moves).
const scenarios = [
  ['at the end of the file', 'Control+End', ['x', 'Backspace']],
  ['inside line 100', null, ['x', 'Backspace']],
  ['Enter / Backspace at line 100', null, ['Enter', 'Backspace']],
];
const results = [];
for (const [name, start, keys] of scenarios) {
  await page.locator('#src').click();
  if (start) await page.keyboard.press(start);
  else await page.$eval('#src', (t) => { const at = t.value.split('\n').slice(0, 99).join('\n').length + 12; t.setSelectionRange(at, at); });
  const dom = [], frame = [], ms = [], places = new Set();
  for (let i = 0; i < 40; i++) {
    await page.evaluate(() => { window.__next = new Promise((r) => { window.__done = r; }); });
    await page.keyboard.press(keys[i % 2]);
    const t = await page.evaluate(() => window.__next);
    dom.push(t.dom);
    frame.push(t.frame);
    ms.push(Number(await page.locator('#results').getAttribute('data-ms')));
    places.add(await page.locator('#results').getAttribute('data-linted-in'));
  }
  results.push({ name, dom, frame, ms, places: [...places].join('/') });
}
// The layer-cache panel on the same Dockerfile (a COPY source ticked changed, so the stack has
// rebuilt steps): keystroke -> the panel computed again and in the DOM, then the next frame.
await page.locator('#show-layers').click();
await page.waitForSelector('#layers');
await page.locator('#layers-new-path').fill('src2/main.c');
await page.locator('#layers-add-path').click();
await page.waitForSelector('li.ctx-file[data-path="src2/main.c"]');
const stepsCount = await page.locator('#layers li.step').count();
await page.evaluate(() => {
  new MutationObserver(() => {
    if (!window.__l0) return;
    const t0 = window.__l0;
    window.__l0 = 0;
    const dom = performance.now() - t0;
    requestAnimationFrame(() => window.__ldone({ dom, frame: performance.now() - t0 }));
  }).observe(document.querySelector('#results'), { attributes: true, subtree: true, attributeFilter: ['data-layers-generation'] });
  document.querySelector('#src').addEventListener('keydown', () => { window.__l0 = performance.now(); }, true);
});
await page.locator('#src').click();
await page.$eval('#src', (t) => { const at = t.value.split('\n').slice(0, 99).join('\n').length + 12; t.setSelectionRange(at, at); });
const layers = { dom: [], frame: [], ms: [] };
for (let i = 0; i < 60; i++) {
  await page.evaluate(() => { window.__lnext = new Promise((r) => { window.__ldone = r; }); });
  await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
  const t = await page.evaluate(() => window.__lnext);
  layers.dom.push(t.dom);
  layers.frame.push(t.frame);
  layers.ms.push(Number(await page.locator('#layers').getAttribute('data-ms')));
}
await ctx.close();

const wasm = readFileSync(new URL('../dist/rlint-web_bg.wasm', import.meta.url));
const js = statSync(new URL('../dist/rlint-web.js', import.meta.url)).size;
const f = (x) => x.toFixed(1);
for (const r of results) {
  console.log(`keystroke -> results in the DOM, 200-line Dockerfile (${findingsCount} findings), ${r.name}, 40 keystrokes: median ${f(median(r.dom))} ms, p90 ${f(pct(r.dom, 0.9))} ms, max ${f(Math.max(...r.dom))} ms`);
  console.log(`  next frame (results drawn in it): median ${f(median(r.frame))} ms, p90 ${f(pct(r.frame, 0.9))} ms; linting alone (in the ${r.places}): median ${f(median(r.ms))} ms`);
}
console.log(`keystroke -> layer stack in the DOM, 200-line Dockerfile (${stepsCount} steps), inside line 100, 60 keystrokes: median ${f(median(layers.dom))} ms, p95 ${f(pct(layers.dom, 0.95))} ms, max ${f(Math.max(...layers.dom))} ms`);
console.log(`  next frame (stack drawn in it): median ${f(median(layers.frame))} ms, p95 ${f(pct(layers.frame, 0.95))} ms; simulation alone (in the page): median ${f(median(layers.ms))} ms, p95 ${f(pct(layers.ms, 0.95))} ms`);
console.log(`time to first results on load (navigation start -> results rendered), 5 fresh pages: median ${f(median(loads))} ms, max ${f(Math.max(...loads))} ms`);
console.log(`wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped; JS glue ${js} bytes`);
