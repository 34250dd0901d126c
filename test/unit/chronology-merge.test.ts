import type { FuzzyDate } from '../../functions/domain/chronology/fuzzy-date';
import {
  merge,
  type GroupingDecision,
  type MergeResult,
  type PreviousMerge,
  type SourceEntry,
} from '../../functions/domain/chronology/merge';

const AGENCIES = {
  police: 'Police',
  csc: "Children's Social Care",
  hospital: 'Acute Hospital Trust',
  ambulance: 'Ambulance Service',
  school: 'Primary School',
  health: 'Health Visiting',
} as const;
type Agency = keyof typeof AGENCIES;

const day = (value: string, approximate = false): FuzzyDate => ({ value, precision: 'day', approximate });

function row(
  agency: Agency,
  id: string,
  date: FuzzyDate | string,
  description: string,
  extra: Partial<SourceEntry> = {},
) {
  return {
    entryId: `req-${agency}:${id}`,
    agencyId: agency,
    agencyName: AGENCIES[agency],
    date: typeof date === 'string' ? day(date) : date,
    description,
    sourceRecord: `${agency} record ${id}`,
    factOrOpinion: 'fact',
    ...extra,
  } satisfies SourceEntry as SourceEntry;
}

const OPTIONS = { gapDays: 28 };
const previousOf = (result: MergeResult): PreviousMerge => ({
  entries: result.entries.map((entry) => ({ id: entry.id, sourceEntryIds: entry.sources.map((s) => s.entryId) })),
});
const sourcesOf = (result: MergeResult) => result.entries.map((entry) => entry.sources.map((s) => s.entryId));
const entryWith = (result: MergeResult, entryId: string) => {
  const found = result.entries.find((entry) => entry.sources.some((source) => source.entryId === entryId));
  if (!found) throw new Error(`${entryId} is missing`);
  return found;
};
const decision = (kind: GroupingDecision['kind'], entryIds: string[], decidedAt = '2024-03-01T10:00:00Z') => ({
  kind,
  entryIds,
  decidedAt,
  decidedBy: 'business-office@example.gov.uk',
});

// The same A&E attendance in two agencies' words, and the same strategy meeting.
const HOSPITAL_AE = row(
  'hospital',
  'r1',
  '2019-05-12',
  'Attended A&E with mother. Bruising to left cheek and ear; mother said he fell from sofa. Seen by paediatric registrar.',
  { time: '20:15' },
);
const AMBULANCE_AE = row(
  'ambulance',
  'r1',
  '2019-05-12',
  'Ambulance called by mother, 7 month old with bruising to face, reported fall from sofa. Conveyed to emergency department.',
  { time: '19:40' },
);
const POLICE_STRATEGY = row(
  'police',
  'r1',
  '2019-05-14',
  'Strategy meeting held at police station with CSC and health. Agreed single agency section 47 enquiry led by social care.',
);
const CSC_STRATEGY = row(
  'csc',
  'r1',
  '2019-05-15',
  'Strategy discussion with police and health. Section 47 enquiries agreed, social worker to visit today.',
);
const CSC_VISIT = row(
  'csc',
  'r2',
  '2019-06-03',
  'Home visit by social worker; child not seen, mother said child unwell and asleep upstairs.',
);
const SCHOOL_ABSENCE = row(
  'school',
  'r1',
  '2019-06-03',
  'Child absent from school; mother phoned to say child unwell.',
);

