import { checkRow, emptyRow, inRow } from '../../web/src/lib/chronology';
import { readFuzzyDate } from '../../web/src/lib/fuzzy';
import {
  checkKindedSection,
  emptyOrgRow,
  kindedDraft,
  kindedFromContent,
  namedDateProblem,
  pageOfPath,
  recordsQuestion,
  rowErrorsFrom,
} from '../../web/src/lib/kinded';
import { chronology, chronologyRow } from '../support/returns';

const TODAY = '2026-12-01';
const options = { today: TODAY, analysisColumns: false };
const problemOf = (text: string): string => {
  const read = readFuzzyDate(text, TODAY);
  if (!('problem' in read)) throw new Error(`"${text}" was read`);
  return read.problem;
};

describe('a chronology row’s errors, linked from a summary', () => {
  const form = kindedFromContent('chronology', chronology([chronologyRow('r1'), chronologyRow('r2')]));
  const rowId = form.rows[1]!.rowId;

  test('link to the row’s form saying which summary they came from', () => {
    expect(pageOfPath(form, 'rows[1].sourceRecord')).toBe(`rows/${rowId}?from=check`);
    expect(pageOfPath(form, 'content.rows[1].date.value', 'rows')).toBe(`rows/${rowId}?from=rows`);
    // The list's own problem is on the events table, not in a row.
    expect(pageOfPath(form, 'rows', 'rows')).toBe('rows');
  });

  test('the row form reached by such a link shows the row’s errors; reached otherwise, none', () => {
    expect(rowErrorsFrom('?from=rows')).toBe('rows');
    expect(rowErrorsFrom('?from=check')).toBe('check');
    expect(rowErrorsFrom('')).toBeUndefined();
    expect(rowErrorsFrom('?from=elsewhere')).toBeUndefined();
  });

  test('the message in the summary and the one by the field are about the same field', () => {
    const row = { ...form.rows[1]!, sourceRecord: '' };
    const [onPage] = checkRow(row, 1, options);
    expect(onPage).toEqual({
      path: 'rows[1].sourceRecord',
      fieldId: 'row-sourceRecord',
      message: 'Enter the source record, such as a case note number',
    });
    expect(inRow(onPage!).message).toBe('Row 2, Source record: Enter the source record, such as a case note number');
    expect(pageOfPath(form, onPage!.path, 'rows')).toBe(`rows/${rowId}?from=rows`);
  });
});

describe('a wrong date names its item, as a missing one does', () => {
  test.each([
    ['Mya 2019', 'The date of contact 2 must be a real date, like 12/05/2019, May 2019 or about 2018'],
    ['2030', 'The date of contact 2 cannot be in the future'],
    ['00/05/2019', 'The date of contact 2 must be a real date: the day must be from 1 to 31'],
    ['0 May 2019', 'The date of contact 2 must be a real date: the day must be from 1 to 31'],
    ['2019-02-00', 'The date of contact 2 must be a real date: the day must be from 1 to 28'],
    ['31/02/2019', 'The date of contact 2 must be a real date: February 2019 has 28 days'],
    ['12/05/19', 'Enter the date of contact 2 with the year in full, like 12/05/2019 rather than 12/05/19'],
    ['May-19', 'Enter the date of contact 2 with the month and year in full, like May 2019'],
    ['1850', 'The date of contact 2 must be in 1900 or later'],
    ['05/13/2019', 'There is no month 13 in the date of contact 2: enter the day first, like 13/05/2019'],
    ['winter 2019', 'Winter spans two years: enter the date of contact 2 as a month, like January 2019, or about 2019'],
    [
      'about autumn 2023',
      'A season has no set months: enter the date of contact 2 as a month, like about October 2023, or the year, like about 2023',
    ],
    [
      'early 12/05/2019',
      'Enter the date of contact 2 as a whole date or a part of a month or year, like 12/05/2019, May 2019 or about 2018',
    ],
    [
      'Monday May 2019',
      'The date of contact 2 can have a day of the week only if it is a full date, like Monday 13/05/2019',
    ],
    ['Monday 12/05/2019', 'Check the date of contact 2: 12 May 2019 was a Sunday, not a Monday'],
  ])('"%s"', (typed, message) => {
    expect(namedDateProblem(problemOf(typed), 'the date of contact 2')).toBe(message);
  });

  test('on the page of a factual summary and of organisational changes, and in a draft', () => {
    const summary = kindedFromContent('factual-summary', {});
    summary.summary = 'Two visits.';
    summary.contacts = [
      { dateText: '12/05/2019', description: 'Visit' },
      { dateText: '00/05/2019', description: 'Visit' },
    ];
    expect(checkKindedSection(summary, 'summary', options)).toEqual([
      {
        path: 'contacts[1].date',
        fieldId: 'contacts-1-date',
        message: 'The date of contact 2 must be a real date: the day must be from 1 to 31',
      },
    ]);
    const changes = kindedFromContent('organisational-chronology', {});
    changes.orgRows = [{ ...emptyOrgRow(), dateText: 'Mya 2019', change: 'Teams merged' }];
    const wrong = 'The date of change 1 must be a real date, like 12/05/2019, May 2019 or about 2018';
    expect(checkKindedSection(changes, 'changes', options).map((e) => e.message)).toEqual([wrong]);
    expect(kindedDraft(changes).errors.map((e) => e.message)).toEqual([wrong]);
    changes.orgRows[0]!.dateText = '';
    expect(checkKindedSection(changes, 'changes', options).map((e) => e.message)).toEqual([
      'Enter the date of change 1, like 12/05/2019, May 2019 or about 2018',
    ]);
  });

  test('a chronology row’s own form says "the date"', () => {
    expect(namedDateProblem(problemOf('Mya 2019'), 'the date')).toBe(
      'The date must be a real date, like 12/05/2019, May 2019 or about 2018',
    );
    expect(checkRow({ ...emptyRow('r1') }, 0, options)[0]!.message).toMatch(/^Enter the date, like/);
  });
});

describe('the first question of an organisational chronology', () => {
  test('asks about involvement, since "no" is a nil return: no records of the child or family', () => {
    const org = recordsQuestion('organisational-chronology');
    expect(org.legend).toMatch(/involved with the child or their family during the period/);
    expect(org.no).toMatch(/no records of the child or family \(nil return\)/);
    expect(org.yesHint).toMatch(/If there were none, you can say so/);
    expect(recordsQuestion('chronology').legend).toBe('Does your agency hold records of the child or their family?');
    const form = kindedFromContent('organisational-chronology', {});
    expect(checkKindedSection(form, 'records', options).map((e) => e.message)).toEqual([org.error]);
  });

  test('"no changes" is an organisational chronology with no rows, not a nil return', () => {
    const form = { ...kindedFromContent('organisational-chronology', {}), records: 'yes' as const };
    expect(checkKindedSection(form, 'changes', options)).toEqual([]);
    expect(kindedDraft(form).content.kind).toBe('organisational-chronology');
  });
});
