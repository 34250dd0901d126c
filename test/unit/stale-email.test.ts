import { REQUEST_STATUSES } from '../../functions/domain/model';
import type { OutboxTemplate } from '../../functions/domain/ports';
import { AWAITING_AGENCY } from '../../functions/domain/request-status';
import { staleBecause } from '../../functions/domain/stale-email';

/** Whether an e-mail that waited in the outbox is still true when it can go (issue 4: never chase a return that is in). */
describe('an e-mail that waited in the outbox', () => {
  const open = { status: 'open' as const };
  const owed = { status: 'sent' as const, dueOn: '2027-01-06' };
  const escalation = { template: 'reminder' as const, reminder: { dueOn: '2027-01-06', step: '2-days-overdue-crg' } };

  it('goes while the agency still owes the return for the date it was about', () => {
    for (const status of AWAITING_AGENCY) expect(staleBecause(escalation, { ...owed, status }, open)).toBeUndefined();
    for (const template of ['request-link', 'more-info', 'due-date-changed'] as const) {
      expect(staleBecause({ template }, { ...owed, dueOn: '2027-01-20' }, open)).toBeUndefined();
    }
  });

  it('is dropped once the return is in, the request ended, or the case closed', () => {
    expect(staleBecause(escalation, { ...owed, status: 'submitted' }, open)).toBe('submitted');
    expect(staleBecause(escalation, { ...owed, status: 'submitted', nilReturn: true }, open)).toBe('nil-return');
    expect(staleBecause(escalation, { ...owed, status: 'accepted' }, open)).toBe('accepted');
    expect(staleBecause(escalation, { ...owed, status: 'withdrawn' }, open)).toBe('withdrawn');
    expect(staleBecause(escalation, { ...owed, status: 'not-involved' }, open)).toBe('not-involved');
    expect(staleBecause(escalation, owed, { status: 'closed' })).toBe('case-closed');
    expect(staleBecause(escalation, undefined, open)).toBe('request-missing');
    expect(staleBecause({ template: 'request-link' }, { ...owed, status: 'withdrawn' }, open)).toBe('withdrawn');
    // Every status in which the agency owes nothing drops it.
    for (const status of REQUEST_STATUSES.filter((s) => !AWAITING_AGENCY.has(s))) {
      expect(staleBecause(escalation, { ...owed, status }, open)).toBeDefined();
    }
  });

  it('is dropped when it chases a due date that has since been extended', () => {
    expect(staleBecause(escalation, { ...owed, dueOn: '2027-01-13' }, open)).toBe('due-date-changed');
  });

  it('is dropped when it was written before the office stopped the agency’s links, even once a link is sent again', () => {
    const stoppedAt = '2027-01-05T10:00:00.000Z';
    const before = { ...escalation, createdAt: '2027-01-05T08:00:00.000Z' };
    const after = { template: 'request-link' as const, createdAt: '2027-01-07T09:00:00.000Z' };
    for (const status of AWAITING_AGENCY) {
      expect(staleBecause(before, { ...owed, status, linksStoppedAt: stoppedAt }, open)).toBe('links-stopped');
      expect(
        staleBecause(
          { template: 'more-info', createdAt: before.createdAt },
          { ...owed, status, linksStoppedAt: stoppedAt },
          open,
        ),
      ).toBe('links-stopped');
      // The link sent again after the stop goes.
      expect(staleBecause(after, { ...owed, status, linksStoppedAt: stoppedAt }, open)).toBeUndefined();
    }
  });

  it('goes whatever happened since when it does not depend on the return being owed', () => {
    const always: OutboxTemplate[] = ['request-stopped', 'safety-concern', 'case-alert'];
    for (const template of always) {
      expect(staleBecause({ template }, { ...owed, status: 'withdrawn' }, { status: 'closed' })).toBeUndefined();
    }
  });
});