describe('merge: order and labels', () => {
  it('puts every row in date order, labelled with its agency and source', () => {
    const result = merge([CSC_VISIT, POLICE_STRATEGY, HOSPITAL_AE], [], OPTIONS);
    expect(result.entries.map((e) => e.sortDate)).toEqual(['2019-05-12', '2019-05-14', '2019-06-03']);
    expect(result.entries[0]).toMatchObject({
      date: day('2019-05-12'),
      time: '20:15',
      approximate: false,
      grouping: 'single',
      description: HOSPITAL_AE.description,
      sources: [
        expect.objectContaining({
          agencyId: 'hospital',
          agencyName: 'Acute Hospital Trust',
          entryId: 'req-hospital:r1',
          sourceRecord: 'hospital record r1',
          factOrOpinion: 'fact',
          description: HOSPITAL_AE.description,
        }),
      ],
    });
  });

  it('places approximate and imprecise dates at the start of their span, flagged', () => {
    const entries = [
      row('police', 'a', '2019-05-20', 'Welfare check, no concerns.'),
      row('csc', 'b', { value: '2019-05', precision: 'month', approximate: true }, 'Mother says she moved in then.'),
      row('school', 'c', { value: '2019', precision: 'year', approximate: false }, 'Enrolled in reception.'),
      row('health', 'd', day('2019-05-03', true), 'Possibly a missed appointment.'),
    ];
    const result = merge(entries, [], OPTIONS);
    expect(result.entries.map((e) => [e.sortDate, e.approximate, e.sources[0]?.agencyId])).toEqual([
      ['2019-01-01', true, 'school'],
      ['2019-05-01', true, 'csc'],
      ['2019-05-03', true, 'health'],
      ['2019-05-20', false, 'police'],
    ]);
    expect(result.entries[1]?.date).toEqual({ value: '2019-05', precision: 'month', approximate: true });
  });

  it('breaks ties by precision, then time (timed first), then agency name, then entryId', () => {
    const entries = [
      row('police', 'z', { value: '2019-01', precision: 'month', approximate: false }, 'Month only.'),
      row('school', 'b', '2019-01-01', 'No time, school.'),
      row('csc', 'c', '2019-01-01', 'No time, social care, second row.'),
      row('csc', 'a', '2019-01-01', 'No time, social care, first row.'),
      row('police', 'y', '2019-01-01', 'Late evening.', { time: '22:00' }),
      row('health', 'x', '2019-01-01', 'Early morning.', { time: '08:30' }),
      row('police', 'w', { value: '2019', precision: 'year', approximate: false }, 'Year only.'),
      row('ambulance', 'v', '2018-12-31', 'The day before.'),
    ];
    const result = merge(entries, [], { ...OPTIONS, similarity: 1 });
    expect(sourcesOf(result).flat()).toEqual([
      'req-ambulance:v',
      'req-health:x',
      'req-police:y',
      'req-csc:a',
      'req-csc:c',
      'req-school:b',
      'req-police:z',
      'req-police:w',
    ]);
  });

  it('keeps every fact-or-opinion label and optional field of a source', () => {
    const opinion = row('school', 'op', '2019-07-01', 'Teacher thinks the child is frightened of going home.', {
      factOrOpinion: 'opinion',
      practitionerRole: 'Class teacher',
      actionOutcome: 'DSL informed',
    });
    const [entry] = merge([opinion], [], OPTIONS).entries;
    expect(entry?.sources[0]).toMatchObject({
      factOrOpinion: 'opinion',
      practitionerRole: 'Class teacher',
      actionOutcome: 'DSL informed',
    });
  });

  it('refuses options it cannot honour and rows whose date does not match its precision', () => {
    expect(() => merge([], [], { gapDays: -1 })).toThrow(RangeError);
    expect(() => merge([], [], { gapDays: 1.5 })).toThrow(RangeError);
    expect(() => merge([], [], { gapDays: 28, groupWindowDays: -1 })).toThrow(RangeError);
    expect(() => merge([], [], { gapDays: 28, similarity: 0 })).toThrow(RangeError);
    expect(() => merge([], [], { gapDays: 28, similarity: 1.1 })).toThrow(RangeError);
    const wrong = row('police', 'x', { value: '2019-05', precision: 'day', approximate: false }, 'x');
    expect(() => merge([wrong], [], OPTIONS)).toThrow(/does not match its precision/);
    const badTime = row('police', 'y', '2019-05-01', 'x', { time: '25:00' });
    expect(() => merge([badTime], [], OPTIONS)).toThrow(/HH:MM/);
    const impossible = row('police', 'z', '2019-02-30', 'x');
    expect(() => merge([impossible], [], OPTIONS)).toThrow('entry req-police:z: 2019-02-30 is not a real date');
  });

  it('merges nothing into nothing', () => {
    expect(merge([], [], OPTIONS)).toEqual({ entries: [], gaps: [] });
  });
});

