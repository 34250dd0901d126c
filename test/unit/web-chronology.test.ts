import { Chronology, ReturnContent, ReturnDraft } from '../../functions/contract/returns';
import { checkRow, emptyRow, inRow, newRowId, rowIssueError, rowOfPath, sortRows } from '../../web/src/lib/chronology';
import { describeFuzzyDate, isFutureFuzzyDate, readFuzzyDate } from '../../web/src/lib/fuzzy';
import {
  buildKinded,
  checkKindedSection,
  kindedDraft,
  kindedErrorsFromIssues,
  kindedFromContent,
  kindedSections,
  pageOfPath,
} from '../../web/src/lib/kinded';
import {
  chronology,
  chronologyRow,
  factualSummary,
  informationReport,
  nilReturn,
  organisationalChronology,
} from '../support/returns';

const TODAY = '2026-12-01';
const withToday = <T extends { declaration: Record<string, unknown> }>(content: T): T => ({
  ...content,
  declaration: { ...content.declaration, date: TODAY },
});
const options = { today: TODAY, analysisColumns: false };

describe('chronology dates in the page', () => {
  test('are read by the API’s own parser, and what was understood is said', () => {
    const read = readFuzzyDate('about May 2019', TODAY);
    expect(read).toEqual({ date: { value: '2019-05', precision: 'month', approximate: true } });
    expect(describeFuzzyDate({ value: '2019-05', precision: 'month', approximate: true })).toBe('about May 2019');
    expect(describeFuzzyDate({ value: '2019-05-12', precision: 'day', approximate: false })).toBe('12 May 2019');
    expect(readFuzzyDate('12/05/19', TODAY)).toEqual({ problem: expect.stringContaining('year in full') });
    expect(readFuzzyDate('  ', TODAY)).toEqual({ missing: true });
  });

  test('a precise date may not be in the future; an approximate one may reach a month ahead', () => {
    expect(isFutureFuzzyDate({ value: '2026-12-02', precision: 'day', approximate: false }, TODAY)).toBe(true);
    expect(isFutureFuzzyDate({ value: '2026-12', precision: 'month', approximate: true }, TODAY)).toBe(false);
    expect(readFuzzyDate('2030', TODAY)).toEqual({ problem: 'The date cannot be in the future' });
  });
});

describe('chronology rows', () => {
  test('new row ids fit the API’s pattern and differ', () => {
    const a = newRowId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    expect(newRowId()).not.toBe(a);
  });

  test('a row’s problems are named by row and column for the summary, and link to the row form', () => {
    const row = { ...emptyRow('r1'), date: { value: '2019-05', precision: 'month' as const, approximate: true } };
    const errors = checkRow(row, 3, { ...options, analysisColumns: true }).map(inRow);
    expect(errors.map((e) => e.fieldId)).toEqual([
      'row-sourceRecord',
      'row-event',
      'row-actionOutcome',
      'row-practitionerRole',
      'row-factOrOpinion',
      'row-expectedPractice',
    ]);
    expect(errors[1]).toEqual({
      path: 'rows[3].event',
      fieldId: 'row-event',
      message: 'Row 4, What happened: Enter what happened',
    });
  });

  test('the API’s issues on rows map to the row and column', () => {
    expect(rowOfPath('content.rows[3].date.value')).toEqual({ index: 3, key: 'date' });
    expect(rowIssueError({ path: 'content.rows[3].date.value', message: 'The date cannot be in the future' })).toEqual({
      path: 'rows[3].date',
      fieldId: 'row-date',
      message: 'Row 4, Date: The date cannot be in the future',
    });
    expect(
      rowIssueError({ path: 'rows[2].factOrOpinion', message: 'Invalid option: expected one of "fact"|"opinion"' }),
    ).toEqual({
      path: 'rows[2].factOrOpinion',
      fieldId: 'row-factOrOpinion',
      message: 'Row 3, Fact or opinion: Enter fact or opinion',
    });
    const form = kindedFromContent('chronology', chronology());
    const errors = kindedErrorsFromIssues([
      { path: 'content.declaration.name', message: 'Too long' },
      { path: 'content.rows[1].date.value', message: 'The date cannot be in the future' },
      { path: 'content.rows[1].date.precision', message: 'Invalid' },
    ]);
    expect(errors.map((e) => e.message)).toEqual(['Too long', 'Row 2, Date: The date cannot be in the future']);
    expect(pageOfPath(form, errors[1]!.path)).toBe(`rows/${form.rows[1]!.rowId}?from=check`);
    expect(pageOfPath(form, 'declaration.name')).toBe('declaration');
  });

  test('sort by date: by the start of the span, the more precise first, then time; undated rows last', () => {
    const at = (rowId: string, value: string, precision: 'day' | 'month' | 'year', time = '') => ({
      ...emptyRow(rowId),
      date: { value, precision, approximate: false },
      time,
    });
    const rows = [
      at('year', '2019', 'year'),
      { ...emptyRow('none') },
      at('late', '2019-01-01', 'day', '15:00'),
      at('early', '2019-01-01', 'day', '09:00'),
      at('month', '2019-01', 'month'),
      at('first', '2018-06-01', 'day'),
    ];
    expect(sortRows(rows).map((r) => r.rowId)).toEqual(['first', 'early', 'late', 'month', 'year', 'none']);
  });
});

