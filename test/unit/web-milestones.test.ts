import type { Milestone, ReturnsSummary } from '../../web/src/lib/types';
import {
  factsOf,
  isDone,
  meetingDateWarnings,
  milestoneProgressText,
  nextMilestone,
  todayIndex,
} from '../../web/src/office/milestones';

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

describe('milestones done, from the returns and what the case records', () => {
  const rapid: Milestone[] = [
    { key: 'requests-sent', label: 'Requests sent; meeting date set', due: '2026-12-22' },
    { key: 'replies-due', label: 'Replies due', due: '2027-01-06' },
    { key: 'meeting', label: 'Rapid Review meeting', from: '2027-01-06', due: '2027-01-11' },
    { key: 'national-panel', label: 'National Panel', due: '2027-01-13' },
  ];
  const [requestsSent, repliesDue, meeting] = rapid as [Milestone, Milestone, Milestone];
  const allSent = returns({ total: 2, awaiting: 2 });

  it('a Rapid Review has sent its requests once every one is sent and its meeting date is set', () => {
    expect(isDone(requestsSent, allSent, { plannedMeeting: '2027-01-08' })).toBe(true);
    expect(isDone(requestsSent, allSent, { plannedMeeting: null })).toBe(false);
    expect(isDone(requestsSent, returns({ total: 2, notSent: 1, awaiting: 1 }), { plannedMeeting: '2027-01-08' })).toBe(
      false,
    );
    expect(milestoneProgressText(requestsSent, allSent, { plannedMeeting: null })).toBe(
      'every request sent; meeting date not set yet',
    );
    expect(milestoneProgressText(requestsSent, allSent, { plannedMeeting: '2027-01-08' })).toBe(
      'done: every request sent; meeting date set for Fri 8 Jan 2027',
    );
    // Other routes have no meeting date to set.
    expect(isDone(requestsSent, allSent, {})).toBe(true);
    expect(milestoneProgressText(requestsSent, allSent, {})).toBe('done: every request sent');
  });

  it('the replies once every one is in, and the meeting once its decision is recorded', () => {
    expect(isDone(repliesDue, allSent)).toBe(false);
    expect(isDone(repliesDue, returns({ total: 2, submitted: 1, closed: 1 }))).toBe(true);
    expect(milestoneProgressText(repliesDue, returns({ total: 2, closed: 2 }))).toBe('done: every reply in');
    expect(isDone(meeting, allSent, { plannedMeeting: '2027-01-08' })).toBe(false);
    expect(milestoneProgressText(meeting, allSent, { plannedMeeting: '2027-01-08' })).toBe(
      'planned for Fri 8 Jan 2027',
    );
    expect(isDone(meeting, allSent, { meetingHeldOn: '2027-01-08' })).toBe(true);
    expect(milestoneProgressText(meeting, allSent, { meetingHeldOn: '2027-01-08' })).toBe(
      'done: held on Fri 8 Jan 2027',
    );
  });

  it('the next milestone skips what is done; the requests’ one waits for the meeting date', () => {
    expect(nextMilestone(rapid, '2026-12-21', allSent, { plannedMeeting: null })?.key).toBe('requests-sent');
    expect(nextMilestone(rapid, '2026-12-21', allSent, { plannedMeeting: '2027-01-08' })?.key).toBe('replies-due');
    const allIn = returns({ total: 2, closed: 2 });
    expect(nextMilestone(rapid, '2027-01-07', allIn, { meetingHeldOn: '2027-01-07' })?.key).toBe('national-panel');
  });

  it('facts come from the case: a Rapid Review’s planned date (or none), the decision’s meeting day', () => {
    expect(factsOf({ route: 'rapid-review' })).toEqual({ plannedMeeting: null });
    expect(
      factsOf({ route: 'rapid-review', plannedMeeting: { date: '2027-01-08' } }, { meetingDate: '2027-01-08' }),
    ).toEqual({ plannedMeeting: '2027-01-08', meetingHeldOn: '2027-01-08' });
    expect(factsOf({ route: 'cspr' }, null)).toEqual({});
  });

  it('warns of a meeting date outside the window, and after the National Panel date', () => {
    expect(meetingDateWarnings(rapid, '2027-01-08')).toEqual([]);
    expect(meetingDateWarnings(rapid, '2026-12-18')).toEqual([
      'Fri 18 Dec 2026 is before the Rapid Review meeting window (Wed 6 Jan 2027 to Mon 11 Jan 2027).',
    ]);
    expect(meetingDateWarnings(rapid, '2027-01-14')).toEqual([
      'Thu 14 Jan 2027 is after the Rapid Review meeting window (Wed 6 Jan 2027 to Mon 11 Jan 2027).',
      'It is also after the day the Combined Summary and covering letter must reach the National Panel (Wed 13 Jan 2027).',
    ]);
    expect(meetingDateWarnings([], '2027-01-14')).toEqual([]);
  });
});

describe('today among the milestones of the timeline’s list', () => {
  it('goes before the first milestone not yet past, a window counting until its last day', () => {
    expect(todayIndex(milestones, '2026-11-30')).toBe(0);
    expect(todayIndex(milestones, '2026-12-01')).toBe(0);
    expect(todayIndex(milestones, '2026-12-02')).toBe(1);
    expect(todayIndex(milestones, '2026-12-08')).toBe(2);
    expect(todayIndex(milestones, '2026-12-10')).toBe(3);
  });
});
