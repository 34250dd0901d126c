import { randomUUID } from 'node:crypto';
import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import type { RouteSpec } from '../../functions/contract/routes';
import type { PortalFixture } from './principals';
import { chronology } from './returns';
import { today } from './scenario';

/**
 * A body each route's schema accepts, aimed at the fixture's case A, agency X and request X. A caller
 * that must be refused has to be refused for who it is, not for a malformed body, so the access matrix
 * sends these; the bad-input suite breaks them. `marker` is put into free text (a canary to search the
 * table for afterwards).
 */
export function validBodies(f: PortalFixture, marker = 'Zq'): Record<string, unknown> {
  const dueOn = englandAndWalesCalendar().addWorkingDays(today(), 10);
  const reason = `${marker} reason for the record`;
  return {
    'POST /api/agencies': {
      name: `${marker} Example Primary School`,
      kind: 'education',
      leadName: `${marker} Designated Lead`,
      leadEmail: 'dsl@leicestershire-police.example.org',
      deputyEmail: 'deputy@leicestershire-police.example.org',
    },
    'POST /api/cases': {
      route: 'cspr',
      day0: today(),
      subject: {
        name: `${marker} Testchild`,
        dateOfBirth: '2019-04-02',
        familyMembers: [{ name: `${marker} Parent`, relationship: 'Mother' }],
      },
    },
    'POST /api/cases/{caseId}/requests': { agencyId: f.agencyX.id, returnType: 'factual-summary', dueOn },
    'PUT /api/agencies/{agencyId}': { leadName: `${marker} New Lead`, deputyEmail: null },
    'POST /api/cases/{caseId}/requests/batch': {
      agencyIds: [f.agencyX.id, f.agencyY.id],
      returnTypes: ['factual-summary', 'chronology'],
      send: true,
      analysisColumns: true,
    },
    'POST /api/cases/{caseId}/agencies/{agencyId}/revoke-links': { reason },
    'POST /api/cases/{caseId}/requests/{requestId}/extend': { dueOn, reason },
    'POST /api/cases/{caseId}/requests/{requestId}/not-involved': { reason },
    'POST /api/cases/{caseId}/requests/{requestId}/request-more': { dueOn, reason },
    'POST /api/cases/{caseId}/requests/{requestId}/withdraw': { reason },
    'POST /api/cases/{caseId}/requests/{requestId}/safety-concern/acknowledge': { action: reason },
    'POST /api/cases/{caseId}/close': { reason },
    'POST /api/cases/{caseId}/chronology/decisions': { kind: 'confirm', entryIds: ['r1', 'r2'] },
    'POST /api/cases/{caseId}/legal-hold': { hold: true, reason },
    'PUT /api/cases/{caseId}/meeting-date': { date: dueOn, reason },
    'PUT /api/cases/{caseId}/meeting-decision': {
      meetingDate: today(),
      decision: 'no-further-review',
      rationale: `${marker} rationale`,
      learningIdentified: `${marker} learning`,
    },
    'POST /api/agency/links/lookup': { token: f.links.ax },
    'POST /api/agency/sessions': { token: f.links.ax },
    'POST /api/agency/sessions/verify': f.usedChallenge,
    'PUT /api/agency/requests/{requestId}/draft': {
      content: { kind: 'chronology', rows: [{ rowId: 'r1', event: `${marker} half-typed` }] },
      expectedVersion: 0,
    },
    'POST /api/agency/requests/{requestId}/submit': { submissionId: randomUUID(), content: chronology() },
    'POST /api/agency/requests/{requestId}/attachments': {
      fileName: `${marker} minutes.pdf`,
      contentType: 'application/pdf',
      size: 4096,
    },
    'POST /api/agency/requests/{requestId}/import': {
      format: 'csv',
      data: Buffer.from('Date,Time,Source record,What happened\n').toString('base64'),
      mode: 'replace',
    },
  };
}

export const routeKey = (route: Pick<RouteSpec, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** The fixture's own identifiers for each path parameter: what a caller probing case A would name. */
export function realParams(f: PortalFixture): Record<string, string> {
  return { caseId: f.caseA.id, requestId: f.requestX, agencyId: f.agencyX.id, attachmentId: f.attachmentX };
}

/** The fixture's identifiers for a route: the owner's request is X in case A (staff) or X's own (agency). */
export function paramsFor(route: RouteSpec, f: PortalFixture): Record<string, string> {
  const real = realParams(f);
  return Object.fromEntries(
    [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => [m[1]!, real[m[1]!] ?? '01M8E33TZQBYCG5AJF4ZKJMR4H']),
  );
}
