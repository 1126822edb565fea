// Browser tests of the web page: `scripts/web.sh test` builds it, serves it on 127.0.0.1 and runs
// this against it. Prints one line per test and a closing "E2E: N passed, M failed".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, paste, findings, generation, nextResults } from './lib.mjs';

const [url, artifacts] = [process.argv[2], process.argv[3] || 'target/web-artifacts'];
const origin = new URL(url).origin;
const ctx = await launch(artifacts);
let passed = 0, failed = 0;

async function test(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
  }
}
function assert(cond, message) { if (!cond) throw new Error(message); }

// The severity word on a finding's row.
const severityShown = (code) => page.locator(`li.finding[data-code="${code}"] .sev`).first().textContent();
const DEFECTS = 'FROM ubuntu:latest\nMAINTAINER someone@example.com\nRUN apt-get update && apt-get install -y curl\nCMD node server.js\n';

const { page, log } = await open(ctx, url);
const loadedRequests = log.requests.length;

// The editor's layers against its text: where line `n` of the textarea's text is on screen (from
// the textarea's own scroll offset), and where the gutter's number `n` and the underline `mark`
// (the nth `.backdrop mark` holding `markText`, if given) are drawn. An inline box sits a few
// pixels below its line's top; a layer out of step is off by whole lines (20 px each).
async function layers(n, markText) {
  return page.evaluate(([n, markText]) => {
    const ta = document.querySelector('#src');
    const style = getComputedStyle(ta);
    const top = ta.getBoundingClientRect().top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
    const text = top + (n - 1) * parseFloat(style.lineHeight) - ta.scrollTop;
    const gutter = document.querySelector(`.gutter [data-line="${n}"]`)?.getBoundingClientRect().top;
    const mark = markText === undefined ? undefined : [...document.querySelectorAll('.backdrop mark')]
      .find((m) => m.textContent.includes(markText))?.getBoundingClientRect().top;
    return { scrollTop: ta.scrollTop, text, gutter, mark };
  }, [n, markText]);
}
async function assertInStep(what, n, markText) {
  const at = await layers(n, markText);
  const near = (y) => y !== undefined && y >= at.text - 1 && y <= at.text + 6;
  assert(near(at.gutter), `${what}: gutter number ${n} at y=${at.gutter}, its text line at y=${at.text} (scrollTop ${at.scrollTop})`);
  if (markText !== undefined) {
    assert(near(at.mark), `${what}: underline of "${markText}" at y=${at.mark}, its text line ${n} at y=${at.text} (scrollTop ${at.scrollTop})`);
  }
  return at;
}
// Until the textarea has stopped scrolling (a wheel scroll is animated).
async function settled() {
  await page.waitForFunction(() => new Promise((resolve) => {
    const y = document.querySelector('#src').scrollTop;
    setTimeout(() => resolve(document.querySelector('#src').scrollTop === y), 150);
  }));
}
const tabNames = () => page.$$eval('.tab-name', (b) => b.map((x) => x.firstChild.textContent));
const srcValue = () => page.$eval('#src', (t) => t.value);

await test('the examples menu names the example that is open on first load', async () => {
  const shown = await page.$eval('#examples', (s) => s.options[s.selectedIndex].textContent);
  assert(shown.startsWith('Node shop API'), `menu shows "${shown}" while the Node project is open`);
  assert((await tabNames()).join(' ') === 'Dockerfile compose.yaml .dockerignore .github/workflows/ci.yml', `tabs: ${await tabNames()}`);
  await assertInStep('fresh load', 1);
  // Another example: the menu follows; an edit makes the files the user's ("Examples…").
  const g = await generation(page);
  await page.selectOption('#examples', { index: 2 });
  await nextResults(page, g);
  assert((await page.$eval('#examples', (s) => s.selectedIndex)) === 2, 'menu shows the loaded example');
  await paste(page, (await srcValue()) + '# mine\n');
  assert((await page.$eval('#examples', (s) => s.selectedIndex)) === 0, 'an edited example is no longer named');
  const g2 = await generation(page);
  await page.selectOption('#examples', { index: 1 });
  await nextResults(page, g2);
  assert((await page.$eval('#examples', (s) => s.selectedIndex)) === 1, 'the Node project again');
});

