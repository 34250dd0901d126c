import type { ReturnContent } from '../contract/returns';
import { londonDate, type IsoDate } from './calendar';
import { endsBeforeStart, FUTURE_DATE, isFutureFuzzyDate, type FuzzyDate } from './chronology/fuzzy-date';
import { longDate } from './emails';
import type { FieldIssue } from './errors';
import type { RequestStatus, ReturnType } from './model';

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
    issues.push({ path: 'kind', message: `This request asks for a ${expected.returnType}, or a nil return` });
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
      if (content.rows.length === 0)
        issues.push({ path: 'rows', message: 'Add at least one event, or make a nil return' });
      break;
    }
    case 'organisational-chronology':
      content.rows.forEach((row, index) => notFutureFuzzy(`rows[${index}].date`, row.date));
      break;
    case 'information-report':
      content.actionsTaken.forEach((action, index) => {
        if (action.completedOn)
          notFuture(`actionsTaken[${index}].completedOn`, action.completedOn, 'A completion date');
        if (action.status === 'completed' && !action.completedOn) {
          issues.push({
            path: `actionsTaken[${index}].completedOn`,
            message: 'Give the date the action was completed',
          });
        }
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
