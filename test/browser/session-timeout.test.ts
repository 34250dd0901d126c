import type { Browser } from 'playwright-core';
import { sentRequest } from '../support/scenario';
import { store } from '../support/table';
import {
  becomes,
  cspViolations,
  focusedId,
  hasText,
  latestCode,
  launch,
  linkFromEmail,
  onPage,
  openPage,
  pageErrors,
  seriousA11yViolations,
} from './browser';

/**
 * The agency lead is warned before the session times out, can stay signed in, and loses nothing typed when
 * it does time out (ADR 0004). The page's clock is Playwright's, moved on by hand; the API's is real, so
 * the session it holds is live throughout and every refusal seen here is the page's own doing.
 */
jest.setTimeout(90_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const EXTEND = '/api/agency/sessions/current/extend';

test('a lead is warned, stays signed in with Escape or the button, and on timing out keeps what was typed', async () => {
  const { record, email, requestId } = await sentRequest();
  const { page, context, problems } = await openPage(browser);
  await page.clock.install();
  await page.goto(linkFromEmail(email)!);
  const asked = Date.now();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await onPage(page, 'Check your e-mail');
  await page.fill('#code', await latestCode(record.reference, asked));
  await page.getByRole('button', { name: 'Continue' }).click();
  await onPage(page, `Case ${record.reference}`);
  await page.getByRole('link', { name: 'Start Information Request Reply' }).click();
  await onPage(page, 'Involvement');
  // Answered but not saved.
  await page.getByLabel('Yes, we hold records').check();
  const answer = await focusedId(page);
  expect(answer).not.toBe('');

  // 28 minutes later: the warning, in a modal dialog that takes the focus.
  await page.clock.fastForward('28:00');
  const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  await hasText(dialog, 'we will sign you out in');
  await becomes(() => page.evaluate(() => document.activeElement?.getAttribute('role') ?? ''), 'dialog', 'focus');
  expect(await page.locator('main').evaluate((main) => main.closest('[inert]') !== null)).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Escape is "Stay signed in": the API restarts the idle timer, the dialog closes, focus goes back.
  const first = page.waitForResponse((r) => r.url().endsWith(EXTEND));
  await page.keyboard.press('Escape');
  expect((await first).status()).toBe(200);
  await dialog.waitFor({ state: 'detached' });
  await becomes(() => focusedId(page), answer, 'focus after the warning');

  // Again: Tab stays within the dialog, and the button stays signed in too.
  await page.clock.fastForward('28:00');
  await dialog.waitFor();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
  const second = page.waitForResponse((r) => r.url().endsWith(EXTEND));
  await dialog.getByRole('button', { name: 'Stay signed in' }).click();
  expect((await second).status()).toBe(200);
  await dialog.waitFor({ state: 'detached' });

  // Left alone past the end: what was typed is saved as a draft, the session ended, and the page says so.
  await page.clock.fastForward('31:00');
  await onPage(page, 'You have been signed out');
  await hasText(page.locator('main'), 'there was no activity for 30 minutes');
  await hasText(page.locator('main'), 'We saved what you had typed as a draft');
  const saved = await store().requests.get('leicester', record.id, requestId);
  expect(saved?.draftVersion).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => fetch('/api/agency/requests').then((r) => r.status))).toBe(401);
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});
