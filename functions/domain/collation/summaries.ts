import type { InformationRequestReply, Practitioner, ReturnContent } from '../../contract/returns';
import type { IsoDate } from '../calendar';
import { longDate } from '../emails';
import { MEETING_DECISION_LABELS, RETURN_TYPE_LABELS, type MeetingDecision } from '../model';
import { compareFuzzyDates } from '../chronology/fuzzy-date';
import { isNilReturn, raisesSafetyConcern, replyDate } from '../returns';
import { childAlias } from './anonymise';
import type { Block, DocumentContent, Marking } from './document';
import {
  dayOfInstant,
  replyDateText,
  finish,
  letterheadOf,
  practitionersIn,
  ROUTE_NAMES,
  type CollatedRequest,
  type CollationInput,
} from './input';
import { requireDecisionDocument } from './route-documents';

/**
 * The Combined Summary (§4.5.1, §4.9): every agency's Information Request Reply under the same headings,
 * immediate safety concerns first, the agencies that hold no records and those that have not replied
 * named as such; for the meeting with its sections 2 and 3 left to complete (§4.6.3), for the National
 * Panel with the meeting's recorded decision (§4.8.1), with the covering letter.
 */
type Involved = Extract<InformationRequestReply, { involvement: 'involved' }>;

const IRR = 'information-request-reply';
export const CONTRADICTIONS = 'Returns that contradict each other';
export const NATIONAL_PANEL_MAILBOX = 'Mailbox.NationalReviewPanel@education.gov.uk';

const DAY0_LABELS: Record<CollationInput['record']['route'], string> = {
  'rapid-review': 'Local Authority notification to the National Panel (day 0)',
  'agency-referral': 'Referral received (day 0)',
  cspr: 'Decision to review (day 0)',
};

const meetingName = (input: CollationInput) =>
  input.record.route === 'rapid-review' ? 'the Rapid Review meeting' : 'the Case Review Group meeting';

const involvedReply = (r: CollatedRequest): Involved | undefined => {
  const content = r.latest?.content;
  return content && 'involvement' in content && content.involvement === 'involved' ? content : undefined;
};

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What a return shows of the agency's involvement, in words ("a Chronology of key events with 3 entries"):
 * any return other than a nil one that has content, whatever the request asked for. Undefined for a nil
 * return and for an empty one.
 */
export function involvementShown(content: ReturnContent): string | undefined {
  if ('involvement' in content) {
    return content.involvement === 'involved' ? 'an Information Request Reply saying it was involved' : undefined;
  }
  switch (content.kind) {
    case 'chronology':
    case 'organisational-chronology':
      return content.rows.length
        ? `a ${RETURN_TYPE_LABELS[content.kind]} with ${counted(content.rows.length, 'entry', 'entries')}`
        : undefined;
    case 'information-report':
      return content.involvementSummary.trim() || content.themes.length
        ? `an ${RETURN_TYPE_LABELS[content.kind]}`
        : undefined;
    case 'factual-summary':
      return content.contacts.length
        ? `a ${RETURN_TYPE_LABELS[content.kind]} of ${counted(content.contacts.length, 'contact', 'contacts')}`
        : content.summary.trim()
          ? `a ${RETURN_TYPE_LABELS[content.kind]}`
          : undefined;
    case 'nil-return':
      return undefined;
  }
}

/** A request's answer that the agency holds no records: its nil return, or the business office's record. */
function nilShown(r: CollatedRequest): string | undefined {
  const label = RETURN_TYPE_LABELS[r.returnType];
  if (r.status === 'not-involved') return `a record by the business office that it was not involved (${label})`;
  return r.latest && isNilReturn(r.latest.content) ? `a nil return for its ${label}` : undefined;
}

/** Everything one agency has returned for the case, told apart into nil answers and returns with content. */
interface AgencyReturns {
  agencyId: string;
  agencyName: string;
  shown: { request: CollatedRequest; what: string }[];
  nil: string[];
}

/**
 * Involvement is the agency's, not one request's: a chronology with entries shows the agency was involved
 * even when its Information Request Reply is a nil return or not yet in.
 */
