import {
  contentTypeOf,
  fileNameParts,
  filesNotAccepted,
  formatSize,
  refusalOf,
  refusalReasonText,
} from '../../web/src/lib/attachments';

describe('attachments chosen in the page', () => {
  test('the type comes from the extension alone', () => {
    expect(contentTypeOf('Minutes.DOCX')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(contentTypeOf('report.pdf')).toBe('application/pdf');
    expect(contentTypeOf('contacts.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeOf('old.doc')).toBeUndefined();
    expect(contentTypeOf('README')).toBeUndefined();
  });

  test('other types, empty and oversize files and the limits are refused before anything is sent', () => {
    const MB = 1024 * 1024;
    expect(refusalOf({ name: 'notes.txt', size: 10 }, [])).toMatch(/must be a Word document/);
    expect(refusalOf({ name: 'a.pdf', size: 0 }, [])).toMatch(/empty/);
    expect(refusalOf({ name: 'a.pdf', size: 26 * MB }, [])).toMatch(/smaller than 25 MB/);
    const twenty = Array.from({ length: 20 }, () => ({ size: MB, status: 'available' as const }));
    expect(refusalOf({ name: 'a.pdf', size: MB }, twenty)).toMatch(/up to 20 files/);
    // A rejected file no longer counts against the limits.
    expect(
      refusalOf(
        { name: 'a.pdf', size: MB },
        twenty.map((a) => ({ ...a, status: 'rejected' as const })),
      ),
    ).toBeUndefined();
    const big = Array.from({ length: 4 }, () => ({ size: 24 * MB, status: 'available' as const }));
    expect(refusalOf({ name: 'a.pdf', size: 5 * MB }, big)).toMatch(/over 100 MB/);
    expect(formatSize(2.5 * MB)).toBe('2.5 MB');
    expect(formatSize(300)).toBe('1 KB');
  });
});

describe('files the office sees were not accepted', () => {
  const file = (over: Partial<{ id: string; status: 'available' | 'rejected' | 'scanning'; createdAt: string }>) => ({
    id: 'f',
    status: 'rejected' as const,
    createdAt: '2027-01-05T10:00:00.000Z',
    ...over,
  });

  test('only refused files are listed, oldest first', () => {
    const listed = filesNotAccepted([
      file({ id: 'late', createdAt: '2027-01-05T12:00:00.000Z' }),
      file({ id: 'released', status: 'available' }),
      file({ id: 'checking', status: 'scanning' }),
      file({ id: 'early', createdAt: '2027-01-05T09:00:00.000Z' }),
    ]);
    expect(listed.map((f) => f.id)).toEqual(['early', 'late']);
  });

  test('the reason is told to the office in plain words, not as the advice given to the agency', () => {
    const agencyAdvice = 'This file is a macro-enabled Word document. Save it as an ordinary .docx and try again.';
    expect(refusalReasonText({ rejectedReason: 'macro-enabled', rejectedMessage: agencyAdvice })).toBe(
      'It contained macros.',
    );
    expect(refusalReasonText({ rejectedReason: 'scan-infected' })).toMatch(/did not pass the virus check/);
    expect(refusalReasonText({ rejectedReason: 'scan-failed' })).toBe('The virus check could not clear it.');
    expect(refusalReasonText({ rejectedReason: 'type-not-allowed' })).toMatch(/not a Word \(\.docx\), Excel/);
    expect(refusalReasonText({ rejectedReason: 'size-mismatch' })).toMatch(/not the size declared/);
    // An unknown code, or none, falls back to what the agency was told; a reason is always given.
    expect(refusalReasonText({ rejectedReason: 'something-new', rejectedMessage: 'It was odd' })).toBe('It was odd.');
    expect(refusalReasonText({})).toBe('It did not pass the checks.');
  });
});

describe('a file name wraps between its words', () => {
  test('each piece ends where a line may break: after a dot, an underscore or a hyphen', () => {
    expect(fileNameParts('case-notes.pdf')).toEqual(['case-', 'notes.', 'pdf']);
    expect(fileNameParts('strategy_meeting_minutes_2024.03.14.docx')).toEqual([
      'strategy_',
      'meeting_',
      'minutes_',
      '2024.',
      '03.',
      '14.',
      'docx',
    ]);
    expect(fileNameParts('Strategy meeting minutes.docx')).toEqual(['Strategy meeting minutes.', 'docx']);
    expect(fileNameParts('..hidden--file')).toEqual(['..', 'hidden--', 'file']);
    expect(fileNameParts('')).toEqual([]);
  });
});
