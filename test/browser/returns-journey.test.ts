import { readFileSync } from 'node:fs';
import { readDocx } from '../support/docx';
import type { Browser, Page } from 'playwright-core';
import { londonDate } from '../../functions/domain/calendar';
import { unique } from '../support/scenario';
import {
  cspViolations,
  hasText,
  hasValue,
  lacksText,
  latestCode,
  launch,
  linkFromEmail,
  onPage,
  openPage,
  pageErrors,
  requestEmail,
  screenshot,
  seriousA11yViolations,
  signInOfficer,
  web,
  type WatchedPage,
  hasTitle,
  becomes,
} from './browser';

/**
 * The whole journey in a browser: the business office opens a case and sends a request; the agency
 * lead follows the e-mailed link, confirms the code, drafts, comes back, completes and submits; the
 * office sees the return. Every page is checked with axe-core and for CSP violations.
 */
jest.setTimeout(90_000);

let browser: Browser;
const reference = unique('WEB');
let caseUrl = '';
const watched: WatchedPage[] = [];

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function open(): Promise<WatchedPage> {
  const page = await openPage(browser);
  watched.push(page);
  return page;
}

/**
 * Every page must pass axe-core with no serious or critical violation. `again` marks a page already
 * checked in this file that has changed only by a success banner or a reload (axe takes seconds).
 */
async function accessible(page: Page, heading: string | RegExp, again = false) {
  await onPage(page, heading);
  if (!again) expect(await seriousA11yViolations(page)).toEqual([]);
}

async function fillDate(page: Page, id: string, iso: string) {
  const [year, month, day] = iso.split('-');
  await page.fill(`#${id}-day`, String(Number(day)));
  await page.fill(`#${id}-month`, String(Number(month)));
  await page.fill(`#${id}-year`, year!);
}

test('the business office signs in, opens a case through the form and sends a request', async () => {
  const { page, context } = await open();
  await page.goto(web());
  await accessible(page, 'Sign in to the Safeguarding returns portal');
  await signInOfficer(page);
  await accessible(page, 'Cases');
  await hasTitle(page, 'Cases – Safeguarding returns portal');
  await hasText(page.locator('.app-header'), 'Leicester Safeguarding Children Partnership Board');

  await page.getByRole('button', { name: 'Open a new case' }).click();
  await accessible(page, 'Open a new case');
  // Submitting nothing shows the error summary, focused, and "Error:" in the title.
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await hasTitle(page, /^Error: Open a new case/);
  await becomes(
    () => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
    true,
    'focus on the error summary',
  );
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByLabel('Rapid Review', { exact: true }).check();
  await fillDate(page, 'day0', londonDate(new Date()));
  await page.fill('#reference', reference);
  await page.fill('#subject-name', 'Alfie Browserchild');
  await fillDate(page, 'subject-dateOfBirth', '2019-04-02');
  await page.fill('#subject-pseudonym', 'Child W');
  await page.getByRole('button', { name: 'Add a family member' }).click();
  await page.fill('#subject-familyMembers-0-name', 'Bella Browserparent');
  await page.fill('#subject-familyMembers-0-relationship', 'Mother');
  await page.getByRole('button', { name: 'Open case' }).click();
  await accessible(page, `Case ${reference}`);
  await hasText(page.locator('.govuk-notification-banner--success'), `Case ${reference} opened`);
  caseUrl = page.url();
  // The address names the case by its id only: no personal data in URLs.
  expect(caseUrl).toMatch(/\/cases\/[0-9A-Z]{26}$/);

  await page.getByRole('button', { name: 'Add agencies and requests' }).click();
  await accessible(page, 'Add agencies and requests');
  await page.getByLabel('Leicestershire Police').check();
  await page.getByLabel('Yes, e-mail the links now').check();
  await page.getByRole('button', { name: 'Add requests' }).click();
  await accessible(page, `Case ${reference}`);
  const row = page.locator('#requests tbody tr', { hasText: 'Leicestershire Police' });
  await hasText(row, 'Sent');
  await hasText(row, 'Information Request Reply');
  await context.close();
});

