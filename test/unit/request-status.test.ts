import {
  AWAITING_AGENCY,
  canApply,
  CLOSED,
  refusalOf,
  RETURN_STANDS,
  statusAfter,
} from '../../functions/domain/request-status';
import { REQUEST_STATUSES } from '../../functions/domain/model';

describe('request statuses', () => {
  it('follow draft → sent → opened → in-progress → submitted', () => {
    expect(statusAfter('send', 'draft')).toBe('sent');
    expect(statusAfter('open', 'sent')).toBe('opened');
    expect(statusAfter('save-draft', 'opened')).toBe('in-progress');
    expect(statusAfter('submit', 'in-progress')).toBe('submitted');
  });

  it('reopen with "more information requested", which stays visible while the agency edits', () => {
    expect(canApply('request-more', 'submitted')).toBe(true);
    expect(statusAfter('request-more', 'submitted')).toBe('more-info-requested');
    expect(statusAfter('save-draft', 'more-info-requested')).toBe('more-info-requested');
    expect(canApply('submit', 'more-info-requested')).toBe(true);
  });

  it('let nothing happen to a closed request except reading it', () => {
    for (const status of CLOSED) {
      for (const action of ['send', 'resend', 'extend', 'save-draft', 'submit', 'accept', 'request-more'] as const) {
        expect(canApply(action, status)).toBe(false);
      }
    }
  });

  it('chase exactly the statuses in which the agency owes a return', () => {
    expect([...AWAITING_AGENCY].sort()).toEqual(['in-progress', 'more-info-requested', 'opened', 'sent']);
    for (const status of REQUEST_STATUSES) expect(canApply('submit', status)).toBe(AWAITING_AGENCY.has(status));
  });

  it('only open a sent request, and only accept a submitted one', () => {
    expect(REQUEST_STATUSES.filter((s) => canApply('open', s))).toEqual(['sent']);
    expect(REQUEST_STATUSES.filter((s) => canApply('accept', s))).toEqual(['submitted']);
  });

  it('let a draft be given a new date or withdrawn, but not marked not involved: its agency was never asked', () => {
    expect(canApply('extend', 'draft')).toBe(true);
    expect(canApply('withdraw', 'draft')).toBe(true);
    expect(canApply('mark-not-involved', 'draft')).toBe(false);
    expect(refusalOf('mark-not-involved', 'draft')).toMatch(/has not been sent.*Withdraw the request/);
    for (const status of AWAITING_AGENCY) expect(canApply('mark-not-involved', status)).toBe(true);
  });

  it('say why a request cannot be sent, in its own terms', () => {
    expect(refusalOf('send', 'withdrawn')).toMatch(/^This request was withdrawn/);
    expect(refusalOf('send', 'not-involved')).toMatch(/^This agency was recorded as not involved/);
    for (const status of ['sent', 'opened', 'submitted', 'accepted'] as const) {
      expect(refusalOf('send', status)).toBe('This request has already been sent');
    }
  });

  it('let a submitted return stand until the request is withdrawn or recorded as not involved', () => {
    expect([...RETURN_STANDS].sort()).toEqual(['accepted', 'more-info-requested', 'submitted']);
    // Every action that ends a request which had a return takes that return out.
    for (const action of ['withdraw', 'mark-not-involved'] as const) {
      for (const status of RETURN_STANDS) {
        if (canApply(action, status)) expect(RETURN_STANDS.has(statusAfter(action, status))).toBe(false);
      }
    }
    expect(canApply('withdraw', 'submitted')).toBe(true);
    expect(canApply('mark-not-involved', 'more-info-requested')).toBe(true);
  });
});