await test('loads with an example project and its findings', async () => {
  const tabs = await page.$$eval('.tab-name', (b) => b.map((x) => x.textContent));
  assert(tabs.some((t) => t.startsWith('Dockerfile')) && tabs.some((t) => t.startsWith('compose.yaml')),
    `tabs: ${tabs}`);
  assert((await findings(page)).length > 3, 'the example shows findings');
});

await test('pasted Dockerfile: expected findings at their lines', async () => {
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).click();
  await paste(page, 'FROM alpine:3.20\nLABEL Maintainer="Jane"\n');
  assert(await severityShown('DF072') === 'style', 'an invalid label key listed as style');
  await paste(page, DEFECTS);
  const got = await findings(page);
  const has = (code, line) => got.some((f) => f.code === code && f.line === line);
  assert(has('DF003', 1), `DF003 (latest) at line 1: ${JSON.stringify(got)}`);
  assert(has('DF004', 2), `DF004 (MAINTAINER) at line 2: ${JSON.stringify(got)}`);
  assert(has('DF014', 4), `DF014 (shell-form CMD) at line 4: ${JSON.stringify(got)}`);
  for (const [code, severity] of [['DF004', 'error'], ['DF003', 'warning'], ['DF030', 'info']]) {
    assert(await severityShown(code) === severity, `${code} listed as ${severity}`);
  }
  assert(await page.locator('.gutter .gm[data-line="2"]').count() === 1, 'gutter marker on line 2');
  // Markers sit on their line: line N is (N - 1) line heights below line 1.
  const y = async (n) => (await page.locator(`.gutter .gm[data-line="${n}"]`).boundingBox()).y;
  const [y1, y4] = [await y(1), await y(4)];
  assert(Math.abs(y4 - y1 - 3 * 20) < 2, `gutter lines misaligned: line 1 at ${y1}, line 4 at ${y4}`);
  assert(await page.locator('.backdrop mark').count() > 0, 'underlines drawn');
});

await test('clicking a finding moves the cursor to it', async () => {
  await page.locator('li.finding[data-code="DF004"] .goto').click();
  const where = await page.$eval('#src', (t) => ({
    line: t.value.slice(0, t.selectionStart).split('\n').length, focused: document.activeElement === t }));
  assert(where.line === 2 && where.focused, `cursor at ${JSON.stringify(where)}`);
  const hint = await page.locator('#hint').textContent();
  assert(hint.includes('DF004'), `the hint shows the finding under the cursor: ${hint}`);
});

await test('rule documentation opens in the side panel', async () => {
  await page.locator('li.finding[data-code="DF004"] button.rule').click();
  const doc = page.locator('#doc');
  await doc.waitFor();
  // The page is fetched (rules/DF004.md, same origin) and rendered on first use.
  await page.waitForFunction(() => document.querySelector('#doc')?.textContent.includes('Example'),
    null, { timeout: 10000 });
  const text = await doc.textContent();
  assert(text.includes('DF004') && text.includes('Example'), 'doc panel with the rule page');
  assert(await doc.locator('table').count() === 1, 'the rule table rendered from the Markdown');
  await page.keyboard.press('Escape');
  await doc.waitFor({ state: 'detached' });
});

await test('apply fix edits the text', async () => {
  const g = await generation(page);
  await page.locator('li.finding[data-code="DF004"] button.fix').click();
  await nextResults(page, g);
  const text = await page.$eval('#src', (t) => t.value);
  assert(!text.includes('MAINTAINER'), `MAINTAINER fixed: ${text}`);
  assert(!(await findings(page)).some((f) => f.code === 'DF004'), 'DF004 gone');
});

