import type { Case, ReturnRequest } from './model';
import type { OutboxEmail, OutboxTemplate } from './ports';

/**
 * Why an e-mail waiting in the outbox (for a retry after SES failed, or for a run that died) is no longer
 * true and must not go: a chaser or an escalation after the return came in, a link to a request withdrawn
 * meanwhile, an "overdue" for a due date that has since been extended.
 */
export const DROP_REASONS = [
  'case-closed',
  'request-missing',
  'not-sent',
  'submitted',
  'nil-return',
  'accepted',
  'withdrawn',
  'not-involved',
  'due-date-changed',
  'links-stopped',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/**
 * The e-mails that hold only while the agency owes its return: links asking for it, and the ladder's
 * reminders and escalations. A notice that a request stopped, a safety-concern alert and a statutory-risk
 * alert stay true whatever happens next.
 */
const WHILE_OWED: ReadonlySet<OutboxTemplate> = new Set(['request-link', 'more-info', 'due-date-changed', 'reminder']);

export const holdsWhileOwed = (template: OutboxTemplate): boolean => WHILE_OWED.has(template);

export function staleBecause(
  email: Pick<OutboxEmail, 'template' | 'reminder'> & { createdAt?: string },
  request: Pick<ReturnRequest, 'status' | 'dueOn' | 'nilReturn' | 'linksStoppedAt'> | undefined,
  record: Pick<Case, 'status'> | undefined,
): DropReason | undefined {
  if (!holdsWhileOwed(email.template)) return undefined;
  if (!record || !request) return 'request-missing';
  if (record.status !== 'open') return 'case-closed';
  switch (request.status) {
    case 'draft':
      return 'not-sent';
    case 'submitted':
      return request.nilReturn ? 'nil-return' : 'submitted';
    case 'accepted':
    case 'withdrawn':
    case 'not-involved':
      return request.status;
    case 'sent':
    case 'opened':
    case 'in-progress':
    case 'more-info-requested':
      // Written before the office stopped the agency's links: its link (or its recipients, or an escalation
      // for time the agency had no working link) must not go, even once a link has been sent again.
      if (request.linksStoppedAt !== undefined && (email.createdAt ?? '') <= request.linksStoppedAt) {
        return 'links-stopped';
      }
      // A ladder step belongs to the due date it was taken for; a link e-mail names the current one.
      return email.reminder && email.reminder.dueOn !== request.dueOn ? 'due-date-changed' : undefined;
  }
}
