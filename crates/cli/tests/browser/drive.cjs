// Drives headless Chromium through the web page as a person would: the ledger and its
// chart, then a ledger row's source sentence in its document. Prints what it
// saw as one JSON line. Usage: node drive.cjs URL SCREENSHOT.png
// Needs playwright-core (NODE_PATH) and OVERDUE_CHROMIUM, the browser to run.
const { chromium } = require('playwright-core');

(async () => {
  const [url, shot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.OVERDUE_CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);
    const title = await page.title();
    const rows = await page.locator('tr.row').count();
    const lines = await page.locator('#chart ~ svg polyline').count();
    await page.locator('#chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot.replace(/\.png$/, '-chart.png') });
    // A ledger row through to its source sentence, shown in its document with the
    // sentence outlined and its annotations marked.
    const link = page.locator('tr.row a[href^="/doc"]').first();
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForLoadState();
    const docUrl = page.url();
    const hash = await page.evaluate(() => location.hash);
    const passage = page.locator(`${hash} + span`);
    const visible = await passage.isVisible();
    const classes = await passage.getAttribute('class');
    const marked = await passage.innerText();
    const statements = await page.locator('.statement').count();
    await page.screenshot({ path: shot });
    console.log(JSON.stringify({ title, rows, lines, href, hash, visible, classes, marked, docUrl, statements }));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
