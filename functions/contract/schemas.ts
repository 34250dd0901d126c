import { z } from 'zod';
import { ROUTES } from '../domain/milestones';
import { AGENCY_KINDS, REQUEST_STATUSES, RETURN_TYPES } from '../domain/model';
import { email, id, isoDate, line, reference, text } from './primitives';

// ---------- Business office: agencies ----------

export const CreateAgencyBody = z
  .object({
    name: line(200),
    kind: z.enum(AGENCY_KINDS),
    leadName: line(200),
    leadEmail: email(),
    deputyEmail: email().optional(),
    strategicLeadName: line(200).optional(),
    strategicLeadEmail: email().optional(),
  })
  .strict()
  .meta({ id: 'CreateAgency', description: "An agency in the partnership's directory and its safeguarding lead." });
export type CreateAgencyBody = z.infer<typeof CreateAgencyBody>;

export const AgencyView = z
  .object({
    id: id(),
    name: z.string(),
    kind: z.enum(AGENCY_KINDS),
    leadName: z.string(),
    leadEmail: z.string(),
    deputyEmail: z.string().optional(),
    strategicLeadName: z.string().optional(),
    strategicLeadEmail: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Agency' });

export const UpdateAgencyBody = z
  .object({
    name: line(200).optional(),
    kind: z.enum(AGENCY_KINDS).optional(),
    leadName: line(200).optional(),
    leadEmail: email().optional(),
    deputyEmail: email().nullable().optional().describe('null removes the deputy'),
    strategicLeadName: line(200).nullable().optional(),
    strategicLeadEmail: email().nullable().optional(),
  })
  .strict()
  .meta({ id: 'UpdateAgency', description: 'Fields to change; fields left out stay as they are.' });
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBody>;

// ---------- Business office: cases ----------

export const FamilyMemberBody = z.object({ name: line(200), relationship: line(100) }).strict();

export const SubjectBody = z
  .object({
    name: line(200),
    dateOfBirth: isoDate().describe('Not in the future.'),
    pseudonym: line(100).optional().describe('How anonymised outputs refer to the child, e.g. "Child R".'),
    address: text(500).optional(),
    familyMembers: z.array(FamilyMemberBody).max(50).optional(),
  })
  .strict();

export const CreateCaseBody = z
  .object({
    route: z.enum(ROUTES),
    day0: isoDate().describe(
      'The day of the Local Authority notification to the National Panel, of receipt of the referral, or of the decision to review. Not in the future.',
    ),
    reference: reference().optional().describe('Generated from the partnership prefix when omitted.'),
    subject: SubjectBody,
  })
  .strict()
  .meta({ id: 'CreateCase' });
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

export const MilestoneView = z
  .object({
    key: z.string(),
    label: z.string(),
    due: isoDate(),
    from: isoDate().optional(),
    workingDaysLeft: z.number().int().describe('Working days from today to the due date; negative once passed.'),
  })
  .meta({ id: 'Milestone' });

export const CaseView = z
  .object({
    id: id(),
    reference: z.string(),
    route: z.enum(ROUTES),
    day0: isoDate(),
    status: z.enum(['open', 'closed']),
    createdAt: z.string(),
    closedAt: z.string().optional(),
    milestones: z.array(MilestoneView),
    subject: SubjectBody,
  })
  .meta({ id: 'Case' });

// ---------- Business office: requests ----------

export const CreateRequestBody = z
  .object({
    agencyId: id(),
    returnType: z.enum(RETURN_TYPES),
    dueOn: isoDate()
      .optional()
      .describe('A working day, not in the past. Defaults from the case milestones (Rapid Review: working day 10).'),
  })
  .strict()
  .meta({ id: 'CreateRequest' });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const RequestView = z
  .object({
    id: id(),
    caseId: id(),
    agencyId: id(),
    agencyName: z.string(),
    returnType: z.enum(RETURN_TYPES),
    status: z.enum(REQUEST_STATUSES),
    dueOn: isoDate(),
    createdAt: z.string(),
    sentAt: z.string().optional(),
    openedAt: z.string().optional(),
    submittedAt: z.string().optional(),
    returnVersion: z.number().int().optional(),
    workingDaysLeft: z.number().int().describe('Working days from today to the due date; negative when overdue.'),
    emailStatus: z.enum(['queued', 'sent', 'failed']).optional(),
    lastReason: z.string().optional(),
    lastReminder: z.object({ step: z.string(), sentAt: z.string() }).optional(),
    escalationStep: z.enum(['case-review-group', 'safeguarding-partners']).optional(),
    reminders: z
      .array(
        z.object({
          step: z.string(),
          action: z.string(),
          dueOn: isoDate(),
          recordedAt: z.string(),
          sentAt: z.string().optional().describe('When SES accepted it; absent while it waits for a retry.'),
          to: z.array(z.string()),
        }),
      )
      .optional()
      .describe('Chasing steps taken, with their recipients (on the case’s request list).'),
  })
  .meta({ id: 'Request' });

export const CreateRequestsBody = z
  .object({
    agencyIds: z.array(id()).min(1).max(50),
    returnTypes: z.array(z.enum(RETURN_TYPES)).min(1).max(RETURN_TYPES.length),
    dueOn: isoDate().optional().describe('A working day, not in the past. Defaults from the case milestones.'),
    send: z.boolean().describe('Send each request as soon as it is created.'),
  })
  .strict()
  .meta({ id: 'CreateRequests', description: 'One request per agency and return type.' });

export const ReasonBody = z
  .object({ reason: text(2000).describe('Recorded in the audit trail.') })
  .strict()
  .meta({ id: 'Reason' });

export const NewDeadlineBody = z
  .object({ dueOn: isoDate().describe('A working day, not in the past.'), reason: text(2000) })
  .strict()
  .meta({ id: 'NewDeadline' });

// ---------- Agency: returns ----------

const Declaration = z
  .object({
    name: line(200),
    role: line(200),
    date: isoDate(),
    factsDistinguishedFromOpinion: z
      .literal(true)
      .describe('The author confirms the return distinguishes fact from professional opinion (§2.1.6).'),
    conflictOfInterest: z.discriminatedUnion('declared', [
      z.object({ declared: z.literal(false) }).strict(),
      z.object({ declared: z.literal(true), details: text(2000) }).strict(),
    ]),
  })
  .strict()
  .describe('Who completed the return and what they declare (§1.5.8).');

const KeyEvent = z
  .object({
    date: isoDate(),
    approximate: z.boolean().optional().describe('True when the date is an estimate.'),
    description: text(4000),
  })
  .strict();

const SafetyConcern = z
  .discriminatedUnion('raised', [
    z.object({ raised: z.literal(false) }).strict(),
    z.object({ raised: z.literal(true), details: text(4000) }).strict(),
  ])
  .describe(
    'Any immediate safety concern for the child or others (§4.2.1). Raising one alerts the business office at once.',
  );

export const InformationRequestReplyInvolved = z
  .object({
    involvement: z.literal('involved'),
    periodFrom: isoDate().describe('First contact with the child or family.'),
    periodTo: isoDate().describe('Last contact; not before periodFrom.'),
    services: z.array(line(200)).min(1).max(30).describe('Services of the agency that were involved.'),
    keyEvents: z.array(KeyEvent).max(200),
    immediateSafetyConcern: SafetyConcern,
    familyMembersKnown: z
      .array(z.object({ name: line(200), relationship: line(100), notes: text(1000).optional() }).strict())
      .max(50),
    recordsSecured: z
      .object({ status: z.enum(['secured', 'not-yet-secured', 'not-required']), details: text(2000).optional() })
      .strict()
      .describe('Whether the records of the case have been secured (§4.3.5).'),
    practitioners: z
      .array(z.object({ name: line(200), role: line(200), team: line(200).optional() }).strict())
      .max(100)
      .describe('Practitioners involved, for a later learning workshop (§8.10.1).'),
    earlyLearning: text(10000).describe('Learning already identified, or "None identified yet".'),
    informationSharing: z
      .object({ basis: z.enum(['consent', 'without-consent']), reason: text(2000) })
      .strict()
      .describe('The information-sharing decision and why (§2.1.3, §2.1.6).'),
    declaration: Declaration,
  })
  .strict();

export const InformationRequestReplyNoRecords = z
  .object({
    involvement: z.literal('no-records').describe('A nil return: the agency holds no records of the child or family.'),
    notes: text(2000).optional(),
    declaration: Declaration,
  })
  .strict();

export const InformationRequestReply = z
  .discriminatedUnion('involvement', [InformationRequestReplyInvolved, InformationRequestReplyNoRecords])
  .meta({ id: 'InformationRequestReply' });
export type InformationRequestReply = z.infer<typeof InformationRequestReply>;

/** A draft keeps whatever has been typed so far: every field optional, the same limits. */
export const InformationRequestReplyDraft = z
  .object({
    involvement: z.enum(['involved', 'no-records']).optional(),
    periodFrom: isoDate().optional(),
    periodTo: isoDate().optional(),
    services: z.array(z.string().max(200)).max(30).optional(),
    keyEvents: z
      .array(
        z
          .object({
            date: z.string().max(10).optional(),
            approximate: z.boolean().optional(),
            description: z.string().max(4000).optional(),
          })
          .strict(),
      )
      .max(200)
      .optional(),
    immediateSafetyConcern: z
      .object({ raised: z.boolean().optional(), details: z.string().max(4000).optional() })
      .strict()
      .optional(),
    familyMembersKnown: z
      .array(
        z
          .object({
            name: z.string().max(200).optional(),
            relationship: z.string().max(100).optional(),
            notes: z.string().max(1000).optional(),
          })
          .strict(),
      )
      .max(50)
      .optional(),
    recordsSecured: z
      .object({
        status: z.enum(['secured', 'not-yet-secured', 'not-required']).optional(),
        details: z.string().max(2000).optional(),
      })
      .strict()
      .optional(),
    practitioners: z
      .array(
        z
          .object({
            name: z.string().max(200).optional(),
            role: z.string().max(200).optional(),
            team: z.string().max(200).optional(),
          })
          .strict(),
      )
      .max(100)
      .optional(),
    earlyLearning: z.string().max(10000).optional(),
    informationSharing: z
      .object({ basis: z.enum(['consent', 'without-consent']).optional(), reason: z.string().max(2000).optional() })
      .strict()
      .optional(),
    notes: z.string().max(2000).optional(),
    declaration: z
      .object({
        name: z.string().max(200).optional(),
        role: z.string().max(200).optional(),
        date: z.string().max(10).optional(),
        factsDistinguishedFromOpinion: z.boolean().optional(),
        conflictOfInterest: z
          .object({ declared: z.boolean().optional(), details: z.string().max(2000).optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'InformationRequestReplyDraft' });

export const SaveDraftBody = z
  .object({
    content: InformationRequestReplyDraft,
    expectedVersion: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The draft version this edit started from; a stale version is refused with 409.'),
  })
  .strict()
  .meta({ id: 'SaveDraft' });
export type SaveDraftBody = z.infer<typeof SaveDraftBody>;

export const SubmitReturnBody = z
  .object({
    submissionId: z
      .uuid()
      .optional()
      .describe('Idempotency key chosen by the client; a repeat with the same key and content is not a second record.'),
    content: InformationRequestReply,
  })
  .strict()
  .meta({ id: 'SubmitReturn' });
export type SubmitReturnBody = z.infer<typeof SubmitReturnBody>;

// ---------- Agency: sessions ----------

export const StartSessionBody = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'Not a valid link' }) })
  .strict()
  .meta({ id: 'StartAgencySession' });

export const VerifySessionBody = z
  .object({ challengeId: id(), code: z.string().regex(/^\d{6}$/, { message: 'Enter the 6-digit code' }) })
  .strict()
  .meta({ id: 'VerifyAgencySession' });

// ---------- Errors ----------

export const ErrorView = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });
