import { byMostRecentlyClosed, caseListHref, caseListStatus } from '../../web/src/lib/case-status';

describe('open and closed cases on the Cases page', () => {
  test('the address says which cases are listed; anything else lists open cases', () => {
    expect(caseListStatus('')).toBe('open');
    expect(caseListStatus('?status=open')).toBe('open');
    expect(caseListStatus('?status=closed')).toBe('closed');
    expect(caseListStatus('?status=CLOSED')).toBe('open');
    expect(caseListStatus('?status=deleted')).toBe('open');
  });

  test('each list has its own address, which reads back as the same list', () => {
    expect(caseListHref('open')).toBe('/cases');
    expect(caseListHref('closed')).toBe('/cases?status=closed');
    expect(caseListStatus(new URL(caseListHref('closed'), 'https://portal.example').search)).toBe('closed');
    expect(caseListStatus(new URL(caseListHref('open'), 'https://portal.example').search)).toBe('open');
  });

  test('closed cases are listed most recently closed first, by reference when closed at the same time', () => {
    const cases = [
      { reference: 'CSPR-2026-001', closedAt: '2026-03-01T10:00:00.000Z' },
      { reference: 'CSPR-2026-003', closedAt: '2026-05-01T10:00:00.000Z' },
      { reference: 'CSPR-2026-004' },
      { reference: 'CSPR-2026-002', closedAt: '2026-05-01T10:00:00.000Z' },
    ];
    expect([...cases].sort(byMostRecentlyClosed).map((c) => c.reference)).toEqual([
      'CSPR-2026-002',
      'CSPR-2026-003',
      'CSPR-2026-001',
      'CSPR-2026-004',
    ]);
  });
});
