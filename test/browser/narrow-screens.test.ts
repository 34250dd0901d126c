import type { Browser, Page } from 'playwright-core';
import { makeDocx, makePdf } from '../fixtures/files/generate';
import { chronologyRow } from '../support/returns';
import { staffClient, waitForMail } from '../support/portal';
import { agencyNamed, openCase } from '../support/scenario';
import {
  becomes,
  cspViolations,
  hasText,
  latestCode,
  launch,
  linkFromEmail,
  onPage,
  openPage,
  pageErrors,
  screenshot,
  seriousA11yViolations,
  web,
  type WatchedPage,
} from './browser';

/**
 * The agency lead on a phone (390 px): nothing wider than the screen, no table cut off in a box that
 * scrolls sideways; each event, request and file is a summary card or list row, reachable by keyboard.
 * On a desktop, file names wrap between their words, never inside one.
 */
jest.setTimeout(120_000);

let browser: Browser;
let lead: WatchedPage;
let reference = '';
const requests: Record<string, string> = {};

const PHONE = { width: 390, height: 844 };

/** How far the page reaches beyond the window's width (0 when nothing sticks out). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Elements matching the selector that reach beyond the window's right edge. */
const offScreen = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      [...document.querySelectorAll(s)]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => e.textContent),
    selector,
  );

beforeAll(async () => {
  browser = await launch();
  const staff = await staffClient('leicester');
  const record = await openCase(staff);
  reference = record.reference;
  const police = await agencyNamed(staff, 'Leicestershire Police');
  const created = await staff.post(`/cases/${record.id}/requests/batch`, {
    agencyIds: [police.id],
    returnTypes: ['chronology', 'organisational-chronology', 'information-report', 'factual-summary'],
    send: true,
  });
  if (created.status !== 201) throw new Error(`requests not created: ${created.text}`);
  const [email] = await waitForMail(
    (e) => e.subject.includes(reference) && e.destination.to.includes(police.leadEmail),
  );
  for (const r of (await staff.get(`/cases/${record.id}/requests`)).body.requests) requests[r.returnType] = r.id;

  lead = await openPage(browser);
  const { page } = lead;
  await page.setViewportSize(PHONE);
  await page.goto(linkFromEmail(email!)!);
  await onPage(page, 'Respond to an information request');
  const asked = Date.now();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await onPage(page, 'Check your e-mail');
  await page.fill('#code', await latestCode(reference, asked));
  await page.getByRole('button', { name: 'Continue' }).click();
  await onPage(page, `Case ${reference}`);
});

afterAll(async () => {
  await lead?.context.close();
  await browser?.close();
});

test('on a phone, the requests are cards that fit the screen', async () => {
  const { page } = lead;
  await page.goto(`${web()}/respond/requests`);
  await onPage(page, `Case ${reference}`);
  const cards = page.locator('#agency-requests .govuk-summary-card');
  await becomes(() => cards.count(), 4, 'the cards');
  await hasText(cards.filter({ hasText: 'Chronology of organisational changes' }), 'Start');
  expect(await overflow(page)).toBe(0);
  expect(await offScreen(page, '#agency-requests *')).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'agency-requests-phone');
});

test('on a phone, each event is a card with every column on screen, and can be changed by keyboard', async () => {
  const { page } = lead;
  const saved = await page.request.put(`${web()}/api/agency/requests/${requests.chronology}/draft`, {
    data: {
      content: {
        kind: 'chronology',
        rows: [
          chronologyRow('r1'),
          chronologyRow('r2', { date: { precision: 'month', value: '2023-05', approximate: true }, time: undefined }),
        ],
      },
      expectedVersion: 0,
    },
  });
  expect(saved.status()).toBe(200);
  await page.goto(`${web()}/respond/requests/${requests.chronology}/rows`);
  await onPage(page, 'Events');
  const cards = page.locator('#rows-cards .govuk-summary-card');
  await becomes(() => cards.count(), 2, 'the cards');
  expect(await page.locator('#rows-table').count()).toBe(0);
  const second = cards.nth(1);
  for (const text of ['Event 2', 'about May 2023', 'Source record', 'Case note 2024/0314', 'Fact or opinion', 'Fact']) {
    await hasText(second, text);
  }
  await second.getByRole('link', { name: 'Change event 2' }).waitFor();
  expect(await overflow(page)).toBe(0);
  expect(await offScreen(page, '#rows *')).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'agency-chronology-events-phone');

  // Keyboard only: to "Remove event 2", Enter; the event goes, and can be put back.
  await second.getByRole('button', { name: 'Remove event 2' }).focus();
  await page.keyboard.press('Enter');
  await hasText(page.locator('#save-status'), 'Event 2 removed');
  await becomes(() => cards.count(), 1, 'the cards');
  await page.locator('#removed-event').getByRole('button', { name: /^Undo/ }).focus();
  await page.keyboard.press('Enter');
  await becomes(() => cards.count(), 2, 'the cards');

  // Wide enough for the table, the table comes back.
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.locator('#rows-table').waitFor();
  expect(await page.locator('#rows-cards').count()).toBe(0);
  await page.setViewportSize(PHONE);
  await becomes(() => cards.count(), 2, 'the cards');
});

test('file names wrap between their words: in the table on a desktop, and in the list on a phone', async () => {
  const { page } = lead;
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${web()}/respond/requests/${requests['factual-summary']}/attachments`);
  await onPage(page, 'Attach documents');
  const long = 'strategy_meeting_minutes_2024.03.14_final_signed_copy.docx';
  await page.setInputFiles('#file', {
    name: 'case-notes.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await makePdf()),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await hasText(page.locator('#upload-status'), 'case-notes.pdf is attached');
  await page.setInputFiles('#file', {
    name: long,
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from(await makeDocx()),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await hasText(page.locator('#upload-status'), `${long} is attached`);

  /** Each line a file name takes, as the text on it. */
  const lines = (name: string) =>
    page.locator(`[data-attachment="${name}"] .app-file-name`).evaluate((span) => {
      const range = document.createRange();
      const byLine = new Map<number, string>();
      for (const node of span.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        range.selectNodeContents(node);
        const top = Math.round(range.getBoundingClientRect().top);
        byLine.set(top, `${byLine.get(top) ?? ''}${node.textContent}`);
      }
      return [...byLine.values()];
    });
  expect(await page.locator('table#attachments-list').count()).toBe(1);
  expect(await lines('case-notes.pdf')).toEqual(['case-notes.pdf']);
  // A long name may take several lines, each ending where a word does.
  const desktop = await lines(long);
  expect(desktop.join('')).toBe(long);
  for (const line of desktop.slice(0, -1)) expect(line).toMatch(/[._-]$/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'agency-attachments-desktop');

  await page.setViewportSize(PHONE);
  await page.locator('dl#attachments-list').waitFor();
  expect(await overflow(page)).toBe(0);
  expect(await offScreen(page, '#attachments-list *')).toEqual([]);
  for (const line of (await lines(long)).slice(0, -1)) expect(line).toMatch(/[._-]$/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'agency-attachments-phone');
});

test('no page broke the Content Security Policy or threw an error', () => {
  expect(cspViolations(lead.problems)).toEqual([]);
  expect(pageErrors(lead.problems)).toEqual([]);
});
