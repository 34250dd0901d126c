import * as z from 'zod';
import { MAX_CHRONOLOGY_ROWS } from '../domain/model';
import { draftOf } from './drafts';
import { isoDate, line, text } from './primitives';

/**
 * What agencies return (DOMAIN.md, guidance §4.3, §8.4–§8.6). The Information Request Reply keeps the
 * v1 shape (told apart by `involvement`); the other returns carry `kind`. Any request may be answered with
 * a nil return. Constraints the JSON Schema cannot state (dates not in the future, an end not before its
 * start, analysis columns when the request asks for them) are checked by the domain (returns.ts) and said
 * in the descriptions.
 */

// ---------- Dates whose precision is kept ----------

const FuzzyDate = z
  .discriminatedUnion('precision', [
    z.object({ precision: z.literal('day'), value: isoDate(), approximate: z.boolean() }).strict(),
    z
      .object({
        precision: z.literal('month'),
        value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Enter a month like 2019-05' }),
        approximate: z.boolean(),
      })
      .strict(),
    z
      .object({
        precision: z.literal('year'),
        value: z.string().regex(/^(19|20)\d{2}$/, { message: 'Enter a year like 2019' }),
        approximate: z.boolean(),
      })
      .strict(),
  ])
  .meta({
    id: 'FuzzyDate',
    description:
      'A date as precise as the record allows: a day, a month or a year, optionally approximate ("about May 2019" is {precision: "month", value: "2019-05", approximate: true}). Not in the future.',
  });

export const Declaration = z
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

/**
 * A date of the Information Request Reply: as precise as the record allows (a FuzzyDate), or, as v1 clients
 * send it, an exact day 'YYYY-MM-DD'. Not in the future.
 */
const ReplyDate = z.union([isoDate(), FuzzyDate]);

const KeyEvent = z
  .object({
    date: ReplyDate,
    approximate: z
      .boolean()
      .optional()
      .describe('True when a YYYY-MM-DD date is an estimate; a FuzzyDate says so itself.'),
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
    periodFrom: ReplyDate.describe('First contact with the child or family.'),
    periodTo: ReplyDate.describe('Last contact; not before periodFrom.'),
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
    time: Time.optional(),
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
  .meta({ id: 'ChronologyRow' });
export type ChronologyRow = z.infer<typeof ChronologyRow>;

export const Chronology = z
  .object({
    kind: z.literal('chronology'),
    rows: z.array(ChronologyRow).max(MAX_CHRONOLOGY_ROWS),
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
      .max(500),
    declaration: Declaration,
  })
  .strict()
  .meta({ id: 'OrganisationalChronology' });

// ---------- Information Report (§8.5) ----------

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
    actionsTaken: z
      .array(
        z
          .object({
            action: text(4000),
            status: z.enum(['completed', 'in-progress', 'planned']),
            completedOn: isoDate().optional(),
          })
          .strict(),
      )
      .max(50)
      .describe('Actions already taken or under way.'),
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
