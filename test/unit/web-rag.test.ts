import { caseRag, concernNeedsAction, summaryRag } from '../../web/src/lib/rag';
import type { Milestone } from '../../web/src/lib/types';
import { milestoneReasons, progressOf } from '../../web/src/office/milestones';

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
    expect(rag).toEqual({ state: 'red', reasons: ['1 immediate safety concern', '1 return to check'] });
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
    // The submitted one waits for the office's check, as the case list says too.
    expect(caseRag(closed, TODAY)).toEqual({ state: 'green', reasons: ['1 return to check'] });
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

describe("the red / amber / green state from the case's own statutory milestones", () => {
  // The reviewer's case: a Child Safeguarding Practice Review decided on 2 Mar 2026, seen on 27 Nov 2026.
  const NOW = '2026-11-27';
  const cspr: Milestone[] = [
    { key: 'review-complete', label: 'Child Safeguarding Practice Review completed', due: '2026-09-02' },
  ];
  const sent = [{ status: 'sent', dueOn: '2026-12-10', workingDaysLeft: 9 }];

  test('a review past its six months is red, with the duty to report the delay, not "On track"', () => {
    const rag = caseRag(sent, NOW, milestoneReasons(cspr, NOW, progressOf(sent)));
    expect(rag.state).toBe('red');
    expect(rag.reasons).toEqual([
      'Six-month completion date passed (Wed 2 Sep 2026): inform the National Panel and the Secretary of State of the delay and the reason (§3.1.3)',
    ]);
  });

  test('the case list says the same from its summary, and keeps the return-based reasons', () => {
    const summary = {
      total: 2,
      notSent: 1,
      awaiting: 1,
      overdue: 1,
      dueSoon: 0,
      submitted: 0,
      closed: 0,
      safetyConcerns: 0,
    };
    expect(summaryRag(summary, milestoneReasons(cspr, NOW, summary))).toEqual({
      state: 'red',
      reasons: [
        'Six-month completion date passed (Wed 2 Sep 2026): inform the National Panel and the Secretary of State of the delay and the reason (§3.1.3)',
        '1 return overdue',
        '1 request not sent',
      ],
    });
  });

  test('a review still within its six months stays green', () => {
    expect(caseRag(sent, '2026-08-01', milestoneReasons(cspr, '2026-08-01', progressOf(sent)))).toEqual({
      state: 'green',
      reasons: ['Returns on track'],
    });
  });

  const rapid: Milestone[] = [
    { key: 'requests-sent', label: 'Requests sent', due: '2026-11-20' },
    { key: 'replies-due', label: 'Replies due', due: '2026-12-02' },
    { key: 'meeting', label: 'Meeting', from: '2026-12-02', due: '2026-12-07' },
    { key: 'national-panel', label: 'National Panel', due: '2026-12-09' },
  ];

  test('a Rapid Review whose requests-sent date passed with every request sent is not red for it', () => {
    expect(caseRag(sent, NOW, milestoneReasons(rapid, NOW, progressOf(sent))).state).toBe('green');
  });

  test('a Rapid Review whose requests-sent date passed with a request not sent is red for it', () => {
    const requests = [...sent, { status: 'draft', dueOn: '2026-12-02', workingDaysLeft: 3 }];
    const rag = caseRag(requests, NOW, milestoneReasons(rapid, NOW, progressOf(requests)));
    expect(rag).toEqual({ state: 'red', reasons: ['Requests not all sent by Fri 20 Nov 2026', '1 request not sent'] });
  });

  test('a Rapid Review past its meeting and National Panel dates is not red for them: the portal cannot tell if they happened', () => {
    const later = '2026-12-10';
    const inAll = [{ status: 'accepted', dueOn: '2026-12-02', workingDaysLeft: -6 }];
    expect(caseRag(inAll, later, milestoneReasons(rapid, later, progressOf(inAll))).state).toBe('green');
  });

  test('a Rapid Review whose replies are not all in by their date is red for it', () => {
    const later = '2026-12-03';
    const rag = caseRag(sent, later, milestoneReasons(rapid, later, progressOf(sent)));
    expect(rag.state).toBe('red');
    expect(rag.reasons[0]).toBe('Replies not all in by Wed 2 Dec 2026');
  });
});

describe('nil returns in the state', () => {
  const summary = {
    total: 3,
    notSent: 0,
    awaiting: 0,
    overdue: 0,
    dueSoon: 0,
    submitted: 1,
    closed: 2,
    safetyConcerns: 0,
    nilReturns: 2,
  };

  test('are counted apart from returns with information, and never as outstanding', () => {
    expect(summaryRag(summary)).toEqual({
      state: 'green',
      reasons: ['1 return to check', '2 nil returns (no records held)'],
    });
    expect(summaryRag({ ...summary, submitted: 0, closed: 3, nilReturns: 1 })).toEqual({
      state: 'green',
      reasons: ['No returns outstanding', '1 nil return (no records held)'],
    });
  });

  test('the case page says what the case list says, from the requests themselves', () => {
    const requests = [
      { status: 'submitted', dueOn: '2026-12-10', workingDaysLeft: 7 },
      { status: 'accepted', dueOn: '2026-12-10', workingDaysLeft: 7, nilReturn: true },
      { status: 'submitted', dueOn: '2026-12-10', workingDaysLeft: 7, nilReturn: true },
    ];
    const fromSummary = summaryRag({ ...summary, submitted: 2, closed: 1 });
    expect(caseRag(requests, TODAY)).toEqual(fromSummary);
    expect(fromSummary.reasons).toEqual(['2 returns to check', '2 nil returns (no records held)']);
  });
});

describe('an immediate safety concern the office has acknowledged', () => {
  const ack = {
    returnVersion: 1,
    action: 'Discussed with MASH; police welfare check made 3 Dec',
    acknowledgedAt: '2026-12-01T10:00:00.000Z',
    acknowledgedBy: 'officer.leicester',
  };

  test('no longer makes the case red, on the case page or the dashboard, but is still said', () => {
    const requests = [
      {
        status: 'accepted',
        dueOn: '2026-12-10',
        workingDaysLeft: 7,
        immediateSafetyConcern: true,
        safetyConcernAcknowledgement: ack,
      },
    ];
    const expected = { state: 'green', reasons: ['No returns outstanding', '1 immediate safety concern acknowledged'] };
    expect(caseRag(requests, TODAY)).toEqual(expected);
    expect(
      summaryRag({
        total: 1,
        notSent: 0,
        awaiting: 0,
        overdue: 0,
        dueSoon: 0,
        submitted: 0,
        closed: 1,
        safetyConcerns: 0,
        safetyConcernsAcknowledged: 1,
      }),
    ).toEqual(expected);
  });

  test('leaves a new, unacknowledged concern red and first', () => {
    const rag = caseRag(
      [
        { status: 'accepted', dueOn: '2026-12-10', immediateSafetyConcern: true, safetyConcernAcknowledgement: ack },
        { status: 'submitted', dueOn: '2026-12-10', immediateSafetyConcern: true },
      ],
      TODAY,
    );
    expect(rag).toEqual({
      state: 'red',
      reasons: ['1 immediate safety concern', '1 return to check', '1 immediate safety concern acknowledged'],
    });
    expect(concernNeedsAction({ immediateSafetyConcern: true })).toBe(true);
    expect(concernNeedsAction({ immediateSafetyConcern: true, safetyConcernAcknowledgement: ack })).toBe(false);
    expect(concernNeedsAction({})).toBe(false);
  });
});
