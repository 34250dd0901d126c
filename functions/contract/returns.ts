import * as z from 'zod';
import { MAX_CHRONOLOGY_ROWS } from '../domain/model';
import { draftOf } from './drafts';
import { EARLIEST_YEAR, LATEST_YEAR } from '../domain/chronology/fuzzy-date';
import { isoDateInYears, line, text, yearPattern } from './primitives';

/**
 * What agencies return (DOMAIN.md, guidance §4.3, §8.4–§8.6). The Information Request Reply keeps the
 * v1 shape (told apart by `involvement`); the other returns carry `kind`. Any request may be answered with
 * a nil return. Constraints the JSON Schema cannot state (dates not in the future, an end not before its
 * start, analysis columns when the request asks for them) are checked by the domain (returns.ts) and said
 * in the descriptions; rules across fields that JSON Schema can state are also given as keywords
 * (test/unit/documented-rules.test.ts holds the document to every rule).
 */

/**
 * Every date in a return, at every precision, is in one range of years (EARLIEST_YEAR–LATEST_YEAR, the rule
 * the form and the chronology import apply): a pattern here, so that the OpenAPI document states it; not in
 * the future, checked by the domain.
 */
const YEARS = yearPattern(EARLIEST_YEAR, LATEST_YEAR);
const RANGE = `from ${EARLIEST_YEAR} to ${LATEST_YEAR}`;
const recordDate = () => isoDateInYears(EARLIEST_YEAR, LATEST_YEAR, `Enter a date ${RANGE}`);

// ---------- Dates whose precision is kept ----------

export const FuzzyDate = z
  .discriminatedUnion('precision', [
    z.object({ precision: z.literal('day'), value: recordDate(), approximate: z.boolean() }).strict(),
    z
      .object({
        precision: z.literal('month'),
        value: z
          .string()
          .regex(new RegExp(`^(?:${YEARS})-(0[1-9]|1[0-2])$`), { message: `Enter a month like 2019-05, ${RANGE}` }),
        approximate: z.boolean(),
      })
      .strict(),
    z
      .object({
        precision: z.literal('year'),
        value: z.string().regex(new RegExp(`^(?:${YEARS})$`), { message: `Enter a year like 2019, ${RANGE}` }),
        approximate: z.boolean(),
      })
      .strict(),
  ])
  .meta({
    id: 'FuzzyDate',
    description: `A date as precise as the record allows: a day, a month or a year, optionally approximate ("about May 2019" is {precision: "month", value: "2019-05", approximate: true}). In the years ${EARLIEST_YEAR} to ${LATEST_YEAR} at every precision, and not in the future.`,
  });

export const Declaration = z
  .object({
    name: line(200),
    role: line(200),
    date: recordDate().describe(
      'The day the return is declared (Europe/London): not in the future, and not before the day the request was sent or, for a new version after the office asked for more information, the day the previous version was submitted.',
    ),
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

/**
 * A date of the Information Request Reply: as precise as the record allows (a FuzzyDate), or, as v1 clients
 * send it, an exact day 'YYYY-MM-DD'. Not in the future.
 */
const ReplyDate = z.union([recordDate(), FuzzyDate]);

const KeyEvent = z
  .object({
    date: ReplyDate.describe('Not in the future.'),
    approximate: z
      .boolean()
      .optional()
      .describe('True when a YYYY-MM-DD date is an estimate; a FuzzyDate says so itself.'),
    description: text(4000),
  })
  .strict();

/**
 * Practitioners involved and their line managers, whom the review may invite to its learning workshop
 * (§8.10.1: "usually requested alongside the chronology and/or Information Report").
 */
export const Practitioner = z
  .object({
    name: line(200),
    role: line(200),
    team: line(200).optional(),
    lineManager: z
      .object({ name: line(200), role: line(200).optional() })
      .strict()
      .optional()
      .describe("The practitioner's line manager, also invited to the workshop."),
  })
  .strict()
  .meta({ id: 'Practitioner' });
export type Practitioner = z.infer<typeof Practitioner>;

const Practitioners = z
  .array(Practitioner)
  .max(100)
  .describe('Practitioners involved and their line managers, for a later learning workshop (§8.10.1).');

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
    periodFrom: ReplyDate.describe('First contact with the child or family; not in the future.'),
    periodTo: ReplyDate.describe('Last contact; not before periodFrom, and not in the future.'),
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
    practitioners: Practitioners,
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

const RowId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'Row ids are 1–40 letters, digits, "-" or "_"' })
  .describe('Chosen by the client; stable across drafts and versions, so merged entries keep their identity.');

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Enter a time like 14:30' });