await test('typing: findings follow every keystroke, underlines and line numbers stay in step', async () => {
  await paste(page, DEFECTS);
  const src = page.locator('#src');
  await src.click();
  await page.keyboard.press('Control+Home');
  // Each keystroke is linted in the page itself (small text) and answered before the next one.
  const type = async (key) => {
    const g = await generation(page);
    await page.keyboard.press(key);
    assert(await generation(page) > g, `results after ${key} are already there`);
  };
  await type('Enter');
  await type('Enter');
  await page.keyboard.press('ArrowUp');
  for (const key of ['A', 'R', 'G', 'Space', 'X', 'Backspace', 'Backspace']) await type(key);
  assert(await page.locator('#results').getAttribute('data-linted-in') === 'page', 'small files are linted in the page');
  const mirror = async () => {
    const [value, back, gutter] = await page.evaluate(() => [document.querySelector('#src').value,
      document.querySelector('.backdrop').textContent, document.querySelector('.gutter').textContent]);
    assert(back === value + '\n ', `the backdrop mirrors the text: ${JSON.stringify(back)} vs ${JSON.stringify(value)}`);
    const numbers = gutter.trim().split('\n').map(Number);
    assert(numbers.length === value.split('\n').length && numbers.every((n, i) => n === i + 1), `line numbers: ${gutter}`);
  };
  await mirror();
  // MAINTAINER moved from line 2 to line 4: its finding, marker and underline moved with it.
  assert((await findings(page)).some((f) => f.code === 'DF004' && f.line === 4), 'DF004 now on line 4');
  const markY = await page.locator('.backdrop mark', { hasText: 'MAINTAINER' }).first().boundingBox();
  const gutterY = await page.locator('.gutter .gm[data-line="4"]').boundingBox();
  assert(Math.abs(markY.y - gutterY.y) < 4, `underline at y=${markY.y}, line 4 marker at y=${gutterY.y}`);
  // Join the lines again: back to the pasted text and its findings.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < '\nARG\n'.length; i++) await type('Delete');
  await mirror();
  assert((await page.$eval('#src', (t) => t.value)) === DEFECTS, 'the text is the pasted one again');
  assert((await findings(page)).some((f) => f.code === 'DF004' && f.line === 2), 'DF004 back on line 2');
});

await test('a long file: gutter, underlines and text stay in step when it scrolls', async () => {
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).first().click();
  // Over 128 KB: linted in the worker, so the findings are drawn after the paste scrolled.
  const padding = Array.from({ length: 2600 }, (_, i) => `# padding line ${String(i + 1).padStart(5, '0')} ${'.'.repeat(40)}\n`).join('');
  const long = 'FROM alpine:3.20\n' + padding + 'MAINTAINER someone@example.com\nCMD ["true"]\n';
  const last = 2602; // the MAINTAINER line
  assert(long.length > 128 * 1024, `long: ${long.length}`);
  // As a paste does: the text goes in and the textarea scrolls to its end at once, before the
  // worker's findings (and the lines under the text) are drawn.
  const g0 = await generation(page);
  await page.$eval('#src', (t, text) => {
    t.focus();
    t.value = text;
    t.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
    t.setSelectionRange(text.length, text.length);
    t.scrollTop = t.scrollHeight;
  }, long);
  await nextResults(page, g0);
  assert(await page.locator('#results').getAttribute('data-linted-in') === 'worker', 'the long file is linted in the worker');
  assert((await findings(page)).some((f) => f.code === 'DF004' && f.line === last), 'DF004 on the last lines');
  const pasted = await assertInStep('after the paste', last, 'MAINTAINER');
  assert(pasted.scrollTop > 40000, `the paste scrolled to its end: ${pasted.scrollTop}`);
  // Scrolling with the wheel, and to a line in the middle.
  const box = await page.locator('#src').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -700);
  await page.waitForFunction((y) => document.querySelector('#src').scrollTop < y, pasted.scrollTop);
  await settled();
  await assertInStep('after the wheel', last, 'MAINTAINER');
  await page.$eval('#src', (t) => { t.scrollTop = 1000 * 20; });
  await settled();
  await assertInStep('scrolled to line 1000', 1002);
  // A fix scrolls the text to where it changed.
  const g = await generation(page);
  await page.locator('li.finding[data-code="DF004"] button.fix').click();
  await nextResults(page, g);
  await settled();
  const fixed = await assertInStep('after the fix', last);
  assert(fixed.scrollTop > 40000, `the fix is in view: ${fixed.scrollTop}`);
  // Another example replaces the text: back at its top, the layers too.
  const g2 = await generation(page);
  await page.selectOption('#examples', { index: 1 });
  await nextResults(page, g2);
  await settled();
  await assertInStep('after loading an example', 2, 'MAINTAINER');
});

