import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { milestonesFor, validateMeetingWindow } from '../../functions/domain/milestones';

const calendar = englandAndWalesCalendar();
const byKey = (milestones: ReturnType<typeof milestonesFor>) => Object.fromEntries(milestones.map((m) => [m.key, m]));

describe('statutory milestones', () => {
  it('for a Rapid Review notified on Friday 18 December 2026 (DOMAIN.md)', () => {
    const m = byKey(milestonesFor('rapid-review', '2026-12-18', calendar));
    expect(Object.keys(m)).toEqual(['requests-sent', 'replies-due', 'meeting', 'national-panel']);
    expect(m['requests-sent']?.due).toBe('2026-12-22');
    expect(m['replies-due']?.due).toBe('2027-01-06');
    expect(m.meeting).toMatchObject({ from: '2027-01-06', due: '2027-01-11' });
    expect(m['national-panel']?.due).toBe('2027-01-13');
  });

  it('with the meeting window §4.4.2 allows (7 to 13 working days)', () => {
    const m = byKey(
      milestonesFor('rapid-review', '2026-12-18', calendar, { rapidReviewMeetingWindow: { from: 7, to: 13 } }),
    );
    expect(m.meeting).toMatchObject({ from: '2026-12-31', due: '2027-01-11' });
    // Replies are due by the first day a meeting may be held, as the flowchart's day 10 is for 10–13.
    expect(m['replies-due']?.due).toBe('2026-12-31');
  });

  it('with a window opening after day 10: replies still due on day 10', () => {
    const m = byKey(
      milestonesFor('rapid-review', '2026-12-18', calendar, { rapidReviewMeetingWindow: { from: 12, to: 13 } }),
    );
    expect(m['replies-due']?.due).toBe('2027-01-06');
    expect(m.meeting).toMatchObject({ from: '2027-01-08', due: '2027-01-11' });
  });

  it('for an agency referral: one and two calendar months, brought back to a working day', () => {
    const m = byKey(milestonesFor('agency-referral', '2026-11-27', calendar));
    expect(m['requests-sent']?.due).toBe('2026-12-24'); // 27 Dec is a Sunday; 25 and 26 are holidays
    expect(m['combined-summary']?.due).toBe('2027-01-27');
  });

  it('for a CSPR: six calendar months from the decision', () => {
    expect(milestonesFor('cspr', '2026-08-31', calendar)).toEqual([
      expect.objectContaining({ key: 'review-complete', due: '2027-02-26' }), // 28 Feb 2027 is a Sunday
    ]);
  });

  it('accept only a meaningful meeting window', () => {
    expect(validateMeetingWindow({ from: 10, to: 13 })).toBe(true);
    expect(validateMeetingWindow({ from: 13, to: 10 })).toBe(false);
    expect(validateMeetingWindow({ from: 0, to: 10 })).toBe(false);
  });
});
