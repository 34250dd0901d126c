import { ChronologyRow, ReturnContent, ReturnDraft, TIME_NEEDS_DAY } from '../../functions/contract/returns';
import { checkRow, emptyRow, inRow, TIME_NEEDS_DAY as WEB_TIME_NEEDS_DAY } from '../../web/src/lib/chronology';

const row = (date: Record<string, unknown>, time?: string) => ({
  rowId: 'r1',
  date,
  ...(time === undefined ? {} : { time }),
  sourceRecord: 'PNC 7',
  event: 'Father arrested',
  actionOutcome: 'Released',
  practitionerRole: 'Sergeant',
  factOrOpinion: 'fact',
});
const month = { precision: 'month', value: '2019-05', approximate: false };
const year = { precision: 'year', value: '2019', approximate: true };
const day = { precision: 'day', value: '2019-05-12', approximate: false };
const aboutDay = { ...day, approximate: true };
const declaration = {
  name: 'Jo Lead',
  role: 'Named safeguarding lead',
  date: '2026-11-27',
  factsDistinguishedFromOpinion: true,
  conflictOfInterest: { declared: false },
};

describe('a time needs a day: the contract', () => {
  it.each([
    ['a month', month],
    ['a year', year],
  ])('refuses a row with a time and %s, the issue on the time', (_, date) => {
    const parsed = ChronologyRow.safeParse(row(date, '14:30'));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['time'], message: TIME_NEEDS_DAY })]);
  });

  it.each([
    ['a day', day, '14:30'],
    ['an approximate day', aboutDay, '14:30'],
    ['a month, without a time', month, undefined],
  ])('takes %s', (_, date, time) => {
    expect(ChronologyRow.safeParse(row(date, time)).success).toBe(true);
  });

  it('refuses such a row in a submitted chronology, at the row and its time', () => {
    const parsed = ReturnContent.safeParse({ kind: 'chronology', rows: [row(day), row(month, '14:30')], declaration });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((i) => i.path.join('.').endsWith('rows.1.time'))).toBe(true);
  });

  // Like the other rules between fields (an end before its start), a draft keeps what was typed.
  it('lets a draft keep such a row, to be put right before submitting', () => {
    expect(ReturnDraft.safeParse({ kind: 'chronology', rows: [row(month, '14:30')] }).success).toBe(true);
  });
});

describe('a time needs a day: the page', () => {
  const options = { today: '2026-11-27', analysisColumns: false };
  const filled = { ...emptyRow('r1'), sourceRecord: 'PNC 7', event: 'Arrest', actionOutcome: 'Released' };
  const complete = { ...filled, practitionerRole: 'Sergeant', factOrOpinion: 'fact' as const };

  it('names the row and the column, in the words of the API', () => {
    const errors = checkRow(
      { ...complete, date: { value: '2019-05', precision: 'month', approximate: false }, time: '14:30' },
      2,
      options,
    ).map(inRow);
    expect(errors).toEqual([{ path: 'rows[2].time', fieldId: 'row-time', message: `Row 3, Time: ${TIME_NEEDS_DAY}` }]);
    expect(WEB_TIME_NEEDS_DAY).toBe(TIME_NEEDS_DAY);
  });

  it('takes a time with an approximate day, and a month without a time', () => {
    expect(
      checkRow(
        { ...complete, date: { value: '2019-05-12', precision: 'day', approximate: true }, time: '14:30' },
        0,
        options,
      ),
    ).toEqual([]);
    expect(
      checkRow(
        { ...complete, date: { value: '2019-05', precision: 'month', approximate: false }, time: ' ' },
        0,
        options,
      ),
    ).toEqual([]);
  });
});
