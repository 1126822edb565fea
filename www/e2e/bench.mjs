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
  window.__lat = [];
  window.__frame = [];
  const ta = document.querySelector('#src');
  ta.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
  new MutationObserver(() => {
    if (!window.__t0) return;
    const t0 = window.__t0;
    window.__t0 = 0;
    window.__lat.push(performance.now() - t0);
    requestAnimationFrame(() => window.__frame.push(performance.now() - t0));
  }).observe(document.querySelector('#results'), { attributes: true, attributeFilter: ['data-generation'] });
});
await page.locator('#src').click();
await page.keyboard.press('Control+End');
const workerMs = [];
for (let i = 0; i < 40; i++) {
  const before = await page.evaluate(() => window.__frame.length);
  await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
  await page.waitForFunction((n) => window.__frame.length > n, before);
  workerMs.push(Number(await page.locator('#results').getAttribute('data-ms')));
}
const lat = await page.evaluate(() => window.__lat);
const frame = await page.evaluate(() => window.__frame);
await ctx.close();

const wasm = readFileSync(new URL('../dist/rlint-web_bg.wasm', import.meta.url));
const js = statSync(new URL('../dist/rlint-web.js', import.meta.url)).size;
const f = (x) => x.toFixed(1);
console.log(`keystroke -> results in the DOM, 200-line Dockerfile (${findingsCount} findings), 40 keystrokes: median ${f(median(lat))} ms, p90 ${f(pct(lat, 0.9))} ms, max ${f(Math.max(...lat))} ms`);
console.log(`keystroke -> next frame with the results painted: median ${f(median(frame))} ms, p90 ${f(pct(frame, 0.9))} ms`);
console.log(`  of which linting in the worker: median ${f(median(workerMs))} ms`);
console.log(`time to first results on load (navigation start -> results rendered), 5 fresh pages: median ${f(median(loads))} ms, max ${f(Math.max(...loads))} ms`);
console.log(`wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped; JS glue ${js} bytes`);
