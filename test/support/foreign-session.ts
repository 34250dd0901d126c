import { openCase, sendRequestTo, signInWith, type AgencyRef } from './principals';
import type { Caller } from './wire';

/**
 * A live agency session of the other partnership: its business office opens a case of its own, sends a
 * request to one of its agencies, and that agency's lead signs in with the link and the e-mailed code.
 * Built through the API (over HTTP or in-process, whichever caller is given), as the fixture's own are.
 */
export interface ForeignSession {
  caseId: string;
  reference: string;
  requestId: string;
  link: string;
  secret: string;
}

export async function foreignAgencySession(call: Caller, token: string, agency: AgencyRef): Promise<ForeignSession> {
  const { id: caseId, reference } = await openCase(call, token, 'LLR');
  const { requestId, link } = await sendRequestTo(
    call,
    token,
    { id: caseId, reference },
    agency,
    'information-request-reply',
  );
  const { secret } = await signInWith(call, link, reference, agency.leadEmail);
  return { caseId, reference, requestId, link, secret };
}
