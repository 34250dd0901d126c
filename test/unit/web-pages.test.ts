import { ApiError, isNotFound } from '../../web/src/lib/api';
import { codeRecipients } from '../../web/src/lib/code-recipients';
import { describeFuzzyDate, formatFuzzyDate, understoodText } from '../../web/src/lib/fuzzy';
import { kindedPageOf } from '../../web/src/lib/kinded';
import { replyPageOf } from '../../web/src/lib/reply';
import { documentTitle } from '../../web/src/lib/title';

const TODAY = '2026-12-01';

describe('where the sign-in code went', () => {
  test('a lead and a deputy whose addresses look alike once masked are told apart, not listed twice', () => {
    const masked = 'c•••@leicester-city.example.org';
    expect(codeRecipients([masked, masked])).toEqual([`${masked} (agency lead)`, `${masked} (deputy)`]);
  });

  test('a single address is shown as it is, and nothing more of an address is revealed', () => {
    expect(codeRecipients(['j•••@leics.police.uk'])).toEqual(['j•••@leics.police.uk']);
    expect(codeRecipients([])).toEqual([]);
  });
});

describe('page numbers of a return', () => {
  test('an Information Request Reply counts the documents and check your answers pages', () => {
    expect(replyPageOf('no-records', 'declaration')).toBe('Page 2 of 4');
    expect(replyPageOf('no-records', 'attachments')).toBe('Page 3 of 4');
    expect(replyPageOf('no-records', 'check')).toBe('Page 4 of 4');
    expect(replyPageOf('involved', 'involvement')).toBe('Page 1 of 10');
    expect(replyPageOf('involved', 'declaration')).toBe('Page 8 of 10');
    // Until the first question is answered, how many pages follow is not known.
    expect(replyPageOf('', 'involvement')).toBeUndefined();
    // A page a nil return does not have is not numbered.
    expect(replyPageOf('no-records', 'key-events')).toBeUndefined();
  });

  test('a chronology and a nil return count their pages in the order the lead goes through them', () => {
    const chronology = { type: 'chronology' as const, records: 'yes' as const };
    expect(
      (['records', 'rows', 'practitioners', 'declaration', 'attachments', 'check'] as const).map((p) =>
        kindedPageOf(chronology, p),
      ),
    ).toEqual(['Page 1 of 6', 'Page 2 of 6', 'Page 3 of 6', 'Page 4 of 6', 'Page 5 of 6', 'Page 6 of 6']);
    const nil = { type: 'information-report' as const, records: 'no' as const };
    expect(kindedPageOf(nil, 'declaration')).toBe('Page 3 of 5');
    expect(kindedPageOf(nil, 'themes')).toBeUndefined();
    expect(kindedPageOf(nil, 'practitioners')).toBeUndefined();
    // Practitioners and their line managers come after the actions (§8.10.1).
    expect(kindedPageOf({ type: 'information-report', records: 'yes' }, 'practitioners')).toBe('Page 6 of 9');
    expect(kindedPageOf({ type: 'information-report', records: 'yes' }, 'declaration')).toBe('Page 7 of 9');
    expect(kindedPageOf({ type: 'factual-summary', records: 'yes' }, 'practitioners')).toBeUndefined();
    expect(kindedPageOf({ type: 'chronology', records: '' }, 'records')).toBeUndefined();
  });
});

describe('approximate dates read one way everywhere', () => {
  test('as agencies type them and the merged chronology shows them: "about …"', () => {
    const date = { value: '2019', precision: 'year' as const, approximate: true };
    expect(describeFuzzyDate(date)).toBe('about 2019');
    expect(describeFuzzyDate(date)).toBe(formatFuzzyDate(date));
    expect(describeFuzzyDate({ value: '2019-05', precision: 'month', approximate: true })).toBe('about May 2019');
    expect(describeFuzzyDate({ value: '2026-09-03', precision: 'day', approximate: true })).toBe(
      'about 3 September 2026',
    );
  });
});

describe('what a date field says it understood', () => {
  test('a future date is flagged as the lead leaves the field, with the message the save check gives', () => {
    expect(understoodText('12/05/2030', TODAY)).toBe('Understood as 12 May 2030. The date cannot be in the future.');
    expect(understoodText('12/05/2019', TODAY)).toBe('Understood as 12 May 2019');
  });

  test('by the same rule as the save check: an approximate date may reach a month ahead', () => {
    expect(understoodText('about December 2026', TODAY)).toBe('Understood as about December 2026');
    expect(understoodText('02/12/2026', TODAY)).toBe(
      'Understood as 2 December 2026. The date cannot be in the future.',
    );
  });

  test('text that is not a date, or no text, says so or nothing', () => {
    expect(understoodText('12/05/19', TODAY)).toMatch(/^Not understood yet\. .*year in full/);
    expect(understoodText('  ', TODAY)).toBe('');
  });
});

describe('page titles', () => {
  test('name the service once', () => {
    expect(documentTitle('Cases')).toBe('Cases – Safeguarding returns portal');
    expect(documentTitle('Open a new case', true)).toBe('Error: Open a new case – Safeguarding returns portal');
    expect(documentTitle('Sign in to the Safeguarding returns portal')).toBe(
      'Sign in to the Safeguarding returns portal',
    );
  });
});

describe('a page whose address names nothing', () => {
  test('is not found, whether the API says so or that the identifier in it is malformed', () => {
    expect(isNotFound(new ApiError(404, 'not-found', 'The case was not found.'))).toBe(true);
    expect(isNotFound(new ApiError(400, 'malformed-id', 'Check the address'))).toBe(true);
    expect(isNotFound(new ApiError(400, 'invalid-request', 'Check the request'))).toBe(false);
  });
});
