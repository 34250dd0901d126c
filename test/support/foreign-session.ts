import { signInWith, bearer, type AgencyRef } from './principals';
import { tokenFromEmail, waitForMail } from './portal';
import { today, unique } from './scenario';
import { routeOf, type Answer, type Caller } from './wire';

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

const expectStatus = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.json;
};

export async function foreignAgencySession(call: Caller, token: string, agency: AgencyRef): Promise<ForeignSession> {
  const reference = unique('LLR');
  const opened = await call({
    route: routeOf('POST', '/api/cases'),
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({
      route: 'rapid-review',
      day0: today(),
      reference,
      subject: { name: 'Bella Testchild', dateOfBirth: '2018-06-12', address: '2 Example Road, Oakham' },
    }),
  });
  const caseId = expectStatus(opened, 201, 'open case of the other partnership').id as string;
  const created = await call({
    route: routeOf('POST', '/api/cases/{caseId}/requests'),
    params: { caseId },
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ agencyId: agency.id, returnType: 'information-request-reply' }),
  });
  const requestId = expectStatus(created, 201, 'create request of the other partnership').id as string;
  const started = Date.now();
  const sent = await call({
    route: routeOf('POST', '/api/cases/{caseId}/requests/{requestId}/send'),
    params: { caseId, requestId },
    headers: bearer(token),
  });
  expectStatus(sent, 200, 'send request of the other partnership');
  const [mail] = await waitForMail(
    (e) =>
      e.subject.startsWith(`Information request for case ${reference} `) &&
      e.destination.to[0] === agency.leadEmail &&
      e.at * 1000 >= started - 2000,
  );
  const link = mail && tokenFromEmail(mail);
  if (!link) throw new Error('no link in the e-mail to the other partnership’s agency');
  const { secret } = await signInWith(call, link, reference, agency.leadEmail);
  return { caseId, reference, requestId, link, secret };
}