function returnsByAgency(requests: CollatedRequest[]): Map<string, AgencyReturns> {
  const agencies = new Map<string, AgencyReturns>();
  for (const r of requests) {
    if (r.status === 'withdrawn' || r.status === 'draft') continue;
    const agency = agencies.get(r.agencyId) ?? { agencyId: r.agencyId, agencyName: r.agencyName, shown: [], nil: [] };
    const what = r.latest && involvementShown(r.latest.content);
    if (what) agency.shown.push({ request: r, what });
    const nil = nilShown(r);
    if (nil) agency.nil.push(nil);
    agencies.set(r.agencyId, agency);
  }
  return agencies;
}

/** A nil answer alongside a return with content: said plainly, for the business office to resolve. */
const contradictionText = (a: AgencyReturns) =>
  `${a.agencyName}: ${a.nil.join(' and ')}, and also ${a.shown.map((s) => s.what).join(' and ')}.`;

/** Where each request stands, in the words the meeting reads. */
export function replyStatus(r: CollatedRequest): string {
  if (r.status === 'not-involved') return 'Not involved (recorded by the business office)';
  if (r.latest) {
    const nil = isNilReturn(r.latest.content);
    const what = nil ? 'Nil return: no records held' : 'Returned';
    if (r.status === 'more-info-requested') return `${what}; more information has been asked for`;
    if (r.status === 'submitted') return `${what}; awaiting quality assurance`;
    return what;
  }
  return r.status === 'draft' ? 'Not yet sent' : 'Not returned';
}

const declarationText = (d: { name: string; role: string; date: IsoDate }) =>
  `${d.name}, ${d.role}, ${longDate(d.date)}`;

function conflictText(content: Involved): string {
  const c = content.declaration.conflictOfInterest;
  return c.declared ? `Declared: ${c.details}` : 'None declared';
}

const RECORDS: Record<Involved['recordsSecured']['status'], string> = {
  secured: 'Secured',
  'not-yet-secured': 'Not yet secured',
  'not-required': 'Not required',
};

/** One agency's reply under the headings every agency's reply is collated under. */
function agencySection(r: CollatedRequest, reply: Involved, marking: Marking, full: boolean): Block[] {
  const concern = reply.immediateSafetyConcern;
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: `${r.agencyName}${concern.raised ? ' — immediate safety concern' : ''}` },
    {
      kind: 'fields',
      rows: [
        {
          label: 'Period of involvement',
          value: `${replyDateText(replyDate(reply.periodFrom))} to ${replyDateText(replyDate(reply.periodTo))}`,
        },
        { label: 'Services involved', value: reply.services.join('; ') },
        { label: 'Immediate safety concern', value: concern.raised ? `Yes: ${concern.details}` : 'None reported' },
        ...(full
          ? [
              {
                label: 'Records secured (§4.3.5)',
                value: `${RECORDS[reply.recordsSecured.status]}${reply.recordsSecured.details ? `: ${reply.recordsSecured.details}` : ''}`,
              },
              {
                label: 'Information sharing (§2.1.6)',
                value: `${reply.informationSharing.basis === 'consent' ? 'With consent' : 'Without consent'}: ${reply.informationSharing.reason}`,
              },
              {
                label: 'Completed by',
                value:
                  marking === 'named'
                    ? declarationText(reply.declaration)
                    : `${reply.declaration.role}, ${longDate(reply.declaration.date)}`,
              },
              { label: 'Conflict of interest (§1.5.8)', value: conflictText(reply) },
            ]
          : []),
        {
          label: 'Reply',
          value: `Version ${r.latest!.version}, submitted ${dayOfInstant(r.latest!.submittedAt)}`,
        },
      ],
    },
    { kind: 'heading', level: 3, text: 'Key events', fixed: true },
    reply.keyEvents.length
      ? {
          kind: 'table',
          header: ['Date', 'What happened'],
          widths: [25, 75],
          rows: reply.keyEvents
            .map((e) => ({ date: replyDate(e.date, e.approximate), description: e.description }))
            .sort((a, b) => compareFuzzyDates(a.date, b.date))
            .map((e) => [replyDateText(e.date), e.description]),
        }
      : { kind: 'paragraph', text: 'None given.', fixed: true },
  ];
  if (full) {
    blocks.push({ kind: 'heading', level: 3, text: 'Family members known', fixed: true });
    blocks.push(
      reply.familyMembersKnown.length
        ? marking === 'named'
          ? {
              kind: 'table',
              header: ['Name', 'Relationship', 'Notes'],
              rows: reply.familyMembersKnown.map((m) => [m.name, m.relationship, m.notes ?? '']),
            }
          : {
              kind: 'table',
              header: ['Relationship', 'Notes'],
              rows: reply.familyMembersKnown.map((m) => [m.relationship, m.notes ?? '']),
            }
        : { kind: 'paragraph', text: 'None given.', fixed: true },
    );
    blocks.push({ kind: 'heading', level: 3, text: 'Practitioners involved', fixed: true });
    blocks.push(
      reply.practitioners.length
        ? practitionersTable(
            reply.practitioners.map((p) => ({ p })),
            marking,
          )
        : { kind: 'paragraph', text: 'None given.', fixed: true },
    );
  }
  blocks.push({ kind: 'heading', level: 3, text: 'Early learning', fixed: true });
  blocks.push({ kind: 'paragraph', text: reply.earlyLearning });
  return blocks;
}