describe('the returns other than the Information Request Reply', () => {
  test.each([
    ['chronology', chronology()],
    ['organisational-chronology', organisationalChronology()],
    ['information-report', informationReport()],
    ['factual-summary', factualSummary()],
  ] as const)('a complete %s survives the round trip through the form, and the API accepts it', (type, content) => {
    const complete = withToday(content as { declaration: Record<string, unknown> });
    const form = kindedFromContent(type, complete);
    expect(form.records).toBe('yes');
    const built = buildKinded(form, options);
    expect(built.errors).toEqual([]);
    expect(built.content).toEqual(complete);
    expect(ReturnContent.safeParse(built.content).success).toBe(true);
    const draft = kindedDraft(form);
    expect(draft.errors).toEqual([]);
    expect(ReturnDraft.safeParse(draft.content).success).toBe(true);
  });

  test('a nil return needs only what was searched and the declaration, and keeps the rows in the draft', () => {
    const form = {
      ...kindedFromContent('chronology', withToday(chronology())),
      records: 'no' as const,
      searched: 'Names and addresses.',
    };
    expect(kindedSections(form)).toEqual(['records', 'nil', 'declaration', 'attachments']);
    const built = buildKinded(form, options);
    expect(built.content).toEqual({ ...withToday(nilReturn()), searched: 'Names and addresses.' });
    const draft = kindedDraft(form).content;
    expect(draft.kind).toBe('nil-return');
    expect((draft.rows as unknown[]).length).toBe(2);
    expect(ReturnDraft.safeParse(draft).success).toBe(true);
    expect(kindedFromContent('chronology', draft).records).toBe('no');
  });

  test('an incomplete row is kept in the draft, and reported on its page', () => {
    const form = kindedFromContent('chronology', {
      kind: 'chronology',
      rows: [chronologyRow('r1'), { rowId: 'r2', date: { value: '2019-05', precision: 'month', approximate: true } }],
    });
    const draft = kindedDraft(form);
    expect(ReturnDraft.safeParse(draft.content).success).toBe(true);
    expect(checkKindedSection(form, 'rows', options).map((e) => e.message)).toContain(
      'Row 2, What happened: Enter what happened',
    );
    expect(Chronology.safeParse(buildKinded(form, options).content).success).toBe(false);
  });

  test('analysis columns are asked for only when the request says so', () => {
    const form = kindedFromContent('chronology', withToday(chronology()));
    expect(checkKindedSection(form, 'rows', { ...options, analysisColumns: true })).toHaveLength(2);
    form.rows = form.rows.map((r) => ({ ...r, expectedPractice: 'partly', analysisComment: 'Late referral.' }));
    const built = buildKinded(form, { ...options, analysisColumns: true });
    expect((built.content?.rows as { expectedPractice: string }[])[0]!.expectedPractice).toBe('partly');
  });

  test('an Information Report needs a theme, and a completed action its date', () => {
    const form = kindedFromContent('information-report', withToday(informationReport()));
    form.themes = [];
    form.actions = [{ action: 'Audit', status: 'completed', completedOn: { day: '', month: '', year: '' } }];
    expect(checkKindedSection(form, 'themes', options).map((e) => e.fieldId)).toEqual(['themes']);
    expect(checkKindedSection(form, 'actions', options).map((e) => e.fieldId)).toEqual([
      'actionsTaken-0-completedOn-day',
    ]);
  });

  test('a planned or in-progress action may give the date it is expected by, ahead of today', () => {
    const form = kindedFromContent('information-report', withToday(informationReport()));
    const next = { day: '31', month: '3', year: '2027' };
    form.actions = [
      { action: 'Training', status: 'planned', completedOn: next },
      { action: 'Audit', status: 'in-progress', completedOn: { day: '', month: '', year: '' } },
      { action: 'Policy', status: 'completed', completedOn: next },
    ];
    expect(checkKindedSection(form, 'actions', options).map((e) => e.fieldId)).toEqual([
      'actionsTaken-2-completedOn-day',
    ]);
    form.actions = form.actions.slice(0, 2);
    const built = buildKinded(form, options);
    expect(built.errors).toEqual([]);
    expect(built.content?.actionsTaken).toEqual([
      { action: 'Training', status: 'planned', completedOn: '2027-03-31' },
      { action: 'Audit', status: 'in-progress' },
    ]);
    expect(ReturnContent.safeParse(built.content).success).toBe(true);
  });

  test('a date typed that cannot be read is reported, not dropped, when saving a draft', () => {
    const form = kindedFromContent('factual-summary', {});
    form.contacts = [{ dateText: 'Mya 2019', description: 'Visit' }];
    expect(kindedDraft(form).errors).toEqual([
      {
        path: 'contacts[0].date',
        fieldId: 'contacts-0-date',
        message: 'The date of contact 1 must be a real date, like 12/05/2019, May 2019 or about 2018',
      },
    ]);
  });
});

