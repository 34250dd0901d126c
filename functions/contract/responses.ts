import * as z from 'zod';
import { ROUTES } from '../domain/milestones';
import { MEETING_DECISIONS, REQUEST_STATUSES, RETURN_TYPES } from '../domain/model';
import { DROP_REASONS } from '../domain/stale-email';
import { id, isoDate } from './primitives';
import { ChronologyRow, ReturnContent, ReturnDraft } from './returns';
import { AgencyView, CaseView, RequestView, SubjectBody, WORKING_DAYS_LEFT } from './schemas';

/**
 * What the API answers, route by route: each schema describes what its handler builds (see the handler and
 * functions/http/views.ts), so a client can be coded against the OpenAPI document and the contract tests
 * can hold real responses to it. Objects are not strict (a client must tolerate a field added later), but
 * test/support/contract.ts also fails on a field a schema does not declare.
 */

const count = () => z.number().int().min(0);
const timestamp = () => z.string().describe('ISO 8601 date and time (UTC).');
const ATTACHMENT_TYPE = z.enum(['pdf', 'docx', 'xlsx']);

// ---------- Business office ----------

export const CaseList = z.object({ cases: z.array(CaseView) }).meta({ id: 'CaseList' });

export const AgencyList = z.object({ agencies: z.array(AgencyView) }).meta({ id: 'AgencyList' });

export const RequestList = z.object({ requests: z.array(RequestView) }).meta({ id: 'RequestList' });

export const EmailOutcome = z
  .object({
    status: z
      .enum(['sent', 'queued', 'failed', 'dropped'])
      .describe(
        '`dropped` only in a rare race: another sender took the e-mail first just as the request changed, and found it no longer true (ADR 0005).',
      ),
    nextAttemptAt: timestamp().optional().describe('Queued: when sending is tried again.'),
    reason: z.enum(DROP_REASONS).optional().describe('Dropped: why.'),
  })
  .meta({ id: 'EmailOutcome', description: 'What became of the e-mail the action sent.' });

export const RequestAction = RequestView.extend({
  email: EmailOutcome.optional().describe('Present when the action e-mailed the agency.'),
}).meta({ id: 'RequestAction', description: 'A request after an action, with the e-mail it sent if any.' });

export const RequestBatch = z.object({ requests: z.array(RequestAction) }).meta({ id: 'RequestBatch' });

export const LinksRevoked = z
  .object({
    revoked: count(),
    paused: count().describe(
      "The agency's requests in the case whose reminders and escalations now wait until a link is sent again.",
    ),
  })
  .meta({ id: 'LinksRevoked' });

