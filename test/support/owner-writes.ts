import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import type { PortalFixture } from './principals';
import { completeReply, today } from './scenario';

/**
 * The owner's side of each write route of the access matrix: a call naming the real target (as the
 * refused principals did) that its owner is refused by a rule applied only once the target has been
 * found, so the route's lookups are shown to resolve while nothing changes. `withdrawn` is agency X's
 * withdrawn request in case A: the actions a live request would take are refused on it for its status.
 *
 * Writes no rule refuses once the target is found (removing a file, revoking links, a legal hold,
 * closing the case) are `last`: the suite makes them after everything else, and expects them done.
 */
export interface OwnerWrite {
  params?: Record<string, string>;
  body?: unknown;
  status: number;
  /** The error code of a refusal. */
  code?: string;
  /** Words of the refusal that name the rule (a malformed body is refused with the same code, before any lookup). */
  says?: string;
  last?: true;
}

export function ownerWrites(f: PortalFixture, withdrawn: string): Record<string, OwnerWrite> {
  const calendar = englandAndWalesCalendar();
  const reason = 'owner check of the access matrix';
  const a = { caseId: f.caseA.id };
  const ax = { ...a, requestId: f.requestX };
  const aw = { ...a, requestId: withdrawn };
  const tomorrow = new Date(Date.parse(`${today()}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    // X already has a live chronology in case A: a second is a duplicate.
    'POST /api/cases/{caseId}/requests': {
      body: { agencyId: f.agencyX.id, returnType: 'chronology' },
      status: 409,
      code: 'already-requested',
    },
    'POST /api/cases/{caseId}/requests/batch': { status: 409, code: 'already-requested' },
    'POST /api/cases/{caseId}/requests/{requestId}/send': { status: 409, code: 'not-allowed' },
    'PUT /api/agencies/{agencyId}': {
      body: { leadEmail: 'lead@not-a-partner.example.com' },
      status: 400,
      code: 'invalid-request',
      says: 'trusted domains',
    },
    'POST /api/cases/{caseId}/requests/{requestId}/resend': { params: aw, status: 409, code: 'not-allowed' },
    // The next working day is before X's due date: an extension must move it later.
    'POST /api/cases/{caseId}/requests/{requestId}/extend': {
      params: ax,
      body: { dueOn: calendar.addWorkingDays(today(), 1), reason },
      status: 400,
      code: 'invalid-request',
      says: 'must be after the current one',
    },
    'POST /api/cases/{caseId}/requests/{requestId}/not-involved': { params: aw, status: 409, code: 'not-allowed' },
    'POST /api/cases/{caseId}/requests/{requestId}/accept': { status: 409, code: 'not-allowed' },
    'POST /api/cases/{caseId}/requests/{requestId}/request-more': { status: 409, code: 'not-allowed' },
    'POST /api/cases/{caseId}/requests/{requestId}/withdraw': { params: aw, status: 409, code: 'not-allowed' },
    // X's request has no return, so no safety concern to acknowledge.
    'POST /api/cases/{caseId}/requests/{requestId}/safety-concern/acknowledge': {
      params: ax,
      status: 409,
      code: 'no-safety-concern',
    },
    // Rows r1 and r2 are not in case A's chronology (it has none).
    'POST /api/cases/{caseId}/chronology/decisions': {
      status: 400,
      code: 'invalid-request',
      says: 'Some rows are not in the current chronology',
    },
    'PUT /api/cases/{caseId}/meeting-decision': {
      body: {
        meetingDate: tomorrow,
        decision: 'no-further-review',
        rationale: 'rationale',
        learningIdentified: 'learning',
      },
      status: 400,
      code: 'invalid-request',
      says: 'cannot be in the future',
    },
    // A plan cannot be for a day already gone.
    'PUT /api/cases/{caseId}/meeting-date': {
      body: { date: '2020-01-06' },
      status: 400,
      code: 'invalid-request',
      says: 'cannot be in the past',
    },
    // Reads the case to package it: audited as a download, as reads are.
    'POST /api/cases/{caseId}/pack': { status: 201 },
    'PUT /api/agency/requests/{requestId}/draft': {
      body: { content: { kind: 'chronology', rows: [] }, expectedVersion: 999 },
      status: 409,
      code: 'stale-draft',
    },
    // X asks for a chronology; this is a reply.
    'POST /api/agency/requests/{requestId}/submit': {
      body: { submissionId: '3b1f0c1e-0d5e-4a8e-9d52-6c1e2b7f9a10', content: completeReply() },
      status: 400,
      code: 'invalid-request',
      says: 'This request asks for a Chronology of key events',
    },
    // A file's name and type are the body's own rule (the schema's); a withdrawn request takes no files.
    'POST /api/agency/requests/{requestId}/attachments': {
      params: { requestId: withdrawn },
      status: 409,
      code: 'submitted',
      says: 'its files can no longer change',
    },
    // X's file is released already: completing it again reports it as it is.
    'POST /api/agency/requests/{requestId}/attachments/{attachmentId}/complete': { status: 200 },
    'POST /api/agency/requests/{requestId}/import': {
      body: { format: 'csv', data: Buffer.from('not,a,chronology\n').toString('base64'), mode: 'replace' },
      status: 400,
      code: 'rows-rejected',
    },
    'DELETE /api/agency/requests/{requestId}/attachments/{attachmentId}': { status: 204, last: true },
    'POST /api/cases/{caseId}/legal-hold': { status: 200, last: true },
    'POST /api/cases/{caseId}/agencies/{agencyId}/revoke-links': { status: 200, last: true },
    'POST /api/cases/{caseId}/close': { status: 200, last: true },
  };
}
