#!/usr/bin/env node
// Opens the preflight HTML report in the system's headless Chromium (never a browser Playwright downloads), blocks every
// request that is not the report file itself, takes a screenshot of the first screen and one of the cost chart, and prints
// JSON: the viewport, the screenshots' paths, and the bounding boxes of the summary ("at-a-glance"), its rows, the chart
// ("cost-chart") and its bars, each with whether Playwright considers it visible.
//
// usage: node check.js REPORT.html OUT_DIR [--chromium PATH] [--width 1280] [--height 800]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

function parse(argv) {
  const options = { chromium: process.env.CHROMIUM || '/usr/bin/chromium', width: 1280, height: 800 };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--chromium') options.chromium = argv[++i];
    else if (argv[i] === '--width') options.width = Number(argv[++i]);
    else if (argv[i] === '--height') options.height = Number(argv[++i]);
    else positional.push(argv[i]);
  }
  if (positional.length !== 2) throw new Error('usage: node check.js REPORT.html OUT_DIR [--chromium PATH] [--width W] [--height H]');
  [options.report, options.out] = positional.map((p) => path.resolve(p));
  return options;
}

async function box(locator) {
  const b = await locator.boundingBox();
  return { box: b && { x: b.x, y: b.y, width: b.width, height: b.height }, visible: await locator.isVisible() };
}

async function main() {
  const options = parse(process.argv.slice(2));
  fs.mkdirSync(options.out, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'report-check-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.chromium,
    headless: true,
    viewport: { width: options.width, height: options.height },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const blocked = [];
  const consoleErrors = [];
  try {
    const reportUrl = 'file://' + options.report;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === reportUrl || url.startsWith('data:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(reportUrl, { waitUntil: 'load' });

    const first = path.join(options.out, 'first-screen.png');
    await page.screenshot({ path: first });
    const summary = page.locator('#at-a-glance');
    const rows = summary.locator('a');
    const result = {
      viewport: { width: options.width, height: options.height },
      firstScreen: first,
      summary: { ...(await box(summary)), rows: [] },
      chart: null,
      blockedRequests: blocked,
      consoleErrors,
    };
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      result.summary.rows.push({ href: await row.getAttribute('href'), text: (await row.innerText()).replace(/\s+/g, ' ').trim(), ...(await box(row)) });
    }

    const chart = page.locator('#cost-chart');
    await chart.scrollIntoViewIfNeeded();
    const chartShot = path.join(options.out, 'cost-chart.png');
    await chart.screenshot({ path: chartShot });
    const bars = chart.locator('g.bar');
    result.chart = { ...(await box(chart)), screenshot: chartShot, scrollY: await page.evaluate(() => window.scrollY), bars: [] };
    for (let i = 0; i < (await bars.count()); i++) {
      const bar = bars.nth(i);
      result.chart.bars.push({ category: await bar.getAttribute('data-category'), ...(await box(bar.locator('rect'))) });
    }
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(2);
});
