import type { ReturnContent } from '../contract/returns';
import { londonDate, type IsoDate } from './calendar';
import { endsBeforeStart, FUTURE_DATE, isFutureFuzzyDate, type FuzzyDate } from './chronology/fuzzy-date';
import { longDate } from './emails';
import type { FieldIssue } from './errors';
import { RETURN_TYPE_LABELS, type RequestStatus, type ReturnType } from './model';

/**
 * Checks of a return that need today's date, compare fields, or depend on what the request asks,
 * beyond what its schema states. Pure: the caller passes today's date and the request's settings.
 */
export type ReturnKind = ReturnType | 'nil-return';

export function kindOf(content: ReturnContent): ReturnKind {
  return 'involvement' in content ? 'information-request-reply' : content.kind;
}

export interface ReturnExpectations extends DeclarationWindow {
  returnType: ReturnType;
  /** The request asks for the analysis columns of a chronology ("was this expected practice?"). */
  analysisColumns?: boolean;
}

/** What of a request bounds its declaration's date; the web form knows only some of it. */
export interface DeclarationWindow {
  status: RequestStatus | (string & {});
  /** When the request was sent to the agency. */
  sentAt?: string;
  /** When the latest version was submitted. */
  submittedAt?: string;
}

/**
 * The earliest date a declaration may carry (§1.5.8): the day the request was sent and, for a new version
 * after the office asked for more, the day the previous version went in, so each version is declared
 * afresh. A retry of a submission already in (status `submitted`) is judged as it first was.
 */
export function earliestDeclarationDate(window: DeclarationWindow): { on: IsoDate; since: string } | undefined {
  const sent = window.sentAt ? londonDate(new Date(window.sentAt)) : undefined;
  const previous =
    window.status !== 'submitted' && window.submittedAt ? londonDate(new Date(window.submittedAt)) : undefined;
  if (previous && (!sent || previous > sent)) return { on: previous, since: 'the previous version was submitted' };
  return sent ? { on: sent, since: 'the request was sent' } : undefined;
}

/** The one rule for a declaration's date, shared by the submission and the web form. */
export function declarationDateProblem(date: IsoDate, today: IsoDate, window: DeclarationWindow): string | undefined {
  if (date > today) return 'The declaration date cannot be in the future';
  const earliest = earliestDeclarationDate(window);
  if (earliest && date < earliest.on)
    return `The declaration date must be on or after ${longDate(earliest.on)}, when ${earliest.since}`;
  return undefined;
}

/** "a Chronology of key events", "an Information Report". */
export const aReturnOf = (returnType: ReturnType) =>
  `${/^[AEIOU]/.test(RETURN_TYPE_LABELS[returnType]) ? 'an' : 'a'} ${RETURN_TYPE_LABELS[returnType]}`;
const wrongType = (returnType: ReturnType) => `This request asks for ${aReturnOf(returnType)}, or a nil return`;

/**
 * The fields of each return type's schemas (contract/returns.ts), named here rather than read from them so that
 * functions that only read returns do not bundle the schemas (test/unit/draft-fields.test.ts holds the two
 * together). A draft may hold its type's fields and a nil return's (any request may have one).
 */
const NIL_RETURN_FIELDS = ['kind', 'searched', 'declaration'];
export const DRAFT_FIELDS: Readonly<Record<ReturnType, ReadonlySet<string>>> = {
  'information-request-reply': new Set([
    ...['involvement', 'periodFrom', 'periodTo', 'services', 'keyEvents', 'immediateSafetyConcern'],
    ...['familyMembersKnown', 'recordsSecured', 'practitioners', 'earlyLearning', 'informationSharing', 'notes'],
    ...NIL_RETURN_FIELDS,
  ]),
  chronology: new Set(['rows', 'practitioners', ...NIL_RETURN_FIELDS]),
  'organisational-chronology': new Set(['rows', ...NIL_RETURN_FIELDS]),
  'information-report': new Set([
    ...['involvementSummary', 'themes', 'learningForAgency', 'learningForMultiAgency', 'actionsTaken'],
    'practitioners',
    ...NIL_RETURN_FIELDS,
  ]),
  'factual-summary': new Set(['summary', 'contacts', ...NIL_RETURN_FIELDS]),
};

/**
 * A draft is work towards the return the request asks for (or a nil return), which submitting will hold it
 * to: one that says it is another type (`involvement` marks an Information Request Reply, `kind` the others)
 * or, saying neither, holds another type's fields is refused rather than kept to fail at the end.
 */