// ---------- Chronology of key events (§8.4) ----------

/**
 * A time says when in a day: with only a month or a year it points at no moment. An approximate day keeps
 * its time ("about 12 May 2019, 14:30"): a record may time an event it dates only roughly, and the lead
 * should not have to drop what the record says. Drafts keep such a row (draftOf rebuilds the object from
 * its shape, without this rule), as they keep an end before its start; submitting refuses it.
 */
export const TIME_NEEDS_DAY = 'A time needs a day, not just a month or a year: give the day, or leave the time blank';

export const ChronologyRow = z
  .object({
    rowId: RowId,
    date: FuzzyDate,
    time: Time.optional().describe('HH:MM, when the record gives one; only with a date of day precision.'),
    sourceRecord: line(200).describe('Where the event is recorded, e.g. "Case note 2019/0412".'),
    event: text(4000).describe('What happened.'),
    actionOutcome: text(4000).describe('Action taken, or the outcome.'),
    practitionerRole: line(200),
    factOrOpinion: z
      .enum(['fact', 'opinion'])
      .describe('Whether the row records fact or professional opinion (§2.1.6).'),
    expectedPractice: z
      .enum(['yes', 'no', 'partly', 'not-known'])
      .optional()
      .describe('Analysis: was this expected practice? Required when the request asks for analysis columns.'),
    analysisComment: text(4000).optional(),
  })
  .strict()
  .refine((row) => row.time === undefined || row.date.precision === 'day', {
    path: ['time'],
    message: TIME_NEEDS_DAY,
    // Said beside the row's other problems, once its date and time can themselves be read.
    when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === 'date' || issue.path?.[0] === 'time'),
  })
  .meta({
    id: 'ChronologyRow',
    description: `One significant event. ${TIME_NEEDS_DAY}.`,
    if: { required: ['time'] },
    then: { properties: { date: { properties: { precision: { const: 'day' } } } } },
  });
export type ChronologyRow = z.infer<typeof ChronologyRow>;

/** A chronology of key events with none says nothing; an agency with nothing to record makes a nil return. */
export const NO_EVENTS = 'Add at least one event, or make a nil return';

export const Chronology = z
  .object({
    kind: z.literal('chronology'),
    rows: z
      .array(ChronologyRow)
      .min(1, { message: NO_EVENTS })
      .max(MAX_CHRONOLOGY_ROWS)
      .describe(
        'At least one event (an agency with none to record makes a nil return). Each row has a rowId of its own within the return.',
      ),
    practitioners: Practitioners.optional(),
    declaration: Declaration,
  })
  .strict()
  .meta({ id: 'Chronology' });

// ---------- Chronology of organisational changes (§8.4.1) ----------

export const OrganisationalChronology = z
  .object({
    kind: z.literal('organisational-chronology'),
    rows: z
      .array(
        z
          .object({
            rowId: RowId,
            date: FuzzyDate,
            change: text(4000).describe('The change in the agency (structure, staffing, policy, systems).'),
            impactOnPractice: text(4000).optional().describe('How it may have shaped frontline practice.'),
            sourceRecord: line(200).optional(),
          })
          .strict(),
      )
      .max(500)
      .describe(
        'May be empty: an agency involved in the period with no organisational change to report sends no rows (a nil return says instead that it holds no records of the child or family).',
      ),
    declaration: Declaration,
  })
  .strict()
  .meta({ id: 'OrganisationalChronology' });

// ---------- Information Report (§8.5) ----------

/**
 * An action's date is when it was done, or, while it is planned or under way, when it is expected to be:
 * only a completed action's date must have passed (returns.ts), and a completed action must have one.
 */
export const COMPLETED_NEEDS_DATE = 'Give the date the action was completed';

const ActionTaken = z
  .object({
    action: text(4000),
    status: z.enum(['completed', 'in-progress', 'planned']),
    completedOn: recordDate()
      .optional()
      .describe(
        'For a completed action, the day it was completed: required, and not in the future. For an action in progress or planned, the day it is expected to be completed, if known (it may be in the future).',
      ),
  })
  .strict()
  .refine((action) => action.status !== 'completed' || action.completedOn !== undefined, {
    path: ['completedOn'],
    message: COMPLETED_NEEDS_DATE,
    when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === 'status' || issue.path?.[0] === 'completedOn'),
  })
  .meta({
    description: `An action and its status. ${COMPLETED_NEEDS_DATE} (completedOn) when its status is completed.`,
    if: { properties: { status: { const: 'completed' } }, required: ['status'] },
    then: { required: ['completedOn'] },
  });

export const InformationReport = z
  .object({
    kind: z.literal('information-report'),
    involvementSummary: text(20000).describe("The agency's involvement with the child and family."),
    themes: z
      .array(z.object({ theme: line(200), analysis: text(20000) }).strict())
      .min(1)
      .max(30)
      .describe('Analysis against the key themes of the review.'),
    learningForAgency: text(20000).describe('Systems learning for the agency.'),
    learningForMultiAgency: text(20000).describe('Learning for multi-agency working.'),
    actionsTaken: z.array(ActionTaken).max(50).describe('Actions already taken or under way.'),
    practitioners: Practitioners.optional(),
    declaration: Declaration,
  })
  .strict()
  .meta({ id: 'InformationReport' });

// ---------- Factual Summary (§8.6) ----------

export const FactualSummary = z
  .object({
    kind: z.literal('factual-summary'),
    summary: text(20000).describe('The contact the agency had with the child or family, without analysis.'),
    contacts: z
      .array(z.object({ date: FuzzyDate, description: text(4000) }).strict())
      .max(200)
      .describe('Each contact, in date order if known.'),
    declaration: Declaration,
  })
  .strict()
  .meta({ id: 'FactualSummary' });

// ---------- Nil return, for any request ----------

export const NilReturn = z
  .object({
    kind: z
      .literal('nil-return')
      .describe('"We hold no records for this child or family": a complete return; the office still checks it.'),
    searched: text(2000).optional().describe('What was searched, e.g. names, dates of birth and addresses.'),
    declaration: Declaration,
  })
  .strict()
  .meta({ id: 'NilReturn' });

export const KindedReturn = z.discriminatedUnion('kind', [
  Chronology,
  OrganisationalChronology,
  InformationReport,
  FactualSummary,
  NilReturn,
]);

export const ReturnContent = z
  .union([InformationRequestReply, KindedReturn])
  .meta({ id: 'ReturnContent', description: "A return of the request's type, or a nil return." });
export type ReturnContent = z.infer<typeof ReturnContent>;
export type KindedReturn = z.infer<typeof KindedReturn>;

/** Drafts: every field optional, the same limits (see drafts.ts). */
export const InformationRequestReplyDraft = draftOf(InformationRequestReply).meta({
  id: 'InformationRequestReplyDraft',
});
export const ReturnDraft = z
  .union([InformationRequestReplyDraft, draftOf(KindedReturn)])
  .meta({ id: 'ReturnDraft', description: 'Whatever has been entered so far.' });