await test('undo: Ctrl+Z undoes a fix and Fix all as one step each, typing as a textarea does', async () => {
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).first().click();
  await paste(page, DEFECTS);
  let g = await generation(page);
  await page.locator('li.finding[data-code="DF004"] button.fix').click();
  await nextResults(page, g);
  assert(!(await srcValue()).includes('MAINTAINER'), 'the fix applied');
  g = await generation(page);
  await page.keyboard.press('Control+z');
  await nextResults(page, g);
  assert(await srcValue() === DEFECTS, `Ctrl+Z undid the fix: ${JSON.stringify((await srcValue()).slice(0, 300))}`);
  assert((await findings(page)).some((f) => f.code === 'DF004'), 'and its finding is back');
  g = await generation(page);
  await page.keyboard.press('Control+Shift+z');
  await nextResults(page, g);
  assert(!(await srcValue()).includes('MAINTAINER'), 'Ctrl+Shift+Z applied it again');

  // Fix all, from a tab that has fixes and from one that has none: one step over every tab.
  for (const from of ['Dockerfile', '.dockerignore']) {
    g = await generation(page);
    await page.selectOption('#examples', { index: 1 });
    await nextResults(page, g);
    const names = await tabNames();
    const texts = [];
    for (const name of names) {
      await page.locator('.tab-name', { hasText: name }).first().click();
      texts.push(await srcValue());
    }
    await page.locator('.tab-name', { hasText: from }).first().click();
    g = await generation(page);
    await page.locator('#fix-all').click();
    await nextResults(page, g);
    const fixedText = await srcValue();
    assert((from === 'Dockerfile') === (fixedText !== texts[names.indexOf(from)]), `fix all on ${from}`);
    await page.locator('#src').focus();
    g = await generation(page);
    await page.keyboard.press('Control+z');
    await nextResults(page, g);
    for (const [i, name] of names.entries()) {
      await page.locator('.tab-name', { hasText: name }).first().click();
      assert(await srcValue() === texts[i], `from ${from}: Ctrl+Z gave ${name} its text back`);
    }
  }

  // Typing: the same keys give the same text after Ctrl+Z as in a plain textarea.
  const keys = async (p) => {
    await p.keyboard.press('Control+End');
    await p.keyboard.type('RUN echo hello world');
    await p.keyboard.press('Enter');
    await p.keyboard.type('USER app');
    await p.keyboard.press('Control+z');
  };
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).first().click();
  await paste(page, 'FROM alpine:3.20\n');
  await page.locator('#src').click();
  await keys(page);
  const inApp = await srcValue();
  const plain = await ctx.newPage();
  await plain.setContent('<textarea id="t" wrap="off" spellcheck="false"></textarea>');
  await plain.locator('#t').fill('FROM alpine:3.20\n');
  await keys(plain);
  const inPlain = await plain.$eval('#t', (t) => t.value);
  await plain.close();
  // A plain textarea undoes what was typed since the line break (Chromium keeps the first
  // character with the line before); the page the whole typed line, not one character.
  assert(inApp === 'FROM alpine:3.20\nRUN echo hello world\n' && inApp.length <= inPlain.length,
    `after Ctrl+Z the page has ${JSON.stringify(inApp)}, a plain textarea ${JSON.stringify(inPlain)}`);
  await page.keyboard.press('Control+z');
  assert(await srcValue() === 'FROM alpine:3.20\n', `the second Ctrl+Z: ${JSON.stringify(await srcValue())}`);
});

await test('a Compose file pasted into the Dockerfile tab: said once, renamed in one click', async () => {
  const g0 = await generation(page);
  await page.selectOption('#examples', { index: 1 });
  await nextResults(page, g0);
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).first().click();
  await paste(page, 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n');
  assert(await page.locator('#wrong-kind').count() === 1, 'one message');
  const said = await page.locator('#wrong-kind').textContent();
  assert(said.includes('looks like a Compose file'), `says what it is: ${said}`);
  assert(await page.locator('#findings li.finding').count() === 0, 'no wall of Dockerfile findings');
  assert(await page.locator('.backdrop mark').count() === 0, 'nothing underlined');
  const button = await page.locator('#rename-kind').textContent();
  assert(button.endsWith('docker-compose.yml'), `compose.yaml is open, so: ${button}`);
  const g = await generation(page);
  await page.locator('#rename-kind').click();
  await nextResults(page, g);
  const active = await page.locator('.tab.active .tab-name').textContent();
  assert(active.startsWith('docker-compose.yml'), `renamed: ${active}`);
  assert(await page.locator('#wrong-kind').count() === 0, 'the message goes');
  assert(!(await findings(page)).some((f) => f.code.startsWith('DF')), 'checked as Compose now');
  // And the other way round: a Dockerfile in a Compose tab.
  await paste(page, DEFECTS);
  assert((await page.locator('#rename-kind').textContent()).endsWith('Dockerfile'), 'offers Dockerfile');
});