describe('merge: events several agencies recorded', () => {
  it('suggests the same A&E attendance from the hospital and the ambulance service as one event', () => {
    const result = merge([HOSPITAL_AE, AMBULANCE_AE, CSC_VISIT], [], OPTIONS);
    expect(result.entries).toHaveLength(2);
    const [event] = result.entries;
    expect(event?.grouping).toBe('suggested');
    // The earliest source gives the event its date, time and description.
    expect(event?.sources.map((s) => s.agencyName)).toEqual(['Ambulance Service', 'Acute Hospital Trust']);
    expect(event?.time).toBe('19:40');
    expect(event?.description).toBe(AMBULANCE_AE.description);
  });

  it('suggests the same strategy meeting recorded by police and social care on adjacent days', () => {
    const result = merge([POLICE_STRATEGY, CSC_STRATEGY], [], OPTIONS);
    expect(sourcesOf(result)).toEqual([['req-police:r1', 'req-csc:r1']]);
    expect(result.entries[0]).toMatchObject({ grouping: 'suggested', sortDate: '2019-05-14' });
  });

  it('only within the day window', () => {
    const later = { ...CSC_STRATEGY, date: day('2019-05-16') };
    expect(merge([POLICE_STRATEGY, later], [], OPTIONS).entries).toHaveLength(2);
    expect(merge([POLICE_STRATEGY, later], [], { ...OPTIONS, groupWindowDays: 2 }).entries).toHaveLength(1);
    expect(merge([POLICE_STRATEGY, CSC_STRATEGY], [], { ...OPTIONS, groupWindowDays: 0 }).entries).toHaveLength(2);
  });

  it('does not group a home visit with a school absence on the same day', () => {
    const result = merge([CSC_VISIT, SCHOOL_ABSENCE], [], OPTIONS);
    expect(result.entries.map((e) => e.grouping)).toEqual(['single', 'single']);
  });

  it('does not suggest rows whose day is approximate or not known', () => {
    const aboutDay = { ...CSC_STRATEGY, date: day('2019-05-14', true) };
    const month = { ...CSC_STRATEGY, date: { value: '2019-05', precision: 'month', approximate: false } as FuzzyDate };
    expect(merge([POLICE_STRATEGY, aboutDay], [], OPTIONS).entries).toHaveLength(2);
    expect(merge([POLICE_STRATEGY, month], [], OPTIONS).entries).toHaveLength(2);
  });

  it('never suggests two rows of one agency as one event', () => {
    const policeAgain = row('police', 'r2', '2019-05-14', POLICE_STRATEGY.description);
    const result = merge([POLICE_STRATEGY, policeAgain, CSC_STRATEGY], [], OPTIONS);
    expect(result.entries).toHaveLength(2);
    for (const entry of result.entries) {
      const agencies = entry.sources.map((s) => s.agencyId);
      expect(new Set(agencies).size).toBe(agencies.length);
    }
  });

  it('groups three agencies that recorded one event', () => {
    const health = row(
      'health',
      'r1',
      '2019-05-14',
      'Health attended strategy meeting with police and CSC; S47 agreed.',
    );
    const result = merge([POLICE_STRATEGY, CSC_STRATEGY, health], [], OPTIONS);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]?.sources).toHaveLength(3);
  });
});

describe('merge: gaps in agency contact', () => {
  const contacts = [
    row('police', 'a', '2019-01-01', 'Welfare check.'),
    row('school', 'b', '2019-01-10', 'Attendance meeting.'),
    row('health', 'c', '2019-03-01', 'Developmental review.'),
    row('csc', 'd', '2019-03-20', 'Home visit.'),
  ];

  it('shows periods of more than the threshold with no contact: their first and last days, and how many', () => {
    // Contacts on 10 January and 1 March 2019: no contact from 11 January to 28 February, 49 days.
    expect(merge(contacts, [], { gapDays: 28 }).gaps).toEqual([{ from: '2019-01-11', to: '2019-02-28', days: 49 }]);
    expect(merge(contacts, [], { gapDays: 5 }).gaps).toEqual([
      { from: '2019-01-02', to: '2019-01-09', days: 8 },
      { from: '2019-01-11', to: '2019-02-28', days: 49 },
      { from: '2019-03-02', to: '2019-03-19', days: 18 },
    ]);
    // "More than": 49 days without contact is a gap over a threshold of 48, not of 49.
    expect(merge(contacts, [], { gapDays: 48 }).gaps).toHaveLength(1);
    expect(merge(contacts, [], { gapDays: 49 }).gaps).toEqual([]);
    // Contact on consecutive days leaves no day without it.
    const daily = [row('police', 'a', '2019-01-01', 'Welfare check.'), row('school', 'b', '2019-01-02', 'Absent.')];
    expect(merge(daily, [], { gapDays: 0 }).gaps).toEqual([]);
  });

  it('measures from the end of a span to the start of the next', () => {
    const spans = [
      row('police', 'a', { value: '2018', precision: 'year', approximate: true }, 'Known to police about then.'),
      row('school', 'b', { value: '2018-06', precision: 'month', approximate: false }, 'Started nursery.'),
      row('health', 'c', { value: '2019-03', precision: 'month', approximate: false }, 'Seen by GP.'),
    ];
    expect(merge(spans, [], { gapDays: 28 }).gaps).toEqual([{ from: '2019-01-01', to: '2019-02-28', days: 59 }]);
  });
});

