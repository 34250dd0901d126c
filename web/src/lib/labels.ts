import { AGENCY_KINDS, RETURN_TYPES, RETURN_TYPE_LABELS } from '../../../functions/domain/model';

/** Words for the API's keys, in one place. The lists of kinds and types come from the domain itself. */
export { AGENCY_KINDS, RETURN_TYPES };

export const ROUTE_LABELS: Record<string, string> = {
  'rapid-review': 'Rapid Review',
  'agency-referral': 'Agency referral (no Rapid Review)',
  cspr: 'Child Safeguarding Practice Review',
};

export const ROUTE_HINTS: Record<string, string> = {
  'rapid-review': 'The Local Authority has notified the National Panel. Day 0 is the day of the notification.',
  'agency-referral': 'An agency has referred the case. Day 0 is the day the referral was received.',
  cspr: 'The Safeguarding Partners have decided to review. Day 0 is the day of the decision.',
};

export const returnTypeLabel = (type: string): string => (RETURN_TYPE_LABELS as Record<string, string>)[type] ?? type;

export const AGENCY_KIND_LABELS: Record<string, string> = {
  police: 'Police',
  'childrens-social-care': "Children's social care",
  'health-commissioner': 'Health commissioner (ICB)',
  'health-provider': 'Health provider',
  'general-practice': 'General practice',
  ambulance: 'Ambulance service',
  education: 'Education',
  'early-years': 'Early years',
  probation: 'Probation',
  'youth-justice': 'Youth justice',
  housing: 'Housing',
  'adult-social-care': 'Adult social care',
  'voluntary-sector': 'Voluntary sector',
  other: 'Other',
};

export const kindLabel = (kind: string): string => AGENCY_KIND_LABELS[kind] ?? kind;

interface StatusStyle {
  label: string;
  /** GOV.UK tag colour modifier; each status has its own. */
  tag: string;
}

export const STATUS_STYLES: Record<string, StatusStyle> = {
  draft: { label: 'Not sent', tag: 'govuk-tag--grey' },
  sent: { label: 'Sent', tag: 'govuk-tag--blue' },
  opened: { label: 'Opened', tag: 'govuk-tag--light-blue' },
  'in-progress': { label: 'In progress', tag: 'govuk-tag--purple' },
  submitted: { label: 'Submitted', tag: 'govuk-tag--teal' },
  accepted: { label: 'Accepted', tag: 'govuk-tag--green' },
  'more-info-requested': { label: 'More information asked for', tag: 'govuk-tag--orange' },
  'not-involved': { label: 'Not involved', tag: 'govuk-tag--grey' },
  withdrawn: { label: 'Withdrawn', tag: 'govuk-tag--grey' },
  overdue: { label: 'Overdue', tag: 'govuk-tag--red' },
};

export const statusLabel = (status: string): string => STATUS_STYLES[status]?.label ?? status;

/** The statuses whose latest return is what the agency sent: there a nil return reads as one. */
const RETURNED = new Set(['submitted', 'accepted']);

/**
 * A request's status for the office, with a nil return ("we hold no records") told apart from a return with
 * content: DOMAIN counts it a real and common answer, and the office checks it differently.
 */
export function requestStatusStyle(request: { status: string; nilReturn?: boolean }): StatusStyle {
  if (request.nilReturn && RETURNED.has(request.status)) {
    return request.status === 'accepted'
      ? { label: 'Nil return accepted', tag: 'govuk-tag--green' }
      : { label: 'Nil return submitted', tag: 'govuk-tag--yellow' };
  }
  return STATUS_STYLES[request.status] ?? { label: request.status, tag: 'govuk-tag--grey' };
}

/** What the requests grid filters on: the status, a nil return apart (its own choice in the filter). */
export const requestStatusKey = (request: { status: string; nilReturn?: boolean }): string =>
  request.nilReturn && RETURNED.has(request.status) ? `${request.status}:nil` : request.status;

/** Whether the latest return the agency sent, and the office holds, is a nil return. */
export const isNilReturn = (request: { status: string; nilReturn?: boolean }): boolean =>
  request.nilReturn === true && RETURNED.has(request.status);

export const ALL_STATUSES = [
  'draft',
  'sent',
  'opened',
  'in-progress',
  'submitted',
  'more-info-requested',
  'accepted',
  'not-involved',
  'withdrawn',
];

/** "3 returns received: 2 with information, 1 nil return (no records held)". */
export function returnsCountText(returned: readonly { status: string; nilReturn?: boolean }[]): string {
  const nil = returned.filter(isNilReturn).length;
  const total = `${returned.length} ${returned.length === 1 ? 'return' : 'returns'} received`;
  if (!nil) return `${total}.`;
  const full = returned.length - nil;
  return `${total}: ${full} with information, ${nil} ${nil === 1 ? 'nil return' : 'nil returns'} (no records held).`;
}

/** Short names for the timeline, where the full milestone label would not fit. */
export const MILESTONE_SHORT: Record<string, string> = {
  'requests-sent': 'Requests sent',
  'replies-due': 'Replies due',
  meeting: 'Meeting',
  'national-panel': 'To National Panel',
  'combined-summary': 'Combined Summary',
  'review-complete': 'Review complete',
};

export const ESCALATION_LABELS: Record<string, string> = {
  'before-due': 'Reminder before the due date',
  'due-today': 'Reminder on the due date',
  overdue: 'Overdue reminder',
  'case-review-group': 'Referred to Case Review Group',
  'strategic-lead': 'Strategic lead contacted',
  'safeguarding-partners': 'Escalated to Safeguarding Partners',
};

const workingDays = (count: number) => (count === 1 ? '1 working day' : `${count} working days`);

/**
 * A request's escalation stage, or a chasing ladder step's key, in words. Ladder keys are configuration, but
 * the ladders name each step by its working-day offset and, for an escalation, by who it goes to
 * ("3-days-overdue-partners"), so the words follow from the key. Any other key is shown made readable.
 */
export function stepLabel(step: string): string {
  const stage = ESCALATION_LABELS[step];
  if (stage) return stage;
  const match = /^(\d+)-days?-(?:(before)|overdue(?:-(crg|partners))?)$/.exec(step);
  if (!match) return step.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const count = Number(match[1]);
  if (match[2]) return `Reminder, ${workingDays(count)} before the due date`;
  const overdue = `${workingDays(count)} overdue`;
  if (match[3] === 'crg') return `Referred to the Case Review Group, ${overdue}`;
  if (match[3] === 'partners') return `Escalated to the Safeguarding Partners, ${overdue}`;
  return `Chased, ${overdue}`;
}

/** Why a reminder's e-mail was not sent after all (the API's dropReason). */
const DROP_REASON_TEXT: Record<string, string> = {
  'case-closed': 'the case was closed',
  'request-missing': 'the request no longer exists',
  'not-sent': 'the request had not been sent',
  submitted: 'the return had come in',
  'nil-return': 'the agency had made a nil return',
  accepted: 'the return had been accepted',
  withdrawn: 'the request had been withdrawn',
  'not-involved': 'the agency had been recorded as not involved',
  'due-date-changed': 'the due date had changed',
  'links-stopped': "the agency's links had been stopped",
};

export function dropReasonText(reason: string | undefined): string {
  return (
    (reason && Object.hasOwn(DROP_REASON_TEXT, reason) ? DROP_REASON_TEXT[reason] : undefined) ??
    'it was no longer needed'
  );
}
