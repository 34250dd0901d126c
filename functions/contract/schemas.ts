import * as z from 'zod';
import { SUPPORTED_DATES, SUPPORTED_YEARS } from '../domain/bank-holidays';
import { ROUTES } from '../domain/milestones';
import { DUE_DATE_NOTICES } from '../domain/due-date-notice';
import { ATTACHMENT_TYPES } from '../domain/files/attachment-types';
import { AGENCY_KINDS, MEETING_DECISIONS, REQUEST_STATUSES, RETURN_TYPES } from '../domain/model';
import { DROP_REASONS } from '../domain/stale-email';
import { email, id, isoDate, isoDateInYears, line, reference, text } from './primitives';
import { ReturnContent, ReturnDraft } from './returns';

// ---------- Business office: agencies ----------

/** Links and escalations go only to the partnership's trusted domains (services/agencies.ts). */
const TRUSTED_DOMAIN =
  "In one of the partnership's trusted e-mail domains (its configuration; a domain admits its subdomains).";

export const CreateAgencyBody = z
  .object({
    name: line(200),
    kind: z.enum(AGENCY_KINDS),
    leadName: line(200),
    leadEmail: email().describe(TRUSTED_DOMAIN),
    deputyEmail: email().optional().describe(TRUSTED_DOMAIN),
    strategicLeadName: line(200).optional(),
    strategicLeadEmail: email().optional().describe(TRUSTED_DOMAIN),
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

/** An empty change is a mistake, not a no-op: it would say the directory was edited when it was not. */
export const NOTHING_TO_CHANGE = 'Give at least one field to change';

export const UpdateAgencyBody = z
  .object({
    name: line(200).optional(),
    kind: z.enum(AGENCY_KINDS).optional(),
    leadName: line(200).optional(),
    leadEmail: email().optional().describe(TRUSTED_DOMAIN),
    deputyEmail: email().nullable().optional().describe(`null removes the deputy. ${TRUSTED_DOMAIN}`),
    strategicLeadName: line(200).nullable().optional(),
    strategicLeadEmail: email().nullable().optional().describe(TRUSTED_DOMAIN),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, { message: NOTHING_TO_CHANGE })
  .meta({
    id: 'UpdateAgency',
    description: `Fields to change; fields left out stay as they are. ${NOTHING_TO_CHANGE}. A change to the values the agency already has changes nothing (its updatedAt stays).`,
    minProperties: 1,
  });
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
    warnFrom: isoDate()
      .optional()
      .describe(
        "The day from which the daily run alerts the office that this milestone is at risk, by the partnership's alert settings.",
      ),
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
    plannedMeeting: z
      .object({
        date: isoDate(),
        setAt: z.string().describe('ISO 8601 date and time (UTC).'),
        setBy: z.string().describe("The officer's username."),
      })
      .optional()
      .describe('Rapid Review: the meeting date the office has set (§4.3.3); absent until set.'),
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
        safetyConcerns: z
          .number()
          .int()
          .describe('Immediate safety concerns not yet acknowledged by the office: these call for action.'),
        safetyConcernsAcknowledged: z
          .number()
          .int()
          .describe('Immediate safety concerns the office has acknowledged, recording what was done.'),
        nilReturns: z.number().int().describe('Returns in (submitted or accepted) that are nil returns.'),
        outstandingDueDates: z
          .array(isoDate())
          .describe('The due dates of the requests not yet sent or awaiting the agency, earliest first.'),
      })
      .optional()
      .describe('On the case list: where the case’s returns stand.'),
  })
  .meta({ id: 'Case' });

// ---------- Business office: requests ----------

/** The key themes of the review's Terms of Reference an Information Report is to analyse against (§8.5, §8.8). */
const KEY_THEMES = z
  .array(line(200))
  .min(1, { message: 'Name at least one key theme, or leave keyThemes out' })
  .max(30, { message: 'Name up to 30 key themes' })
  .optional();
const KEY_THEMES_ARE =
  "the key themes from the review's Terms of Reference the agency must analyse its involvement against (§8.5), 1 to 30, each up to 200 characters on one line. The agency lead sees them on the request, and a new Information Report starts with one theme row for each.";

