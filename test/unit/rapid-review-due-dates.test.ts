import { memoryPortal } from '../../functions/adapters/memory';
import { createCase } from '../../functions/domain/services/cases';
import { createRequestsBatch } from '../../functions/domain/services/request-actions';
import { createRequest } from '../../functions/domain/services/requests';
import type { ReturnType } from '../../functions/domain/model';
import { requestView } from '../../functions/http/views';
import { seedPartnerships } from '../../scripts/local/stack';
import { contractProblems } from '../support/contract';

/**
 * A Rapid Review notified Fri 18 Dec 2026 (DOMAIN.md): replies due day 10, Wed 6 Jan 2027; meeting window to
 * day 13, Mon 11 Jan; National Panel by day 15, Wed 13 Jan. Requests asked for late, as an audit found them.
 */
const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };

async function rapidReviewOn(day: string) {
  const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
  await seedPartnerships(portal.store, true);
  const agencies = await portal.store.agencies.list('leicester');
  const record = await createCase(portal.deps, staff, {
    route: 'rapid-review',
    day0: '2026-12-18',
    subject: { name: 'Late Child', dateOfBirth: '2020-05-05' },
  });
  portal.setNow(`${day}T10:00:00.000Z`);
  const ask = (returnType: ReturnType, dueOn?: string, agency = 0) =>
    createRequest(portal.deps, staff, record.id, {
      agencyId: agencies[agency]!.id,
      returnType,
      ...(dueOn ? { dueOn } : {}),
    });
  return { portal, record, agencies, ask };
}

describe("a Rapid Review's reply asked for late", () => {
  it('on day 12 is due by the meeting window’s last day, not ten working days on, and says it leaves little time', async () => {
    const { ask } = await rapidReviewOn('2027-01-08');
    const reply = await ask('information-request-reply');
    expect(reply.dueOn).toBe('2027-01-11');
    expect(reply.dueDateNotice).toEqual({
      code: 'after-replies-due',
      message:
        'Replies for the meeting were due by Wednesday 6 January 2027. This one is due on the last day of the meeting window (Monday 11 January 2027), leaving little time to add it to the Combined Summary.',
    });
    expect(
      contractProblems('POST /api/cases/{caseId}/requests', JSON.parse(JSON.stringify(requestView(reply)))),
    ).toEqual([]);
  });

  it('on day 14 is due on day 15, too late for the meeting, and says so', async () => {
    const { ask } = await rapidReviewOn('2027-01-12');
    const reply = await ask('information-request-reply');
    expect(reply.dueOn).toBe('2027-01-13');
    expect(reply.dueDateNotice?.code).toBe('after-meeting-window');
  });

  it('on day 15 or later cannot be in time: the answer says day 15 is passed or passing', async () => {
    const onDay15 = await rapidReviewOn('2027-01-13');
    const last = await onDay15.ask('information-request-reply');
    expect(last.dueOn > '2027-01-13').toBe(true);
    expect(last.dueDateNotice?.code).toBe('after-national-panel');
    const after = await rapidReviewOn('2027-01-14');
    const late = await after.ask('information-request-reply');
    expect(late.dueDateNotice).toEqual({
      code: 'statutory-date-passed',
      message:
        'Working day 15 of this Rapid Review, Wednesday 13 January 2027, has passed: the Combined Summary and covering letter were due at the National Panel by then (§4.2.2).',
    });
  });

  it('with a date chosen after day 15, is created and says so; on time, says nothing', async () => {
    const { ask } = await rapidReviewOn('2026-12-21');
    const chosen = await ask('information-request-reply', '2027-01-20');
    expect(chosen).toMatchObject({ dueOn: '2027-01-20', dueDateNotice: { code: 'after-national-panel' } });
    const onTime = await ask('information-request-reply', undefined, 1);
    expect(onTime.dueOn).toBe('2027-01-06');
    expect(onTime.dueDateNotice).toBeUndefined();
  });

  it('other returns of the case are not on the day-15 clock: a chronology keeps the reply window', async () => {
    const { ask } = await rapidReviewOn('2027-01-08');
    const chronology = await ask('chronology');
    expect(chronology.dueOn).toBe('2027-01-22');
    expect(chronology.dueDateNotice).toBeUndefined();
  });

  it('in a batch, sent at once, each answer carries its notice', async () => {
    const { portal, record, agencies } = await rapidReviewOn('2027-01-08');
    const outcomes = await createRequestsBatch(portal.deps, staff, record.id, {
      agencyIds: [agencies[0]!.id, agencies[1]!.id],
      returnTypes: ['information-request-reply'],
      send: true,
    });
    expect(outcomes.map((o) => [o.request.status, o.request.dueOn, o.request.dueDateNotice?.code])).toEqual([
      ['sent', '2027-01-11', 'after-replies-due'],
      ['sent', '2027-01-11', 'after-replies-due'],
    ]);
    const body = JSON.parse(
      JSON.stringify({ requests: outcomes.map((o) => ({ ...requestView(o.request), email: o.email })) }),
    );
    expect(contractProblems('POST /api/cases/{caseId}/requests/batch', body)).toEqual([]);
  });
});
