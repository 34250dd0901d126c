import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Locator, Page } from 'playwright-core';
import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { addCalendarMonths, addDays, parseIsoDate } from '../../functions/domain/calendar';
import { formatDate } from '../../web/src/lib/dates';
import { readDocx } from '../support/docx';
import { staffClient, tokenFromEmail, waitForMail } from '../support/portal';
import { agencyNamed, completeReply, openCase, sentRequest, signInAgency, today, unique } from '../support/scenario';
import {
  cspViolations,
  focusedId,
  hasText,
  lacksText,
  latestCode,
  launch,
  linkFromEmail,
  onPage,
  openPage,
  pageErrors,
  seriousA11yViolations,
  signInOfficer,
  web,
  hasTitle,
} from './browser';

/** The business office's other pages: the agency directory, actions on a request, closing a case, legal holds. */
jest.setTimeout(90_000);

let browser: Browser;
const calendar = englandAndWalesCalendar();

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

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

/** The first day on the given weekday (0 = Sunday) at least `days` ahead. */
function weekdayAhead(days: number, weekday: number): string {
  let date = addDays(today(), days);
  while (parseIsoDate(date).getUTCDay() !== weekday) date = addDays(date, 1);
  return date;
}

test('the agency directory: add an agency, then change its contacts', async () => {
  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.getByRole('link', { name: 'Agencies' }).click();
  await accessible(page, 'Agencies');
  await page.getByRole('button', { name: 'Add an agency' }).click();
  await accessible(page, 'Add an agency');
  await page.getByRole('button', { name: 'Add agency' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);

  const name = `Browser Test Academy ${unique('')}`;
  await page.fill('#name', name);
  await page.selectOption('#kind', 'education');
  await page.fill('#leadName', 'Designated Safeguarding Lead');
  await page.fill('#leadEmail', 'dsl@leicester-city.example.org');
  await page.getByRole('button', { name: 'Add agency' }).click();
  await accessible(page, 'Agencies', true);
  await hasText(page.locator('.govuk-notification-banner--success'), `${name} added`);

  await page.getByRole('link', { name: `Change ${name}` }).click();
  await accessible(page, `Change ${name}`);
  await page.fill('#deputyEmail', 'deputy.dsl@leicester-city.example.org');
  await page.fill('#strategicLeadName', 'Head of Education Safeguarding');
  await page.fill('#strategicLeadEmail', 'education.strategic@leicester-city.example.org');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await accessible(page, 'Agencies', true);
  await hasText(page.locator('#agencies'), 'deputy.dsl@leicester-city.example.org');
  await hasText(page.locator('#agencies'), 'Head of Education Safeguarding');
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('a request not yet sent: change its due date (no one is told), then send it', async () => {
  const staff = await staffClient('leicester');
  const record = await openCase(staff);
  const police = (await staff.get('/agencies')).body.agencies.find(
    (a: { name: string }) => a.name === 'Leicestershire Police',
  );
  const draft = await staff.post(`/cases/${record.id}/requests`, { agencyId: police.id, returnType: 'chronology' });
  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${record.id}/requests/${draft.body.id}`);
  await accessible(page, 'Leicestershire Police: Chronology of key events');
  await lacksText(page.locator('main'), 'Mark the agency as not involved');

  await page.getByRole('link', { name: 'Change the due date' }).click();
  await accessible(page, 'Change the due date');
  await hasText(page.locator('main'), 'Nobody is told of the change');
  const newDue = weekdayAhead(14, 4);
  await fillDate(page, 'dueOn', newDue);
  await page.fill('#reason', 'The agency is closed next week.');
  await page.getByRole('button', { name: 'Change the due date' }).click();
  await accessible(page, 'Leicestershire Police: Chronology of key events', true);
  await hasText(
    page.locator('.govuk-notification-banner--success'),
    'Due date of the request to Leicestershire Police changed',
  );
  await hasText(page.locator('main'), formatDate(newDue));

  await page.getByRole('button', { name: 'Send the request' }).click();
  await hasText(page.locator('.govuk-notification-banner--success'), 'Request sent to Leicestershire Police');
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('actions on a request: extend with a reason, send the link again, stop links, withdraw; then close', async () => {
  const { record, requestId } = await sentRequest();
  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${record.id}/requests/${requestId}`);
  await accessible(page, 'Leicestershire Police: Information Request Reply');

  // Extend: a weekend date is refused by the API, and its issue is linked to the date field.
  await page.getByRole('link', { name: 'Extend the due date' }).click();
  await accessible(page, 'Extend the due date');
  await fillDate(page, 'dueOn', weekdayAhead(21, 6));
  await page.fill('#reason', 'Records are held off site; agreed with the chair.');
  await page.getByRole('button', { name: 'Extend the due date' }).click();
  await hasText(page.locator('.govuk-error-summary'), 'working day');
  await hasTitle(page, /^Error: /);
  await page.locator('.govuk-error-summary a').click();
  expect(await focusedId(page)).toBe('dueOn-day');
  // A date after the meeting window and the day-15 National Panel date is warned of, naming both, as it is typed.
  const panel = record.milestones.find((m) => m.key === 'national-panel')!;
  const newDue = calendar.addWorkingDays(panel.due, 2);
  await fillDate(page, 'dueOn', newDue);
  await hasText(page.locator('#dueOn-warnings'), 'after the end of the Rapid Review meeting window');
  await hasText(page.locator('#dueOn-warnings'), 'after the day the Combined Summary must reach the National Panel');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Extend the due date' }).click();
  await accessible(page, 'Leicestershire Police: Information Request Reply');
  await hasText(page.locator('.govuk-notification-banner--success'), 'extended');
  await hasText(page.locator('main'), 'Records are held off site');
  // The case needs action as things stand: the dashboard and the case page say so alike.
  const atRisk = 'due after the day the Combined Summary must reach the National Panel';
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await accessible(page, 'Cases', true);
  await hasText(page.locator('#cases tr', { hasText: record.reference }), atRisk);
  await hasText(page.locator('#cases tr', { hasText: record.reference }), 'Action needed');
  await page.goto(`${web()}/cases/${record.id}`);
  await accessible(page, `Case ${record.reference}`, true);
  await hasText(page.locator('.app-rag').locator('..'), atRisk);
  await page.goto(`${web()}/cases/${record.id}/requests/${requestId}`);
  await accessible(page, 'Leicestershire Police: Information Request Reply', true);

  await page.getByRole('link', { name: 'Send the link again' }).click();
  await accessible(page, 'Send the link again');
  await page.getByRole('button', { name: 'Send a new link' }).click();
  await accessible(page, 'Leicestershire Police: Information Request Reply', true);
  await hasText(page.locator('.govuk-notification-banner--success'), 'A new link was sent');

  await page.getByRole('link', { name: /Stop every link/ }).click();
  await accessible(page, "Stop Leicestershire Police's links");
  await page.fill('#reason', 'The e-mail went to a shared inbox by mistake.');
  await page.getByRole('button', { name: 'Stop the links' }).click();
  await accessible(page, `Case ${record.reference}`);
  await hasText(page.locator('.govuk-notification-banner--success'), 'stopped');
  // The grid no longer counts down to reminders that will not come: it says how to restart them.
  const row = page.locator('#requests tbody tr', { hasText: 'Leicestershire Police' });
  await hasText(row, 'Links stopped');
  await hasText(row, 'Links stopped — send the link again to restart');
  await lacksText(row, 'working days left');

  await page
    .locator('#requests')
    .getByRole('link', { name: /Leicestershire Police/ })
    .click();
  await accessible(page, 'Leicestershire Police: Information Request Reply', true);
  await hasText(page.locator('#links-stopped'), 'Links stopped — send the link again to restart');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Withdraw the request' }).click();
  await accessible(page, 'Withdraw the request');
  await page.fill('#reason', 'Opened in error.');
  await page.getByRole('button', { name: 'Withdraw the request' }).click();
  await accessible(page, 'Leicestershire Police: Information Request Reply', true);
  await hasText(page.locator('main'), 'Withdrawn');

  // The audit trail records each step, with who did it.
  await page.getByRole('link', { name: `Back to case ${record.reference}` }).click();
  await accessible(page, `Case ${record.reference}`, true);
  await hasText(page.locator('#audit'), 'Due date extended');
  await hasText(page.locator('#audit'), 'Reminders paused: the agency’s links were stopped');
  await hasText(page.locator('#audit'), 'Request withdrawn');
  await hasText(page.locator('#audit'), 'Business office (officer.leicester)');
  // While the case is open its statutory clock counts down.
  await hasText(page.locator('.app-timeline'), 'working days left');

  await page.getByRole('button', { name: 'Close the case' }).click();
  await accessible(page, `Close case ${record.reference}`);
  await page.fill('#reason', 'Rapid Review complete; Combined Summary sent to the National Panel.');
  await page.getByRole('button', { name: 'Close the case' }).click();
  await accessible(page, 'Cases');
  await hasText(page.locator('.govuk-notification-banner--success'), `Case ${record.reference} closed`);

  // Once closed, the case page says when and why, and nothing on it counts down or asks for action.
  await page.goto(`${web()}/cases/${record.id}`);
  await accessible(page, `Case ${record.reference}`);
  await hasText(page.locator('#closed-state'), /Closed on \d{1,2} [A-Z][a-z]+ \d{4}/);
  await hasText(page.locator('#closed-state'), 'Rapid Review complete; Combined Summary sent to the National Panel.');
  await lacksText(page.locator('main'), 'working days left');
  await lacksText(page.locator('main'), 'working day left');
  await lacksText(page.locator('main'), 'Action needed');
  expect(await page.locator('.app-rag').count()).toBe(0);
  expect(await page.locator('.app-timeline__today').count()).toBe(0);
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('a safety concern comes first until the office records what was done; a new one is raised again', async () => {
  const { record, requestId, token } = await sentRequest();
  const agency = await signInAgency(token, record.reference);
  const submitted = await agency.post(`/agency/requests/${requestId}/submit`, {
    content: completeReply({
      immediateSafetyConcern: { raised: true, details: 'Younger sibling still at the address.' },
    }),
  });
  expect(submitted.status).toBe(200);

  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  const dashboardRow = page.locator('#cases tr', { hasText: record.reference });
  await hasText(dashboardRow, 'Action needed');
  await hasText(dashboardRow, '1 immediate safety concern');
  await page.goto(`${web()}/cases/${record.id}`);
  await accessible(page, `Case ${record.reference}`);
  await hasText(page.locator('.app-safety-banner'), 'Leicestershire Police raised an immediate safety concern');
  await hasText(page.locator('#requests'), 'Safety concern');
  await hasText(page.locator('.app-safety-concern'), 'Younger sibling still at the address.');

  // Acknowledging needs what was done; then the concern stays on record, but no longer calls for action.
  await page.getByRole('link', { name: "Record what was done about Leicestershire Police's concern" }).click();
  await accessible(page, 'Record what was done about the safety concern');
  await hasText(page.locator('main'), 'Younger sibling still at the address.');
  await page.getByRole('button', { name: 'Record as acknowledged' }).click();
  await hasText(page.locator('.govuk-error-summary'), 'Enter what was done about the concern');
  await hasTitle(page, /^Error: /);
  const action = 'Discussed with MASH; police welfare check made 3 Dec';
  await page.fill('#reason', action);
  await page.getByRole('button', { name: 'Record as acknowledged' }).click();
  await accessible(page, `Case ${record.reference}`);
  await hasText(page.locator('.govuk-notification-banner--success'), 'immediate safety concern acknowledged');
  expect(await page.locator('.app-safety-banner').count()).toBe(0);
  await hasText(page.locator('#concerns-acknowledged'), action);
  await hasText(page.locator('#concerns-acknowledged'), 'Recorded by officer.leicester');
  await hasText(page.locator('#requests'), 'Safety concern acknowledged');
  await hasText(page.locator('.app-rag').locator('..'), '1 immediate safety concern acknowledged');
  await lacksText(page.locator('.govuk-summary-list'), 'Action needed');
  await hasText(page.locator('#audit'), 'Immediate safety concern acknowledged');
  await hasText(page.locator('#audit'), `Action taken: ${action}`);
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await accessible(page, 'Cases', true);
  await hasText(dashboardRow, '1 immediate safety concern acknowledged');
  await lacksText(dashboardRow, 'Action needed');

  await page.goto(`${web()}/cases/${record.id}/requests/${requestId}`);
  await accessible(page, 'Leicestershire Police: Information Request Reply');
  await hasText(page.locator('#safety-concern'), action);
  await page.getByRole('button', { name: 'Ask for more information' }).click();
  await accessible(page, 'Ask for more information');
  await page.fill('#reason', 'Please add the school nursing contacts from 2024.');
  await fillDate(page, 'dueOn', weekdayAhead(14, 2));
  await page.getByRole('button', { name: 'Ask for more information' }).click();
  await accessible(page, 'Leicestershire Police: Information Request Reply', true);
  await hasText(page.locator('main'), 'More information asked for');
  // The version the agency sent stays readable while they work on the next one.
  await hasText(page.locator('main'), 'Version 1');

  // The next version raises a concern again: it is not covered by the earlier acknowledgement. Asking for more
  // sent a new link (the old one stopped working), which the lead follows.
  const [moreInfo] = await waitForMail((e) =>
    e.subject.startsWith(`More information requested for case ${record.reference}`),
  );
  const reopened = await signInAgency(tokenFromEmail(moreInfo!)!, record.reference);
  const again = await reopened.post(`/agency/requests/${requestId}/submit`, {
    content: completeReply({ immediateSafetyConcern: { raised: true, details: 'The older sibling was threatened.' } }),
  });
  expect(again.status).toBe(200);
  await page.goto(`${web()}/cases/${record.id}`);
  await accessible(page, `Case ${record.reference}`, true);
  await hasText(page.locator('.app-safety-banner'), 'Leicestershire Police raised an immediate safety concern');
  await hasText(page.locator('.app-rag').locator('..'), 'Action needed');
  expect(await page.locator('#concerns-acknowledged').count()).toBe(0);
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('a review near its six months with returns outstanding is at risk, on the dashboard and the case page alike', async () => {
  // Decided so that its six-month date is 14 working days away; the daily run warns six weeks before it.
  const staff = await staffClient();
  let day0 = addDays(today(), -190);
  while (calendar.workingDaysBetween(today(), calendar.onOrBefore(addCalendarMonths(day0, 6))) > 14) {
    day0 = addDays(day0, -1);
  }
  while (calendar.workingDaysBetween(today(), calendar.onOrBefore(addCalendarMonths(day0, 6))) < 14) {
    day0 = addDays(day0, 1);
  }
  const record = await openCase(staff, { route: 'cspr', day0 });
  const agency = await agencyNamed(staff, 'Leicestershire Police');
  const created = await staff.post(`/cases/${record.id}/requests`, {
    agencyId: agency.id,
    returnType: 'information-report',
  });
  expect(created.status).toBe(201);
  expect((await staff.post(`/cases/${record.id}/requests/${created.body.id}/send`)).status).toBe(200);

  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  const row = page.locator('#cases tr', { hasText: record.reference });
  await hasText(row, 'Due soon');
  await hasText(row, 'Six-month completion date');
  await hasText(row, '1 return outstanding');
  await lacksText(row, 'On track');
  const reason = await row.locator('.app-rag ~ ul').innerText();
  await page.goto(`${web()}/cases/${record.id}`);
  await accessible(page, `Case ${record.reference}`);
  await hasText(page.locator('.app-rag').locator('..'), 'Due soon');
  expect(await page.locator('.app-rag ~ ul').innerText()).toBe(reason);
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('every version of a return can be downloaded as a Word document from the request page', async () => {
  const { staff, record, requestId, token } = await sentRequest();
  const agency = await signInAgency(token, record.reference);
  const first = completeReply({ earlyLearning: 'Version one: none identified yet.' });
  expect((await agency.post(`/agency/requests/${requestId}/submit`, { content: first })).status).toBe(200);
  const more = await staff.post(`/cases/${record.id}/requests/${requestId}/request-more`, {
    dueOn: weekdayAhead(14, 2),
    reason: 'Please add the school nursing contacts from 2024.',
  });
  expect(more.status).toBe(200);
  // Asking for more sends a fresh link (the earlier ones still work): the lead signs in with it.
  const [reopened] = await waitForMail(
    (e) => e.subject.startsWith('More information requested') && e.subject.includes(record.reference),
  );

  // The lead follows the new e-mail's link: "Continue" lands where the change is needed, with the office's
  // reason there, not on the declaration they must give again.
  const lead = await openPage(browser);
  await lead.page.goto(linkFromEmail(reopened!)!);
  await onPage(lead.page, 'Respond to an information request');
  const asked = Date.now();
  await lead.page.getByRole('button', { name: 'Send me a code' }).click();
  await onPage(lead.page, 'Check your e-mail');
  await lead.page.fill('#code', await latestCode(record.reference, asked));
  await lead.page.getByRole('button', { name: 'Continue' }).click();
  await onPage(lead.page, `Case ${record.reference}`);
  await lead.page.getByRole('link', { name: 'Continue Information Request Reply' }).click();
  await accessible(lead.page, 'Dates and services');
  await hasText(lead.page.locator('#more-information-asked'), 'Please add the school nursing contacts from 2024.');
  expect(cspViolations(lead.problems)).toEqual([]);
  expect(pageErrors(lead.problems)).toEqual([]);
  await lead.context.close();

  // The lead gives version two (through the API, as the form itself is tested elsewhere).
  const again = await signInAgency(tokenFromEmail(reopened!)!, record.reference);
  const second = completeReply({ earlyLearning: 'Version two: share missed appointments with the GP.' });
  expect((await again.post(`/agency/requests/${requestId}/submit`, { content: second })).status).toBe(200);

  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${record.id}/requests/${requestId}`);
  await accessible(page, 'Leicestershire Police: Information Request Reply');
  const versions = page.getByRole('navigation', { name: 'Versions of the return' });
  await hasText(versions, 'Version 2');
  const wordOf = async (button: Locator) => {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return { name: download.suggestedFilename(), doc: readDocx(readFileSync((await download.path()) as string)) };
  };
  const older = await wordOf(versions.getByRole('button', { name: /^Word \(version 1 of the return/ }));
  expect(older.name).toBe(`${record.reference}-leicestershire-police-information-request-reply-v1.docx`);
  expect(older.doc.paragraphs).toContain('Version one: none identified yet.');
  const shown = await wordOf(page.getByRole('button', { name: /^Download as a Word document \(version 2 / }));
  expect(shown.name).toBe(`${record.reference}-leicestershire-police-information-request-reply-v2.docx`);
  expect(shown.doc.paragraphs).toContain('Version two: share missed appointments with the GP.');
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('a session that has ended asks the officer to sign in again', async () => {
  const { page, context } = await openPage(browser);
  await signInOfficer(page);
  // The token expires: the page notices on its next call to the API.
  await page.evaluate(() => {
    const key = 'portal.staff.session';
    const session = JSON.parse(sessionStorage.getItem(key) ?? '{}');
    sessionStorage.setItem(key, JSON.stringify({ ...session, accessToken: 'expired.token.value' }));
  });
  await page.getByRole('link', { name: 'Agencies' }).click();
  await accessible(page, 'Your session has ended');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await context.close();
});

test('collation documents: the Combined Summary, the meeting decision, the National Panel documents, the letter and the case pack', async () => {
  const { record, requestId, token } = await sentRequest();
  const agency = await signInAgency(token, record.reference);
  expect((await agency.post(`/agency/requests/${requestId}/submit`, { content: completeReply() })).status).toBe(200);

  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${record.id}`);
  await accessible(page, `Case ${record.reference}`);
  await hasText(page.locator('#case-documents'), 'Not recorded yet');
  const [summary] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Anonymised Combined Summary for the meeting' }).click(),
  ]);
  expect(summary.suggestedFilename()).toBe(`${record.reference}-combined-summary-anonymised.docx`);

  // The meeting date is set in advance: a date outside the window is warned of before it is set.
  const window = record.milestones.find((m) => m.key === 'meeting') as { from: string; due: string };
  await hasText(page.locator('#planned-meeting'), 'Date not set yet');
  await hasText(page.locator('[data-milestone="requests-sent"]'), 'every request sent; meeting date not set yet');
  await page.getByRole('link', { name: 'Set the meeting date' }).click();
  await accessible(page, 'Set the Rapid Review meeting date');
  await fillDate(page, 'date', calendar.addWorkingDays(window.due, 1));
  await hasText(page.locator('#date-warnings'), 'is after the Rapid Review meeting window');
  await fillDate(page, 'date', window.from);
  expect(await page.locator('#date-warnings .govuk-warning-text').count()).toBe(0);
  await page.getByRole('button', { name: 'Set the date' }).click();
  await accessible(page, `Case ${record.reference}`, true);
  await hasText(page.locator('#planned-meeting'), `Planned for ${formatDate(window.from)}`);
  await hasText(page.locator('[data-milestone="requests-sent"]'), 'done: every request sent; meeting date set');
  await hasText(page.locator('[data-milestone="meeting"]'), 'planned for');
  expect(await page.locator('.app-timeline desc').textContent()).toContain('planned for');
  await hasText(page.locator('#audit'), 'Rapid Review meeting date set');

  await page.getByRole('link', { name: "Record the meeting's decision" }).click();
  await accessible(page, "Record the Rapid Review meeting's decision");
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await accessible(page, "Record the Rapid Review meeting's decision", true);
  await hasText(page.locator('.govuk-error-summary'), 'Enter the date of the meeting');
  // Day 0 is before the window: said as the date is typed, and recorded all the same.
  await fillDate(page, 'meetingDate', today());
  await hasText(page.locator('#meetingDate-warnings'), 'is before the Rapid Review meeting window');
  await page.getByLabel('The criteria for a Child Safeguarding Practice Review are met').check();
  await page.fill('#rationale', 'The criteria in §1.4 are met.');
  await page.fill('#learningIdentified', 'Information sharing with health visiting.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await accessible(page, `Case ${record.reference}`, true);
  await hasText(page.locator('#case-documents'), 'The criteria in §1.4 are met.');
  await hasText(page.locator('[data-milestone="meeting"]'), 'done: held on');
  const [letter] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Covering letter to the National Panel (named, official-sensitive)' }).click(),
  ]);
  expect(letter.suggestedFilename()).toBe(`${record.reference}-national-panel-letter.docx`);
  // Reads and downloads are kept apart from actions until asked for.
  await hasText(page.locator('#audit caption'), /actions/);
  await page.getByLabel('Include when records were viewed or downloaded, and the daily deadline checks').check();
  await hasText(page.locator('#audit caption'), /events/);
  await hasText(page.locator('#audit'), 'Document downloaded');

  // The case pack comes from the bucket, through the presigned address the API answers with.
  const [pack] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the case pack' }).click(),
  ]);
  expect(pack.suggestedFilename()).toBe(`${record.reference}-case-pack.zip`);
  const zip = unzipSync(new Uint8Array(readFileSync((await pack.path()) as string)));
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['manifest.json']));
  expect(Object.keys(zip).some((path) => path.startsWith('returns/'))).toBe(true);
  await hasText(page.locator('#audit'), 'Case pack downloaded');
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('each route offers only the decision documents it calls for (§4.8.1, §4.9)', async () => {
  const staff = await staffClient();
  const referral = await openCase(staff, { route: 'agency-referral' });
  const decided = await staff.put(`/cases/${referral.id}/meeting-decision`, {
    meetingDate: today(),
    decision: 'no-further-review',
    rationale: 'The criteria are not met; single-agency learning only.',
    learningIdentified: 'None beyond the agency.',
  });
  expect(decided.status).toBe(200);
  const review = await openCase(staff, { route: 'cspr' });

  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${referral.id}`);
  await accessible(page, `Case ${referral.reference}`);
  const documents = page.locator('#case-documents');
  await hasText(documents, 'The criteria are not met; single-agency learning only.');
  await hasText(page.locator('#not-reported'), 'Nothing goes to the National Panel');
  await lacksText(documents, 'Covering letter to the National Panel');
  await lacksText(documents, 'Combined Summary for the National Panel');
  await page.getByRole('button', { name: 'Anonymised Combined Summary for the Case Review Group meeting' }).waitFor();

  await page.goto(`${web()}/cases/${review.id}`);
  await accessible(page, `Case ${review.reference}`, true);
  await page.locator('#case-documents').getByRole('button', { name: 'Download the case pack' }).waitFor();
  await lacksText(page.locator('#case-documents'), 'Combined Summary');
  await lacksText(page.locator('#case-documents'), 'National Panel');
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});

test('legal hold: place it with a reason, see it on the case, lift it', async () => {
  // A hold matters most once a case is closed and its retention clock is running.
  const staff = await staffClient();
  const record = await openCase(staff);
  const closed = await staff.post(`/cases/${record.id}/close`, { reason: 'Rapid Review complete.' });
  expect(closed.status).toBe(200);
  const deletedOn = `Returns and documents will be deleted on ${formatDate(closed.body.retainUntil as string)}`;

  // Exactly: the legal-hold pages' headings end "on case <ref>", and a name alone matches any part of one.
  const casePage = new RegExp(`^Case ${record.reference}$`);

  const { page, context, problems } = await openPage(browser);
  await signInOfficer(page);
  await page.goto(`${web()}/cases/${record.id}`);
  await accessible(page, casePage);
  await hasText(page.locator('main'), deletedOn);

  await page.getByRole('button', { name: 'Place a legal hold' }).click();
  await accessible(page, `Place a legal hold on case ${record.reference}`);
  await page.getByRole('button', { name: 'Place the legal hold' }).click();
  await hasText(page.locator('.govuk-error-summary'), 'Enter a reason');
  await hasTitle(page, /^Error: /);
  // The reason is free text: whatever the officer types is shown as text, never as markup.
  const reason = 'Police investigation <b>Operation Alder</b>: keep every record.';
  await page.fill('#reason', reason);
  await page.getByRole('button', { name: 'Place the legal hold' }).click();
  await accessible(page, casePage);
  await hasText(page.locator('.govuk-notification-banner--success'), `Legal hold placed on case ${record.reference}`);
  await hasText(page.locator('#legal-hold'), `Legal hold since ${formatDate(today())}: ${reason}`);
  expect(await page.locator('#legal-hold b').count()).toBe(0);
  await lacksText(page.locator('main'), deletedOn);
  await hasText(page.locator('#audit'), 'Legal hold placed');
  await hasText(page.locator('#audit'), `Reason: ${reason}`);

  await page.getByRole('button', { name: 'Lift the legal hold' }).click();
  await accessible(page, `Lift the legal hold on case ${record.reference}`);
  await hasText(page.locator('.govuk-summary-list'), reason);
  await hasText(page.locator('main'), formatDate(closed.body.retainUntil as string));
  await page.fill('#reason', 'The police have confirmed the investigation is over.');
  await page.getByRole('button', { name: 'Lift the legal hold' }).click();
  await accessible(page, casePage, true);
  await hasText(page.locator('.govuk-notification-banner--success'), `Legal hold lifted on case ${record.reference}`);
  await hasText(page.locator('main'), deletedOn);
  expect(await page.locator('#legal-hold').count()).toBe(0);
  await hasText(page.locator('#audit'), 'Legal hold lifted');
  await page.getByRole('button', { name: 'Place a legal hold' }).waitFor();
  expect(cspViolations(problems)).toEqual([]);
  expect(pageErrors(problems)).toEqual([]);
  await context.close();
});