describe('practitioners with a chronology or an Information Report (§8.10.1)', () => {
  const practitioners = [
    {
      name: 'Sam Fieldworker',
      role: 'Social worker',
      team: 'Locality 2',
      lineManager: { name: 'Pat Overseer', role: 'Team manager' },
    },
  ];

  test.each([
    ['chronology', () => chronology()],
    ['information-report', () => informationReport()],
  ] as const)('a %s names them on a page of its own, and submits them', (type, content) => {
    const given = withToday({ ...content(), practitioners });
    const form = kindedFromContent(type, given);
    expect(kindedSections(form)).toContain('practitioners');
    expect(checkKindedSection(form, 'practitioners', options)).toEqual([]);
    const built = buildKinded(form, options);
    expect(built.errors).toEqual([]);
    expect(built.content?.practitioners).toEqual(practitioners);
    expect(ReturnContent.safeParse(built.content).success).toBe(true);
    expect(ReturnDraft.safeParse(kindedDraft(form).content).success).toBe(true);
    expect(pageOfPath(form, 'content.practitioners[0].lineManager.name')).toBe('practitioners');
  });

  test('other returns do not ask for them, and none given sends none', () => {
    expect(kindedSections(kindedFromContent('factual-summary', withToday(factualSummary())))).not.toContain(
      'practitioners',
    );
    const built = buildKinded(kindedFromContent('chronology', withToday(chronology())), options);
    expect(built.content).not.toHaveProperty('practitioners');
  });

  test('a practitioner needs a name and a role', () => {
    const form = kindedFromContent('information-report', withToday(informationReport()));
    form.practitioners = [{ name: '', role: '', team: 'Locality 2', managerName: '', managerRole: '' }];
    expect(checkKindedSection(form, 'practitioners', options).map((e) => e.fieldId)).toEqual([
      'practitioners-0-name',
      'practitioners-0-role',
    ]);
  });
});
