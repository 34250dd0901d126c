import { caseRag, summaryRag } from '../../web/src/lib/rag';

const TODAY = '2026-12-01';

describe('the red / amber / green state of a case', () => {
  test('a case with no requests is amber: nobody has been asked yet', () => {
    expect(caseRag([], TODAY)).toEqual({ state: 'amber', reasons: ['No requests yet'] });
  });

  test('an overdue outstanding request makes it red', () => {
    const rag = caseRag([{ status: 'sent', dueOn: '2026-11-27', workingDaysLeft: -2 }], TODAY);
    expect(rag.state).toBe('red');
    expect(rag.reasons).toContain('1 return overdue');
  });

  test('an immediate safety concern makes it red, even when the return is in', () => {
    const rag = caseRag(
      [{ status: 'submitted', dueOn: '2026-12-10', workingDaysLeft: 7, immediateSafetyConcern: true }],
      TODAY,
    );
    expect(rag).toEqual({ state: 'red', reasons: ['1 immediate safety concern'] });
  });

  test('a return due within 2 working days, or a request not sent, makes it amber', () => {
    expect(caseRag([{ status: 'opened', dueOn: '2026-12-03', workingDaysLeft: 2 }], TODAY)).toEqual({
      state: 'amber',
      reasons: ['1 return due within 2 working days'],
    });
    expect(caseRag([{ status: 'draft', dueOn: '2026-12-15', workingDaysLeft: 10 }], TODAY).reasons).toEqual([
      '1 request not sent',
    ]);
  });

  test('due today counts as due soon, not overdue', () => {
    expect(caseRag([{ status: 'in-progress', dueOn: TODAY, workingDaysLeft: 0 }], TODAY).state).toBe('amber');
  });

  test('returns in, accepted or closed without a return are never overdue', () => {
    const closed = ['submitted', 'accepted', 'not-involved', 'withdrawn'].map((status) => ({
      status,
      dueOn: '2026-11-01',
      workingDaysLeft: -20,
    }));
    expect(caseRag(closed, TODAY)).toEqual({ state: 'green', reasons: ['No returns outstanding'] });
  });

  test('reopened for more information, a request is outstanding again', () => {
    expect(caseRag([{ status: 'more-info-requested', dueOn: '2026-11-30', workingDaysLeft: -1 }], TODAY).state).toBe(
      'red',
    );
  });

  test('without the API working-day count, calendar days stand in', () => {
    expect(caseRag([{ status: 'sent', dueOn: '2026-11-30' }], TODAY).state).toBe('red');
    expect(caseRag([{ status: 'sent', dueOn: '2026-12-20' }], TODAY)).toEqual({
      state: 'green',
      reasons: ['Returns on track'],
    });
  });

  test('red lists every reason, amber ones too', () => {
    const rag = caseRag(
      [
        { status: 'sent', dueOn: '2026-11-20', workingDaysLeft: -7 },
        { status: 'sent', dueOn: '2026-11-21', workingDaysLeft: -6 },
        { status: 'draft', dueOn: '2026-12-15', workingDaysLeft: 10 },
      ],
      TODAY,
    );
    expect(rag).toEqual({ state: 'red', reasons: ['2 returns overdue', '1 request not sent'] });
  });
});

describe('the red / amber / green state from the case list summary', () => {
  const summary = {
    total: 3,
    notSent: 0,
    awaiting: 2,
    overdue: 0,
    dueSoon: 0,
    submitted: 1,
    closed: 0,
    safetyConcerns: 0,
  };

  test('on track, with the returns waiting to be checked said', () => {
    expect(summaryRag(summary)).toEqual({ state: 'green', reasons: ['Returns on track', '1 return to check'] });
  });

  test('overdue or a safety concern is red; due soon or not sent is amber', () => {
    expect(summaryRag({ ...summary, overdue: 1, safetyConcerns: 1 })).toEqual({
      state: 'red',
      reasons: ['1 immediate safety concern', '1 return overdue', '1 return to check'],
    });
    expect(summaryRag({ ...summary, dueSoon: 2, notSent: 1, submitted: 0 })).toEqual({
      state: 'amber',
      reasons: ['2 returns due within 2 working days', '1 request not sent'],
    });
  });

  test('no requests yet is amber; everything closed is green', () => {
    expect(summaryRag({ ...summary, total: 0, awaiting: 0, submitted: 0 }).state).toBe('amber');
    expect(summaryRag({ ...summary, awaiting: 0, submitted: 0, closed: 3 })).toEqual({
      state: 'green',
      reasons: ['No returns outstanding'],
    });
  });
});