export function draftTypeIssues(content: Record<string, unknown>, returnType: ReturnType): FieldIssue[] {
  if ('involvement' in content) {
    return returnType === 'information-request-reply' ? [] : [{ path: 'involvement', message: wrongType(returnType) }];
  }
  if (typeof content.kind === 'string') {
    return content.kind === returnType || content.kind === 'nil-return'
      ? []
      : [{ path: 'kind', message: wrongType(returnType) }];
  }
  const foreign = Object.keys(content).find((field) => !DRAFT_FIELDS[returnType].has(field));
  return foreign === undefined ? [] : [{ path: foreign, message: wrongType(returnType) }];
}

/**
 * A date of the Information Request Reply with its precision: a FuzzyDate as it is, or v1's exact day
 * (with the key event's `approximate`) as a day.
 */
export function replyDate(date: string | FuzzyDate, approximate = false): FuzzyDate {
  return typeof date === 'string'
    ? { value: date, precision: 'day', approximate }
    : { ...date, approximate: date.approximate || approximate };
}

export function returnIssues(content: ReturnContent, expected: ReturnExpectations, today: IsoDate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const kind = kindOf(content);
  if (kind !== 'nil-return' && kind !== expected.returnType) {
    issues.push({ path: 'kind', message: wrongType(expected.returnType) });
    return issues;
  }
  const notFuture = (path: string, date: IsoDate, what: string) => {
    if (date > today) issues.push({ path, message: `${what} cannot be in the future` });
  };
  const notFutureFuzzy = (path: string, date: FuzzyDate) => {
    if (isFutureFuzzyDate(date, today)) issues.push({ path, message: FUTURE_DATE });
  };
  const declared = declarationDateProblem(content.declaration.date, today, expected);
  if (declared) issues.push({ path: 'declaration.date', message: declared });

  if ('involvement' in content) {
    if (content.involvement === 'involved') {
      const from = replyDate(content.periodFrom);
      const to = replyDate(content.periodTo);
      const notFutureReply = (path: string, date: FuzzyDate, what: string) => {
        if (isFutureFuzzyDate(date, today)) issues.push({ path, message: `${what} cannot be in the future` });
      };
      notFutureReply('periodFrom', from, 'The start of involvement');
      notFutureReply('periodTo', to, 'The end of involvement');
      if (endsBeforeStart(from, to)) {
        issues.push({ path: 'periodTo', message: 'The end of involvement cannot be before its start' });
      }
      content.keyEvents.forEach((event, index) =>
        notFutureReply(`keyEvents[${index}].date`, replyDate(event.date, event.approximate), 'A key event'),
      );
    }
    return issues;
  }
  switch (content.kind) {
    case 'chronology': {
      const seen = new Set<string>();
      content.rows.forEach((row, index) => {
        const at = `rows[${index}]`;
        if (seen.has(row.rowId)) issues.push({ path: `${at}.rowId`, message: 'Each row needs its own id' });
        seen.add(row.rowId);
        notFutureFuzzy(`${at}.date`, row.date);
        if (expected.analysisColumns && row.expectedPractice === undefined) {
          issues.push({ path: `${at}.expectedPractice`, message: 'Say whether this was expected practice' });
        }
      });
      break;
    }
    case 'organisational-chronology':
      content.rows.forEach((row, index) => notFutureFuzzy(`rows[${index}].date`, row.date));
      break;
    case 'information-report':
      // A planned or in-progress action's date is when it is expected: only a completed one's must have passed.
      content.actionsTaken.forEach((action, index) => {
        if (action.status === 'completed' && action.completedOn)
          notFuture(`actionsTaken[${index}].completedOn`, action.completedOn, 'A completion date');
      });
      break;
    case 'factual-summary':
      content.contacts.forEach((contact, index) => notFutureFuzzy(`contacts[${index}].date`, contact.date));
      break;
    case 'nil-return':
      break;
  }
  return issues;
}

export function raisesSafetyConcern(content: ReturnContent): boolean {
  return 'involvement' in content && content.involvement === 'involved' && content.immediateSafetyConcern.raised;
}

export function isNilReturn(content: ReturnContent): boolean {
  return kindOf(content) === 'nil-return' || ('involvement' in content && content.involvement === 'no-records');
}
