import { closedHeading, STOPPED_ON_CLOSE } from '../../web/src/lib/case-status';
import { decisionHeading, nationalPanelOffer } from '../../web/src/lib/route-documents';

describe('a closed case’s state', () => {
  it('says the London day it closed', () => {
    expect(closedHeading('2026-11-27T10:15:00.000Z')).toBe('Closed on 27 November 2026');
    // Just after midnight in London in summer is still the previous day in UTC.
    expect(closedHeading('2026-06-30T23:30:00.000Z')).toBe('Closed on 1 July 2026');
    expect(closedHeading(undefined)).toBe('Closed');
  });

  it('says an outstanding request stopped rather than counting down', () => {
    expect(STOPPED_ON_CLOSE).not.toMatch(/working days|left|overdue/);
  });
});

describe('the decision and the National Panel documents, by route', () => {
  const decided = (decision: string) => ({ decision });

  it('a Rapid Review records its meeting’s decision and always reports it to the National Panel', () => {
    expect(decisionHeading('rapid-review')).toBe("The Rapid Review meeting's decision");
    expect(nationalPanelOffer('rapid-review', null)).toBe('needs-decision');
    expect(nationalPanelOffer('rapid-review', decided('no-further-review'))).toBe('offer');
    expect(nationalPanelOffer('rapid-review', decided('cspr'))).toBe('offer');
  });

  it('an agency referral records the Case Review Group’s decision, reported only when the criteria are met', () => {
    expect(decisionHeading('agency-referral')).toBe("The Case Review Group's decision");
    expect(nationalPanelOffer('agency-referral', undefined)).toBe('needs-decision');
    expect(nationalPanelOffer('agency-referral', decided('cspr'))).toBe('offer');
    expect(nationalPanelOffer('agency-referral', decided('no-further-review'))).toBe('not-reported');
    expect(nationalPanelOffer('agency-referral', decided('alternative-learning-review'))).toBe('not-reported');
  });

  it('a Child Safeguarding Practice Review has neither', () => {
    expect(decisionHeading('cspr')).toBeUndefined();
    expect(nationalPanelOffer('cspr', decided('cspr'))).toBe('none');
  });
});
