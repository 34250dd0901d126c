import type { ReturnContent } from '../../contract/returns';
import { londonWallClock } from '../calendar';
import { formatFuzzyDate } from '../chronology/fuzzy-date';
import { longDate } from '../emails';
import { EXPECTED_PRACTICE_LABELS, RETURN_TYPE_LABELS, type ReturnType } from '../model';
import { isNilReturn, replyDate } from '../returns';
import type { Block, DocumentContent } from './document';
import { dayOfInstant, replyDateText } from './input';

/**
 * One submitted version of an agency's return as a Word document, for the business office, which works in
 * Word (the JSON stays the exact record). Every return type, its declaration, the files attached (by name)
 * and, row by row, whether the agency recorded fact or opinion (§2.1.6). Named and OFFICIAL-SENSITIVE: it is
 * the agency's return as submitted, so nothing is anonymised.
 */
export interface ReturnForDocument {
  reference: string;
  /** The office the document's properties name as its author. */
  officeName: string;
  agencyName: string;
  returnType: ReturnType;
  version: number;
  submittedAt: string;
  immediateSafetyConcern: boolean;
  content: ReturnContent;
  attachments: { fileName: string; size: number }[];
}

type Involved = Extract<ReturnContent, { involvement: 'involved' }>;
type Kinded = Extract<ReturnContent, { kind: string }>;

const FACT_OR_OPINION = { fact: 'Fact', opinion: 'Opinion' } as const;
const RECORDS = { secured: 'Secured', 'not-yet-secured': 'Not yet secured', 'not-required': 'Not required' } as const;
const ACTION_STATUS = { completed: 'Completed', 'in-progress': 'In progress', planned: 'Planned' } as const;
const NIL = 'Nil return: the agency holds no records of the child or family.';

const field = (label: string, value: string) => ({ label, value });
const fieldsOf = (row: { label: string; value: string }): Block => ({ kind: 'fields', rows: [row] });
const heading = (text: string, level: 2 | 3 = 2): Block => ({ kind: 'heading', level, text, fixed: true });
const orNone = (text: string | undefined) => (text?.trim() ? text : 'None given.');

