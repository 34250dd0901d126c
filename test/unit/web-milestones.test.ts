import type { Milestone, ReturnsSummary } from '../../web/src/lib/types';
import { nextMilestone } from '../../web/src/office/milestones';

const milestones: Milestone[] = [
  { key: 'requests-sent', label: 'Requests sent', due: '2026-12-01' },
  { key: 'replies-due', label: 'Replies due', due: '2026-12-04' },
  { key: 'meeting', label: 'Meeting', from: '2026-12-04', due: '2026-12-09' },
];
const returns = (counts: Partial<ReturnsSummary>): ReturnsSummary => ({
  total: 0,
  notSent: 0,
  awaiting: 0,
  overdue: 0,
  dueSoon: 0,
  submitted: 0,
  closed: 0,
  safetyConcerns: 0,
  ...counts,
});

/** The case list's "Next milestone": what is still to do, not only what is still to come. */
describe('the next milestone', () => {
  it('is the first not yet past while nothing has been done', () => {
    expect(nextMilestone(milestones, '2026-11-27')?.key).toBe('requests-sent');
    expect(nextMilestone(milestones, '2026-11-27', returns({}))?.key).toBe('requests-sent');
    expect(nextMilestone(milestones, '2026-11-27', returns({ total: 3, notSent: 1, awaiting: 2 }))?.key).toBe(
      'requests-sent',
    );
  });

  it('skips sending requests once every request has gone', () => {
    expect(nextMilestone(milestones, '2026-11-27', returns({ total: 3, awaiting: 2, submitted: 1 }))?.key).toBe(
      'replies-due',
    );
  });

  it('skips the replies once every reply is in', () => {
    expect(nextMilestone(milestones, '2026-11-27', returns({ total: 3, submitted: 2, closed: 1 }))?.key).toBe(
      'meeting',
    );
  });

  it('keeps a window until its last day, and has nothing once every date has passed', () => {
    expect(nextMilestone(milestones, '2026-12-09', returns({ total: 1, awaiting: 1 }))?.key).toBe('meeting');
    expect(nextMilestone(milestones, '2026-12-10', returns({ total: 1, awaiting: 1 }))).toBeUndefined();
  });
});