export const ReturnVersionList = z
  .object({
    versions: z.array(
      z.object({
        version: z.number().int().min(1),
        submittedAt: timestamp(),
        nilReturn: z.boolean(),
        immediateSafetyConcern: z.boolean(),
        declarationName: z.string(),
        declarationRole: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReturnVersionList' });

export const SubmittedAttachment = z
  .object({ id: id(), fileName: z.string(), type: ATTACHMENT_TYPE, size: z.number().int().min(1) })
  .meta({ id: 'SubmittedAttachment' });

export const SubmittedReturnView = z
  .object({
    requestId: id(),
    caseId: id(),
    agencyId: id(),
    agencyName: z.string(),
    returnType: z.enum(RETURN_TYPES),
    version: z.number().int().min(1),
    submittedAt: timestamp(),
    immediateSafetyConcern: z.boolean(),
    nilReturn: z.boolean(),
    attachments: z.array(SubmittedAttachment).describe('The files that were part of this version.'),
    content: ReturnContent,
  })
  .meta({ id: 'SubmittedReturn' });

const Actor = z.discriminatedUnion('type', [
  z.object({ type: z.literal('staff'), userId: z.string(), username: z.string(), partnershipId: z.string() }),
  z.object({
    type: z.literal('agency'),
    agencyId: id(),
    partnershipId: z.string(),
    sessionRef: z.string().describe('A prefix of the session’s hash, to tell sessions apart.'),
  }),
  z.object({ type: z.literal('system'), name: z.string() }),
]);

export const AuditTrail = z
  .object({
    events: z.array(
      z.object({
        id: id(),
        at: timestamp(),
        actor: Actor,
        action: z.string().describe('e.g. case.opened, request.sent, return.viewed.'),
        requestId: id().optional(),
        agencyId: id().optional(),
        detail: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
          .optional()
          .describe('Never personal data.'),
      }),
    ),
  })
  .meta({ id: 'AuditTrail', description: 'Oldest first.' });

export const AttachmentView = z
  .object({
    id: id(),
    fileName: z.string(),
    type: ATTACHMENT_TYPE,
    size: z.number().int().min(1).describe('Bytes.'),
    status: z.enum(['awaiting-upload', 'scanning', 'available', 'rejected']),
    createdAt: timestamp(),
    releasedAt: timestamp().optional(),
    rejectedMessage: z.string().optional().describe('Why the file was not accepted, for the agency lead.'),
    rejectedReason: z
      .string()
      .optional()
      .describe('Business office only: the check that refused the file, e.g. macro-enabled, scan-infected.'),
  })
  .meta({ id: 'Attachment' });

export const AttachmentList = z.object({ attachments: z.array(AttachmentView) }).meta({ id: 'AttachmentList' });

export const DownloadLink = z
  .object({ url: z.string(), expiresInSeconds: z.number().int().min(1) })
  .meta({ id: 'DownloadLink', description: 'A presigned GET that saves the file (Content-Disposition: attachment).' });

const datePrecision = z
  .enum(['day', 'month', 'year'])
  .describe('How precise the date is: `date` is YYYY-MM-DD, YYYY-MM or YYYY.');
const dated = {
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .describe('As precise as the record allows.'),
  datePrecision,
  approximate: z.boolean().describe('The agency gave the date as approximate ("about May 2019").'),
};

const ChronologySource = z.object({
  agencyId: id(),
  agencyName: z.string(),
  entryId: z.string().describe('`requestId:rowId`: stable across resubmissions; what grouping decisions name.'),
  ...dated,
  time: z.string().optional().describe('HH:MM'),
  description: z.string(),
  actionOutcome: z.string().optional(),
  sourceRecord: z.string().optional(),
  practitionerRole: z.string().optional(),
  factOrOpinion: z.enum(['fact', 'opinion']),
  expectedPractice: z
    .enum(['yes', 'no', 'partly', 'not-known'])
    .optional()
    .describe('The agency’s analysis of its row (was this expected practice?), where the request asked for it.'),
  analysisComment: z.string().optional().describe('The agency’s comment on its analysis.'),
});

export const MergedChronology = z
  .object({
    version: z.number().int().min(1),
    generatedAt: timestamp(),
    sources: z
      .array(
        z.object({
          requestId: id(),
          agencyId: id(),
          returnVersion: z.number().int().min(1),
          submissionId: z.string(),
        }),
      )
      .describe('The submitted chronologies it was merged from.'),
    entries: z
      .array(
        z.object({
          id: z.string(),
          ...dated,
          sortDate: isoDate().describe(
            'The first day of the date’s span: where the entry is placed (an approximate date at the start of its span).',
          ),
          time: z.string().optional().describe('HH:MM'),
          description: z.string(),
          sources: z
            .array(ChronologySource)
            .min(1)
            .describe('Each agency’s own row; the first gives the entry its date, time and description.'),
          grouping: z
            .enum(['single', 'suggested', 'confirmed'])
            .describe('suggested: rows of several agencies that look like one event; confirmed by the office.'),
        }),
      )
      .describe('In date order.'),
    gaps: z
      .array(
        z.object({
          from: isoDate().describe('The first day with no agency contact.'),
          to: isoDate().describe('The last day with no agency contact.'),
          days: z.number().int().min(1).describe('How many days had no agency contact, `from` and `to` included.'),
        }),
      )
      .describe('Periods of more days with no agency contact than the partnership’s threshold, in date order.'),
  })
  .meta({ id: 'MultiAgencyChronology', description: 'The latest merge of the agencies’ submitted chronologies.' });

export const RecordedMeetingDecision = z
  .object({
    meetingDate: isoDate(),
    decision: z.enum(MEETING_DECISIONS),
    decisionLabel: z.string().describe('The decision in the words of the guidance.'),
    rationale: z.string(),
    learningIdentified: z.string(),
    immediateActions: z.string().optional(),
    recordedAt: timestamp(),
  })
  .meta({ id: 'RecordedMeetingDecision' });

export const MeetingDecisionView = z
  .object({ decision: RecordedMeetingDecision.nullable().describe('null until a decision is recorded.') })
  .meta({ id: 'MeetingDecisionView' });

export const CasePackDownload = z
  .object({
    url: z.string().describe('A presigned GET of the zip.'),
    fileName: z.string(),
    expiresInSeconds: z.number().int().min(1),
    files: count().describe('Files in the pack.'),
    notIncluded: count().describe('Files left out (listed in the manifest).'),
  })
  .meta({ id: 'CasePackDownload' });

export const Officer = z
  .object({
    username: z.string(),
    partnership: z.object({ id: z.string(), name: z.string(), officeName: z.string() }),
  })
  .meta({ id: 'Officer' });

export const OpenApiDocument = z
  .object({
    openapi: z.string(),
    info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
    servers: z.array(z.object({ url: z.string() })),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.object({
      schemas: z.record(z.string(), z.unknown()),
      securitySchemes: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'OpenApiDocument' });

// ---------- Agency ----------

export const AgencyLink = z
  .object({
    partnershipName: z.string(),
    officeName: z.string().describe('The business office that sent the request.'),
    officeEmail: z.string(),
  })
  .meta({
    id: 'AgencyLink',
    description: 'Who is asking, shown before the code: nothing of the case, the child or the agency.',
  });

export const AgencyChallenge = z
  .object({
    challengeId: id(),
    sentTo: z.array(z.string()).describe('The addresses the code went to, masked: j•••@example.org.'),
    partnershipName: z.string(),
    agencyName: z.string(),
    caseReference: z.string(),
    expiresAt: timestamp(),
  })
  .meta({ id: 'AgencyChallenge' });

export const AgencySignedIn = z
  .object({ signedIn: z.literal(true), expiresInSeconds: z.number().int().min(1) })
  .meta({ id: 'AgencySignedIn' });

export const AgencySessionTimes = z
  .object({
    idleTimeoutSeconds: z.number().int().min(1).describe('How long the session lasts without activity (30 minutes).'),
    idleExpiresInSeconds: z
      .number()
      .int()
      .min(0)
      .describe(
        'Seconds from now until the session ends unless there is activity: the idle limit, or less near its absolute end.',
      ),
    expiresInSeconds: z
      .number()
      .int()
      .min(0)
      .describe('Seconds from now until the session ends whatever the activity (8 hours after signing in).'),
  })
  .meta({
    id: 'AgencySessionTimes',
    description: 'When the agency session ends: the page warns the lead before, and offers to stay signed in.',
  });

export const AgencyRequestSummary = z
  .object({
    id: id(),
    returnType: z.enum(RETURN_TYPES),
    returnLabel: z.string(),
    status: z.enum(REQUEST_STATUSES),
    dueOn: isoDate(),
    workingDaysLeft: z.number().int().describe(WORKING_DAYS_LEFT),
    analysisColumns: z.boolean().optional(),
    keyThemes: z
      .array(z.string())
      .optional()
      .describe(
        "Information Reports: the key themes from the review's Terms of Reference to analyse the agency's involvement against (§8.5).",
      ),
    moreInformationAsked: z.string().optional().describe('What the business office asked for when it reopened it.'),
    draftVersion: z.number().int().min(1).optional().describe('The version the next draft save builds on.'),
    draftSavedAt: timestamp().optional(),
    submittedAt: timestamp().optional(),
  })
  .meta({ id: 'AgencyRequestSummary' });

export const AgencyCase = z
  .object({
    partnership: z.object({ name: z.string(), officeName: z.string(), officeEmail: z.string() }),
    agency: z.object({ id: id(), name: z.string() }),
    case: z.object({
      reference: z.string(),
      route: z.enum(ROUTES),
      day0: isoDate(),
      subject: SubjectBody.optional().describe('Absent once retention has deleted it.'),
    }),
    requests: z.array(AgencyRequestSummary),
  })
  .meta({ id: 'AgencyCase', description: "The case and this agency's requests in it." });

export const AgencyRequestDetail = z
  .object({
    request: AgencyRequestSummary,
    draft: z
      .object({ version: z.number().int().min(1), savedAt: timestamp().optional(), content: ReturnDraft })
      .optional()
      .describe('Absent when no draft was saved since the latest submission.'),
    submitted: z
      .object({ version: z.number().int().min(1), submittedAt: timestamp(), content: ReturnContent })
      .optional()
      .describe('The latest submitted return, if any.'),
    declarationDefaults: z
      .object({ name: z.string(), role: z.string() })
      .optional()
      .describe(
        "The name and role of this agency's latest declaration in the case (any of its returns), to prefill the next one.",
      ),
  })
  .meta({ id: 'AgencyRequestDetail' });

export const DraftSaved = z
  .object({ version: z.number().int().min(1), savedAt: timestamp() })
  .meta({ id: 'DraftSaved' });

export const SubmissionReceipt = z
  .object({
    requestId: id(),
    status: z.literal('submitted'),
    submissionId: z.string(),
    version: z.number().int().min(1),
    submittedAt: timestamp(),
    receipt: z.string().describe('A short reference the lead can quote to the business office.'),
  })
  .meta({ id: 'SubmissionReceipt' });

export const UploadStarted = z
  .object({
    attachment: AttachmentView,
    upload: z
      .object({ url: z.string(), fields: z.record(z.string(), z.string()) })
      .describe('A presigned POST: send the fields, then the file, as multipart/form-data (10 minutes).'),
  })
  .meta({ id: 'UploadStarted' });

export const ChronologyImport = z
  .object({
    rows: z.array(ChronologyRow).describe('The rows read from the file.'),
    rejected: z
      .array(z.object({ line: z.number().int().min(1), column: z.string().optional(), message: z.string() }))
      .describe('Rows that could not be read, with the line of the file (1 is the header row) and why.'),
    alreadyInDraft: z
      .array(z.number().int().min(1))
      .describe('Lines of the file whose rows are already in the draft, exactly; appending leaves them out.'),
    fits: z
      .object({ replace: z.boolean(), append: z.boolean() })
      .describe(
        'Whether replacing the draft with the file, or adding its new rows to the draft, stays within the 1,000 rows a chronology can have.',
      ),
    ignoredColumns: z
      .array(z.object({ header: z.string(), lines: z.array(z.number().int().min(2)) }))
      .describe(
        'Columns of the file that are not the template’s, with the lines where they hold something: not imported.',
      ),
    mode: z.enum(['preview', 'replace', 'append']),
    imported: count().describe('Rows written into the draft (0 for a preview).'),
    version: z.number().int().min(1).optional().describe('The draft version saved (not for a preview).'),
    savedAt: timestamp().optional(),
  })
  .meta({ id: 'ChronologyImport' });
