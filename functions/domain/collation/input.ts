import type { Practitioner, ReturnContent } from '../../contract/returns';
import { londonDate, type IsoDate } from '../calendar';
import { formatFuzzyDate, type FuzzyDate } from '../chronology/fuzzy-date';
import { longDate } from '../emails';
import type { Route } from '../milestones';
import type {
  MeetingDecision,
  Partnership,
  RequestStatus,
  ReturnType,
  SafetyConcernAcknowledgement,
  Subject,
} from '../model';
import { createAnonymiser, type Anonymiser, type Person } from './anonymise';
import { mapCaseText, type Block, type DocumentContent, type Letterhead, type Marking } from './document';

/** What the collated documents are made from: read by the service, assembled here without any I/O. */
export interface CollationCase {
  reference: string;
  route: Route;
  day0: IsoDate;
  subject: Subject;
  milestones: { key: string; label: string; due: IsoDate; from?: IsoDate }[];
}

export interface CollatedRequest {
  requestId: string;
  agencyId: string;
  agencyName: string;
  returnType: ReturnType;
  status: RequestStatus;
  dueOn: IsoDate;
  analysisColumns?: boolean;
  /** The latest submitted version, if any. */
  latest?: { version: number; submittedAt: string; content: ReturnContent };
  /** What the business office recorded doing about the latest version's immediate safety concern. */
  safetyConcernAcknowledgement?: SafetyConcernAcknowledgement;
}

export interface CollationInput {
  partnership: Pick<Partnership, 'name' | 'officeName' | 'officeEmail' | 'officeAddress'>;
  record: CollationCase;
  /** The day the document is made (Europe/London). */
  today: IsoDate;
  requests: CollatedRequest[];
  decision?: MeetingDecision;
}

export const ROUTE_NAMES: Record<Route, string> = {
  'rapid-review': 'Rapid Review',
  'agency-referral': 'Agency referral to the Case Review Group (no Rapid Review)',
  cspr: 'Child Safeguarding Practice Review',
};

/** "Wednesday 6 January 2027 (06/01/2027)": the date in words, and as figures. */
export function dateInWordsAndFigures(date: IsoDate): string {
  return `${longDate(date)} (${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)})`;
}

/**
 * "Wednesday 7 July 2027": the Europe/London day of an instant (a submission, a merge), as every document
 * shows it. The UTC date would be a day early from midnight to 01:00 in summer, and could make a reply
 * submitted on its due day look late.
 */
export const dayOfInstant = (instant: string): string => longDate(londonDate(instant));

/** A reply's date as precise as it was given: "Wednesday 1 May 2024", "about May 2024", "2023". */
export const replyDateText = (date: FuzzyDate): string =>
  date.precision === 'day' ? `${date.approximate ? 'about ' : ''}${longDate(date.value)}` : formatFuzzyDate(date);

export const letterheadOf = (p: CollationInput['partnership']): Letterhead => ({
  partnershipName: p.name,
  officeName: p.officeName,
  officeAddress: [...p.officeAddress],
  officeEmail: p.officeEmail,
});

/** The practitioners a return names (a reply, a chronology or an Information Report), with line managers. */
export function practitionersIn(content: ReturnContent): Practitioner[] {
  if ('involvement' in content) return content.involvement === 'involved' ? content.practitioners : [];
  return (content.kind === 'chronology' || content.kind === 'information-report') && content.practitioners
    ? content.practitioners
    : [];
}

/**
 * Everyone the returns name besides the case's subject details: family members agencies know of (by
 * relationship), practitioners and their line managers (by role) and the authors of returns (by role).
 */
export function peopleInReturns(requests: CollatedRequest[]): Person[] {
  const people: Person[] = [];
  for (const request of requests) {
    const content = request.latest?.content;
    if (!content) continue;
    if ('involvement' in content && content.involvement === 'involved') {
      for (const m of content.familyMembersKnown) people.push({ name: m.name, replacement: m.relationship });
    }
    for (const p of practitionersIn(content)) {
      people.push({ name: p.name, replacement: p.role });
      if (p.lineManager) people.push({ name: p.lineManager.name, replacement: p.lineManager.role ?? 'line manager' });
    }
    people.push({ name: content.declaration.name, replacement: content.declaration.role });
  }
  return people;
}

export function anonymiserFor(input: CollationInput): Anonymiser {
  return createAnonymiser(input.record.subject, peopleInReturns(input.requests));
}

/** The marked document: for the anonymised version every piece of case text goes through the anonymiser. */
export function finish(
  input: CollationInput,
  marking: Marking,
  content: Omit<DocumentContent, 'marking' | 'reference' | 'author'>,
): DocumentContent {
  const blocks: Block[] = marking === 'anonymised' ? mapCaseText(content.blocks, anonymiserFor(input)) : content.blocks;
  return {
    ...content,
    blocks,
    marking,
    reference: input.record.reference,
    author: input.partnership.officeName,
  };
}