test('the agency lead follows the link, confirms the code, drafts, comes back and submits', async () => {
  const { page, context } = await open();
  const link = linkFromEmail(await requestEmail(reference));
  expect(link).toBeDefined();
  await page.goto(link!);
  await accessible(page, 'Respond to an information request');
  // The token is taken out of the address at once, and nothing personal is shown before the code.
  expect(page.url()).toBe(`${web()}/respond`);
  await lacksText(page.locator('main'), 'Alfie');
  // Who is asking is named, as the e-mail names them; nothing of the case is.
  await hasText(page.locator('#who-is-asking'), /^Leicester Safeguarding Children Partnership Board is reviewing/);
  await hasText(page.locator('main'), 'Leicester Safeguarding Boards Office');
  await lacksText(page.locator('main'), reference);
  await lacksText(page.locator('main'), 'Leicestershire Police');

  const asked = Date.now();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await accessible(page, 'Check your e-mail');
  await hasText(page.locator('main'), '@leicestershire-police.example.org');
  expect(await page.locator('#code').getAttribute('autocomplete')).toBe('one-time-code');
  expect(await page.locator('#code').getAttribute('inputmode')).toBe('numeric');
  await page.fill('#code', await latestCode(reference, asked));
  await page.getByRole('button', { name: 'Continue' }).click();

  await accessible(page, `Case ${reference}`);
  await hasText(page.locator('main'), 'Alfie Browserchild');
  await hasText(page.locator('main'), 'Bella Browserparent (Mother)');
  await hasText(page.locator('.app-header'), 'Leicestershire Police');
  await page.getByRole('link', { name: 'Start Information Request Reply' }).click();

  await accessible(page, 'Involvement');
  await page.getByLabel('Yes, we hold records').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Dates and services');
  // The lead knows only the month of first contact: a month is an answer (DOMAIN.md), not an error.
  await page.fill('#periodFrom', 'May 2023');
  await page.fill('#periodTo', '31/10/2026');
  await page.fill('#services', 'Neighbourhood policing\nPublic protection unit');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await hasText(page.locator('#save-status'), /Saved at \d\d:\d\d/);

  // Coming back: the draft is kept by the API, not the browser.
  await page.reload();
  await accessible(page, 'Dates and services', true);
  await hasValue(page.locator('#periodFrom'), 'May 2023');
  await hasValue(page.locator('#periodTo'), '31 October 2026');
  await hasValue(page.locator('#services'), 'Neighbourhood policing\nPublic protection unit');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Key events');
  await page.getByRole('button', { name: 'Add a key event' }).click();
  await page.fill('#keyEvents-0-date', '14/02/2025');
  await page.fill('#keyEvents-0-description', 'Domestic abuse incident attended at the family home; DASH risk medium.');
  await page.getByRole('button', { name: 'Add another key event' }).click();
  // Saved for later, a date that cannot be read yet is kept exactly as typed, and the page says what is wrong.
  await page.fill('#keyEvents-1-date', 'Q3 2025');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await hasText(page.locator('#save-status'), /Saved at \d\d:\d\d/);
  await hasText(page.locator('.govuk-error-summary'), 'The date of event 2 must be a real date');
  await lacksText(page.locator('.govuk-error-summary'), 'what happened at event 2');
  await page.reload();
  await accessible(page, 'Key events', true);
  await hasValue(page.locator('#keyEvents-0-date'), '14 February 2025');
  await hasValue(
    page.locator('#keyEvents-0-description'),
    'Domestic abuse incident attended at the family home; DASH risk medium.',
  );
  await hasValue(page.locator('#keyEvents-1-date'), 'Q3 2025');
  await page.fill('#keyEvents-1-date', 'about February 2026');
  // A key event without a description is refused, with a link to the field.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.locator('.govuk-error-summary a', { hasText: 'what happened at event 2' }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('keyEvents-1-description');
  await page.fill('#keyEvents-1-description', 'Concern for welfare call from a neighbour.');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Immediate safety concern');
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Family members and practitioners');
  await page.getByRole('button', { name: 'Add a family member' }).click();
  await page.fill('#familyMembersKnown-0-name', 'Bella Browserparent');
  await page.fill('#familyMembersKnown-0-relationship', 'Mother');
  await page.getByRole('button', { name: 'Add a practitioner' }).click();
  await page.fill('#practitioners-0-name', 'PC Dana Reid');
  await page.fill('#practitioners-0-role', 'Response officer');
  // Their line manager, for the learning workshop (§8.10.1).
  await page.fill('#practitioners-0-lineManager-name', 'Sgt Erin Cole');
  await page.fill('#practitioners-0-lineManager-role', 'Response sergeant');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Records and information sharing');
  await page.getByLabel('Yes, they have been secured').check();
  await page.getByLabel('No, without consent').check();
  await page.fill('#informationSharing-reason', 'Necessary to safeguard the child.');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Early learning');
  await page.fill('#earlyLearning', 'None identified yet.');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Declaration');
  await page.fill('#declaration-name', 'DI Sam Okafor');
  await page.fill('#declaration-role', 'Safeguarding lead');
  await fillDate(page, 'declaration-date', londonDate(new Date()));
  await page.getByLabel('I confirm this return distinguishes facts from professional opinion').check();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Documents are optional: the page says which files it takes, and Continue goes on.
  await onPage(page, 'Attach documents');
  await page.getByRole('button', { name: 'Continue' }).click();

  await accessible(page, 'Check your answers before submitting');
  await hasText(page.locator('main'), 'Domestic abuse incident');
  await hasText(page.locator('main'), 'about February 2026');
  await hasText(page.locator('main'), 'May 2023');
  // Change links lead back to the question and return to this page.
  await page.getByRole('link', { name: 'Change early learning' }).click();
  await accessible(page, 'Early learning', true);
  await page.fill('#earlyLearning', 'Information sharing between neighbourhood teams to be reviewed.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await accessible(page, 'Check your answers before submitting', true);
  await hasText(page.locator('main'), 'Information sharing between neighbourhood teams');

  // A double click is one submission (the client's submission id makes the retry idempotent).
  await page.getByRole('button', { name: 'Submit return' }).dblclick();
  await accessible(page, 'Return submitted');
  await hasText(page.locator('#receipt'), new RegExp(`^${reference}-[0-9A-F]{6}$`));
  await hasTitle(page, 'Return submitted – Safeguarding returns portal');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await accessible(page, 'You have signed out');
  // Signed out, the cookie is gone: the page says so, not that a session ended after 30 minutes idle.
  await page.goto(`${web()}/respond/requests`);
  await accessible(page, 'You are not signed in');
  await lacksText(page.locator('main'), '30 minutes');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await context.close();
});

test('the business office sees the return submitted and reads it in the case page', async () => {
  const { page, context } = await open();
  await signInOfficer(page);
  await screenshot(page, 'dashboard');
  await page.getByRole('link', { name: reference }).click();
  await accessible(page, `Case ${reference}`);
  const row = page.locator('#requests tbody tr', { hasText: 'Leicestershire Police' });
  await hasText(row, 'Submitted');

  // Filters are ordinary controls: "overdue only" hides the request, which is not overdue.
  await page.getByLabel('Overdue only').check();
  await hasText(page.locator('#requests-count'), 'Showing 0 of 1 request');
  await page.getByLabel('Overdue only').uncheck();
  await page.selectOption('#filter-status', 'submitted');
  await hasText(page.locator('#requests-count'), 'Showing 1 of 1 request');

  await page.locator('summary', { hasText: 'Leicestershire Police: Information Request Reply' }).click();
  const details = page.locator('details', { hasText: 'Leicestershire Police: Information Request Reply' });
  await hasText(details, 'Domestic abuse incident attended at the family home');
  await hasText(details, 'Shared without consent');
  // The dates as precise as the lead gave them.
  await hasText(details, 'May 2023');
  await hasText(details, 'about February 2026');
  await hasText(details, 'DI Sam Okafor');
  await hasText(details, 'PC Dana Reid, Response officer; line manager Sgt Erin Cole (Response sergeant)');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, 'case-page');

  // The download is exactly the return as submitted.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    details.getByRole('button', { name: /\(JSON\)$/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${reference}-Leicestershire-Police-.*-v1\\.json$`));
  const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(saved.content.declaration.name).toBe('DI Sam Okafor');
  expect(saved.nilReturn).toBe(false);
  // And as a Word document, which is what business offices work in.
  const [word] = await Promise.all([
    page.waitForEvent('download'),
    details.getByRole('button', { name: /^Download as a Word document/ }).click(),
  ]);
  expect(word.suggestedFilename()).toBe(`${reference}-leicestershire-police-information-request-reply-v1.docx`);
  const document = readDocx(readFileSync((await word.path())!));
  expect(document.paragraphs[0]).toBe('Information Request Reply from Leicestershire Police');
  expect(document.paragraphs).toContain('DI Sam Okafor');

  await row.getByRole('link').click();
  await accessible(page, 'Leicestershire Police: Information Request Reply');
  await page.getByRole('button', { name: 'Accept the return' }).click();
  await hasText(page.locator('.govuk-notification-banner--success'), 'accepted');
  await hasText(page.locator('main'), 'Accepted');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await accessible(page, 'You have signed out');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await context.close();
});

test('no page broke the Content Security Policy or threw an error', () => {
  const problems = watched.flatMap((w) => w.problems);
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
});
