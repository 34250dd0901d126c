import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { readCsv } from '../../functions/formats/spreadsheet';
import { eicar, makeDocx, makePdf } from '../fixtures/files/generate';
import { staffClient, tokenFromEmail, waitForMail, type ApiClient } from '../support/portal';
import { chronology, chronologyRow } from '../support/returns';
import { agencyNamed, openCase, signInAgency, today } from '../support/scenario';
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
  screenshot,
  seriousA11yViolations,
  signInOfficer,
  web,
  type WatchedPage,
  hasTitle,
  becomes,
} from './browser';

/**
 * The returns beyond the Information Request Reply, in a browser: an agency lead writes a chronology
 * (typed rows, an error linked to its row, an import previewed with a rejected row, documents attached
 * and one refused by the virus check), answers an Information Report and makes a nil return; a second
 * agency submits its chronology through the API; the office reads the multi-agency chronology, splits a
 * suggested group and exports it. axe runs once per kind of page.
 */
jest.setTimeout(150_000);

let browser: Browser;
const watched: WatchedPage[] = [];
let staff: ApiClient;
let caseId = '';
let reference = '';
const police: Record<string, string> = {};
let policeLink = '';

const HEADER = 'Date,Time,Source record,What happened,Action taken or outcome,Practitioner role,Fact or opinion';
const csv = (secondDate: string) =>
  [
    HEADER,
    '15/01/2020,21:40,Incident log 2020/015,Police called to a disturbance at the home.,Words of advice given.,Response officer,Fact',
    `${secondDate},,Incident log 2020/031,Neighbour reported shouting late at night.,No further action.,Call handler,Opinion`,
  ].join('\r\n');

async function requestsFor(agencyName: string, returnTypes: string[]) {
  const agency = await agencyNamed(staff, agencyName);
  const created = await staff.post(`/cases/${caseId}/requests/batch`, {
    agencyIds: [agency.id],
    returnTypes,
    send: true,
  });
  if (created.status !== 201) throw new Error(`requests not created: ${created.text}`);
  const [email] = await waitForMail(
    (e) => e.subject.includes(reference) && e.destination.to.includes(agency.leadEmail),
  );
  const { body } = await staff.get(`/cases/${caseId}/requests`);
  const ids = Object.fromEntries(
    (body.requests as { id: string; agencyId: string; returnType: string }[])
      .filter((r) => r.agencyId === agency.id)
      .map((r) => [r.returnType, r.id]),
  );
  return { ids, email: email! };
}

beforeAll(async () => {
  browser = await launch();
  staff = await staffClient('leicester');
  const record = await openCase(staff);
  caseId = record.id;
  reference = record.reference;
  const asked = await requestsFor('Leicestershire Police', [
    'chronology',
    'organisational-chronology',
    'information-report',
    'factual-summary',
  ]);
  Object.assign(police, asked.ids);
  policeLink = linkFromEmail(asked.email)!;
});

afterAll(async () => {
  await browser?.close();
});

/** The agency lead's browser, signed in once through the link and the e-mailed code; each test opens a page in it. */
let agencyContext: WatchedPage | undefined;
async function agencyPage(): Promise<Page> {
  if (!agencyContext) {
    agencyContext = await openPage(browser);
    watched.push(agencyContext);
    const { page } = agencyContext;
    await page.goto(policeLink);
    await onPage(page, 'Respond to an information request');
    const asked = Date.now();
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await onPage(page, 'Check your e-mail');
    await page.fill('#code', await latestCode(reference, asked));
    await page.getByRole('button', { name: 'Continue' }).click();
    await onPage(page, `Case ${reference}`);
    return page;
  }
  const page = await agencyContext.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') agencyContext?.problems.push(message.text());
  });
  page.on('pageerror', (error) => agencyContext?.problems.push(`pageerror: ${error.message}`));
  return page;
}