export const CreateRequestBody = z
  .object({
    agencyId: id(),
    returnType: z.enum(RETURN_TYPES),
    dueOn: calendarDate()
      .optional()
      .describe(
        `A working day, not in the past. ${CALENDAR_RANGE} Defaults from the case milestones (Rapid Review: the day replies are due, working day 10 or the first day of the meeting window if sooner).`,
      ),
    analysisColumns: z
      .boolean()
      .optional()
      .describe(
        'Chronologies only: the Terms of Reference ask for the analysis columns ("was this expected practice?").',
      ),
    keyThemes: KEY_THEMES.describe(
      `Information Reports only: ${KEY_THEMES_ARE} On another return type it is refused with 400 (path keyThemes).`,
    ),
  })
  .strict()
  .meta({ id: 'CreateRequest' });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const SafetyConcernAcknowledgementView = z
  .object({
    returnVersion: z.number().int().min(1).describe('The version of the return whose concern this acknowledges.'),
    action: z.string().describe('What was done about the concern, as the officer recorded it.'),
    acknowledgedAt: z.string().describe('ISO 8601 date and time (UTC).'),
    acknowledgedBy: z.string().describe("The officer's username."),
  })
  .meta({ id: 'SafetyConcernAcknowledgement' });

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
    keyThemes: z
      .array(z.string())
      .optional()
      .describe('Information Reports: the key themes the office named for the agency to analyse against.'),
    immediateSafetyConcern: z.boolean().optional().describe('The latest return raised an immediate safety concern.'),
    safetyConcernAcknowledgement: SafetyConcernAcknowledgementView.optional().describe(
      "The office's record of what was done about the latest return's safety concern; absent until then, and again when a later version raises one.",
    ),
    nilReturn: z.boolean().optional().describe('The latest return was a nil return.'),
    emailStatus: z.enum(['queued', 'sent', 'failed']).optional(),
    lastReason: z.string().optional(),
    lastReminder: z
      .object({
        step: z.string(),
        sentAt: z.string().describe('When the step was taken (see reminders for its e-mail).'),
      })
      .optional(),
    escalationStep: z.enum(['case-review-group', 'safeguarding-partners']).optional(),
    linksStopped: z
      .boolean()
      .optional()
      .describe(
        "true while the office has stopped the agency's links in the case and not sent one since: the request is not chased and no e-mail about it carries a link; sending the link again restarts it (ADR 0004).",
      ),
    linksStoppedAt: z.string().optional().describe("When the office last stopped the agency's links in the case."),
    linksResumedAt: z.string().optional().describe('When the office last sent a link again after a stop.'),
    // Issue 4's {step, sentAt, to}, with what an office needs besides (ADR 0009).
    reminders: z
      .array(
        z.object({
          step: z
            .string()
            .describe("The step of the partnership's chasing ladder, e.g. 2-days-before, due-today, 1-day-overdue."),
          sentAt: z
            .string()
            .optional()
            .describe(
              'When its e-mail went (SES accepted it for every recipient). Present whenever it was sent; absent while it is queued (waiting for its first attempt or a retry), when it could not be sent, and when it was dropped unsent: emailStatus says which.',
            ),
          to: z.array(z.string()).describe('Who it went, or goes, to.'),
          emailStatus: z.enum(['queued', 'sent', 'failed', 'dropped']),
          action: z.string().describe('What the step does: remind, due-today, chase, escalate-crg, escalate-partners.'),
          dueOn: isoDate().describe('The due date the step was counted from.'),
          recordedAt: z.string().describe('When the daily run took the step.'),
          droppedAt: z
            .string()
            .optional()
            .describe('When its e-mail, waiting for a retry, was found no longer true and dropped unsent (ADR 0005).'),
          dropReason: z
            .enum(DROP_REASONS)
            .optional()
            .describe('Why it was dropped: the return came in, the request ended, or its due date changed.'),
        }),
      )
      .optional()
      .describe('Chasing steps taken, with their recipients (on the case’s request list), oldest first.'),
    dueDateNotice: z
      .object({
        code: z
          .enum(DUE_DATE_NOTICES)
          .describe(
            'statutory-date-passed: working day 15 has passed; after-national-panel: due after working day 15; after-meeting-window: due after the meeting window closes; after-replies-due: due after the replies for the meeting were due.',
          ),
        message: z.string(),
      })
      .optional()
      .describe(
        'Only in the answer to creating a request (one or a batch): an Information Request Reply of a Rapid Review whose due date comes too late for the meeting or for day 15, when the National Panel must have the Combined Summary and covering letter (§4.2.2), or whose working day 15 has already passed. The request is created all the same.',
      ),
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
    keyThemes: KEY_THEMES.describe(
      `For the Information Reports among them: ${KEY_THEMES_ARE} The other returns are made without them.`,
    ),
  })
  .strict()
  .meta({ id: 'CreateRequests', description: 'One request per agency and return type.' });