/** "Wednesday 7 July 2027 at 00:30", in London. */
function submittedText(instant: string): string {
  const { hours, minutes } = londonWallClock(instant);
  return `${dayOfInstant(instant)} at ${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function replyBlocks(reply: Involved): Block[] {
  const concern = reply.immediateSafetyConcern;
  return [
    heading('Involvement'),
    {
      kind: 'fields',
      rows: [
        field(
          'Period of involvement',
          `${replyDateText(replyDate(reply.periodFrom))} to ${replyDateText(replyDate(reply.periodTo))}`,
        ),
        field('Services involved', reply.services.join('; ')),
        field('Immediate safety concern', concern.raised ? `Yes: ${concern.details}` : 'None raised'),
      ],
    },
    heading('Key events'),
    reply.keyEvents.length
      ? {
          kind: 'table',
          header: ['Date', 'What happened'],
          widths: [25, 75],
          rows: reply.keyEvents.map((e) => [replyDateText(replyDate(e.date, e.approximate)), e.description]),
        }
      : { kind: 'paragraph', text: 'None given.', fixed: true },
    heading('Family members known'),
    reply.familyMembersKnown.length
      ? {
          kind: 'table',
          header: ['Name', 'Relationship', 'Notes'],
          rows: reply.familyMembersKnown.map((m) => [m.name, m.relationship, m.notes ?? '']),
        }
      : { kind: 'paragraph', text: 'None given.', fixed: true },
    heading('Records secured (§4.3.5)'),
    {
      kind: 'paragraph',
      text: `${RECORDS[reply.recordsSecured.status]}${reply.recordsSecured.details ? `: ${reply.recordsSecured.details}` : ''}`,
    },
    heading('Practitioners involved'),
    reply.practitioners.length
      ? {
          kind: 'table',
          header: ['Name', 'Role', 'Team'],
          rows: reply.practitioners.map((p) => [p.name, p.role, p.team ?? '']),
        }
      : { kind: 'paragraph', text: 'None given.', fixed: true },
    heading('Early learning'),
    { kind: 'paragraph', text: orNone(reply.earlyLearning) },
    heading('Information sharing (§2.1.3, §2.1.6)'),
    {
      kind: 'paragraph',
      text: `${reply.informationSharing.basis === 'consent' ? 'Shared with consent' : 'Shared without consent'}: ${reply.informationSharing.reason}`,
    },
  ];
}

function kindedBlocks(content: Kinded): Block[] {
  switch (content.kind) {
    case 'chronology': {
      // The analysis columns only where the agency answered them (the request asked for them).
      const analysis = content.rows.some((r) => r.expectedPractice !== undefined || r.analysisComment !== undefined);
      return [
        heading('Key events'),
        {
          kind: 'paragraph',
          emphasis: 'hint',
          fixed: true,
          text: 'Each row says whether it records fact or professional opinion (§2.1.6).',
        },
        content.rows.length
          ? {
              kind: 'table',
              header: [
                'Date',
                'Time',
                'Source record',
                'What happened',
                'Action taken or outcome',
                'Practitioner role',
                'Fact or opinion',
                ...(analysis ? ['Expected practice?', 'Comment'] : []),
              ],
              widths: [11, 5, 11, 25, 18, 11, 7, ...(analysis ? [6, 14] : [])],
              rows: content.rows.map((r) => [
                formatFuzzyDate(r.date),
                r.time ?? '',
                r.sourceRecord,
                r.event,
                r.actionOutcome,
                r.practitionerRole,
                FACT_OR_OPINION[r.factOrOpinion],
                ...(analysis
                  ? [r.expectedPractice ? EXPECTED_PRACTICE_LABELS[r.expectedPractice] : '', r.analysisComment ?? '']
                  : []),
              ]),
            }
          : { kind: 'paragraph', text: 'No events given.', fixed: true },
      ];
    }
    case 'organisational-chronology':
      return [
        heading('Organisational changes'),
        content.rows.length
          ? {
              kind: 'table',
              header: ['Date', 'Change', 'Impact on practice', 'Source record'],
              widths: [15, 35, 35, 15],
              rows: content.rows.map((r) => [
                formatFuzzyDate(r.date),
                r.change,
                r.impactOnPractice ?? '',
                r.sourceRecord ?? '',
              ]),
            }
          : { kind: 'paragraph', text: 'No changes given.', fixed: true },
      ];
    case 'information-report':
      return [
        heading("The agency's involvement"),
        { kind: 'paragraph', text: orNone(content.involvementSummary) },
        heading('Analysis against the key themes'),
        ...content.themes.flatMap((t): Block[] => [
          { kind: 'heading', level: 3, text: t.theme },
          { kind: 'paragraph', text: t.analysis },
        ]),
        heading('Learning for the agency'),
        { kind: 'paragraph', text: orNone(content.learningForAgency) },
        heading('Learning for multi-agency working'),
        { kind: 'paragraph', text: orNone(content.learningForMultiAgency) },
        heading('Actions already taken'),
        content.actionsTaken.length
          ? {
              kind: 'table',
              header: ['Action', 'Status', 'Completed on'],
              widths: [60, 18, 22],
              rows: content.actionsTaken.map((a) => [
                a.action,
                ACTION_STATUS[a.status],
                a.completedOn ? longDate(a.completedOn) : '',
              ]),
            }
          : { kind: 'paragraph', text: 'None given.', fixed: true },
      ];
    case 'factual-summary':
      return [
        heading('Summary'),
        { kind: 'paragraph', text: orNone(content.summary) },
        heading('Contacts'),
        content.contacts.length
          ? {
              kind: 'table',
              header: ['Date', 'What happened'],
              widths: [25, 75],
              rows: content.contacts.map((c) => [formatFuzzyDate(c.date), c.description]),
            }
          : { kind: 'paragraph', text: 'None given.', fixed: true },
      ];
    case 'nil-return':
      return [
        { kind: 'paragraph', emphasis: 'strong', fixed: true, text: NIL },
        ...(content.searched ? [fieldsOf(field('What was searched', content.searched))] : []),
      ];
  }
}

function contentBlocks(content: ReturnContent): Block[] {
  if ('involvement' in content) {
    if (content.involvement === 'involved') return replyBlocks(content);
    return [
      { kind: 'paragraph', emphasis: 'strong', fixed: true, text: NIL },
      ...(content.notes ? [fieldsOf(field('Notes', content.notes))] : []),
    ];
  }
  return kindedBlocks(content);
}

export function returnDocument(r: ReturnForDocument): DocumentContent {
  const d = r.content.declaration;
  const nil = isNilReturn(r.content);
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        field('Case reference', r.reference),
        field('Agency', r.agencyName),
        field('Return', `${RETURN_TYPE_LABELS[r.returnType]}${nil ? ' (nil return)' : ''}`),
        field('Version', String(r.version)),
        field('Submitted', submittedText(r.submittedAt)),
      ],
    },
    ...(r.immediateSafetyConcern
      ? [
          {
            kind: 'paragraph',
            emphasis: 'strong',
            fixed: true,
            text: 'The agency raised an immediate safety concern for the child or others (§4.2.1).',
          } as Block,
        ]
      : []),
    ...contentBlocks(r.content),
    heading('Declaration (§1.5.8)'),
    {
      kind: 'fields',
      rows: [
        field('Completed by', d.name),
        field('Role', d.role),
        field('Date', longDate(d.date)),
        field('Facts distinguished from opinion', d.factsDistinguishedFromOpinion ? 'Confirmed' : 'Not confirmed'),
        field(
          'Conflict of interest',
          d.conflictOfInterest.declared ? `Declared: ${d.conflictOfInterest.details}` : 'None declared',
        ),
      ],
    },
    heading('Documents attached'),
    r.attachments.length
      ? { kind: 'bullets', items: r.attachments.map((a) => `${a.fileName} (${sizeText(a.size)})`) }
      : { kind: 'paragraph', text: 'None.', fixed: true },
  ];
  return {
    title: `${RETURN_TYPE_LABELS[r.returnType]} from ${r.agencyName}`,
    reference: r.reference,
    marking: 'named',
    // A chronology's eight columns need the width of a landscape page, as the multi-agency chronology's do.
    orientation: 'kind' in r.content && r.content.kind === 'chronology' ? 'landscape' : 'portrait',
    author: r.officeName,
    blocks,
  };
}