async function accessible(page: Page, heading: string | RegExp, check = true) {
  await onPage(page, heading);
  if (check) expect(await seriousA11yViolations(page)).toEqual([]);
}

async function declare(page: Page) {
  await page.fill('#declaration-name', 'DI Sam Okafor');
  await page.fill('#declaration-role', 'Safeguarding lead');
  const [year, month, day] = today().split('-');
  await page.fill('#declaration-date-day', String(Number(day)));
  await page.fill('#declaration-date-month', String(Number(month)));
  await page.fill('#declaration-date-year', year!);
  await page.getByLabel('I confirm this return distinguishes facts from professional opinion').check();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

async function submitFromCheck(page: Page, button = 'Submit return') {
  await page.getByRole('button', { name: button }).click();
  await onPage(page, 'Return submitted');
  await hasText(page.locator('#receipt'), new RegExp(`^${reference}-[0-9A-F]{6}$`));
}

test('the agency lead types, corrects, imports and submits a chronology with documents', async () => {
  const page = await agencyPage();
  await page.getByRole('link', { name: 'Start Chronology of key events' }).click();

  await accessible(page, 'Records held');
  await page.getByLabel('Yes, we hold records').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Events');
  await page.getByRole('button', { name: 'Add an event' }).click();
  await accessible(page, 'Add an event');
  await page.fill('#row-date', 'about May 2019');
  await page.press('#row-date', 'Tab');
  await hasText(page.locator('#row-date-understood'), 'Understood as about May 2019');
  await page.fill('#row-sourceRecord', 'Intelligence log 19/0533');
  await page.fill('#row-event', 'Anonymous call: concern that the child was left alone overnight.');
  await page.fill('#row-actionOutcome', 'Referred to children’s social care.');
  await page.fill('#row-practitionerRole', 'Call handler');
  await page.getByLabel('Opinion', { exact: true }).check();
  await page.getByRole('button', { name: 'Save event' }).click();
  await onPage(page, 'Events');
  await hasText(page.locator('.govuk-notification-banner--success'), 'Event 1 saved');
  await hasText(page.locator('#rows-table'), 'about May 2019');

  // A second event saved half done is kept, marked incomplete, and its problem is linked to its row.
  await page.getByRole('button', { name: 'Add an event' }).click();
  await onPage(page, 'Add an event');
  // Its date is not one the portal can read yet: saving for later keeps it as typed and says so.
  await page.fill('#row-date', 'Q1 2024');
  await page.fill('#row-time', '14:30');
  await page.fill('#row-sourceRecord', 'Case note 2024/0314');
  await page.fill('#row-event', 'Strategy meeting held with police and children’s social care.');
  await page.fill('#row-practitionerRole', 'Detective sergeant');
  await page.getByLabel('Fact', { exact: true }).check();
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await hasText(page.locator('#save-status'), /Saved at \d\d:\d\d/);
  await hasText(page.locator('.govuk-error-summary'), 'The date must be a real date');
  await onPage(page, 'Event 2');
  await page.reload();
  await onPage(page, 'Event 2');
  await becomes(() => page.inputValue('#row-date'), 'Q1 2024', 'the date as typed');
  await page.getByRole('link', { name: 'Back to events' }).click();
  await onPage(page, 'Events');
  await hasText(page.locator('#rows-table tr[data-row="2"]'), 'Incomplete');
  await hasText(page.locator('#rows-table tr[data-row="2"]'), 'Q1 2024 (not understood yet)');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const summary = page.locator('.govuk-error-summary');
  await hasText(summary, 'Row 2, Date: The date must be a real date');
  await hasText(summary, 'Row 2, Action taken or outcome: Enter the action taken or the outcome');
  await hasTitle(page, /^Error: Events/);
  await summary.getByRole('link', { name: /Row 2, Action taken/ }).click();
  await onPage(page, 'Event 2');
  await becomes(() => focusedId(page), 'row-actionOutcome', 'the focused field');
  await page.fill('#row-actionOutcome', 'Section 47 enquiry agreed.');
  await page.fill('#row-date', '14/03/2024');
  await page.getByRole('button', { name: 'Save event' }).click();
  await onPage(page, 'Events');

  // Import: the preview shows every rejected row; only a clean file can be imported, all or nothing.
  await page.getByRole('button', { name: 'Import events from a spreadsheet' }).click();
  await accessible(page, 'Import events from a spreadsheet', false);
  const file = (content: string) => ({ name: 'chronology.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
  // A season is refused, not kept as "about 2020" without its words: the preview says what to write.
  await page.setInputFiles('#file', file(csv('Spring 2020')));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await hasText(page.locator('#import-count'), '1 event can be imported. 1 row has problems.');
  const rejected = page.locator('#rejected-rows tbody tr');
  await hasText(
    rejected,
    /^3\s+Date\s+A season has no set months: enter the month, like about April 2020, or the year, like about 2020/,
  );
  expect(await page.getByRole('button', { name: 'Add to my events' }).count()).toBe(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.setInputFiles('#file', file(csv('29/02/2020')));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await hasText(page.locator('#import-count'), '2 events can be imported.');
  await page.getByRole('button', { name: 'Add to my events' }).click();
  await onPage(page, 'Events');
  await hasText(page.locator('.govuk-notification-banner--success'), '2 events imported');
  await page.getByRole('button', { name: 'Sort by date' }).click();
  await hasText(page.locator('#save-status'), 'Events sorted by date');
  await hasText(page.locator('#rows-table tr[data-row="4"]'), 'Strategy meeting');
  // The import's banner goes at the next change; a removed event can be put back.
  expect(await page.locator('.govuk-notification-banner--success').count()).toBe(0);
  await page.getByRole('button', { name: 'Remove row 4' }).click();
  await hasText(page.locator('#removed-event'), /^Event 4 removed \(“Strategy meeting/);
  await hasText(page.locator('#save-status'), 'Event 4 removed');
  expect(await page.locator('#rows-table tbody tr').count()).toBe(3);
  await page.locator('#removed-event').getByRole('button', { name: /^Undo/ }).click();
  await hasText(page.locator('#save-status'), 'Event 4 put back');
  await hasText(page.locator('#rows-table tr[data-row="4"]'), 'Strategy meeting');
  expect(await page.locator('#removed-event').count()).toBe(0);

  // The same file again: its events are all there already, so only replacing them is offered.
  await page.getByRole('button', { name: 'Import events from a spreadsheet' }).click();
  await onPage(page, 'Import events from a spreadsheet');
  await page.setInputFiles('#file', file(csv('29/02/2020')));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await hasText(page.locator('#already-in-draft'), 'Every event in this file is already in your events');
  expect(await page.getByRole('button', { name: /^Add/ }).count()).toBe(0);
  await page.getByRole('link', { name: 'Back to events' }).click();
  await onPage(page, 'Events');
  await screenshot(page, 'agency-chronology-events');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // The practitioners and their line managers, for the learning workshop (§8.10.1).
  await accessible(page, 'Practitioners');
  await page.getByRole('button', { name: 'Add a practitioner' }).click();
  // Two fields typed into before the page renders again (as on a slow machine) both keep what was typed.
  await page.evaluate(() => {
    for (const [id, value] of [
      ['practitioners-0-role', 'Social worker'],
      ['practitioners-0-lineManager-role', 'Team manager'],
    ] as const) {
      const input = document.getElementById(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  expect(await page.inputValue('#practitioners-0-role')).toBe('Social worker');
  expect(await page.inputValue('#practitioners-0-lineManager-role')).toBe('Team manager');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await hasText(page.locator('.govuk-error-summary'), 'Enter the name of practitioner 1');
  await hasText(page.locator('.govuk-error-summary'), 'Enter the name of the line manager of practitioner 1');
  await page.fill('#practitioners-0-name', 'Sam Fieldworker');
  await page.fill('#practitioners-0-lineManager-name', 'Pat Overseer');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await accessible(page, 'Declaration');
  await declare(page);

  // Documents: a real Word file is checked and attached; the EICAR test file is refused.
  await accessible(page, 'Attach documents');
  await page.setInputFiles('#file', {
    name: 'Strategy meeting minutes.docx',
    mimeType: '',
    buffer: Buffer.from(await makeDocx()),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await hasText(page.locator('tr[data-attachment="Strategy meeting minutes.docx"]'), 'Attached');
  await hasText(page.locator('#upload-status'), 'Strategy meeting minutes.docx is attached');
  await page.setInputFiles('#file', {
    name: 'Referral.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(new Uint8Array([...(await makePdf()), ...eicar()])),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await hasText(page.locator('tr[data-attachment="Referral.pdf"]'), 'Not accepted');
  await hasText(
    page.locator('.govuk-error-summary'),
    'Referral.pdf was not accepted: This file did not pass the virus check',
  );
  // A type the portal does not take is refused before anything is sent.
  await page.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') });
  await page.getByRole('button', { name: 'Upload' }).click();
  await hasText(
    page.locator('#file-error'),
    'notes.txt must be a Word document (.docx), a PDF or an Excel workbook (.xlsx)',
  );
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Continue' }).click();

  await accessible(page, 'Check your answers before submitting');
  await hasText(page.locator('main'), 'about May 2019');
  await hasText(page.locator('main'), '29 February 2020');
  await hasText(page.locator('main'), 'Strategy meeting minutes.docx');
  await hasText(page.locator('main'), 'Sam Fieldworker, Social worker; line manager Pat Overseer (Team manager)');
  await submitFromCheck(page);
  await page.close();
});

test('an organisational change dated "Q3 2025" is saved for later as typed, and the page says what is wrong', async () => {
  const page = await agencyPage();
  await page.goto(`${web()}/respond/requests/${police['organisational-chronology']}`);
  await onPage(page, 'Records held');
  await page.getByLabel('Yes, we were involved').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Organisational changes');
  await page.getByRole('button', { name: 'Add a change' }).click();
  await page.fill('#rows-0-date', 'Q3 2025');
  await page.fill('#rows-0-change', 'Two response teams merged.');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await hasText(page.locator('#save-status'), /Saved at \d\d:\d\d/);
  await hasText(page.locator('.govuk-error-summary'), 'The date of change 1 must be a real date');
  await page.reload();
  await onPage(page, 'Organisational changes');
  await becomes(() => page.inputValue('#rows-0-date'), 'Q3 2025', 'the date as typed');
  await becomes(() => page.inputValue('#rows-0-change'), 'Two response teams merged.', 'the change');
  await page.close();
});

test('the agency lead writes an Information Report and makes a nil return', async () => {
  const page = await agencyPage();
  await page.goto(`${web()}/respond/requests/${police['information-report']}`);
  await onPage(page, 'Records held');
  await page.getByLabel('Yes, we hold records').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Your involvement');
  await page.fill('#involvementSummary', 'Four call-outs to the home between 2019 and 2024.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Key themes');
  // At least one theme is needed: the problem links to the list.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await hasText(page.locator('.govuk-error-summary'), 'Add at least one key theme');
  await page.getByRole('button', { name: 'Add a theme' }).click();
  await page.fill('#themes-0-theme', 'Recognition of neglect');
  await page.fill('#themes-0-analysis', 'Calls about the child being alone were not linked to each other.');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Learning');
  await page.fill('#learningForAgency', 'Repeat calls to one address should trigger a review.');
  await page.fill('#learningForMultiAgency', 'Share call-out histories at strategy meetings.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Actions taken');
  await page.getByRole('button', { name: 'Add an action' }).click();
  await page.fill('#actionsTaken-0-action', 'Repeat-address flag added to the call system.');
  await page.getByLabel('In progress').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Practitioners');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Declaration');
  // Filled in from the chronology's declaration (same agency, same case) and today; still to be confirmed.
  const [year, month, day] = today().split('-');
  await becomes(() => page.inputValue('#declaration-name'), 'DI Sam Okafor', 'the name');
  expect(await page.inputValue('#declaration-role')).toBe('Safeguarding lead');
  expect(await page.inputValue('#declaration-date-day')).toBe(String(Number(day)));
  expect(await page.inputValue('#declaration-date-month')).toBe(String(Number(month)));
  expect(await page.inputValue('#declaration-date-year')).toBe(year);
  expect(await page.isChecked('#declaration-factsDistinguishedFromOpinion')).toBe(false);
  await page.getByLabel('I confirm this return distinguishes facts from professional opinion').check();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Attach documents');
  await page.getByRole('button', { name: 'Continue' }).click();
  await onPage(page, 'Check your answers before submitting');
  await hasText(page.locator('main'), 'Recognition of neglect');
  await submitFromCheck(page);

  // A nil return: no records, what was searched, the declaration.
  await page.goto(`${web()}/respond/requests/${police['factual-summary']}`);
  await onPage(page, 'Records held');
  await page.getByLabel('No, we hold no records (nil return)').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Nil return');
  await page.fill('#searched', 'Names, dates of birth and the address, in the crime and intelligence systems.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Declaration');
  await declare(page);
  await onPage(page, 'Attach documents');
  await page.getByRole('button', { name: 'Continue' }).click();
  await onPage(page, 'Check your answers before submitting');
  await hasText(page.locator('main'), 'The agency holds no records of the child or family.');
  await submitFromCheck(page, 'Submit nil return');
  await agencyContext?.context.close();
});

test('the office names the key themes of an Information Report; the lead starts from them and keeps their draft', async () => {
  const themes = ['Recognition of neglect', 'Information sharing between agencies'];
  const officer = await openPage(browser);
  watched.push(officer);
  await signInOfficer(officer.page);
  const office = officer.page;
  await office.goto(`${web()}/cases/${caseId}/requests/new`);
  await accessible(office, 'Add agencies and requests', false);
  await office.getByLabel('Leicestershire Partnership NHS Trust').check();
  // Only for an Information Report is there a place for its key themes.
  expect(await office.locator('#keyThemes').count()).toBe(0);
  await office.getByLabel('Information Request Reply', { exact: true }).uncheck();
  await office.getByLabel('Information Report', { exact: true }).check();
  await office.fill('#keyThemes', `${themes[0]}\n\n  ${themes[1]}  \n`);
  expect(await seriousA11yViolations(office)).toEqual([]);
  await office.getByLabel('Yes, e-mail the links now').check();
  await office.getByRole('button', { name: 'Add requests' }).click();
  await onPage(office, `Case ${reference}`);
  const agency = await agencyNamed(staff, 'Leicestershire Partnership NHS Trust');
  const { body } = await staff.get(`/cases/${caseId}/requests`);
  const report = (body.requests as { id: string; agencyId: string; returnType: string }[]).find(
    (r) => r.agencyId === agency.id && r.returnType === 'information-report',
  )!;
  await office.goto(`${web()}/cases/${caseId}/requests/${report.id}`);
  await onPage(office, 'Leicestershire Partnership NHS Trust: Information Report');
  expect(await office.locator('#key-themes li').allTextContents()).toEqual(themes);
  await officer.context.close();

  // The lead follows the link in their own browser.
  const [email] = await waitForMail(
    (e) => e.subject.includes(reference) && e.destination.to.includes(agency.leadEmail),
  );
  const lead = await openPage(browser);
  watched.push(lead);
  const { page } = lead;
  await page.goto(linkFromEmail(email!)!);
  await onPage(page, 'Respond to an information request');
  const asked = Date.now();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await onPage(page, 'Check your e-mail');
  await page.fill('#code', await latestCode(reference, asked));
  await page.getByRole('button', { name: 'Continue' }).click();
  await onPage(page, `Case ${reference}`);
  await hasText(page.locator('#agency-requests'), 'Key themes to analyse');
  await hasText(page.locator('#agency-requests'), themes[1]!);

  await page.goto(`${web()}/respond/requests/${report.id}`);
  await onPage(page, 'Records held');
  await page.getByLabel('Yes, we hold records').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Your involvement');
  await page.fill('#involvementSummary', 'Two clinic appointments in 2024.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await onPage(page, 'Key themes');
  await hasText(page.getByRole('heading', { name: 'Key themes to analyse' }), 'Key themes to analyse');
  expect(await page.locator('#key-themes li').allTextContents()).toEqual(themes);
  // One row per named theme, the theme filled in and the analysis left to the lead.
  expect(await page.inputValue('#themes-0-theme')).toBe(themes[0]);
  expect(await page.inputValue('#themes-1-theme')).toBe(themes[1]);
  expect(await page.inputValue('#themes-0-analysis')).toBe('');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.fill('#themes-0-analysis', 'Missed appointments were not followed up.');
  await page.fill('#themes-1-theme', 'Sharing with the school');
  // The lead may add themes of their own.
  await page.getByRole('button', { name: 'Add another theme' }).click();
  await page.fill('#themes-2-theme', 'Voice of the child');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await hasText(page.locator('#save-status'), /Saved at \d\d:\d\d/);

  // Back later, the saved draft is what the lead sees: the named themes do not overwrite it.
  await page.reload();
  await onPage(page, 'Key themes');
  await becomes(() => page.inputValue('#themes-1-theme'), 'Sharing with the school', 'the changed theme');
  expect(await page.inputValue('#themes-0-analysis')).toBe('Missed appointments were not followed up.');
  expect(await page.inputValue('#themes-2-theme')).toBe('Voice of the child');
  expect(await page.locator('#key-themes li').allTextContents()).toEqual(themes);
  expect(pageErrors([...officer.problems, ...lead.problems])).toEqual([]);
  await lead.context.close();
});

test('the office reads the multi-agency chronology, splits a suggested group and exports it', async () => {
  // A second agency submits its chronology through the API: the same strategy meeting, and an event years earlier.
  const health = await requestsFor('University Hospitals of Leicester NHS Trust', ['chronology']);
  const lead = await signInAgency(tokenFromEmail(health.email)!, reference);
  const submitted = await lead.post(`/agency/requests/${health.ids.chronology}/submit`, {
    content: chronology([
      chronologyRow('h1'),
      chronologyRow('h2', {
        date: { precision: 'day', value: '2018-11-02', approximate: false },
        event: 'Child seen in the emergency department with a burn to the hand.',
        actionOutcome: 'Safeguarding referral made.',
      }),
    ]),
  });
  expect(submitted.status).toBe(200);

  const officer = await openPage(browser);
  watched.push(officer);
  const { page, context } = officer;
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${caseId}`);
  await onPage(page, `Case ${reference}`);
  await page.locator('summary', { hasText: 'Leicestershire Police: Chronology of key events' }).click();
  const policeReturn = page.locator('details', { hasText: 'Leicestershire Police: Chronology of key events' });
  await hasText(policeReturn, 'about May 2019');
  await hasText(policeReturn, 'Strategy meeting minutes.docx');
  const [attachment] = await Promise.all([
    page.waitForEvent('download'),
    policeReturn.getByRole('button', { name: 'Download Strategy meeting minutes.docx' }).click(),
  ]);
  expect(attachment.suggestedFilename()).toBe('Strategy meeting minutes.docx');
  // The nil return is told apart: in the grid, in the count of returns, and on the return itself.
  await hasText(page.locator('#requests tr', { hasText: 'Factual Summary' }), 'Nil return submitted');
  await hasText(page.locator('#returns-count'), '1 nil return (no records held)');
  await page.locator('summary', { hasText: 'Leicestershire Police: Factual Summary' }).click();
  await hasText(page.locator('details', { hasText: 'Leicestershire Police: Factual Summary' }), 'Nil return');
  await hasText(page.locator('summary', { hasText: 'Leicestershire Police: Factual Summary' }), 'nil return');

  await page.getByRole('link', { name: 'View the multi-agency chronology' }).click();
  await accessible(page, 'Multi-agency chronology');
  const table = page.locator('#chronology');
  const shared = table.locator('tr', { hasText: 'Strategy meeting held' }).first();
  await hasText(shared, 'Suggested');
  await hasText(shared, 'Leicestershire Police');
  await hasText(shared, 'University Hospitals of Leicester NHS Trust');
  await hasText(table.locator('tr.app-gap').first(), /No agency contact for \d+ days/);
  expect(await page.locator('svg[role="img"] desc').textContent()).toMatch(/recorded by 2 agencies/);
  await screenshot(page, 'multi-agency-chronology');

  await page.getByLabel('Only events several agencies recorded').check();
  await hasText(page.locator('#events-count'), 'Showing 1 of');
  await shared.getByRole('button', { name: /^Split/ }).click();
  await hasText(page.locator('.govuk-notification-banner--success'), 'Split: 14 March 2024 is now 2 separate events');
  await hasText(page.locator('#events-count'), 'Showing 0 of');
  await page.getByLabel('Only events several agencies recorded').uncheck();
  expect(await table.locator('tr', { hasText: 'Strategy meeting held' }).count()).toBe(2);
  // A split can be taken back at once: the two rows are one event again, confirmed, and can be split again.
  await page.getByRole('button', { name: 'Undo: group them again as one event' }).click();
  await hasText(
    page.locator('.govuk-notification-banner--success'),
    'Confirmed: 14 March 2024 is one event recorded by 2 agencies',
  );
  const rejoined = table.locator('tr', { hasText: 'Strategy meeting held' });
  expect(await rejoined.count()).toBe(1);
  await hasText(rejoined.first(), 'Confirmed');
  await rejoined
    .first()
    .getByRole('button', { name: /^Split/ })
    .click();
  await hasText(page.locator('.govuk-notification-banner--success'), 'Split: 14 March 2024 is now 2 separate events');
  expect(await table.locator('tr', { hasText: 'Strategy meeting held' }).count()).toBe(2);

  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as CSV' }).click(),
  ]);
  expect(exported.suggestedFilename()).toMatch(new RegExp(`^${reference}-multi-agency-chronology-v\\d+\\.csv$`));
  // A row for each agency's row, so that the office can sort and filter it in a spreadsheet.
  const [header = [], ...cells] = readCsv(readFileSync((await exported.path())!));
  const rows = cells.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
  expect(rows.find((r) => r['What happened']?.startsWith('Anonymous call'))).toMatchObject({
    'Sort date': '2019-05-01',
    Date: 'about May 2019',
    'Date precision': 'month',
    Approximate: 'yes',
    Agency: 'Leicestershire Police',
    'Source record': 'Intelligence log 19/0533',
    'Practitioner role': 'Call handler',
    'Fact or opinion': 'opinion',
  });
  const meeting = rows.filter((r) => r['What happened']?.startsWith('Strategy meeting held'));
  expect(meeting.map((r) => [r.Agency, r.Time, r['Practitioner role'], r.Grouping]).sort()).toEqual([
    ['Leicestershire Police', '14:30', 'Detective sergeant', 'single'],
    ['University Hospitals of Leicester NHS Trust', '14:30', 'Named nurse', 'single'],
  ]);
  expect(rows.some((r) => r.Grouping === 'gap' && /^No agency contact for \d+ days$/.test(r['What happened']!))).toBe(
    true,
  );
  expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r['Sort date']!))).toBe(true);
  await context.close();
});

test('no page broke the Content Security Policy or threw an error', () => {
  const problems = watched.flatMap((w) => w.problems);
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
});
