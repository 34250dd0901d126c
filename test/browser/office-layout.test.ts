import type { Browser, Page } from 'playwright-core';
import { staffClient } from '../support/portal';
import { openCase } from '../support/scenario';
import {
  cspViolations,
  hasText,
  launch,
  onPage,
  pageErrors,
  screenshot,
  seriousA11yViolations,
  signInOfficer,
  web,
} from './browser';

/**
 * The office's grids at the widths officers use: every column of the requests grid fits at desktop widths,
 * and on a phone the dashboard and the case page show stacked summaries and the timeline as a list, with
 * nothing off-screen. Screenshots at each width are saved in test-results/screenshots.
 */
jest.setTimeout(90_000);

let browser: Browser;
let caseId: string;
let reference: string;

beforeAll(async () => {
  browser = await launch();
  // A Rapid Review asking every agency for two returns: the longest agency names in the grid.
  const staff = await staffClient();
  const record = await openCase(staff);
  caseId = record.id;
  reference = record.reference;
  const { agencies } = (await staff.get('/agencies')).body as { agencies: { id: string }[] };
  const batch = await staff.post(`/cases/${record.id}/requests/batch`, {
    agencyIds: agencies.map((a) => a.id),
    returnTypes: ['information-request-reply', 'chronology'],
    send: false,
  });
  expect(batch.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
});

async function officeAt(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await signInOfficer(page);
  return { context, page, problems };
}

/** How far the page, and each of the given elements, reach beyond the room they have (0 when they fit). */
const overflowOf = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement | null;
    const room = el?.parentElement?.clientWidth ?? 0;
    return { element: el ? el.scrollWidth - room : -1, page: document.documentElement.scrollWidth - innerWidth };
  }, selector);

for (const width of [1366, 1920, 2560]) {
  test(`at ${width} px every column of the requests grid fits, the escalation column included`, async () => {
    const { page, context, problems } = await officeAt(width);
    await page.goto(`${web()}/cases/${caseId}`);
    await onPage(page, `Case ${reference}`);
    await page.locator('#requests').waitFor();
    expect(await overflowOf(page, '#requests')).toEqual({ element: 0, page: 0 });
    const header = page.locator('#requests th', { hasText: 'Reminders and escalation' });
    const box = await header.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    expect(await page.locator('#requests-cards').isVisible()).toBe(false);
    expect(await page.locator('.app-timeline__svg').isVisible()).toBe(true);
    if (width !== 2560) await screenshot(page, `case-page-${width}`);
    await page.goto(web());
    await onPage(page, 'Cases');
    await page.locator('#cases').waitFor();
    expect(await overflowOf(page, '#cases')).toEqual({ element: 0, page: 0 });
    if (width !== 2560) await screenshot(page, `dashboard-${width}`);
    expect(cspViolations(problems)).toEqual([]);
    expect(pageErrors(problems)).toEqual([]);
    await context.close();
  });
}

test('at 390 px the dashboard and the case page stack each row, and the timeline is a list', async () => {
  const { page, context, problems } = await officeAt(390);
  await page.locator('#cases-cards').waitFor();
  const card = page.locator('#cases-cards li', { hasText: reference });
  // The state is on screen, not in a column off its right edge.
  await hasText(card, 'Due soon');
  await hasText(card, 'Next milestone');
  expect(await page.locator('#cases').isVisible()).toBe(false);
  expect((await overflowOf(page, '#cases-cards')).page).toBe(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'dashboard-390');

  await page.goto(`${web()}/cases/${caseId}`);
  await onPage(page, `Case ${reference}`);
  const cards = page.locator('#requests-cards > li');
  await cards.first().waitFor();
  expect(await cards.count()).toBeGreaterThanOrEqual(10);
  await hasText(cards.first(), 'Due');
  await hasText(cards.first(), 'working days left');
  await hasText(cards.first(), 'Not sent');
  expect(await page.locator('#requests').isVisible()).toBe(false);
  // The drawing would shrink its words to a few pixels: the list of milestones, today among them, stands in.
  expect(await page.locator('.app-timeline__svg').isVisible()).toBe(false);
  await hasText(page.locator('.app-timeline__list'), 'Today:');
  await hasText(page.locator('.app-timeline__list'), 'National Panel');
  const fontSize = await page
    .locator('.app-timeline__list li')
    .first()
    .evaluate((li) => parseFloat(getComputedStyle(li).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(16);
  expect((await overflowOf(page, '#requests-cards')).page).toBe(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'case-page-390');
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});
