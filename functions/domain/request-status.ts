import type { RequestStatus, ReturnRequest } from './model';

/**
 * The life of a request. An agency works on a request while it is awaiting the agency; the business
 * office accepts a return or asks for more (which reopens it with a new deadline); a request can end
 * without a return when the agency was not involved or the request is withdrawn.
 */
export type RequestAction =
  | 'send'
  | 'resend'
  | 'extend'
  | 'mark-not-involved'
  | 'accept'
  | 'request-more'
  | 'withdraw'
  | 'open'
  | 'save-draft'
  | 'submit';

/** Statuses in which the agency owes a return: these are chased, and the agency may edit and submit. */
export const AWAITING_AGENCY: ReadonlySet<RequestStatus> = new Set([
  'sent',
  'opened',
  'in-progress',
  'more-info-requested',
]);
/** Statuses that end a request. */
export const CLOSED: ReadonlySet<RequestStatus> = new Set(['accepted', 'not-involved', 'withdrawn']);
/**
 * Statuses that end a request without a return: the office may ask the agency for the same return again.
 * In every other status the request holds its agency × return type in the case, so a second request for
 * it would be a duplicate the agency could answer differently.
 */
export const ASKABLE_AGAIN: ReadonlySet<RequestStatus> = new Set(['not-involved', 'withdrawn']);
/**
 * Statuses in which the request's latest submitted return stands as the agency's answer, so that it goes
 * into the multi-agency chronology: submitted, accepted, or reopened (the earlier version stands until the
 * agency submits again). A request withdrawn (asked of the wrong agency, say) or recorded as not involved
 * contributes nothing, whatever it had returned before.
 */
export const RETURN_STANDS: ReadonlySet<RequestStatus> = new Set(['submitted', 'accepted', 'more-info-requested']);

const FROM: Record<RequestAction, ReadonlySet<RequestStatus>> = {
  send: new Set(['draft']),
  resend: AWAITING_AGENCY,
  // On a draft, "extend" sets the date the request will carry when it is sent (no one is told).
  extend: new Set(['draft', ...AWAITING_AGENCY]),
  // Only an agency that was asked can have said it was not involved; a draft no longer needed is withdrawn.
  'mark-not-involved': AWAITING_AGENCY,
  accept: new Set(['submitted']),
  'request-more': new Set(['submitted']),
  withdraw: new Set(['draft', ...AWAITING_AGENCY, 'submitted']),
  open: new Set(['sent']),
  'save-draft': AWAITING_AGENCY,
  submit: AWAITING_AGENCY,
};

export function canApply(action: RequestAction, status: RequestStatus): boolean {
  return FROM[action].has(status);
}

/** Why the business office cannot do `action` to a request in `status`, in the office's words. */
export function refusalOf(action: RequestAction, status: RequestStatus): string {
  const again = 'Create a new request if the return is needed after all.';
  switch (action) {
    case 'send':
      if (status === 'withdrawn') return `This request was withdrawn, so it cannot be sent. ${again}`;
      if (status === 'not-involved')
        return `This agency was recorded as not involved, so the request cannot be sent. ${again}`;
      return 'This request has already been sent';
    case 'mark-not-involved':
      if (status === 'draft') {
        return 'This request has not been sent, so the agency has not been asked. Withdraw the request if it is no longer needed.';
      }
      break;
    case 'accept':
      return 'Only a submitted return can be accepted';
    case 'request-more':
      return 'More information can be asked for only once a return has been submitted';
  }
  return `This cannot be done to a request that is ${status}`;
}

/** The status after `action`; callers check canApply first. */
export function statusAfter(action: RequestAction, status: RequestStatus): RequestStatus {
  switch (action) {
    case 'send':
      return 'sent';
    case 'open':
      return 'opened';
    case 'save-draft':
      // A reopened request stays visibly reopened while the agency works on it.
      return status === 'more-info-requested' ? status : 'in-progress';
    case 'submit':
      return 'submitted';
    case 'accept':
      return 'accepted';
    case 'request-more':
      return 'more-info-requested';
    case 'mark-not-involved':
      return 'not-involved';
    case 'withdraw':
      return 'withdrawn';
    case 'resend':
    case 'extend':
      return status;
  }
}

/** Whether a change ends a request without a return, so that its agency and return type may be asked again. */
export const releasesClaim = (from: RequestStatus, to: RequestStatus | undefined): boolean =>
  to !== undefined && ASKABLE_AGAIN.has(to) && !ASKABLE_AGAIN.has(from);

/**
 * Whether the office has stopped the agency's links in the case and not sent one since (ADR 0004): the request
 * is not chased, and nothing e-mailed about it may carry a link.
 */
export const linksStopped = (request: Pick<ReturnRequest, 'linksStoppedAt' | 'linksResumedAt'>): boolean =>
  request.linksStoppedAt !== undefined &&
  (request.linksResumedAt === undefined || request.linksResumedAt <= request.linksStoppedAt);
