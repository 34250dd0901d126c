import type { CollatedRequest, CollationInput } from '../../functions/domain/collation/input';
import type { MeetingDecision, Subject } from '../../functions/domain/model';

/** A case with several agencies' replies, built in memory for the pure collation tests. */
export const SUBJECT: Subject = {
  name: 'Alfie Testchild',
  dateOfBirth: '2019-04-02',
  pseudonym: 'Child R',
  address: '1 Example Street, Leicester, LE1 1AA',
  familyMembers: [
    { name: 'Bella Testparent', relationship: 'Mother' },
    { name: 'Carl Testchild', relationship: 'Father' },
  ],
};

export const declaration = (name = 'DI Sam Okafor', role = 'Safeguarding lead') => ({
  name,
  role,
  date: '2026-11-05',
  factsDistinguishedFromOpinion: true as const,
  conflictOfInterest: { declared: false as const },
});

export function involvedReply(overrides: Record<string, unknown> = {}) {
  return {
    involvement: 'involved' as const,
    periodFrom: '2023-05-01',
    periodTo: '2026-10-31',
    services: ['Neighbourhood policing', 'Public protection unit'],
    keyEvents: [
      { date: '2025-02-14', description: 'Domestic abuse incident at the family home; Bella Testparent assaulted.' },
      { date: '2024-09-03', approximate: true, description: "Concern for Alfie's welfare reported by a neighbour." },
    ],
    immediateSafetyConcern: { raised: false as const },
    familyMembersKnown: [{ name: 'Bella Testparent', relationship: 'Mother', notes: 'Victim in the 2025 incident' }],
    recordsSecured: { status: 'secured' as const, details: 'Restricted to the review team.' },
    practitioners: [{ name: 'PC Dana Reid', role: 'Response officer', team: 'Leicester East' }],
    earlyLearning: 'None identified yet.',
    informationSharing: { basis: 'without-consent' as const, reason: 'Necessary to safeguard the child.' },
    declaration: declaration(),
    ...overrides,
  };
}

export function request(
  agencyName: string,
  latest?: CollatedRequest['latest'],
  extra: Partial<CollatedRequest> = {},
): CollatedRequest {
  return {
    requestId: `req-${agencyName}`,
    agencyId: `agency-${agencyName}`,
    agencyName,
    returnType: 'information-request-reply',
    status: latest ? 'submitted' : 'sent',
    dueOn: '2026-11-16',
    ...(latest ? { latest } : {}),
    ...extra,
  };
}

export const submitted = (content: unknown) => ({
  version: 1,
  submittedAt: '2026-11-06T10:00:00.000Z',
  content: content as never,
});

export const DECISION: MeetingDecision = {
  partnershipId: 'leicester',
  caseId: 'case',
  meetingDate: '2026-11-17',
  decision: 'cspr',
  rationale: 'Agencies did not share the 2025 incident; the criteria in §1.4 are met.',
  learningIdentified: 'Information sharing between police and health visiting.',
  immediateActions: 'Strategy meeting held for the siblings.',
  recordedAt: '2026-11-17T16:00:00.000Z',
  recordedBy: 'officer',
};

export function collationInput(overrides: Partial<CollationInput> = {}): CollationInput {
  return {
    partnership: {
      name: 'Leicester Safeguarding Children Partnership Board',
      officeName: 'Leicester Safeguarding Boards Office',
      officeEmail: 'boards-office@leicester-scp.example.org',
      officeAddress: ['City Hall', '115 Charles Street', 'Leicester', 'LE1 1FZ'],
    },
    record: {
      reference: 'LSCPB-2026-0042',
      route: 'rapid-review',
      day0: '2026-11-02',
      subject: SUBJECT,
      milestones: [
        { key: 'requests-sent', label: 'Requests sent', due: '2026-11-04' },
        { key: 'meeting', label: 'Rapid Review meeting', from: '2026-11-16', due: '2026-11-19' },
      ],
    },
    today: '2026-11-10',
    requests: [
      request('Leicestershire Police', submitted(involvedReply())),
      request(
        'University Hospitals of Leicester',
        submitted(
          involvedReply({
            immediateSafetyConcern: {
              raised: true,
              details: 'Alfie disclosed that Carl Testchild hits him; he returns home tonight.',
            },
            declaration: declaration('Dr Priya Shah', 'Named doctor'),
          }),
        ),
      ),
      request(
        'Example Primary School',
        submitted({ involvement: 'no-records', notes: 'Not on roll.', declaration: declaration('Jo Head', 'DSL') }),
        { status: 'accepted' },
      ),
      request('Leicester City GP Practice'),
      request('Housing Services', undefined, { status: 'not-involved' }),
    ],
    ...overrides,
  };
}
