import { InformationRequestReply, InformationRequestReplyDraft } from '../../functions/contract/returns';
import { endsBeforeStart } from '../../functions/domain/chronology/fuzzy-date';
import { replyDate, returnIssues } from '../../functions/domain/returns';
import { completeReply } from '../support/scenario';

/**
 * The Information Request Reply's dates keep their precision, as a chronology's do (DOMAIN.md: "an
 * uncertain or approximate date must be expressible"); v1's exact days are still accepted.
 */
const TODAY = '2026-11-27';
const request = { returnType: 'information-request-reply' as const, status: 'sent' };
const day = (value: string, approximate = false) => ({ precision: 'day' as const, value, approximate });
const month = (value: string, approximate = false) => ({ precision: 'month' as const, value, approximate });
const year = (value: string, approximate = false) => ({ precision: 'year' as const, value, approximate });

const reply = (overrides: Record<string, unknown>) =>
  completeReply({ declaration: { ...completeReply().declaration, date: TODAY }, ...overrides });

describe('the Information Request Reply’s dates', () => {
  it('takes a month, a year or an approximate date, and v1’s exact days', () => {
    const fuzzy = reply({
      periodFrom: month('2024-05'),
      periodTo: year('2026', true),
      keyEvents: [{ date: month('2026-02', true), description: 'Welfare call.' }],
    });
    expect(InformationRequestReply.safeParse(fuzzy).success).toBe(true);
    expect(returnIssues(fuzzy as never, request, TODAY)).toEqual([]);
    expect(InformationRequestReply.safeParse(reply({})).success).toBe(true);
    expect(returnIssues(reply({}) as never, request, TODAY)).toEqual([]);
  });

  it('refuses a date whose value does not match its precision, as a chronology’s', () => {
    expect(InformationRequestReply.safeParse(reply({ periodFrom: month('2024-05-01') })).success).toBe(false);
    expect(InformationRequestReply.safeParse(reply({ periodFrom: { value: '2024-05' } })).success).toBe(false);
    expect(InformationRequestReply.safeParse(reply({ periodFrom: '05/2024' })).success).toBe(false);
  });

  it('refuses a date in the future, and an end before its start, by their spans', () => {
    const issues = (overrides: Record<string, unknown>) =>
      returnIssues(reply(overrides) as never, request, TODAY).map((i) => `${i.path}: ${i.message}`);
    expect(issues({ periodFrom: month('2026-12', true), periodTo: month('2026-12') })).toEqual([
      'periodFrom: The start of involvement cannot be in the future',
      'periodTo: The end of involvement cannot be in the future',
    ]);
    // "About November 2026" is fine all month; the 28th is not, on the 27th.
    expect(issues({ keyEvents: [{ date: month('2026-11', true), description: 'x' }] })).toEqual([]);
    expect(issues({ keyEvents: [{ date: day('2026-11-28', true), description: 'x' }] })).toEqual([
      'keyEvents[0].date: A key event cannot be in the future',
    ]);
    expect(issues({ periodFrom: month('2025-06'), periodTo: day('2025-05-31') })).toEqual([
      'periodTo: The end of involvement cannot be before its start',
    ]);
    expect(issues({ periodFrom: year('2025'), periodTo: month('2025-05') })).toEqual([]);
    expect(issues({ periodFrom: '2025-06-01', periodTo: '2025-05-31' })).toEqual([
      'periodTo: The end of involvement cannot be before its start',
    ]);
  });

  it('reads v1’s exact day, with the key event’s approximate, as a day', () => {
    expect(replyDate('2026-09-03', true)).toEqual(day('2026-09-03', true));
    expect(replyDate(month('2026-09'), false)).toEqual(month('2026-09'));
    expect(replyDate(month('2026-09'), true)).toEqual(month('2026-09', true));
    expect(endsBeforeStart(month('2025-06'), month('2025-05'))).toBe(true);
    expect(endsBeforeStart(month('2025-05'), year('2025'))).toBe(false);
  });

  it('may be saved in a draft before it is complete', () => {
    expect(InformationRequestReplyDraft.safeParse({ periodFrom: { precision: 'month' } }).success).toBe(true);
    expect(InformationRequestReplyDraft.safeParse({ keyEvents: [{ date: month('2026-02', true) }] }).success).toBe(
      true,
    );
  });
});
