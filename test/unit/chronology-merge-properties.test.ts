import fc from 'fast-check';
import { addDays } from '../../functions/domain/calendar';
import { PRECISION_RANK, spanOf, type FuzzyDate } from '../../functions/domain/chronology/fuzzy-date';
import {
  merge,
  type GroupingDecision,
  type MergedEntry,
  type MergeOptions,
  type MergeResult,
  type PreviousMerge,
  type SourceEntry,
} from '../../functions/domain/chronology/merge';

// Few agencies, days and words, so that rows collide: same days, same agencies, similar descriptions.
const AGENCIES = [
  { agencyId: 'police', agencyName: 'Police' },
  { agencyId: 'csc', agencyName: "Children's Social Care" },
  { agencyId: 'health', agencyName: 'Health Visiting' },
  { agencyId: 'school', agencyName: 'Primary School' },
  { agencyId: 'school-2', agencyName: 'Primary School' }, // two agencies may share a name
];
const WORDS = ['strategy', 'meeting', 'A&E', 'bruising', 'visit', 'home', 'school', 'absent', 'police', 's47', 'the'];

const dateArb: fc.Arbitrary<FuzzyDate> = fc
  .record({
    // Mostly a few busy days (to group), sometimes weeks apart (to leave gaps).
    offset: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 4 }, fc.integer({ min: 0, max: 90 })),
    precision: fc.constantFrom<FuzzyDate['precision']>('day', 'day', 'day', 'day', 'month', 'year'),
    approximate: fc.constantFrom(false, false, false, true),
  })
  .map(({ offset, precision, approximate }) => {
    const iso = addDays('2019-12-01', offset);
    const value = precision === 'day' ? iso : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
    return { value, precision, approximate };
  });

const rowArb = fc.record({
  agency: fc.constantFrom(...AGENCIES),
  date: dateArb,
  time: fc.option(
    fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => {
      return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    }),
    { nil: undefined },
  ),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }),
  fact: fc.boolean(),
});

const entriesArb = fc.array(rowArb, { maxLength: 40 }).map((rows) =>
  rows.map((r, i): SourceEntry => {
    const entry: SourceEntry = {
      entryId: `req-${r.agency.agencyId}:${String(i).padStart(3, '0')}`,
      ...r.agency,
      date: r.date,
      description: r.words.join(' '),
      factOrOpinion: r.fact ? 'fact' : 'opinion',
    };
    if (r.time !== undefined) entry.time = r.time;
    return entry;
  }),
);

const decisionsFor = (entries: SourceEntry[]) => {
  const ids = [...entries.map((e) => e.entryId), 'req-gone:1', 'req-gone:2'];
  return fc.array(
    fc.record({
      kind: fc.constantFrom<GroupingDecision['kind']>('confirm', 'split'),
      entryIds: fc.subarray(ids, { minLength: 1, maxLength: Math.min(4, ids.length) }),
      decidedAt: fc.integer({ min: 1, max: 9 }).map((d) => `2024-03-0${d}T10:00:00Z`),
      decidedBy: fc.constant('office'),
    }),
    { maxLength: 6 },
  );
};

const optionsArb: fc.Arbitrary<MergeOptions> = fc.record({
  gapDays: fc.integer({ min: 0, max: 30 }),
  groupWindowDays: fc.integer({ min: 0, max: 3 }),
  similarity: fc.constantFrom(0.2, 0.35, 0.35, 0.5, 1),
});

const caseArb = entriesArb.chain((entries) =>
  fc.record({
    entries: fc.constant(entries),
    decisions: decisionsFor(entries),
    options: optionsArb,
    shuffled: fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
  }),
);

const previousOf = (result: MergeResult): PreviousMerge => ({
  entries: result.entries.map((entry) => ({ id: entry.id, sourceEntryIds: entry.sources.map((s) => s.entryId) })),
});

/** The tuple the chronology is ordered by, for an entry: its first source's. */
function sortTuple(entry: MergedEntry): (string | number)[] {
  const first = entry.sources[0] as SourceEntry;
  return [entry.sortDate, PRECISION_RANK[entry.date.precision], entry.time ?? '~', first.agencyName, first.entryId];
}
const compareTuples = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

// Suggestions need rows that collide; more runs make sure many cases have them.
beforeAll(() => fc.configureGlobal({ numRuns: 300 }));
afterAll(() => fc.resetConfigureGlobal());