describe('merge: the business office decides', () => {
  const unrelated = row('school', 'r9', '2019-05-20', 'Child told teacher about the hospital visit last week.');

  it('keeps a confirmed group whatever its dates and descriptions, even of one agency', () => {
    const sameAgency = row('hospital', 'r2', '2019-05-13', 'Discharged home with follow-up in fracture clinic.');
    const confirm = decision('confirm', [HOSPITAL_AE.entryId, sameAgency.entryId, unrelated.entryId]);
    const result = merge([HOSPITAL_AE, sameAgency, unrelated, CSC_VISIT], [confirm], OPTIONS);
    expect(sourcesOf(result)).toEqual([['req-hospital:r1', 'req-hospital:r2', 'req-school:r9'], ['req-csc:r2']]);
    expect(result.entries[0]?.grouping).toBe('confirmed');
  });

  it('keeps confirmed groups and their ids when more agencies send rows', () => {
    const confirm = decision('confirm', [HOSPITAL_AE.entryId, unrelated.entryId]);
    const first = merge([HOSPITAL_AE, unrelated], [confirm], OPTIONS);
    const again = merge([HOSPITAL_AE, unrelated, AMBULANCE_AE, CSC_VISIT], [confirm], OPTIONS, previousOf(first));
    const kept = entryWith(again, HOSPITAL_AE.entryId);
    expect(kept.grouping).toBe('confirmed');
    expect(kept.sources.map((s) => s.entryId)).toEqual([HOSPITAL_AE.entryId, unrelated.entryId]);
    expect(kept.id).toBe(first.entries[0]?.id);
    // The ambulance row is not pulled into the confirmed event: the office confirmed exactly those rows.
    expect(entryWith(again, AMBULANCE_AE.entryId).grouping).toBe('single');
  });

  it('keeps split rows apart over suggestions, and across re-merges', () => {
    const split = decision('split', [HOSPITAL_AE.entryId, AMBULANCE_AE.entryId]);
    const first = merge([HOSPITAL_AE, AMBULANCE_AE], [split], OPTIONS);
    expect(first.entries.map((e) => e.grouping)).toEqual(['single', 'single']);
    const policeAe = row(
      'police',
      'r5',
      '2019-05-12',
      'Police attended A&E: bruising to face, reported fall from sofa.',
    );
    const again = merge([HOSPITAL_AE, AMBULANCE_AE, policeAe, CSC_VISIT], [split], OPTIONS, previousOf(first));
    expect(entryWith(again, HOSPITAL_AE.entryId)).not.toBe(entryWith(again, AMBULANCE_AE.entryId));
  });

  it('takes split rows out of a confirmed group, keeping the earliest', () => {
    const confirm = decision('confirm', [HOSPITAL_AE.entryId, AMBULANCE_AE.entryId, unrelated.entryId], '2024-03-01');
    const split = decision('split', [HOSPITAL_AE.entryId, AMBULANCE_AE.entryId], '2024-03-02');
    const result = merge([HOSPITAL_AE, AMBULANCE_AE, unrelated], [split, confirm], OPTIONS);
    expect(entryWith(result, AMBULANCE_AE.entryId).sources.map((s) => s.entryId)).toEqual([
      AMBULANCE_AE.entryId,
      unrelated.entryId,
    ]);
    expect(entryWith(result, HOSPITAL_AE.entryId).sources).toHaveLength(1);
  });

  it('lets the latest decision on the same rows win', () => {
    const split = decision('split', [HOSPITAL_AE.entryId, AMBULANCE_AE.entryId], '2024-03-01');
    const confirm = decision('confirm', [HOSPITAL_AE.entryId, AMBULANCE_AE.entryId], '2024-03-05');
    expect(merge([HOSPITAL_AE, AMBULANCE_AE], [confirm, split], OPTIONS).entries[0]?.grouping).toBe('confirmed');
    const resplit = decision('split', [HOSPITAL_AE.entryId, AMBULANCE_AE.entryId], '2024-03-09');
    expect(merge([HOSPITAL_AE, AMBULANCE_AE], [confirm, split, resplit], OPTIONS).entries).toHaveLength(2);
  });

  it('ignores decided rows that are no longer in the chronology, without failing', () => {
    const confirm = decision('confirm', [HOSPITAL_AE.entryId, 'req-gone:r1', unrelated.entryId]);
    const lonely = decision('confirm', [CSC_VISIT.entryId, 'req-gone:r2']);
    const split = decision('split', ['req-gone:r1', 'req-gone:r2']);
    const result = merge([HOSPITAL_AE, unrelated, CSC_VISIT], [confirm, lonely, split], OPTIONS);
    expect(sourcesOf(result)).toEqual([[HOSPITAL_AE.entryId, unrelated.entryId], [CSC_VISIT.entryId]]);
    expect(result.entries.map((e) => e.grouping)).toEqual(['confirmed', 'single']);
  });
});

