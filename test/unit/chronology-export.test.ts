import { merge, type SourceEntry } from '../../functions/domain/chronology/merge';
import { chronologyTable, type MergedChronologyDocument } from '../../functions/domain/services/chronology';

/** The table the CSV, Excel and Word exports of the multi-agency chronology are made from. */
const DESCRIPTION = 'Strategy meeting held about domestic abuse; section 47 enquiry agreed.';

const row = (entry: Partial<SourceEntry> & Pick<SourceEntry, 'entryId' | 'agencyId' | 'agencyName'>): SourceEntry => ({
  date: { value: '2021-05-12', precision: 'day', approximate: false },
  description: DESCRIPTION,
  factOrOpinion: 'fact',
  ...entry,
});

const csc = { agencyId: 'csc', agencyName: "Children's Social Care" };
const police = { agencyId: 'police', agencyName: 'Police' };

function tableOf(entries: SourceEntry[]) {
  const document: MergedChronologyDocument = {
    ...merge(entries, [], { gapDays: 3650 }),
    version: 1,
    generatedAt: '2026-11-27T10:00:00.000Z',
    sources: [],
  };
  const { header, rows } = chronologyTable(document);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

describe('the multi-agency chronology as a table', () => {
  it('keeps every agency’s account of an event several recorded, each named, with its own time', () => {
    const rows = tableOf([
      row({
        ...csc,
        entryId: 'r1:1',
        time: '09:15',
        description: 'Strategy meeting about domestic abuse; section 47 enquiry agreed, social worker allocated.',
        actionOutcome: 'Section 47 started',
        sourceRecord: 'Mosaic 1',
      }),
      row({
        ...police,
        entryId: 'r2:1',
        time: '22:40',
        description: 'Strategy discussion re domestic abuse, S47 agreed, police to lead the enquiry.',
        actionOutcome: 'Joint visit booked',
        factOrOpinion: 'opinion',
      }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Date: '12 May 2021',
      Approximate: '',
      Time: '',
      'What happened':
        "Children's Social Care (09:15): Strategy meeting about domestic abuse; section 47 enquiry agreed, social worker allocated.\n" +
        'Police (22:40): Strategy discussion re domestic abuse, S47 agreed, police to lead the enquiry.',
      'Agencies and sources': "Children's Social Care (Mosaic 1); Police",
      'Action or outcome': "Children's Social Care (09:15): Section 47 started\nPolice (22:40): Joint visit booked",
      'Fact or opinion': "Children's Social Care (09:15): fact\nPolice (22:40): opinion",
      Grouping: 'suggested (2 agencies)',
    });
  });

  it('names each agency’s own date when they recorded the event on different days, and keeps a shared time once', () => {
    const rows = tableOf([
      row({ ...csc, entryId: 'r1:1', time: '10:00' }),
      row({
        ...police,
        entryId: 'r2:1',
        time: '10:00',
        date: { value: '2021-05-13', precision: 'day', approximate: false },
      }),
    ]);
    expect(rows[0]).toMatchObject({ Time: '10:00', 'Fact or opinion': 'fact' });
    expect(rows[0]?.['What happened']).toBe(
      `Children's Social Care (12 May 2021): ${DESCRIPTION}\nPolice (13 May 2021): ${DESCRIPTION}`,
    );
  });

  it('gives a single agency’s row as written', () => {
    const rows = tableOf([row({ ...csc, entryId: 'r1:1', time: '09:15', actionOutcome: 'Plan agreed' })]);
    expect(rows[0]).toMatchObject({
      Time: '09:15',
      'What happened': DESCRIPTION,
      'Action or outcome': 'Plan agreed',
      'Fact or opinion': 'fact',
      Grouping: '',
    });
  });

  it('calls a date approximate only when the agency said so: a month or a year is a precise answer', () => {
    const rows = tableOf([
      row({ ...csc, entryId: 'r1:1', date: { value: '2021-05', precision: 'month', approximate: false } }),
      row({ ...csc, entryId: 'r1:2', date: { value: '2019', precision: 'year', approximate: true } }),
    ]);
    expect(rows.map((r) => [r.Date, r.Approximate])).toEqual([
      ['about 2019', 'yes'],
      ['May 2021', ''],
    ]);
  });
});
