import * as z from 'zod';
import { SUPPORTED_DATES, SUPPORTED_YEARS } from '../domain/bank-holidays';
import { ROUTES } from '../domain/milestones';
import { AGENCY_KINDS, MEETING_DECISIONS, REQUEST_STATUSES, RETURN_TYPES } from '../domain/model';
import { DROP_REASONS } from '../domain/stale-email';
import { email, id, isoDate, isoDateInYears, line, reference, text } from './primitives';
import { ReturnContent, ReturnDraft } from './returns';

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

/**
 * Day 0 and due dates: working days are counted from them, over the bank holidays of the years the calendar
 * knows (ADR 0008), so the API takes no date it could not count from.
 */
const calendarDate = () =>
  isoDateInYears(SUPPORTED_YEARS.first, SUPPORTED_YEARS.last, `Enter a date ${SUPPORTED_DATES.text}`);
const CALENDAR_RANGE = `From ${SUPPORTED_DATES.from} to ${SUPPORTED_DATES.to}, the years whose bank holidays are known.`;

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
    day0: calendarDate().describe(
      `The day of the Local Authority notification to the National Panel, of receipt of the referral, or of the decision to review. Not in the future. ${CALENDAR_RANGE}`,
    ),
    reference: reference().optional().describe('Generated from the partnership prefix when omitted.'),
    subject: SubjectBody,
  })
  .strict()
  .meta({ id: 'CreateCase' });
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

/** WorkingCalendar.workingDaysLeft, for clients. */
export const WORKING_DAYS_LEFT =
  'Working days left until the due date, counted in Europe/London. Not passed: the working days after today up to and including the due date (0 = due today; a due date on the next working day is 1, at a weekend too). Passed: negative, minus the working days after the due date up to and including today or, on a weekend or bank holiday, the next working day (a Friday due date is -1 over the weekend and on Monday, -2 on Tuesday). Negative exactly when the due date has passed.';

export const MilestoneView = z
  .object({
    key: z.string(),
    label: z.string(),
    due: isoDate(),
    from: isoDate().optional(),
    workingDaysLeft: z.number().int().describe(WORKING_DAYS_LEFT),
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
    closedReason: z.string().optional().describe('Why the office closed the case, as it was given.'),
    retainUntil: isoDate().optional().describe('When retention deletes the returns of this closed case.'),
    legalHold: z.object({ reason: z.string(), since: z.string() }).optional(),
    purgedAt: z.string().optional().describe('When retention deleted the returns and the child’s details.'),
    milestones: z.array(MilestoneView),
    subject: SubjectBody.optional().describe('Absent once retention has deleted it.'),
    returns: z
      .object({
        total: z.number().int(),
        notSent: z.number().int(),
        awaiting: z.number().int().describe('Sent and waiting on the agency.'),
        overdue: z.number().int(),
        dueSoon: z.number().int().describe('Due within two working days.'),
        submitted: z.number().int().describe('Submitted, waiting for quality assurance.'),
        closed: z.number().int().describe('Accepted, not involved or withdrawn.'),
        safetyConcerns: z.number().int(),
      })
      .optional()
      .describe('On the case list: where the case’s returns stand.'),
  })
  .meta({ id: 'Case' });

// ---------- Business office: requests ----------