await test('files a page cannot have: a missing related file is info, "not open in a tab"', async () => {
  await page.locator('.tab-name', { hasText: /^compose\.yaml/ }).click();
  await paste(page, 'services:\n  api:\n    build: ./api\n    env_file: api.env\n    image: acme/api:1.2\n');
  for (const code of ['DC038', 'DC039']) {
    const row = page.locator(`li.finding[data-code="${code}"]`);
    assert(await row.count() === 1, `${code} listed once`);
    assert(await severityShown(code) === 'info', `${code} is info`);
    const text = await row.locator('.msg').textContent();
    assert(text.includes('not open in a tab (add it to check it)'), `${code}: ${text}`);
  }
});

await test('fix all and copy fixed file', async () => {
  await page.locator('.tab-name', { hasText: /^compose\.yaml/ }).click();
  await paste(page, 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n');
  assert((await findings(page)).some((f) => f.code === 'DC003'), 'obsolete version reported');
  await page.locator('#copy-fixed').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(!copied.includes('version') && copied.includes('nginx:1.27'), `copied fixed file: ${copied}`);
  assert((await page.$eval('#src', (t) => t.value)).includes('version'), 'copying leaves the tab as it is');
  const g = await generation(page);
  await page.locator('#fix-all').click();
  await nextResults(page, g);
  assert(!(await page.$eval('#src', (t) => t.value)).includes('version'), 'fix all rewrote the tab');
  assert(!(await findings(page)).some((f) => f.code === 'DC003'), 'DC003 gone');
});

await test('cross-file: compose tab sees which Dockerfile tab exists', async () => {
  await page.locator('.tab-name', { hasText: /^compose\.yaml/ }).click();
  await paste(page, 'services:\n  api:\n    build:\n      context: .\n      dockerfile: Dockerfile.prod\n');
  assert((await findings(page)).some((f) => f.code === 'DC038' && f.line === 5), 'missing Dockerfile.prod reported');
  await page.locator('#add-file').click();
  await page.locator('#new-name').fill('Dockerfile.prod');
  const g = await generation(page);
  await page.locator('#new-name').press('Enter');
  await nextResults(page, g);
  const active = await page.locator('.tab.active .tab-name').textContent();
  assert(active.startsWith('Dockerfile.prod'), `new tab active: ${active}`);
  await page.locator('.tab-name', { hasText: /^compose\.yaml/ }).click();
  assert(!(await findings(page)).some((f) => f.code === 'DC038'), 'the finding goes once the file exists');
});

await test('the clean example shows "no problems"', async () => {
  const g = await generation(page);
  await page.selectOption('#examples', { index: 3 });
  await nextResults(page, g);
  await page.locator('#no-problems').waitFor();
});

await test('permalink round trip', async () => {
  await page.locator('.tab-name', { hasText: /^compose\.yaml/ }).click();
  await page.locator('#share').click();
  const link = await page.locator('#share-link').inputValue();
  assert(link.startsWith(origin) && link.includes('#files='), `link: ${link}`);
  const before = await page.$$eval('.tab-name', (b) => b.map((x) => x.textContent));
  const text = await page.$eval('#src', (t) => t.value);
  // A separate browser profile, as someone opening the link would have.
  const other = await launch(artifacts);
  const second = await open(other, link);
  const after = await second.page.$$eval('.tab-name', (b) => b.map((x) => x.textContent));
  const text2 = await second.page.$eval('#src', (t) => t.value);
  assert(JSON.stringify(before) === JSON.stringify(after), `tabs ${before} vs ${after}`);
  assert(text === text2, 'the active tab and its text come back');
  assert(second.log.errors.length === 0, `console errors: ${second.log.errors}`);
  await other.close();
});

await test('downloads the report as JSON and SARIF', async () => {
  for (const [id, check] of [['#dl-json', (j) => Array.isArray(j.diagnostics)], ['#dl-sarif', (j) => j.version === '2.1.0']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(id).click()]);
    const path = join(artifacts, download.suggestedFilename());
    await download.saveAs(path);
    const json = JSON.parse((await import('node:fs')).readFileSync(path, 'utf8'));
    assert(check(json), `${id} content`);
  }
});

