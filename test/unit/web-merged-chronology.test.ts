import fc from 'fast-check';
import { addDays } from '../../functions/domain/calendar';
import { calendarDaysBetween } from '../../web/src/lib/dates';
import {
  agenciesOf,
  axisTicks,
  filterEntries,
  LABEL_X,
  laneLabel,
  layoutTimeline,
  markerOf,
  NO_FILTERS,
  withGaps,
} from '../../web/src/lib/merged-chronology';
import type { ChronologyEntry, ChronologySource, MergedChronology } from '../../web/src/lib/types';

const source = (agencyId: string, value: string, overrides: Partial<ChronologySource> = {}): ChronologySource => ({
  agencyId,
  agencyName: agencyId === 'a' ? 'Police' : 'Health',
  entryId: `${agencyId}:${value}`,
  factOrOpinion: 'fact',
  description: 'Seen',
  date: value,
  datePrecision: value.length === 10 ? 'day' : value.length === 7 ? 'month' : 'year',
  approximate: false,
  ...overrides,
});

const entry = (
  id: string,
  sources: ChronologySource[],
  grouping: ChronologyEntry['grouping'] = 'single',
): ChronologyEntry => ({
  id,
  date: sources[0]!.date,
  datePrecision: sources[0]!.datePrecision,
  sortDate: sources[0]!.date.length === 10 ? sources[0]!.date : `${sources[0]!.date}-01`.slice(0, 10),
  approximate: false,
  description: 'Seen',
  sources,
  grouping,
});

const chronology: MergedChronology = {
  version: 1,
  generatedAt: '2026-12-01T10:00:00Z',
  sources: [],
  entries: [
    entry('e1', [source('a', '2019-01-10')]),
    entry('e2', [source('a', '2019-06-01'), source('b', '2019-06-01', { factOrOpinion: 'opinion' })], 'suggested'),
    entry('e3', [source('b', '2020-03')]),
  ],
  // The API's gap: its first and last days with no contact, and how many (both included).
  gaps: [{ from: '2019-01-11', to: '2019-05-31', days: 141 }],
};

describe('the multi-agency chronology in the page', () => {
  test('agencies by name, each with its own marker shape', () => {
    const agencies = agenciesOf(chronology);
    expect(agencies.map((a) => [a.agencyName, a.events])).toEqual([
      ['Health', 2],
      ['Police', 2],
    ]);
    expect(new Set(agencies.map((a) => markerOf(a.index))).size).toBe(2);
  });

  test('filters by agency, date range, grouping and fact or opinion', () => {
    const ids = (filters: Partial<typeof NO_FILTERS>) =>
      filterEntries(chronology.entries, { ...NO_FILTERS, ...filters }).map((e) => e.id);
    expect(ids({ agencyId: 'b' })).toEqual(['e2', 'e3']);
    expect(ids({ from: 'May 2019', to: '2019' })).toEqual(['e2']);
    expect(ids({ to: 'March 2020' })).toEqual(['e1', 'e2', 'e3']);
    expect(ids({ groupedOnly: true })).toEqual(['e2']);
    expect(ids({ factOrOpinion: 'opinion' })).toEqual(['e2']);
  });

  test('gaps are shown in place, and only while every agency is shown', () => {
    const items = withGaps(chronology.entries, chronology.gaps, NO_FILTERS);
    expect(items.map((i) => (i.kind === 'gap' ? `gap ${i.gap.days}` : i.entry.id))).toEqual([
      'e1',
      'gap 141',
      'e2',
      'e3',
    ]);
    expect(
      withGaps(chronology.entries, chronology.gaps, { ...NO_FILTERS, agencyId: 'a' }).some((i) => i.kind === 'gap'),
    ).toBe(false);
  });

  test('the picture: a lane per agency, joined marks for a shared event, imprecise dates as spans', () => {
    const layout = layoutTimeline(chronology, agenciesOf(chronology), { width: 1000, left: 200, inset: 10, right: 0 });
    expect(layout.lanes).toHaveLength(2);
    expect(layout.marks).toHaveLength(4);
    expect(layout.links).toEqual([expect.objectContaining({ entryId: 'e2', confirmed: false })]);
    const month = layout.marks.find((m) => m.entryId === 'e3')!;
    expect(month.approximate).toBe(true);
    expect(month.x2).toBeGreaterThan(month.x);
    // The earliest mark keeps clear of the lane labels.
    expect(layout.marks[0]!.x).toBe(210);
    expect(layout.plotLeft).toBe(200);
    expect(layout.gaps[0]!.x2).toBeGreaterThan(layout.gaps[0]!.x1);
    // Fifteen months: a tick each quarter, not a lone "2020".
    expect(layout.ticks.map((t) => t.label)).toEqual(['Apr 2019', 'Jul 2019', 'Oct 2019', 'Jan 2020']);
  });

  test('lane labels are cut to the room left of the plot, never over the marks', () => {
    expect(laneLabel('Police', 200)).toBe('Police');
    // Cut in the middle: two agencies of one council stay told apart.
    expect(laneLabel('Leicester City Council Children’s Social Care', 198)).toBe('Leicester…Social Care');
    expect(laneLabel('Leicester City Council Education Safeguarding', 198)).toBe('Leicester…afeguarding');
    expect(laneLabel('Leicester City Council Children’s Social Care', 198).length * 9).toBeLessThanOrEqual(198);
    const layout = layoutTimeline(chronology, agenciesOf(chronology), { left: 120, inset: 10 });
    for (const lane of layout.lanes) expect(lane.label.length * 9).toBeLessThanOrEqual(120 - LABEL_X - 10);
  });

  test('the first month is marked when the chronology starts on its first day', () => {
    const entry = chronology.entries[0]!;
    const yearOnly = {
      entries: [
        {
          ...entry,
          sources: [{ ...entry.sources[0]!, date: '2019', datePrecision: 'year' as const, approximate: true }],
        },
        ...chronology.entries.slice(1),
      ],
      gaps: [],
    };
    expect(layoutTimeline(yearOnly, agenciesOf(chronology)).ticks.map((t) => t.label)).toEqual([
      'Jan 2019',
      'Apr 2019',
      'Jul 2019',
      'Oct 2019',
      'Jan 2020',
    ]);
  });
});