export const CreateRequestBody = z
  .object({
    agencyId: id(),
    returnType: z.enum(RETURN_TYPES),
    dueOn: calendarDate()
      .optional()
      .describe(
        `A working day, not in the past. ${CALENDAR_RANGE} Defaults from the case milestones (Rapid Review: working day 10).`,
      ),
    analysisColumns: z
      .boolean()
      .optional()
      .describe(
        'Chronologies only: the Terms of Reference ask for the analysis columns ("was this expected practice?").',
      ),
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
    workingDaysLeft: z.number().int().describe(WORKING_DAYS_LEFT),
    analysisColumns: z.boolean().optional(),
    immediateSafetyConcern: z.boolean().optional().describe('The latest return raised an immediate safety concern.'),
    nilReturn: z.boolean().optional().describe('The latest return was a nil return.'),
    emailStatus: z.enum(['queued', 'sent', 'failed']).optional(),
    lastReason: z.string().optional(),
    lastReminder: z.object({ step: z.string(), sentAt: z.string() }).optional(),
    escalationStep: z.enum(['case-review-group', 'safeguarding-partners']).optional(),
    linksStopped: z
      .boolean()
      .optional()
      .describe(
        "true while the office has stopped the agency's links in the case and not sent one since: the request is not chased and no e-mail about it carries a link; sending the link again restarts it (ADR 0004).",
      ),
    linksStoppedAt: z.string().optional().describe("When the office last stopped the agency's links in the case."),
    linksResumedAt: z.string().optional().describe('When the office last sent a link again after a stop.'),
    reminders: z
      .array(
        z.object({
          step: z.string(),
          action: z.string(),
          dueOn: isoDate(),
          recordedAt: z.string(),
          sentAt: z
            .string()
            .optional()
            .describe('When SES accepted it; absent while it waits for a retry, and when it was dropped.'),
          droppedAt: z
            .string()
            .optional()
            .describe('When its e-mail, waiting for a retry, was found no longer true and dropped unsent (ADR 0005).'),
          dropReason: z
            .enum(DROP_REASONS)
            .optional()
            .describe('Why it was dropped: the return came in, the request ended, or its due date changed.'),
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
    dueOn: calendarDate()
      .optional()
      .describe(`A working day, not in the past. ${CALENDAR_RANGE} Defaults from the case milestones.`),
    send: z.boolean().describe('Send each request as soon as it is created.'),
    analysisColumns: z.boolean().optional().describe('For the chronologies among them: ask for the analysis columns.'),
  })
  .strict()
  .meta({ id: 'CreateRequests', description: 'One request per agency and return type.' });

export const LegalHoldBody = z
  .object({ hold: z.boolean(), reason: text(2000) })
  .strict()
  .meta({
    id: 'LegalHold',
    description: 'Place (hold: true) or lift a legal hold, which stops retention deleting the case.',
  });

export const ReasonBody = z
  .object({ reason: text(2000).describe('Recorded in the audit trail.') })
  .strict()
  .meta({ id: 'Reason' });

export const NewDeadlineBody = z
  .object({ dueOn: calendarDate().describe(`A working day, not in the past. ${CALENDAR_RANGE}`), reason: text(2000) })
  .strict()
  .meta({ id: 'NewDeadline' });

// ---------- Business office: the meeting's decision ----------

export const MeetingDecisionBody = z
  .object({
    meetingDate: isoDate().describe('The day of the Rapid Review or Case Review Group meeting: not in the future.'),
    decision: z
      .enum(MEETING_DECISIONS)
      .describe(
        'cspr: the criteria for a Child Safeguarding Practice Review are met; alternative-learning-review: not to proceed with a review, but an alternative form of learning review is appropriate; no-further-review: neither (§4.6.2).',
      ),
    rationale: text(10000),
    learningIdentified: text(10000),
    immediateActions: text(10000).optional(),
  })
  .strict()
  .meta({ id: 'MeetingDecision', description: "The meeting's decision, reported to the National Panel (§4.8.1)." });
export type MeetingDecisionBody = z.infer<typeof MeetingDecisionBody>;

// ---------- Agency: returns ----------

export const SaveDraftBody = z
  .object({
    content: ReturnDraft,
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
    content: ReturnContent,
  })
  .strict()
  .meta({ id: 'SubmitReturn' });
export type SubmitReturnBody = z.infer<typeof SubmitReturnBody>;

export const StartUploadBody = z
  .object({
    fileName: line(255).describe('Shown to the business office; never logged.'),
    contentType: z.enum([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]),
    size: z
      .number()
      .int()
      .min(1)
      .max(25 * 1024 * 1024)
      .describe('Bytes; the upload must be exactly this size.'),
  })
  .strict()
  .meta({ id: 'StartUpload', description: 'A Word (.docx), PDF or Excel (.xlsx) file to attach.' });

export const ImportChronologyBody = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    data: z
      .string()
      .max(2_000_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Send the file base64-encoded' })
      .describe('The file, base64-encoded (up to 1.5 MB).'),
    mode: z
      .enum(['preview', 'replace', 'append'])
      .describe('preview: parse and report only; replace/append: write the rows into the draft, all or nothing.'),
  })
  .strict()
  .meta({ id: 'ImportChronology' });

export const GroupingDecisionBody = z
  .object({
    kind: z.enum(['confirm', 'split']).describe('confirm: these rows are one event; split: no two of them are.'),
    entryIds: z
      .array(z.string().max(100))
      .min(2)
      .max(20)
      .describe("Source rows' entry ids, from the chronology's sources."),
  })
  .strict()
  .meta({ id: 'GroupingDecision' });

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