await test('hostile input: binary, alias bomb, 2 MB paste keep the page responsive', async () => {
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).first().click();
  await paste(page, 'FROM alpine\u0000\u0001\u0002garbage');
  assert((await findings(page)).some((f) => f.code === 'RL001'), 'binary reported');
  await page.locator('.tab-name', { hasText: /^compose\.yaml/ }).click();
  let bomb = 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) bomb += `x-${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(',')}]\n`;
  await paste(page, bomb + 'services:\n  web:\n    image: nginx:1.27\n');
  assert((await findings(page)).some((f) => f.code === 'DC000'), 'alias bomb reported');
  // 2 MB, 210,000 YAML values: under the 250,000 a file may hold, so it is checked in full.
  const big = 'services:\n' + Array.from({ length: 30000 }, (_, i) => `  s${i}:\n    image: acme/app:${i}\n    ports: ["127.0.0.1:${10000 + (i % 20000)}:80"]\n`).join('');
  assert(big.length > 2_000_000, `2 MB: ${big.length}`);
  await paste(page, '');
  const g = await generation(page);
  // A real paste (a ClipboardEvent with the text), not a typed value.
  await page.$eval('#src', (t, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    t.focus();
    t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, big);
  // While the worker lints, the page answers: a frame comes within half a second.
  const frame = await page.evaluate(() => new Promise((r) => {
    const t0 = performance.now();
    requestAnimationFrame(() => r(performance.now() - t0));
  }));
  assert(frame < 500, `a frame took ${frame} ms during the lint`);
  console.log(`     (first frame after the 2 MB paste: ${frame.toFixed(0)} ms)`);
  await nextResults(page, g, 60000);
  assert(await page.locator('#results').getAttribute('data-linted-in') === 'worker', 'a large text is linted in the worker');
  const shown = await page.locator('#results').textContent();
  // One rule's findings in one file are capped (100, then a summary naming the rest).
  assert(/\d+ more findings of DC019 in this file/.test(shown), `the results say how many: ${shown.slice(0, 200)}`);
  assert((await findings(page)).some((f) => f.code === 'DC019'), 'the duplicate host ports of the big file are found');
  const hint = await page.locator('#hint').textContent();
  assert(hint.includes('large file'), `the editor says why it shows a preview: ${hint}`);
  assert(await page.$eval('#src', (t) => t.readOnly && t.value.length < 200000), 'a read-only preview');
});

// The layer-cache panel (app/layers.rs): a Node Dockerfile that copies the whole context before
// `npm ci`, a source file ticked changed, the advice applied, compare with a saved version, and
// the .dockerignore tab.
const NODE_DF = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD ["node", "src/index.js"]\n';
// Waits for the panel to be computed again after `act`.
async function layersAfter(act) {
  const before = Number(await page.locator('#layers').getAttribute('data-layers-generation').catch(() => 0) || 0);
  await act();
  await page.waitForFunction((g) => Number(document.querySelector('#layers')?.dataset.layersGeneration || 0) > g, before);
}
const stepOf = async (instruction) => {
  const li = page.locator('#layers li.step', { has: page.locator('.st-ins', { hasText: instruction }) }).first();
  return { status: await li.getAttribute('data-status'), reason: (await li.locator('.st-reason').textContent().catch(() => '')) || '',
    firstMiss: await li.evaluate((e) => e.classList.contains('first-miss')), expensive: await li.locator('.cost').count() };
};