/** A line manager as a table shows them: by name and role, or by role alone once anonymised. */
const lineManagerText = (p: Practitioner, marking: Marking) =>
  !p.lineManager
    ? ''
    : marking === 'named'
      ? `${p.lineManager.name}${p.lineManager.role ? ` (${p.lineManager.role})` : ''}`
      : (p.lineManager.role ?? 'Line manager');

type TableBlock = Extract<Block, { kind: 'table' }>;

/** Practitioners with their line managers; `from` names the agency and return each came with. */
function practitionersTable(listed: { p: Practitioner; from?: [string, string] }[], marking: Marking): TableBlock {
  const named = marking === 'named';
  const sourced = listed.some(({ from }) => from);
  return {
    kind: 'table',
    header: [...(sourced ? ['Agency', 'Return'] : []), ...(named ? ['Name'] : []), 'Role', 'Team', 'Line manager'],
    rows: listed.map(({ p, from }) => [
      ...(from ?? []),
      ...(named ? [p.name] : []),
      p.role,
      p.team ?? '',
      lineManagerText(p, marking),
    ]),
  };
}

/**
 * The practitioners, and their line managers, that agencies named with a chronology or an Information Report,
 * for the panel's list of whom to invite to the learning workshop (§8.10.1). Replies' are under each agency.
 */
function workshopSection(requests: CollatedRequest[], marking: Marking): Block[] {
  const listed = requests
    .filter((r) => r.returnType !== IRR && r.latest && r.status !== 'withdrawn')
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName))
    .flatMap((r) =>
      practitionersIn(r.latest!.content).map((p) => ({
        p,
        from: [r.agencyName, RETURN_TYPE_LABELS[r.returnType]] as [string, string],
      })),
    );
  if (!listed.length) return [];
  return [
    { kind: 'heading', level: 2, text: 'Practitioners named in other returns (§8.10.1)', fixed: true },
    {
      kind: 'paragraph',
      emphasis: 'hint',
      fixed: true,
      text: 'The practitioners involved and their line managers, given with a chronology or an Information Report, for the learning workshop.',
    },
    practitionersTable(listed, marking),
  ];
}

