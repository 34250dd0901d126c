import { memoryPortal } from '../../functions/adapters/memory';
import { dateOutsideCalendar, englandAndWalesCalendar, SUPPORTED_DATES } from '../../functions/domain/bank-holidays';
import { createWorkingCalendar } from '../../functions/domain/calendar';
import { DomainError } from '../../functions/domain/errors';
import { createCase } from '../../functions/domain/services/cases';
import {
  createRequestsBatch,
  extendRequest,
  requestMoreInformation,
  sendRequest,
} from '../../functions/domain/services/request-actions';
import { createRequest } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';

/**
 * The calendar counts working days only in the years whose bank holidays it knows (ADR 0008): a date
 * outside them is refused with a typed error (a 400 with the field), never a RangeError (a 500), and a
 * refused case does not use up a reference number.
 */
const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
const subject = { name: 'Range Child', dateOfBirth: '2020-05-05' };

async function portalAt(now: string) {
  const portal = memoryPortal({ now });
  await seedPartnerships(portal.store, true);
  const [agency] = await portal.store.agencies.list('leicester');
  if (!agency) throw new Error('no agency seeded');
  return { portal, deps: portal.deps, agency };
}

/** The domain error a call was refused with (the test fails if it was refused otherwise, or not at all). */
async function refusal(call: Promise<unknown> | (() => unknown)): Promise<DomainError> {
  const outcome = await (typeof call === 'function' ? Promise.resolve().then(call) : call).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof DomainError)) throw new Error(`expected a domain error, got ${String(outcome)}`);
  return outcome;
}

describe('dates the calendar cannot count from', () => {
  it('refuses a day 0 before the calendar, naming the field, and takes no reference number for it', async () => {
    const { deps } = await portalAt('2026-12-07T10:00:00.000Z');
    const first = await createCase(deps, staff, { route: 'rapid-review', day0: '2026-12-04', subject });
    for (const day0 of ['1999-12-31', '1990-01-01', '1900-01-01', '0001-01-01']) {
      const error = await refusal(createCase(deps, staff, { route: 'rapid-review', day0, subject }));
      expect(error).toMatchObject({
        kind: 'invalid',
        issues: [{ path: 'day0', message: `Day 0 must be ${SUPPORTED_DATES.text}` }],
      });
    }
    const next = await createCase(deps, staff, { route: 'cspr', day0: '2026-12-04', subject });
    expect([first.reference, next.reference]).toEqual(['LSCPB-2026-0001', 'LSCPB-2026-0002']);
  });

  it('takes no reference number for a case the calendar refuses', async () => {
    const { deps } = await portalAt('2026-12-21T10:00:00.000Z');
    const shortCalendar = createWorkingCalendar((year) => {
      if (year !== 2026) throw dateOutsideCalendar();
      return [];
    });
    // A Rapid Review from 18 December runs into 2027, which this calendar does not know.
    const error = await refusal(
      createCase({ ...deps, calendar: shortCalendar }, staff, { route: 'rapid-review', day0: '2026-12-18', subject }),
    );
    expect(error).toMatchObject({ kind: 'invalid', code: 'date-out-of-range' });
    const next = await createCase(deps, staff, { route: 'rapid-review', day0: '2026-12-18', subject });
    expect(next.reference).toBe('LSCPB-2026-0001');
  });

  it('gives a CSPR decided on the last supported day its six-month completion date', async () => {
    const { deps, agency } = await portalAt('2059-12-31T10:00:00.000Z');
    const cspr = await createCase(deps, staff, { route: 'cspr', day0: SUPPORTED_DATES.to, subject });
    expect(cspr.milestones).toEqual([expect.objectContaining({ key: 'review-complete', due: '2060-06-30' })]);
    const review = await createCase(deps, staff, { route: 'rapid-review', day0: SUPPORTED_DATES.to, subject });
    expect(review.milestones.map((m) => m.due.slice(0, 7))).toEqual(['2060-01', '2060-01', '2060-01', '2060-01']);
    // Its requests: a default due date, one on the last supported day, sent (which starts the chasing ladder).
    const byDefault = await createRequest(deps, staff, cspr.id, { agencyId: agency.id, returnType: 'chronology' });
    expect(byDefault.dueOn.slice(0, 4)).toBe('2060');
    const chosen = await createRequest(deps, staff, cspr.id, {
      agencyId: agency.id,
      returnType: 'information-report',
      dueOn: SUPPORTED_DATES.to,
    });
    await sendRequest(deps, staff, cspr.id, chosen.id);
  });

  it('refuses a due date after the calendar on every route that takes one, naming the field', async () => {
    const { deps, agency } = await portalAt('2026-12-07T10:00:00.000Z');
    const record = await createCase(deps, staff, { route: 'cspr', day0: '2026-12-04', subject });
    const request = await createRequest(deps, staff, record.id, { agencyId: agency.id, returnType: 'chronology' });
    await sendRequest(deps, staff, record.id, request.id);
    const dueIssue = { path: 'dueOn', message: `The due date must be ${SUPPORTED_DATES.text}` };
    for (const dueOn of ['2060-01-02', '2061-01-03', '9999-12-31']) {
      const attempts = [
        () => createRequest(deps, staff, record.id, { agencyId: agency.id, returnType: 'information-report', dueOn }),
        () =>
          createRequestsBatch(deps, staff, record.id, {
            agencyIds: [agency.id],
            returnTypes: ['factual-summary'],
            dueOn,
            send: false,
          }),
        () => extendRequest(deps, staff, record.id, request.id, { dueOn, reason: 'Records off-site' }),
        () => requestMoreInformation(deps, staff, record.id, request.id, { dueOn, reason: 'More detail' }),
      ];
      for (const attempt of attempts) {
        expect(await refusal(attempt)).toMatchObject({ kind: 'invalid', issues: [dueIssue] });
      }
    }
  });

  it('answers a count outside the table with a typed error, not a RangeError', () => {
    const calendar = englandAndWalesCalendar();
    for (const count of [
      () => calendar.isWorkingDay('2061-01-03'),
      () => calendar.addWorkingDays('2060-12-24', 5),
      () => calendar.onOrBefore('2000-01-01'), // a Saturday: the Friday before is in 1999
    ]) {
      expect(count).toThrow(DomainError);
      expect(count).toThrow(/bank holidays are known/);
    }
  });
});