export const LegalHoldBody = z
  .object({ hold: z.boolean(), reason: text(2000) })
  .strict()
  .meta({
    id: 'LegalHold',
    description:
      'Place (hold: true) or lift a legal hold, which stops retention deleting the case. A hold is placed once: placing one on a held case is refused with 409 legal-hold-already-placed (lift it first), and lifting where there is none with 409 no-legal-hold.',
  });

export const ReasonBody = z
  .object({ reason: text(2000).describe('Recorded in the audit trail.') })
  .strict()
  .meta({ id: 'Reason' });

export const AcknowledgeSafetyConcernBody = z
  .object({
    action: text(2000).describe(
      'What was done about the concern, e.g. "Discussed with MASH; police welfare check made 3 Dec". Required; recorded in the audit trail.',
    ),
  })
  .strict()
  .meta({ id: 'AcknowledgeSafetyConcern' });

export const NewDeadlineBody = z
  .object({
    dueOn: calendarDate().describe(
      `A working day, not in the past. ${CALENDAR_RANGE} To extend a request (…/extend), also after its current due date: an extension cannot shorten the time given.`,
    ),
    reason: text(2000),
  })
  .strict()
  .meta({ id: 'NewDeadline' });

export const PlannedMeetingBody = z
  .object({
    date: isoDate().describe(
      "A working day, not in the past. Outside the partnership's meeting window it is accepted and recorded as such.",
    ),
    reason: text(2000).optional().describe('Why it is set or changed; recorded in the audit trail.'),
  })
  .strict()
  .meta({ id: 'PlannedMeeting', description: "The Rapid Review meeting's planned date." });

// ---------- Business office: the meeting's decision ----------

export const MeetingDecisionBody = z
  .object({
    meetingDate: isoDate().describe(
      "The day of the Rapid Review or Case Review Group meeting: not in the future, and not before the case's day 0.",
    ),
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
  .meta({
    id: 'SaveDraft',
    description:
      "A draft of the return the request asks for (told by kind, or by involvement for an Information Request Reply) or of a nil return; a draft that says it is another type, or holds another type's fields, is refused with 400 wrong-return-type. Otherwise whatever has been entered so far is kept as it is: the rules of a submission hold it only when it is submitted.",
  });
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

/** Each type's extensions as a JSON Schema pattern, which has no flags: ".pdf" → "(\.[pP][dD][fF])$". */
const extensionPattern = (extensions: readonly string[]) =>
  `(${extensions.map((e) => e.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`).replace('.', '\\.')).join('|')})$`;
const UPLOAD_TYPES = Object.values(ATTACHMENT_TYPES);
export const EXTENSION_MATCHES_TYPE =
  'The file name must end in the extension of its contentType: .pdf for a PDF, .docx for a Word document, .xlsx for an Excel workbook';

export const StartUploadBody = z
  .object({
    fileName: line(255).describe('Shown to the business office; never logged. Its extension matches contentType.'),
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
  .refine(
    ({ fileName, contentType }) =>
      UPLOAD_TYPES.some(
        (type) => type.contentType === contentType && type.extensions.some((e) => fileName.toLowerCase().endsWith(e)),
      ),
    {
      path: ['fileName'],
      message: EXTENSION_MATCHES_TYPE,
      when: ({ issues }) => !issues.some((i) => i.path?.[0] === 'fileName' || i.path?.[0] === 'contentType'),
    },
  )
  .meta({
    id: 'StartUpload',
    description: `A Word (.docx), PDF or Excel (.xlsx) file to attach. ${EXTENSION_MATCHES_TYPE}.`,
    allOf: UPLOAD_TYPES.map((type) => ({
      if: { properties: { contentType: { const: type.contentType } }, required: ['contentType'] },
      then: { properties: { fileName: { pattern: extensionPattern(type.extensions) } } },
    })),
  });

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
