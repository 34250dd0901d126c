import { longDate } from '../emails';
import { RETURN_TYPE_LABELS, type ReturnType } from '../model';
import { childAlias } from './anonymise';
import type { Block, DocumentContent } from './document';
import {
  dateInWordsAndFigures,
  finish,
  letterheadOf,
  ROUTE_NAMES,
  type CollatedRequest,
  type CollationInput,
} from './input';

/**
 * The Information Request Letter (§4.1.6, §4.3.1, §4.3.3, §8.2–§8.6) to one agency: what is asked, why, by
 * when, how to answer through the portal, and the records to secure. It names the child, so it is only
 * ever shown inside the portal (to the agency after its code, and to the business office): no e-mail
 * carries it, and it holds no link or token.
 */
export interface LetterAgency {
  name: string;
  leadName: string;
}

const WHY: Record<CollationInput['record']['route'], (input: CollationInput) => string[]> = {
  'rapid-review': (input) => [
    `The Local Authority notified the Child Safeguarding Practice Review Panel (the National Panel) of a serious incident on ${longDate(input.record.day0)}. ${input.partnership.name} must complete a Rapid Review within 15 working days of that notification (§4.2.2).`,
    "A Rapid Review assembles the facts of the case as quickly as possible, to establish whether any immediate action is needed to ensure the child's safety, and the potential for practice learning (§4.2.1). Every agency that has had involvement with the child or family is required to contribute (§4.3.1).",
    'This initial scoping gathers the basic facts and the extent of agency involvement. More detailed information will be asked for only if the Rapid Review decides to progress to a Child Safeguarding Practice Review or another learning review (§4.3.2).',
  ],
  'agency-referral': (input) => [
    `A referral concerning this child was made to the Case Review Group on ${longDate(input.record.day0)}. There is no requirement for a Rapid Review, but the Case Review Group needs agencies' information to discuss whether the case may meet the criteria for a Child Safeguarding Practice Review (§4.1.5, §4.1.6).`,
    'Your reply will be collated into the Combined Summary for the next Case Review Group meeting, which considers the case using the same criteria a Rapid Review would apply (§4.9).',
  ],
  cspr: (input) => [
    `On ${longDate(input.record.day0)} the Safeguarding Partners decided to carry out a Child Safeguarding Practice Review of this case. The review must be completed within six months of that decision (§3.1.2).`,
    "The Terms of Reference specify the information the review collects and collates: usually chronologies and Information Reports, or a Factual Summary where an agency's involvement was limited (§5.4.2, §8.3–§8.6).",
  ],
};

const WHAT: Record<ReturnType, string> = {
  'information-request-reply':
    'Whether your agency was involved with the child or family, when and through which services; key events; any immediate safety concern for the child or others; family members known; whether records are secured; the practitioners involved; early learning; and your information-sharing decision and why (§4.3, §2.1.6).',
  chronology:
    'One row for each significant event in your involvement: the date (an approximate date is allowed), the time if known, the source record, what happened, the action taken or outcome, the practitioner’s role, and whether the row records fact or professional opinion (§8.4).',
  'organisational-chronology':
    'Changes in your agency during the period (structure, staffing, policy, systems) that may have shaped frontline practice (§8.4.1).',
  'information-report':
    "An analysis of your agency's involvement against the key themes: systems learning for your agency and for multi-agency working, and actions already taken (§8.5).",
  'factual-summary': 'The contact your agency had with the child or family, without analysis (§8.6).',
};

/** The key themes an Information Report is to analyse against (§8.5), as the office named them. */
function keyThemesBlocks(asked: CollatedRequest[]): Block[] {
  return asked.flatMap((r): Block[] =>
    r.keyThemes?.length
      ? [
          { kind: 'heading', level: 3, text: 'Key themes to analyse', fixed: true },
          {
            kind: 'paragraph',
            fixed: true,
            text: `The Terms of Reference name these key themes. In your ${RETURN_TYPE_LABELS[r.returnType]}, analyse your agency's involvement against each of them; add any other theme you find (§8.5).`,
          },
          { kind: 'bullets', items: [...r.keyThemes] },
        ]
      : [],
  );
}

