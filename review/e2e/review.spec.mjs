// End-to-end test of the review page in headless Debian chromium (playwright-core, no
// downloaded browser): open a document, see <script> in the OCR text stay text, accept a tag,
// edit a date, reject with the keyboard, add a tag from a text selection, reload and see every
// decision, and find them in the record on disk. Then a screenshot of a scanned document.
//   node review.spec.mjs URL OUT_DIR [SCREENSHOT.png [SCAN_DOC_ID]]
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, outDir, screenshot, scanDoc] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node review.spec.mjs URL OUT_DIR [SCREENSHOT.png [SCAN_DOC_ID]]');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);

const browser = await chromium.launch({ executablePath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Refused requests (the bad date's 400, a transcription's missing image) are expected.
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });

  step('documents');
  await page.goto(base);
  await page.fill('#reviewer', 'E2E Archivist');
  await page.dispatchEvent('#reviewer', 'change');
  await page.click('a.doc-link:text-is("review-letter")');
  await page.waitForSelector('#text mark.tag');

  step('OCR text with <script> stays text');
  const text = await page.textContent('#text');
  assert.ok(text.includes('<script>alert(1)</script>'), 'the script element shows as text');
  assert.equal(await page.locator('#text script').count(), 0, 'no script element in the text');
  assert.equal(await page.evaluate(() => document.scripts.length), 1, 'only app.js runs');

  step('accept a place');
  const lisbon = page.locator('#text mark.tag.place', { hasText: 'Lisbon' }).first();
  const lisbonId = await lisbon.getAttribute('data-id');
  await lisbon.click();
  await page.click('#accept');
  await page.waitForSelector(`#text mark.tag.accepted[data-id="${lisbonId}"]`);

  step('edit a date');
  const date = page.locator('#text mark.tag.date', { hasText: '17 June 1940' });
  const dateId = await date.getAttribute('data-id');
  await date.click();
  await page.keyboard.press('e');
  await page.fill('#edit-value', '1940-06-17~');
  await page.click('#edit-save');
  await page.waitForSelector(`#text mark.tag.edited[data-id="${dateId}"]`);
  assert.equal(await page.textContent('#tag-value'), '1940-06-17~');

  step('a bad date is refused with a message');
  await page.click('#edit');
  await page.fill('#edit-value', 'mid-June');
  await page.click('#edit-save');
  await page.waitForSelector('#toast.error');
  assert.match(await page.textContent('#toast'), /not an EDTF date/);
  await page.keyboard.press('Escape');

  step('reject with the keyboard');
  const spain = page.locator('#text mark.tag.place', { hasText: 'Spain' });
  const spainId = await spain.getAttribute('data-id');
  await spain.click();
  await page.keyboard.press('r');
  await page.waitForSelector(`#text mark.tag.rejected[data-id="${spainId}"]`);

  step('add a tag from a text selection (after a non-ASCII letter)');
  await page.evaluate(() => {
    const node = [...document.querySelectorAll('#text .run')].map((n) => n.firstChild)
      .find((t) => t && t.data.includes('the frontier'));
    const i = node.data.indexOf('frontier');
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 'frontier'.length);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  });
  await page.selectOption('#add-type', 'place');
  await page.click('#add-from-selection');
  await page.fill('#new-value', 'Franco-Spanish border');
  await page.click('#add-save');
  await page.waitForSelector('#text mark.tag.added:text-is("frontier")');

  step('reload: the decisions are there');
  await page.reload();
  await page.waitForSelector('#text mark.tag');
  assert.equal(await page.getAttribute(`#text mark[data-id="${lisbonId}"]`, 'class'), 'tag place accepted');
  assert.equal(await page.getAttribute(`#text mark[data-id="${dateId}"]`, 'class'), 'tag date edited');
  assert.equal(await page.getAttribute(`#text mark[data-id="${spainId}"]`, 'class'), 'tag place rejected');
  assert.equal(await page.locator('#text mark.tag.added').count(), 1);
  await page.click(`#text mark[data-id="${dateId}"]`);
  assert.equal(await page.textContent('#tag-value'), '1940-06-17~');
  await page.waitForSelector('#history li');
  const history = await page.textContent('#history');
  assert.ok(history.includes('E2E Archivist'), 'the history names the reviewer');
  assert.equal(await page.locator('#history li').count(), 4);
  assert.equal(await page.inputValue('#reviewer'), 'E2E Archivist', 'the name is remembered');

  step('the record on disk carries the decisions');
  const record = JSON.parse(readFileSync(join(outDir, 'records', 'review-letter.json'), 'utf8'));
  const byText = (t) => record.entities.filter((e) => e.text === t).map((e) => e.review);
  assert.ok(byText('17 June 1940').includes('edited'));
  assert.ok(byText('Spain').includes('rejected'));
  assert.deepEqual(byText('frontier'), ['added']);

  step('queue, dates and places views');
  await page.click('#nav-queue');
  await page.waitForSelector('table.queue tbody tr');
  await page.click('#nav-collection');
  await page.waitForSelector('svg.timeline');

  assert.deepEqual(dialogs, [], 'no dialog opened (no script ran from the text)');
  assert.deepEqual(errors, [], 'no errors in the page');

  if (screenshot && scanDoc) {
    step('screenshot of a scanned document');
    await page.goto(base + '#/doc/' + encodeURIComponent(scanDoc));
    await page.waitForSelector('#text mark.tag');
    // (waitForFunction evaluates strings, which the page's CSP forbids: good.)
    const width = await page.locator('#scan img').evaluate((img) => img.complete ? img.naturalWidth
      : new Promise((ok) => img.addEventListener('load', () => ok(img.naturalWidth))));
    assert.equal(width, 1600, 'the scan is served 1600 px wide');
    const first = page.locator('#text mark.tag.place').first();
    await first.click();
    await page.keyboard.press('a');
    await page.waitForTimeout(300);
    await page.hover('#text mark.tag.date >> nth=0');
    await page.evaluate(() => document.querySelector('.scan-scroll').scrollTo(0, 0));
    await page.screenshot({ path: screenshot });
  }
  step('passed');
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
