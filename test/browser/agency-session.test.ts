import type { Browser } from 'playwright-core';
import { sentRequest } from '../support/scenario';
import {
  cspViolations,
  hasText,
  lacksText,
  latestCode,
  launch,
  linkFromEmail,
  onPage,
  openPage,
  pageErrors,
  seriousA11yViolations,
  web,
} from './browser';

/**
 * An agency lead's sign-in and session in the browser: a reload part-way through signing in, and pages
 * opened with no session at all (ADR 0004).
 */
jest.setTimeout(90_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const PENDING = 'portal.agency.pending-sign-in';

test('a reload while signing in keeps the link and the code on its way; nothing is left stored once signed in', async () => {
  const { record, email } = await sentRequest();
  const { page, context, problems } = await openPage(browser);
  await page.goto(linkFromEmail(email)!);
  await onPage(page, 'Respond to an information request');
  // Reloading the landing page before ever signing in: still the landing page, never "your session has ended".
  await page.reload();
  await onPage(page, 'Respond to an information request');
  await lacksText(page.locator('main'), 'session has ended');

  const asked = Date.now();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await onPage(page, 'Check your e-mail');
  // Reloading the code page: the same code still works (no sixth code needed, none of the five spent).
  await page.reload();
  await onPage(page, 'Check your e-mail');
  await hasText(page.locator('main'), "addresses the partnership holds for your agency's safeguarding lead");
  expect(await seriousA11yViolations(page)).toEqual([]);
  // What the tab keeps holds no personal data: no address, no name, only the token and the challenge.
  const stored = (await page.evaluate((key) => sessionStorage.getItem(key), PENDING)) ?? '';
  expect(JSON.parse(stored)).toMatchObject({ token: expect.any(String), challenge: { sentTo: [] } });
  expect(stored).not.toMatch(/@|Alfie|Testchild/);

  await page.fill('#code', await latestCode(record.reference, asked));
  await page.getByRole('button', { name: 'Continue' }).click();
  await onPage(page, `Case ${record.reference}`);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), PENDING)).toBeNull();
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('pages opened with no session say how to sign in, not that a session ended', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(`${web()}/respond`);
  await onPage(page, 'Open the link in your e-mail');
  await page.goto(`${web()}/respond/requests`);
  await onPage(page, 'You are not signed in');
  await lacksText(page.locator('main'), '30 minutes');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto(`${web()}/respond/code`);
  await onPage(page, 'Open the link again');
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});