describe('merge properties', () => {
  it('puts every input row in exactly one entry, as one source', () => {
    fc.assert(
      fc.property(caseArb, ({ entries, decisions, options }) => {
        const result = merge(entries, decisions, options);
        const sources = result.entries.flatMap((e) => e.sources.map((s) => s.entryId));
        expect(sources.sort()).toEqual(entries.map((e) => e.entryId).sort());
      }),
    );
  });

  it('orders entries by date, then precision, time, agency name and entryId', () => {
    fc.assert(
      fc.property(caseArb, ({ entries, decisions, options }) => {
        const result = merge(entries, decisions, options);
        for (let i = 1; i < result.entries.length; i += 1) {
          const before = sortTuple(result.entries[i - 1] as MergedEntry);
          const after = sortTuple(result.entries[i] as MergedEntry);
          expect(compareTuples(before, after)).toBeLessThan(0);
        }
        for (const entry of result.entries) {
          // Within an entry, sources are in the same order, and the first gives the entry its date.
          expect(entry.date).toBe(entry.sources[0]?.date);
          expect(entry.approximate).toBe(entry.date.approximate || entry.date.precision !== 'day');
        }
      }),
    );
  });

  it('is deterministic, whatever the order of rows and decisions', () => {
    fc.assert(
      fc.property(caseArb, ({ entries, decisions, options, shuffled }) => {
        const result = merge(entries, decisions, options);
        expect(merge(entries, decisions, options)).toEqual(result);
        expect(merge(shuffled, [...decisions].reverse(), options)).toEqual(result);
      }),
    );
  });

  it('gives unique ids, and the same ids when re-merged unchanged', () => {
    fc.assert(
      fc.property(caseArb, ({ entries, decisions, options }) => {
        const result = merge(entries, decisions, options);
        const ids = result.entries.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(merge(entries, decisions, options, previousOf(result))).toEqual(result);
      }),
    );
  });

  it('keeps ids unique across re-merges with rows added and removed', () => {
    fc.assert(
      fc.property(caseArb, entriesArb, fc.nat(), ({ entries, decisions, options }, extra, drop) => {
        const first = merge(entries, decisions, options);
        const added = extra.map((e) => ({ ...e, entryId: `new-${e.entryId}` }));
        const kept = entries.filter((_, i) => i % (2 + (drop % 5)) !== 0);
        const again = merge([...kept, ...added], decisions, options, previousOf(first));
        const ids = again.entries.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it('leaves existing ids unchanged when another agency adds rows that do not touch them', () => {
    fc.assert(
      fc.property(caseArb, entriesArb, ({ entries, decisions, options }, extra) => {
        const first = merge(entries, decisions, options);
        // Rows of a new agency, twelve years later (leap days stay real): nothing to group them with.
        const added = extra.map((e) => ({
          ...e,
          entryId: `req-housing:${e.entryId}`,
          agencyId: 'housing',
          agencyName: 'Housing',
          date: { ...e.date, value: String(Number(e.date.value.slice(0, 4)) + 12) + e.date.value.slice(4) },
        }));
        const idOf = (result: MergeResult) =>
          new Map(result.entries.flatMap((e) => e.sources.map((s) => [s.entryId, e.id] as const)));
        const before = idOf(first);
        for (const again of [
          merge([...added, ...entries], decisions, options, previousOf(first)),
          merge([...entries, ...added], decisions, options),
        ]) {
          const after = idOf(again);
          for (const [entryId, id] of before) expect(after.get(entryId)).toBe(id);
        }
      }),
    );
  });

  it('suggests only exact days within the window, never two rows of one agency', () => {
    fc.assert(
      fc.property(caseArb, ({ entries, options }) => {
        const result = merge(entries, [], options);
        for (const entry of result.entries.filter((e) => e.grouping === 'suggested')) {
          const agencies = entry.sources.map((s) => s.agencyId);
          expect(new Set(agencies).size).toBe(agencies.length);
          for (const source of entry.sources) {
            expect(source.date.precision).toBe('day');
            expect(source.date.approximate).toBe(false);
          }
          const days = entry.sources.map((s) => s.date.value).sort();
          const span = (Date.parse(days[days.length - 1] as string) - Date.parse(days[0] as string)) / 86_400_000;
          expect(span).toBeLessThanOrEqual(options.groupWindowDays ?? 1);
        }
        expect(result.entries.every((e) => e.grouping !== 'confirmed')).toBe(true);
      }),
    );
  });

  it('keeps split rows apart and confirmed rows together', () => {
    fc.assert(
      fc.property(caseArb, ({ entries, decisions, options }) => {
        const present = new Set(entries.map((e) => e.entryId));
        const entryOf = (result: MergeResult) =>
          new Map(result.entries.flatMap((e) => e.sources.map((s) => [s.entryId, e.id] as const)));
        const splits = decisions.filter((d) => d.kind === 'split');
        const splitOnly = entryOf(merge(entries, splits, options));
        for (const split of splits) {
          const rows = [...new Set(split.entryIds.filter((id) => present.has(id)))];
          expect(new Set(rows.map((id) => splitOnly.get(id))).size).toBe(rows.length);
        }
        const confirms = decisions.filter((d) => d.kind === 'confirm');
        const confirmedOnly = merge(entries, confirms, options);
        const confirmOnly = entryOf(confirmedOnly);
        for (const confirm of confirms) {
          const rows = confirm.entryIds.filter((id) => present.has(id));
          expect(new Set(rows.map((id) => confirmOnly.get(id))).size).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('reports gaps between contacts that are ordered, longer than the threshold and free of contact', () => {
    fc.assert(
      fc.property(caseArb, ({ entries, options }) => {
        const { gaps } = merge(entries, [], options);
        for (const gap of gaps) {
          expect(gap.days).toBeGreaterThan(options.gapDays);
          expect(addDays(gap.from, gap.days - 1)).toBe(gap.to);
          // No row's span touches a day of the gap, and rows lie on both sides of it.
          for (const entry of entries) {
            const { start, end } = spanOf(entry.date);
            expect(end < gap.from || start > gap.to).toBe(true);
          }
          expect(entries.some((e) => spanOf(e.date).end === addDays(gap.from, -1))).toBe(true);
          expect(entries.some((e) => spanOf(e.date).start === addDays(gap.to, 1))).toBe(true);
        }
        for (let i = 1; i < gaps.length; i += 1)
          expect((gaps[i - 1] as { to: string }).to <= (gaps[i]?.from ?? '')).toBe(true);
      }),
    );
  });
});