await test('layers panel: a changed source rebuilds COPY . . and RUN npm ci, the advice applies, compare and .dockerignore', async () => {
  try { await layersTest(); } finally {
    // Back to the findings for the tests after this one.
    if (await page.locator('#show-findings').count()) await page.locator('#show-findings').click();
  }
});
async function layersTest() {
  let g = await generation(page);
  await page.selectOption('#examples', { index: 1 });
  await nextResults(page, g);
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).click();
  await paste(page, NODE_DF);
  // The manifest the advice copies first is a file of the context (a tab of its own).
  await page.locator('#add-file').click();
  await page.locator('#new-name').fill('package.json');
  await page.locator('#new-name').press('Enter');
  await paste(page, '{"name": "shop", "private": true}\n');
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).click();
  await layersAfter(() => page.locator('#show-layers').click());
  assert(await page.locator('#results h2').textContent() === 'Layer cache of Dockerfile', 'the heading names the panel');
  // Nothing changed yet: everything from the cache.
  assert((await stepOf('RUN npm ci')).status === 'cached', 'RUN npm ci cached with no change');
  // The file list holds the other tabs; a typed path is added as changed.
  const paths = await page.$$eval('#layers-context li.ctx-file', (l) => l.map((e) => e.dataset.path));
  assert(paths.includes('compose.yaml') && paths.includes('Dockerfile'), `context files: ${paths}`);
  await page.locator('#layers-new-path').fill('src/index.js');
  await layersAfter(() => page.locator('#layers-add-path').click());
  assert(await page.locator('li.ctx-file[data-path="src/index.js"] input.ctx-changed').isChecked(), 'the added path is ticked changed');
  const copy = await stepOf('COPY . .');
  assert(copy.status === 'rebuilt' && copy.reason === 'src/index.js changed' && copy.firstMiss, `COPY . .: ${JSON.stringify(copy)}`);
  const run = await stepOf('RUN npm ci');
  assert(run.status === 'rebuilt' && /earlier step/.test(run.reason) && run.expensive === 1, `RUN npm ci: ${JSON.stringify(run)}`);
  assert((await stepOf('FROM node:20-alpine')).status === 'cached', 'FROM cached');
  assert((await stepOf('EXPOSE 3000')).status === 'metadata', 'EXPOSE is metadata');
  const summary = await page.locator('#layers-summary').textContent();
  assert(summary === '2 of 4 steps rebuilt; expensive: RUN npm ci', `summary: ${summary}`);
  const advice = await page.locator('#layers-advice .advice-item').first().textContent();
  assert(/before `COPY \. \.`/.test(advice), `advice: ${advice}`);
  // Untick, tick again: the checkbox drives the stack.
  await layersAfter(() => page.locator('li.ctx-file[data-path="src/index.js"] input.ctx-changed').click());
  assert((await stepOf('COPY . .')).status === 'cached', 'unticked: COPY cached');
  await layersAfter(() => page.locator('li.ctx-file[data-path="src/index.js"] input.ctx-changed').click());
  assert((await stepOf('COPY . .')).status === 'rebuilt', 'ticked again: COPY rebuilt');

  // Clicking a step selects its instruction in the editor.
  await page.locator('#layers li.step', { has: page.locator('.st-ins', { hasText: 'RUN npm ci' }) }).locator('.step-goto').click();
  const selected = await page.$eval('#src', (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert(selected === 'RUN npm ci', `selected "${selected}"`);

  // The advice's one click: DF085's fix, then npm ci stays cached for the same change.
  await page.waitForSelector('#layers-advice .apply-advice');
  g = await generation(page);
  await layersAfter(() => page.locator('#layers-advice .apply-advice').first().click());
  await nextResults(page, g);
  const fixed = await srcValue();
  assert(fixed.indexOf('RUN npm ci') < fixed.indexOf('COPY . .'), `npm ci moved above COPY . .:\n${fixed}`);
  const after = await stepOf('RUN npm ci');
  assert(after.status === 'cached', `after the fix RUN npm ci: ${JSON.stringify(after)}`);
  assert((await page.locator('#layers-advice').count()) === 0, 'no advice left');

  // Compare with the saved version: an edited RUN line is rebuilt, "instruction changed".
  await layersAfter(() => page.locator('#layers-compare').click());
  assert(await page.locator('#layers-compare').isChecked(), 'compare is on');
  await layersAfter(() => page.locator('li.ctx-file[data-path="src/index.js"] input.ctx-changed').click());
  await layersAfter(async () => paste(page, (await srcValue()).replace('RUN npm ci', 'RUN npm ci --omit=dev')));
  const edited = await stepOf('RUN npm ci --omit=dev');
  assert(edited.status === 'rebuilt' && /instruction changed/.test(edited.reason) && edited.firstMiss, `edited RUN: ${JSON.stringify(edited)}`);
  // The Dockerfile is a context file too: COPY . . sees its edit.
  assert((await stepOf('COPY . .')).status === 'rebuilt', 'COPY . . rebuilt: the Dockerfile changed');
  await layersAfter(() => page.locator('#layers-compare').click());
  assert((await stepOf('RUN npm ci --omit=dev')).status === 'cached', 'compare off: cached again');

  // The .dockerignore tab applies: leaving the changed file out keeps COPY . . cached.
  await layersAfter(() => page.locator('li.ctx-file[data-path="src/index.js"] input.ctx-changed').click());
  assert((await stepOf('COPY . .')).status === 'rebuilt', 'src/index.js changed: COPY rebuilt');
  await page.locator('.tab-name', { hasText: /^\.dockerignore/ }).click();
  await paste(page, (await srcValue()) + 'src/index.js\n');
  await page.locator('.tab-name', { hasText: /^Dockerfile/ }).click();
  await page.waitForSelector('#layers');
  assert(await page.locator('li.ctx-file[data-path="src/index.js"]').evaluate((e) => e.classList.contains('ignored')), 'the file is shown left out');
  const ignored = await stepOf('COPY . .');
  assert(ignored.status === 'cached', `COPY . . with src/index.js ignored: ${JSON.stringify(ignored)}`);
}

await test('no request after load but the rule pages opened, all of them same-origin; no console errors', async () => {
  // Opening a rule's page fetches it from the page's own folder (the wasm holds no rule docs).
  const rulePage = new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/rules/[A-Z]{2}[0-9]+\\.md$`);
  const after = log.requests.slice(loadedRequests)
    .filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !rulePage.test(u));
  assert(after.length === 0, `requests after load: ${after}`);
  assert(log.requests.some((u) => rulePage.test(u)), 'the rule page opened above was fetched');
  const foreign = log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert(foreign.length === 0, `foreign requests: ${foreign}`);
  assert(log.errors.length === 0, `console errors: ${log.errors.join(' | ')}`);
});

await test('phone-sized screen: editor and results both usable', async () => {
  await page.selectOption('#examples', { index: 1 });
  await page.setViewportSize({ width: 390, height: 844 });
  const box = await page.locator('#src').boundingBox();
  assert(box && box.width > 250 && box.height > 200, `editor box ${JSON.stringify(box)}`);
  const wide = await page.evaluate(() => ({ width: document.documentElement.scrollWidth,
    over: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 390)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 5) }));
  assert(wide.width <= 390, `the page is ${wide.width} px wide on a 390 px screen: ${wide.over}`);
  await page.screenshot({ path: join(artifacts, 'phone.png'), fullPage: true });
  // The Layers panel fits too.
  await page.locator('#show-layers').click();
  await page.waitForSelector('#layers li.step');
  const layersWide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(layersWide <= 390, `with the Layers panel the page is ${layersWide} px wide on a 390 px screen`);
  await page.screenshot({ path: join(artifacts, 'phone-layers.png'), fullPage: true });
  await page.locator('#show-findings').click();
  await page.setViewportSize({ width: 1280, height: 800 });
});

// The README's screenshot (www/screenshot.png is copied from it): the Node example's findings
// underlined in the editor, and its layer-cache panel for an edit of src/server.js.
await page.selectOption('#examples', { index: 1 });
await page.waitForSelector('#findings');
await page.locator('li.finding .goto').nth(2).click();
await page.screenshot({ path: join(artifacts, 'findings.png') });
const { page: shot } = await open(ctx, url);
await shot.locator('#show-layers').click();
await shot.locator('#layers-new-path').fill('src/server.js');
await shot.locator('#layers-add-path').click();
await shot.waitForSelector('li.ctx-file[data-path="src/server.js"]');
await shot.$eval('#results', (r) => { r.scrollTop = 0; });
await shot.screenshot({ path: join(artifacts, 'screenshot.png') });
writeFileSync(join(artifacts, 'requests.txt'), log.requests.join('\n') + '\n');
await ctx.close();
console.log(`E2E: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