describe('merge: stable ids', () => {
  const base = [HOSPITAL_AE, AMBULANCE_AE, POLICE_STRATEGY, CSC_STRATEGY, CSC_VISIT, SCHOOL_ABSENCE];
  const idsByRow = (result: MergeResult) =>
    Object.fromEntries(result.entries.flatMap((e) => e.sources.map((s) => [s.entryId, e.id])));

  it('derives a single row’s id from its entryId', () => {
    const once = merge([CSC_VISIT], [], OPTIONS);
    const twice = merge([SCHOOL_ABSENCE, CSC_VISIT], [], OPTIONS);
    expect(entryWith(once, CSC_VISIT.entryId).id).toBe(entryWith(twice, CSC_VISIT.entryId).id);
    expect(entryWith(twice, SCHOOL_ABSENCE.entryId).id).not.toBe(entryWith(twice, CSC_VISIT.entryId).id);
  });

  it('leaves every id unchanged when another agency adds unrelated rows', () => {
    const first = merge(base, [], OPTIONS);
    const housing = [
      { ...row('school', 'h1', '2019-05-30', 'Rent arrears letter.'), agencyId: 'housing', agencyName: 'Housing' },
      { ...row('school', 'h2', '2019-04-01', 'Repairs visit.'), agencyId: 'housing', agencyName: 'Housing' },
    ];
    const withPrevious = merge([...housing, ...base], [], OPTIONS, previousOf(first));
    const withoutPrevious = merge([...base, ...housing], [], OPTIONS);
    for (const again of [withPrevious, withoutPrevious]) {
      const before = idsByRow(first);
      const after = idsByRow(again);
      for (const [entryId, id] of Object.entries(before)) expect(after[entryId]).toBe(id);
    }
  });

  it('keeps a group’s id when it grows, and a row’s id when it joins a group', () => {
    const first = merge([POLICE_STRATEGY, CSC_STRATEGY, HOSPITAL_AE], [], OPTIONS);
    const meeting = entryWith(first, POLICE_STRATEGY.entryId);
    const health = row(
      'health',
      'r1',
      '2019-05-14',
      'Health attended strategy meeting with police and CSC; S47 agreed.',
    );
    const grown = merge([POLICE_STRATEGY, CSC_STRATEGY, HOSPITAL_AE, health], [], OPTIONS, previousOf(first));
    expect(entryWith(grown, health.entryId)).toMatchObject({ id: meeting.id });
    expect(entryWith(grown, health.entryId).sources).toHaveLength(3);

    const alone = entryWith(first, HOSPITAL_AE.entryId);
    const joined = merge([POLICE_STRATEGY, CSC_STRATEGY, HOSPITAL_AE, AMBULANCE_AE], [], OPTIONS, previousOf(first));
    expect(entryWith(joined, AMBULANCE_AE.entryId)).toMatchObject({ id: alone.id, grouping: 'suggested' });
  });

  it('keeps ids unique when a group splits, giving the group’s id to the rows that stay together', () => {
    const health = row(
      'health',
      'r1',
      '2019-05-14',
      'Health attended strategy meeting with police and CSC; S47 agreed.',
    );
    const rows = [POLICE_STRATEGY, CSC_STRATEGY, health];
    const first = merge(rows, [], OPTIONS);
    const groupId = first.entries[0]?.id;
    const split = decision('split', [POLICE_STRATEGY.entryId, CSC_STRATEGY.entryId, health.entryId].slice(0, 2));
    const again = merge(rows, [split], OPTIONS, previousOf(first));
    const ids = again.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(groupId);
  });

  it('gives the same ids when nothing changed', () => {
    const first = merge(base, [], OPTIONS);
    expect(merge(base, [], OPTIONS, previousOf(first))).toEqual(first);
  });
});
