import { type IsoDate } from './calendar';
import type { FieldIssue } from './errors';
import type { InformationRequestReply } from '../contract/schemas';

/**
 * Checks of a return that need today's date or compare fields, beyond what its schema states.
 * Pure: the caller passes today's date.
 */
export function returnIssues(content: InformationRequestReply, today: IsoDate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const notFuture = (path: string, date: IsoDate, what: string) => {
    if (date > today) issues.push({ path, message: `${what} cannot be in the future` });
  };
  notFuture('declaration.date', content.declaration.date, 'The declaration date');
  if (content.involvement === 'involved') {
    notFuture('periodFrom', content.periodFrom, 'The start of involvement');
    notFuture('periodTo', content.periodTo, 'The end of involvement');
    if (content.periodTo < content.periodFrom) {
      issues.push({ path: 'periodTo', message: 'The end of involvement cannot be before its start' });
    }
    content.keyEvents.forEach((event, index) => notFuture(`keyEvents[${index}].date`, event.date, 'A key event'));
  }
  return issues;
}

export function raisesSafetyConcern(content: InformationRequestReply): boolean {
  return content.involvement === 'involved' && content.immediateSafetyConcern.raised;
}

export function isNilReturn(content: InformationRequestReply): boolean {
  return content.involvement === 'no-records';
}
