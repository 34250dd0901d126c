import { combinedSummaryName, defaultReturnTypes, dueDateHint } from '../../web/src/office/route-offers';

/** The case page and "Add requests" offer what fits the case's route, not the Rapid Review's everywhere. */
describe("what the case's route offers", () => {
  test('a Child Safeguarding Practice Review has no Combined Summary; the others name their meeting', () => {
    expect(combinedSummaryName('cspr')).toBeUndefined();
    expect(combinedSummaryName('rapid-review')).toBe('Combined Summary for the meeting');
    expect(combinedSummaryName('agency-referral')).toBe('Combined Summary for the Case Review Group meeting');
  });

  test('a review asks by default for a chronology and an Information Report, not the scoping reply', () => {
    expect(defaultReturnTypes('cspr')).toEqual(['chronology', 'information-report']);
    expect(defaultReturnTypes('rapid-review')).toEqual(['information-request-reply']);
    expect(defaultReturnTypes('agency-referral')).toEqual(['information-request-reply']);
  });

  test('the due-date hint speaks of the Rapid Review only on a Rapid Review', () => {
    expect(dueDateHint('rapid-review')).toBe(
      "A working day. Leave blank to use the case's deadline: for a Rapid Review, the day replies are due (working day 10, or the first day of the meeting window if sooner).",
    );
    expect(dueDateHint('cspr')).not.toContain('Rapid Review');
    expect(dueDateHint('cspr')).toContain('six-month completion date');
    expect(dueDateHint('agency-referral')).not.toContain('Rapid Review');
    expect(dueDateHint('agency-referral')).toContain('Case Review Group');
  });
});
