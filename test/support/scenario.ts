import { randomUUID } from 'node:crypto';
import { londonDate } from '../../functions/domain/calendar';
import { ApiClient, staffClient, tokenFromEmail, codeFromEmail, waitForMail, type PartnershipId } from './portal';

/** Builds realistic states through the public API, as a business office and an agency lead would. */

export const today = () => londonDate(new Date());

export function unique(prefix = 'T'): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

export async function openCase(staff: ApiClient, overrides: Record<string, unknown> = {}) {
  const response = await staff.post('/cases', {
    route: 'rapid-review',
    day0: today(),
    reference: unique('TEST'),
    subject: {
      name: 'Alfie Testchild',
      dateOfBirth: '2019-04-02',
      pseudonym: 'Child A',
      address: '1 Example Street, Leicester',
      familyMembers: [{ name: 'Bella Testparent', relationship: 'Mother' }],
    },
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`case not created: ${response.status} ${response.text}`);
  return response.body as {
    id: string;
    reference: string;
    milestones: { key: string; due: string; from?: string }[];
  };
}

export async function agencyNamed(staff: ApiClient, name: string) {
  const { body } = await staff.get('/agencies');
  const agency = (body.agencies as { id: string; name: string; leadEmail: string; deputyEmail?: string }[]).find(
    (a) => a.name === name,
  );
  if (!agency) throw new Error(`no agency ${name}`);
  return agency;
}

export async function sentRequest(partnership: PartnershipId = 'leicester', agencyName = 'Leicestershire Police') {
  const staff = await staffClient(partnership);
  const record = await openCase(staff);
  const agency = await agencyNamed(staff, agencyName);
  const created = await staff.post(`/cases/${record.id}/requests`, {
    agencyId: agency.id,
    returnType: 'information-request-reply',
  });
  if (created.status !== 201) throw new Error(`request not created: ${created.text}`);
  const sent = await staff.post(`/cases/${record.id}/requests/${created.body.id}/send`);
  if (sent.status !== 200) throw new Error(`request not sent: ${sent.text}`);
  const [email] = await waitForMail(
    (e) => e.subject.includes(record.reference) && e.subject.startsWith('Information request'),
  );
  const token = email && tokenFromEmail(email);
  if (!token) throw new Error('no token in the e-mail');
  return { staff, record, agency, requestId: created.body.id as string, email: email!, token };
}

/** Follows the link: asks for a code, reads it from the mail, verifies it. Returns the signed-in client. */
export async function signInAgency(token: string, caseReference: string) {
  const agency = new ApiClient();
  const started = await agency.post('/agency/sessions', { token });
  if (started.status !== 201) throw new Error(`session not started: ${started.status} ${started.text}`);
  const [codeMail] = await waitForMail(
    (e) => e.subject.includes(caseReference) && e.subject.startsWith('Your code') && e.at * 1000 >= Date.now() - 60_000,
  );
  const emails = await waitForMail((e) => e.subject === codeMail!.subject);
  const code = codeFromEmail(emails[emails.length - 1]!);
  const verified = await agency.post('/agency/sessions/verify', { challengeId: started.body.challengeId, code });
  if (verified.status !== 200) throw new Error(`not verified: ${verified.status} ${verified.text}`);
  return agency;
}

export function completeReply(overrides: Record<string, unknown> = {}) {
  return {
    involvement: 'involved',
    periodFrom: '2023-05-01',
    periodTo: '2026-10-31',
    services: ['Neighbourhood policing', 'Public protection unit'],
    keyEvents: [
      {
        date: '2025-02-14',
        description: 'Domestic abuse incident attended at the family home; DASH risk assessment medium.',
      },
      { date: '2026-09-03', approximate: true, description: 'Concern for welfare call from a neighbour.' },
    ],
    immediateSafetyConcern: { raised: false },
    familyMembersKnown: [{ name: 'Bella Testparent', relationship: 'Mother', notes: 'Victim in the 2025 incident' }],
    recordsSecured: { status: 'secured', details: 'Records restricted to the review team.' },
    practitioners: [{ name: 'PC Dana Reid', role: 'Response officer', team: 'Leicester East' }],
    earlyLearning: 'None identified yet.',
    informationSharing: { basis: 'without-consent', reason: 'Sharing is necessary to safeguard the child (§2.1.6).' },
    declaration: {
      name: 'DI Sam Okafor',
      role: 'Safeguarding lead',
      date: today(),
      factsDistinguishedFromOpinion: true,
      conflictOfInterest: { declared: false },
    },
    ...overrides,
  };
}
