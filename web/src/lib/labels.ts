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
  'before-due': 'Reminder before due date',
  'due-today': 'Reminder on due date',
  overdue: 'Overdue reminder',
  'case-review-group': 'Referred to Case Review Group',
  'strategic-lead': 'Strategic lead contacted',
  'safeguarding-partners': 'Escalated to Safeguarding Partners',
};

export const stepLabel = (step: string): string =>
  ESCALATION_LABELS[step] ?? step.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Audit actions in words; unknown actions are shown as they are. */
export const AUDIT_LABELS: Record<string, string> = {
  'agency.added': 'Agency added',
  'agency.updated': 'Agency changed',
  'agency.signed-in': 'Agency lead signed in',
  'agency.case-viewed': 'Agency lead viewed the case',
  'agency.request-viewed': 'Agency lead viewed a request',
  'audit.viewed': 'Audit trail viewed',
  'case.opened': 'Case opened',
  'case.closed': 'Case closed',
  'case.risk-checked': 'Deadline risk checked',
  'case.risk-raised': 'Deadline risk raised',
  'chase.rescheduled': 'Reminders rescheduled',
  'draft.saved': 'Draft saved',
  'links.revoked': 'Links stopped',
  'request.created': 'Request created',
  'request.sent': 'Request sent',
  'request.opened': 'Request opened',
  'request.link-resent': 'Link sent again',
  'request.reminded': 'Reminder sent',
  'request.escalated': 'Escalated',
  'request.extended': 'Due date extended',
  'request.not-involved': 'Marked not involved',
  'request.withdrawn': 'Request withdrawn',
  'return.submitted': 'Return submitted',
  'return.viewed': 'Return read',
  'return.accepted': 'Return accepted',
  'return.more-information-requested': 'More information asked for',
  'document.downloaded': 'Document downloaded',
  'case-pack.downloaded': 'Case pack downloaded',
  'meeting-decision.recorded': "Meeting's decision recorded",
};

export const auditLabel = (action: string): string => AUDIT_LABELS[action] ?? action;