export function requestLetter(
  input: CollationInput,
  agency: LetterAgency,
  requests: CollatedRequest[],
): DocumentContent {
  const { record, partnership } = input;
  const subject = record.subject;
  const asked = [...requests].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const first = asked[0];
  const blocks: Block[] = [
    { kind: 'paragraph', text: longDate(input.today) },
    { kind: 'paragraph', text: `To: ${agency.leadName}, safeguarding lead, ${agency.name}` },
    {
      kind: 'fields',
      rows: [
        { label: 'Case reference', value: record.reference },
        { label: 'Review', value: ROUTE_NAMES[record.route] },
      ],
    },
    { kind: 'heading', level: 2, text: `Request for information: case ${record.reference}`, fixed: true },
    { kind: 'heading', level: 3, text: 'The child', fixed: true },
    {
      kind: 'fields',
      rows: [
        { label: 'Name', value: subject.name },
        { label: 'Date of birth', value: longDate(subject.dateOfBirth) },
        { label: 'Referred to in anonymised documents as', value: childAlias(subject) },
        ...(subject.address ? [{ label: 'Address', value: subject.address.replace(/\s*\n\s*/g, ', ') }] : []),
        ...(subject.familyMembers?.length
          ? [
              {
                label: 'Family members',
                value: subject.familyMembers.map((m) => `${m.name} (${m.relationship})`).join('; '),
              },
            ]
          : []),
      ],
    },
    {
      kind: 'paragraph',
      emphasis: 'hint',
      fixed: true,
      text: "These details are confidential. Use them only to search your agency's records.",
    },
    { kind: 'heading', level: 3, text: 'Why we are asking', fixed: true },
    ...WHY[record.route](input).map((text): Block => ({ kind: 'paragraph', text })),
    {
      kind: 'paragraph',
      text: 'The Safeguarding Partners have the formal authority to request information to support reviews, and all agencies are expected to share relevant information within the timescales requested (§2.1.2, §2.1.3).',
    },
    { kind: 'heading', level: 3, text: `What we ask of ${agency.name}` },
    asked.length
      ? {
          kind: 'table',
          header: ['Return', 'What it covers', 'Please return by'],
          widths: [22, 50, 28],
          rows: asked.map((r) => [
            RETURN_TYPE_LABELS[r.returnType],
            `${WHAT[r.returnType]}${r.analysisColumns ? ' The Terms of Reference ask for the analysis columns: was each event expected practice?' : ''}${r.keyThemes?.length ? ' Analyse against the key themes listed below.' : ''}`,
            dateInWordsAndFigures(r.dueOn),
          ]),
        }
      : { kind: 'paragraph', text: 'Nothing is currently asked of your agency in this case.', fixed: true },
    ...keyThemesBlocks(asked),
    ...(first
      ? [
          {
            kind: 'paragraph',
            emphasis: 'strong',
            text: `Please reply by ${dateInWordsAndFigures(first.dueOn)}${asked.some((r) => r.dueOn !== first.dueOn) ? ' for the first return, and by the dates above for the others' : ''}. Prioritise this request: the timescales are statutory (§4.3.4).`,
          } as Block,
        ]
      : []),
    {
      kind: 'paragraph',
      text: 'If your agency holds no records of the child or family, say so with a nil return: it is a real and useful answer.',
    },
    { kind: 'heading', level: 3, text: 'How to reply', fixed: true },
    {
      kind: 'bullets',
      items: [
        `Reply through the returns portal, using the link ${partnership.officeName} e-mailed to you for case ${record.reference}. The e-mail holds no details of the child: do not forward it.`,
        'When you open the link, the portal e-mails you a one-time code. Enter it to see the request; the code works once, for a few minutes.',
        'Complete each return online. You can save a draft and come back to it, and attach documents (Word, PDF or Excel).',
        'Distinguish fact from professional opinion, and complete the declaration, including any conflict of interest (§1.5.8, §2.1.6).',
        'Do not send details of the child or family by e-mail. If the link has expired, or the request should go to someone else in your agency, ask the business office for a new link.',
      ],
    },
    { kind: 'heading', level: 3, text: 'Securing records', fixed: true },
    {
      kind: 'paragraph',
      text: 'Please consider whether you need to secure all records and files relating to the case, removing them to a secure place where they are not accessible to agency personnel other than through a nominated representative (§4.3.5). Say in your reply whether they have been secured.',
    },
    { kind: 'heading', level: 3, text: 'Contact', fixed: true },
    {
      kind: 'paragraph',
      text: `${partnership.officeName}: ${partnership.officeEmail}. Quote case reference ${record.reference}.`,
    },
    { kind: 'paragraph', text: 'Yours sincerely,', fixed: true },
    { kind: 'paragraph', text: `${partnership.officeName}, on behalf of ${partnership.name}` },
  ];
  return finish(input, 'named', {
    title: 'Information Request Letter',
    orientation: 'portrait',
    letterhead: letterheadOf(partnership),
    blocks,
  });
}
