import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { addDays } from '../../functions/domain/calendar';
import { milestonesFor, ROUTES } from '../../functions/domain/milestones';
import { layoutTimeline, overlaps, stackTexts, textWidth } from '../../web/src/lib/timeline-layout';

const calendar = englandAndWalesCalendar();

describe('placing the timeline’s words', () => {
  it('keeps texts far apart on the row nearest the axis', () => {
    const placed = stackTexts(
      [
        { x: 100, width: 80 },
        { x: 400, width: 80 },
        { x: 800, width: 80 },
      ],
      960,
    );
    expect(placed.map((p) => p.row)).toEqual([0, 0, 0]);
  });

  it('lifts a text that would overlap its neighbour to the next free row, and drops back when there is room', () => {
    const placed = stackTexts(
      [
        { x: 200, width: 150 },
        { x: 260, width: 150 },
        { x: 320, width: 150 },
        { x: 480, width: 150 },
      ],
      960,
    );
    expect(placed.map((p) => p.row)).toEqual([0, 1, 2, 0]);
    expect(overlaps(placed)).toBe(false);
  });

  it('runs a text inwards at the edges of the drawing', () => {
    const [first, last] = stackTexts(
      [
        { x: 10, width: 100 },
        { x: 950, width: 100 },
      ],
      960,
    );
    expect(first?.anchor).toBe('start');
    expect(last?.anchor).toBe('end');
  });

  it('sees an overlap when two texts share a row', () => {
    expect(
      overlaps([
        { x: 100, width: 100, anchor: 'middle', row: 0 },
        { x: 150, width: 100, anchor: 'middle', row: 0 },
      ]),
    ).toBe(true);
  });

  it('estimates wider texts as wider, a bold label wider than a date of as many characters', () => {
    expect(textWidth('Combined Summary', 'label')).toBeGreaterThan(textWidth('Mon 2 Mar 2026', 'date'));
    expect(textWidth('abcdefghij', 'label')).toBeGreaterThan(textWidth('abcdefghij', 'date'));
  });

  // Every route's real milestones, seen on day 0, at the last milestone, and long after (which crowds
  // them all against day 0): no label and no date ever lands on another.
  const day0s = ['2026-03-02', '2026-12-18', '2027-02-26'];
  const later = [0, 20, 70, 200, 400];
  for (const route of ROUTES) {
    it(`never overlaps on the ${route} route`, () => {
      for (const day0 of day0s) {
        const milestones = milestonesFor(route, day0, calendar);
        for (const days of later) {
          const { points } = layoutTimeline({ day0, milestones, now: addDays(day0, days) });
          expect(points).toHaveLength(milestones.length + 1);
          expect(overlaps(points.map((p) => p.labelAt))).toBe(false);
          expect(overlaps(points.map((p) => p.dateAt))).toBe(false);
        }
      }
    });
  }

  it('puts day 0’s date below the axis with the others, clear of the Combined Summary’s label', () => {
    // The case the review found: an agency referral from Mon 2 Mar 2026 seen in late November.
    const day0 = '2026-03-02';
    const layout = layoutTimeline({
      day0,
      milestones: milestonesFor('agency-referral', day0, calendar),
      now: '2026-11-27',
    });
    const [start, , summary] = layout.points;
    expect(start?.date).toBe('Mon 2 Mar 2026');
    expect(summary?.label).toBe('Combined Summary');
    expect(layout.dateY(start?.dateAt.row ?? 0)).toBeGreaterThan(layout.axisY);
    expect(layout.labelY(summary?.labelAt.row ?? 0)).toBeLessThan(layout.axisY);
  });

  it('keeps a Rapid Review seen while it runs within three rows each way', () => {
    const day0 = '2026-12-18';
    const milestones = milestonesFor('rapid-review', day0, calendar);
    for (const days of [0, 20]) {
      const { points } = layoutTimeline({ day0, milestones, now: addDays(day0, days) });
      expect(Math.max(...points.map((p) => p.labelAt.row))).toBeLessThanOrEqual(2);
      expect(Math.max(...points.map((p) => p.dateAt.row))).toBeLessThanOrEqual(2);
    }
  });

  it('grows the drawing when the words need more rows', () => {
    const day0 = '2026-12-18';
    const milestones = milestonesFor('rapid-review', day0, calendar);
    const soon = layoutTimeline({ day0, milestones, now: day0 });
    const crowded = layoutTimeline({ day0, milestones, now: addDays(day0, 400) });
    expect(crowded.height).toBeGreaterThan(soon.height);
    // Every row is inside the drawing.
    for (const p of crowded.points) {
      expect(crowded.labelY(p.labelAt.row)).toBeGreaterThan(16);
      expect(crowded.dateY(p.dateAt.row)).toBeLessThan(crowded.height - 28);
    }
  });
});

describe('a meeting the case has fixed a day for', () => {
  it('is placed and dated on that day, not in the middle of its window', () => {
    const day0 = '2026-12-18';
    const milestones = milestonesFor('rapid-review', day0, calendar);
    const meeting = milestones.find((m) => m.key === 'meeting')!;
    const plain = layoutTimeline({ day0, milestones, now: day0 });
    const planned = layoutTimeline({
      day0,
      milestones: milestones.map((m) => (m === meeting ? { ...m, at: { date: meeting.due, word: 'Planned' } } : m)),
      now: day0,
    });
    const at = (layout: typeof plain) => layout.points.find((p) => p.key === 'meeting')!;
    expect(at(plain).date).toBe('Wed 6 Jan 2027 – Mon 11 Jan 2027');
    expect(at(planned).date).toBe('Planned Mon 11 Jan 2027');
    expect(at(planned).x).toBe(planned.x(meeting.due));
    expect(at(planned).x).toBeGreaterThan(at(plain).x);
    expect(overlaps(planned.points.map((p) => p.dateAt))).toBe(false);
  });
});