describe('a gap in agency contact', () => {
  test('labels neighbouring gaps only where their day counts do not run into each other', () => {
    const close = {
      entries: chronology.entries,
      gaps: [
        { from: '2019-01-11', to: '2019-05-31', days: 141 },
        { from: '2019-06-02', to: '2019-07-31', days: 60 },
        { from: '2019-08-02', to: '2019-12-31', days: 152 },
      ],
    };
    const layout = layoutTimeline(close, agenciesOf(chronology), { width: 300, left: 100, inset: 0, right: 0 });
    expect(layout.gaps.map((g) => g.text)).toEqual(['141 days', '60 days', '152 days']);
    expect(layout.gaps.map((g) => g.labelled)).toEqual([true, false, true]);
    const wide = layoutTimeline(close, agenciesOf(chronology), { width: 4000, left: 100, inset: 0, right: 0 });
    expect(wide.gaps.every((g) => g.labelled)).toBe(true);
  });

  test('the timeline labels a gap with the same count', () => {
    const layout = layoutTimeline(chronology, agenciesOf(chronology), { width: 1000, left: 200, inset: 10, right: 0 });
    expect(layout.gaps.map((g) => g.days)).toEqual([141]);
  });
});

describe('the dates along the chronology’s axis', () => {
  /** The axis as the layout scales it: `room` pixels from `from` to `to`. */
  const ticks = (from: string, to: string, room = 684) => {
    const days = Math.max(calendarDaysBetween(from, to), 1);
    return axisTicks(from, to, (iso) => (calendarDaysBetween(from, iso) / days) * room, room);
  };
  const labels = (from: string, to: string, room?: number) => ticks(from, to, room).map((t) => t.label);

  it('names the months of a chronology of months, not only its year', () => {
    // The review's case: events from November to May, which the axis labelled "2026" alone.
    expect(labels('2025-11-20', '2026-05-10')).toEqual([
      'Dec 2025',
      'Jan 2026',
      'Feb 2026',
      'Mar 2026',
      'Apr 2026',
      'May 2026',
    ]);
    expect(labels('2026-02-03', '2026-09-20')).toEqual([
      'Mar 2026',
      'Apr 2026',
      'May 2026',
      'Jun 2026',
      'Jul 2026',
      'Aug 2026',
      'Sep 2026',
    ]);
  });

  it('goes to quarters, half years and years as the span needs, years in steps that fit', () => {
    expect(labels('2024-02-10', '2026-01-15')).toEqual([
      'Apr 2024',
      'Jul 2024',
      'Oct 2024',
      'Jan 2025',
      'Apr 2025',
      'Jul 2025',
      'Oct 2025',
      'Jan 2026',
    ]);
    expect(labels('2022-03-01', '2026-01-15')).toEqual([
      'Jul 2022',
      'Jan 2023',
      'Jul 2023',
      'Jan 2024',
      'Jul 2024',
      'Jan 2025',
      'Jul 2025',
      'Jan 2026',
    ]);
    expect(labels('2016-05-01', '2026-06-30')).toEqual(['2018', '2020', '2022', '2024', '2026']);
    expect(labels('2016-05-01', '2026-06-30', 900)).toEqual([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
  });

  it('gives a chronology within one month its first date', () => {
    expect(labels('2026-03-04', '2026-03-20')).toEqual(['4 Mar 2026']);
  });

  it('never puts two labels where they would run into each other, and keeps each within the axis', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12_000 }),
        fc.integer({ min: 0, max: 9_000 }),
        fc.integer({ min: 300, max: 2_400 }),
        (start, length, room) => {
          const from = addDays('1995-01-01', start);
          const to = addDays(from, length);
          const placed = ticks(from, to, room);
          expect(placed.length).toBeGreaterThan(0);
          for (const t of placed) {
            expect(t.x).toBeGreaterThanOrEqual(0);
            expect(t.x).toBeLessThanOrEqual(room);
          }
          // A label of 13px text is at most about 7.5px a character.
          for (let i = 1; i < placed.length; i += 1) {
            const gap = placed[i]!.x - placed[i - 1]!.x;
            expect(gap).toBeGreaterThanOrEqual(((placed[i]!.label.length + placed[i - 1]!.label.length) / 2) * 7.5);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