/** An agency whose involvement its other returns show, though its Information Request Reply does not. */
function shownElsewhereSection(a: AgencyReturns, asked: CollatedRequest[]): Block[] {
  const replies = asked.filter((r) => r.agencyId === a.agencyId);
  return [
    { kind: 'heading', level: 2, text: a.agencyName },
    {
      kind: 'fields',
      rows: [
        {
          label: 'Information Request Reply',
          value: replies.length ? replies.map(replyStatus).join('; ') : 'Not asked for',
        },
        {
          label: 'Returns showing involvement',
          value: a.shown
            .map(
              ({ request, what }) =>
                `${what}, version ${request.latest!.version}, submitted ${dayOfInstant(request.latest!.submittedAt)}`,
            )
            .join('; '),
        },
      ],
    },
    {
      kind: 'paragraph',
      emphasis: 'hint',
      fixed: true,
      text: 'The agency has not given an Information Request Reply saying it was involved; its other returns show that it was.',
    },
  ];
}

function caseFields(input: CollationInput, extra: { label: string; value: string }[] = []): Block {
  const { record } = input;
  const meeting = record.milestones.find((m) => m.key === 'meeting');
  return {
    kind: 'fields',
    rows: [
      { label: 'Case reference', value: record.reference },
      { label: 'Route', value: ROUTE_NAMES[record.route] },
      { label: DAY0_LABELS[record.route], value: longDate(record.day0) },
      ...(meeting
        ? [
            {
              label: 'Rapid Review meeting window',
              value: `${meeting.from ? `${longDate(meeting.from)} to ` : 'by '}${longDate(meeting.due)}`,
            },
          ]
        : []),
      ...extra,
      { label: 'Prepared on', value: longDate(input.today) },
    ],
  };
}

/** The child and family: named in the named version, by pseudonym and relationship in the anonymised one. */
function childSection(input: CollationInput, marking: Marking): Block[] {
  const subject = input.record.subject;
  const family = subject.familyMembers ?? [];
  const rows =
    marking === 'named'
      ? [
          { label: 'Name', value: subject.name },
          { label: 'Date of birth', value: longDate(subject.dateOfBirth) },
          { label: 'Referred to in anonymised documents as', value: childAlias(subject) },
          ...(subject.address ? [{ label: 'Address', value: subject.address.replace(/\s*\n\s*/g, ', ') }] : []),
          ...(family.length
            ? [{ label: 'Family members', value: family.map((m) => `${m.name} (${m.relationship})`).join('; ') }]
            : []),
        ]
      : [
          { label: 'The child', value: childAlias(subject) },
          ...(family.length ? [{ label: 'Family members', value: family.map((m) => m.relationship).join('; ') }] : []),
        ];
  return [
    { kind: 'heading', level: 2, text: 'The child and family', fixed: true },
    { kind: 'fields', rows },
  ];
}

/** What the office recorded doing about a concern: who, in the named version only (an officer is a person). */
function concernActionText(r: CollatedRequest, marking: Marking): string {
  const ack = r.safetyConcernAcknowledgement;
  if (!ack) return 'Not yet recorded';
  const on = dayOfInstant(ack.acknowledgedAt);
  return `${ack.action} (recorded ${marking === 'named' ? `by ${ack.acknowledgedBy} ` : ''}on ${on})`;
}

const byConcernThenName = (a: CollatedRequest, b: CollatedRequest) =>
  Number(raises(b)) - Number(raises(a)) || a.agencyName.localeCompare(b.agencyName);
const raises = (r: CollatedRequest) => (r.latest ? raisesSafetyConcern(r.latest.content) : false);

