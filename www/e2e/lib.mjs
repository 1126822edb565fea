// Shared by the browser tests and the benchmark: Debian's chromium driven by playwright-core,
// with a fresh profile, no network beyond the served page, and every request recorded.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launch(artifacts) {
  mkdirSync(artifacts, { recursive: true });
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'rlint-chromium-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  return ctx;
}

// A page that records console errors and every request it (or its worker) makes.
export async function open(ctx, url) {
  const page = await ctx.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  ctx.on('request', (r) => log.requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('html[data-first-results-ms][data-worker-ready]', { timeout: 20000 });
  return { page, log };
}

// Waits until the results panel shows an answer newer than `generation`.
export async function nextResults(page, generation, timeout = 20000) {
  await page.waitForFunction(
    (g) => Number(document.querySelector('#results')?.dataset.generation || 0) > g,
    generation, { timeout });
}

export async function generation(page) {
  return Number(await page.locator('#results').getAttribute('data-generation'));
}

// Replaces the active tab's text as a paste would (one input event).
export async function paste(page, text) {
  const g = await generation(page);
  await page.locator('#src').fill(text);
  await nextResults(page, g);
}

export async function findings(page) {
  return page.$$eval('#findings li.finding', (items) =>
    items.map((li) => ({ code: li.dataset.code, line: Number(li.dataset.line) })));
}
