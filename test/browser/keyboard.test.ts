import type { Browser, Page } from 'playwright-core';
import { completeReply, sentRequest, signInAgency } from '../support/scenario';
import {
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
  tabTo,
  hasTitle,
  becomes,
  signInOfficer,
  web,
} from './browser';

/**
 * The agency lead's way in and a question page, with the keyboard alone: Tab, Enter, Space and typing.
 * Error summary links must move focus to the field they name.
 */
jest.setTimeout(60_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Focus moves to the error summary once it has rendered: wait for that, rather than read it at once. */
const activeIsErrorSummary = (page: Page) =>
  page
    .waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false, undefined, {
      timeout: 5000,
    })
    .then(() => true)
    .catch(() => false);

test('the code page and a question page can be completed with the keyboard only', async () => {
  const { record, email } = await sentRequest();
  const { page, context, problems } = await openPage(browser);
  await page.goto(linkFromEmail(email)!);
  await onPage(page, 'Respond to an information request');

  // The landing page: Tab to the button, Enter.
  const asked = Date.now();
  await tabTo(page, 'button', 'Send me a code');
  await page.keyboard.press('Enter');
  await onPage(page, 'Check your e-mail');
  await becomes(() => page.evaluate(() => document.activeElement?.tagName), 'H1', 'the focused element');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Continue with no code: the error summary takes focus and its link moves focus to the field.
  await tabTo(page, 'button', 'Continue');
  await page.keyboard.press('Enter');
  await page.locator('.govuk-error-summary').waitFor();
  expect(await activeIsErrorSummary(page)).toBe(true);
  await hasTitle(page, /^Error: Check your e-mail/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Enter the 6-digit code from the e-mail');
  await page.keyboard.press('Enter');
  expect(await focusedId(page)).toBe('code');

  // A wrong code is refused with a clear message; the right one, typed and entered, signs in.
  const code = await latestCode(record.reference, asked);
  await page.keyboard.type(code === '000000' ? '111111' : '000000');
  await page.keyboard.press('Enter');
  await hasText(page.locator('#code-error'), 'The code is not right');
  await page.locator('.govuk-error-summary a').focus();
  await page.keyboard.press('Enter');
  expect(await focusedId(page)).toBe('code');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await onPage(page, `Case ${record.reference}`);

  // To the first question page.
  await tabTo(page, 'a', 'Start');
  await page.keyboard.press('Enter');
  await onPage(page, 'Involvement');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Continue without an answer, follow the error to the radios, choose with Space, continue with Enter.
  await tabTo(page, 'button', 'Save and continue');
  await page.keyboard.press('Enter');
  await page.locator('.govuk-error-summary').waitFor();
  expect(await activeIsErrorSummary(page)).toBe(true);
  await hasTitle(page, /^Error: Involvement/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await focusedId(page)).toBe('involvement');
  await page.keyboard.press('Space');
  expect(await page.isChecked('#involvement')).toBe(true);
  await tabTo(page, 'button', 'Save and continue');
  await page.keyboard.press('Enter');
  await onPage(page, 'Dates and services');
  await becomes(() => page.evaluate(() => document.activeElement?.tagName), 'H1', 'the focused element');

  // The skip link is the first thing Tab reaches, and it moves focus to the main content.
  await page.reload();
  await onPage(page, 'Dates and services');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  expect(await focusedId(page)).toBe('main-content');

  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('the office records what was done about a safety concern with the keyboard only', async () => {
  const { record, requestId, token } = await sentRequest();
  const lead = await signInAgency(token, record.reference);
  const submitted = await lead.post(`/agency/requests/${requestId}/submit`, {
    content: completeReply({ immediateSafetyConcern: { raised: true, details: 'Sibling at the address.' } }),
  });
  expect(submitted.status).toBe(200);
  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${record.id}`);
  await onPage(page, `Case ${record.reference}`);

  await tabTo(page, 'a', 'Record what was done about');
  await page.keyboard.press('Enter');
  await onPage(page, 'Record what was done about the safety concern');
  // Submitting nothing: the error summary takes focus, and its link moves focus to the box.
  await tabTo(page, 'button', 'Record as acknowledged');
  await page.keyboard.press('Enter');
  await page.locator('.govuk-error-summary').waitFor();
  expect(await activeIsErrorSummary(page)).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await focusedId(page)).toBe('reason');
  await page.keyboard.type('Strategy discussion held with police and children’s social care.');
  await tabTo(page, 'button', 'Record as acknowledged');
  await page.keyboard.press('Enter');
  await onPage(page, `Case ${record.reference}`);
  await hasText(page.locator('#concerns-acknowledged'), 'Strategy discussion held');
  expect(await page.locator('.app-safety-banner').count()).toBe(0);
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});