/** The body both summaries share: safety concerns, who replied how, and each agency's reply. */
function collatedReplies(input: CollationInput, marking: Marking, full: boolean, sectionTitle: string): Block[] {
  const asked = input.requests.filter((r) => r.returnType === IRR && r.status !== 'withdrawn' && r.status !== 'draft');
  const involved = asked.filter((r) => involvedReply(r)).sort(byConcernThenName);
  const nil = asked.filter((r) => nilShown(r));
  const outstanding = asked.filter((r) => !r.latest && r.status !== 'not-involved');
  const concerns = involved.filter(raises);
  const agencies = [...returnsByAgency(input.requests).values()];
  const shownElsewhere = agencies
    .filter((a) => a.shown.length && !involved.some((r) => r.agencyId === a.agencyId))
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName));
  const contradicted = agencies
    .filter((a) => a.shown.length && a.nil.length)
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName));

  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Immediate safety concerns', fixed: true }];
  if (concerns.length) {
    blocks.push({
      kind: 'paragraph',
      emphasis: 'strong',
      fixed: true,
      text: `${concerns.length === 1 ? 'One agency has' : `${concerns.length} agencies have`} reported an immediate safety concern for the child or others. The meeting should consider first whether any immediate action is needed (§4.6.2).`,
    });
    for (const r of concerns) {
      const reply = involvedReply(r)!;
      blocks.push({
        kind: 'fields',
        rows: [
          { label: 'Agency', value: r.agencyName },
          { label: 'Concern', value: reply.immediateSafetyConcern.raised ? reply.immediateSafetyConcern.details : '' },
          { label: 'Action taken by the business office', value: concernActionText(r, marking) },
        ],
      });
    }
  } else {
    blocks.push({ kind: 'paragraph', text: 'No agency has reported an immediate safety concern.', fixed: true });
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Agencies asked and their replies', fixed: true });
  blocks.push(
    asked.length
      ? {
          kind: 'table',
          header: ['Agency', 'Reply', 'Due', 'Received'],
          widths: [30, 34, 18, 18],
          rows: [...asked]
            .sort(byConcernThenName)
            .map((r) => [
              r.agencyName,
              `${replyStatus(r)}${raises(r) ? ' — immediate safety concern' : ''}`,
              longDate(r.dueOn),
              r.latest ? dayOfInstant(r.latest.submittedAt) : '',
            ]),
        }
      : { kind: 'paragraph', text: 'No agency has been sent an Information Request yet.', fixed: true },
  );

  if (contradicted.length) {
    blocks.push({ kind: 'heading', level: 2, text: CONTRADICTIONS, fixed: true });
    blocks.push({
      kind: 'paragraph',
      emphasis: 'strong',
      fixed: true,
      text: 'Each agency below is recorded as holding no records (by a nil return, or by the business office), yet has also sent a return that shows it was involved. The business office should resolve which is right.',
    });
    blocks.push({ kind: 'bullets', items: contradicted.map(contradictionText) });
  }

  blocks.push({ kind: 'heading', level: 1, text: sectionTitle, fixed: true });
  if (involved.length || shownElsewhere.length) {
    for (const r of involved) blocks.push(...agencySection(r, involvedReply(r)!, marking, full));
    for (const a of shownElsewhere) blocks.push(...shownElsewhereSection(a, asked));
  } else {
    blocks.push({
      kind: 'paragraph',
      text: 'No agency has yet replied that it was involved with the child or family.',
      fixed: true,
    });
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Agencies that hold no records (nil returns)', fixed: true });
  blocks.push(
    nil.length
      ? {
          kind: 'bullets',
          items: nil.map((r) => {
            const but = contradicted.some((a) => a.agencyId === r.agencyId)
              ? `, contradicted by its other returns (see "${CONTRADICTIONS}")`
              : '';
            if (r.status === 'not-involved' || !r.latest) {
              return `${r.agencyName}: not involved (recorded by the business office)${but}`;
            }
            const content = r.latest.content;
            const note =
              'involvement' in content && content.involvement === 'no-records'
                ? content.notes
                : 'kind' in content && content.kind === 'nil-return'
                  ? content.searched && `Searched: ${content.searched}`
                  : undefined;
            return `${r.agencyName}: nil return, submitted ${dayOfInstant(r.latest.submittedAt)}${but}${note ? `. ${note}` : ''}`;
          }),
        }
      : { kind: 'paragraph', text: 'None.', fixed: true },
  );

  blocks.push({ kind: 'heading', level: 2, text: 'Agencies that have not returned', fixed: true });
  blocks.push(
    outstanding.length
      ? {
          kind: 'bullets',
          items: outstanding.map(
            (r) => `${r.agencyName}: ${RETURN_TYPE_LABELS[r.returnType]} due ${longDate(r.dueOn)}, not returned`,
          ),
        }
      : { kind: 'paragraph', text: 'None: every agency asked has replied.', fixed: true },
  );

  const others = input.requests.filter((r) => r.returnType !== IRR && r.latest);
  if (others.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Other returns received', fixed: true });
    blocks.push({
      kind: 'table',
      header: ['Agency', 'Return', 'Version', 'Submitted'],
      rows: others.map((r) => [
        r.agencyName,
        r.latest && isNilReturn(r.latest.content)
          ? `${RETURN_TYPE_LABELS[r.returnType]} (nil return)`
          : RETURN_TYPE_LABELS[r.returnType],
        String(r.latest!.version),
        dayOfInstant(r.latest!.submittedAt),
      ]),
    });
  }
  if (full) blocks.push(...workshopSection(input.requests, marking));
  return blocks;
}

export const MEETING_SECTION_2 = 'Section 2: Discussion at the meeting';
export const MEETING_SECTION_3 = 'Section 3: Decision and rationale';
export const TO_COMPLETE = 'To be completed and agreed at the meeting (§4.6.3).';

export function meetingSummary(input: CollationInput, marking: Marking): DocumentContent {
  const route = input.record.route;
  requireDecisionDocument(route, input.decision, 'combined-summary');
  return finish(input, marking, {
    title: `Combined Summary for ${route === 'rapid-review' ? 'the Rapid Review meeting' : 'the Case Review Group meeting'}`,
    orientation: 'portrait',
    blocks: [
      caseFields(input),
      {
        kind: 'paragraph',
        emphasis: 'hint',
        fixed: true,
        text: `Collated from the agencies' Information Request Replies held in the returns portal, for ${meetingName(input)} and the Independent Advisor (§4.5.1, §4.7.1).`,
      },
      ...childSection(input, marking),
      ...collatedReplies(input, marking, true, 'Section 1: Information from agencies'),
      { kind: 'page-break' },
      { kind: 'heading', level: 1, text: MEETING_SECTION_2, fixed: true },
      { kind: 'paragraph', emphasis: 'hint', text: TO_COMPLETE, fixed: true },
      {
        kind: 'to-complete',
        prompts: [
          'Date of the meeting, who attended, and whether it was quorate (at least three partner agencies, including two of the Safeguarding Partners, §4.6.1)',
          'The facts of the case as presented: anything to add or correct',
          "Is any immediate action needed to ensure the child's and any other vulnerable person's safety?",
          'Immediate learning that can be acted upon, and how it will be shared',
          'The potential for identifying improvements to safeguard and promote the welfare of children',
          "The Independent Advisor's advice (§4.7)",
        ],
      },
      { kind: 'heading', level: 1, text: MEETING_SECTION_3, fixed: true },
      { kind: 'paragraph', emphasis: 'hint', text: TO_COMPLETE, fixed: true },
      {
        kind: 'to-complete',
        prompts: [
          'Are the criteria for a Child Safeguarding Practice Review met (§1.4)?',
          'Decision: a Child Safeguarding Practice Review, an alternative form of learning review, or no further review',
          'Rationale for the decision',
          'Learning identified',
          'Ratification by the Independent Advisor and the Safeguarding Partners, and when (1–2 working days after the meeting)',
        ],
      },
    ],
  });
}

function decisionFields(input: CollationInput, decision: MeetingDecision): Block {
  return {
    kind: 'fields',
    rows: [
      { label: 'Route', value: ROUTE_NAMES[input.record.route] },
      { label: 'Date of the meeting', value: longDate(decision.meetingDate) },
      { label: 'Decision', value: MEETING_DECISION_LABELS[decision.decision] },
      { label: 'Rationale', value: decision.rationale },
    ],
  };
}

export function nationalPanelSummary(
  input: CollationInput,
  decision: MeetingDecision,
  marking: Marking,
): DocumentContent {
  requireDecisionDocument(input.record.route, decision, 'national-panel-summary');
  return finish(input, marking, {
    title: 'Combined Summary for the National Panel',
    orientation: 'portrait',
    blocks: [
      caseFields(input, [{ label: 'Date of the meeting', value: longDate(decision.meetingDate) }]),
      {
        kind: 'paragraph',
        emphasis: 'hint',
        fixed: true,
        text: `For the Child Safeguarding Practice Review Panel (${NATIONAL_PANEL_MAILBOX}), with the covering letter (§4.8.1).`,
      },
      ...childSection(input, marking),
      { kind: 'heading', level: 1, text: "The meeting's decision", fixed: true },
      decisionFields(input, decision),
      { kind: 'heading', level: 2, text: 'Learning identified', fixed: true },
      { kind: 'paragraph', text: decision.learningIdentified },
      { kind: 'heading', level: 2, text: 'Immediate actions', fixed: true },
      { kind: 'paragraph', text: decision.immediateActions ?? 'None recorded.' },
      ...collatedReplies(input, marking, false, 'Summary of agency involvement'),
    ],
  });
}

export function nationalPanelLetter(
  input: CollationInput,
  decision: MeetingDecision,
  marking: Marking,
): DocumentContent {
  const { record, partnership } = input;
  // Only a Rapid Review, or an agency referral the Case Review Group found meets the criteria, writes to the Panel.
  requireDecisionDocument(record.route, decision, 'national-panel-letter');
  const child =
    marking === 'named'
      ? `${record.subject.name} (born ${longDate(record.subject.dateOfBirth)})`
      : childAlias(record.subject);
  // Any return is information contributed: a chronology counts as much as a reply.
  const contributed = input.requests.filter((r) => r.latest && r.status !== 'withdrawn');
  const agencies = new Set(contributed.map((r) => r.agencyName)).size;
  const opening =
    record.route === 'rapid-review'
      ? `On ${longDate(record.day0)} the Local Authority notified the National Panel of a serious incident concerning ${child}. ${partnership.name} held the Rapid Review meeting on ${longDate(decision.meetingDate)}.`
      : `On ${longDate(record.day0)} ${partnership.officeName} received a referral concerning ${child}. The Case Review Group considered the case on ${longDate(decision.meetingDate)}, applying the criteria a Rapid Review would apply, and found the criteria for a Child Safeguarding Practice Review met.`;
  return finish(input, marking, {
    title: 'Covering letter to the National Panel',
    orientation: 'portrait',
    letterhead: letterheadOf(partnership),
    blocks: [
      { kind: 'paragraph', text: longDate(input.today) },
      {
        kind: 'paragraph',
        text: `To: The Child Safeguarding Practice Review Panel, by secure e-mail to ${NATIONAL_PANEL_MAILBOX}`,
      },
      { kind: 'fields', rows: [{ label: 'Our reference', value: record.reference }] },
      {
        kind: 'heading',
        level: 2,
        text: `${record.route === 'rapid-review' ? 'Rapid Review' : 'Case Review Group decision'}: case ${record.reference}`,
      },
      { kind: 'paragraph', text: opening },
      {
        kind: 'paragraph',
        text: `${agencies === 1 ? 'One agency' : `${agencies} agencies`} contributed information. The Combined Summary for the National Panel is enclosed.`,
      },
      { kind: 'heading', level: 3, text: 'Decision', fixed: true },
      { kind: 'paragraph', text: MEETING_DECISION_LABELS[decision.decision] },
      { kind: 'heading', level: 3, text: 'Rationale', fixed: true },
      { kind: 'paragraph', text: decision.rationale },
      { kind: 'heading', level: 3, text: 'Learning identified', fixed: true },
      { kind: 'paragraph', text: decision.learningIdentified },
      ...(decision.immediateActions
        ? [
            { kind: 'heading', level: 3, text: 'Immediate actions', fixed: true } as Block,
            { kind: 'paragraph', text: decision.immediateActions } as Block,
          ]
        : []),
      { kind: 'paragraph', text: 'Yours faithfully,', fixed: true },
      { kind: 'paragraph', text: `${partnership.officeName}, on behalf of ${partnership.name}` },
      { kind: 'paragraph', text: partnership.officeEmail },
    ],
  });
}
