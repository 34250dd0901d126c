import { MEETING_DECISION_LABELS } from '../../../functions/domain/model';
import { formatDate, formatDateTime, isIsoDate } from './dates';
import { dropReasonText, kindLabel, returnTypeLabel, ROUTE_LABELS } from './labels';

/**
 * The audit trail in words. The API records compact keys ("chronology.merged", `notIncluded: 0`); the
 * office reads sentences. Anything the API adds later is still shown, in words made from its key.
 */

/** Every action the API records (functions/domain/services), in words. */
export const AUDIT_LABELS: Record<string, string> = {
  'agency.added': 'Agency added',
  'agency.updated': 'Agency changed',
  'agency.signed-in': 'Agency lead signed in',
  'agency.case-viewed': 'Agency lead viewed the case',
  'agency.request-viewed': 'Agency lead viewed a request',
  'attachment.released': 'Attached file passed the checks',
  'attachment.rejected': 'Attached file refused',
  'attachment.quarantined': 'Attached file kept back after the virus check',
  'attachment.removed': 'Attached file removed',
  'attachment.downloaded': 'Attached file downloaded',
  'audit.viewed': 'Audit trail viewed',
  'case.opened': 'Case opened',
  'case.closed': 'Case closed',
  'case.legal-hold-placed': 'Legal hold placed',
  'case.legal-hold-lifted': 'Legal hold lifted',
  'case.retention-deleted': 'Returns deleted under the retention policy',
  'case.risk-checked': 'Deadline risk checked',
  'case.risk-raised': 'Deadline risk raised',
  'case.risk-deferred': 'Deadline risk check moved to when replies are late',
  'chase.rescheduled': 'Reminders rescheduled',
  'chronology.merged': 'Multi-agency chronology updated',
  'chronology.viewed': 'Multi-agency chronology viewed',
  'chronology.exported': 'Multi-agency chronology downloaded',
  'chronology.imported': 'Chronology imported from a spreadsheet',
  'chronology.grouping-confirmed': 'Chronology events confirmed as one',
  'chronology.grouping-split': 'Chronology events split',
  'draft.saved': 'Draft saved',
  'email.dropped': 'E-mail not sent: no longer true when it could go',
  'links.revoked': 'Links stopped',
  'request.created': 'Request created',
  'request.sent': 'Request sent',
  'request.opened': 'Request opened',
  'request.link-resent': 'Link sent again',
  'request.links-stopped': 'Reminders paused: the agency’s links were stopped',
  'request.links-resumed': 'Reminders restarted: a link was sent again',
  'request.reminded': 'Reminder sent',
  'request.escalated': 'Escalated',
  'request.extended': 'Due date extended',
  'request.due-date-changed': 'Due date changed before sending',
  'request.not-involved': 'Marked not involved',
  'request.withdrawn': 'Request withdrawn',
  'return.submitted': 'Return submitted',
  'return.viewed': 'Return read',
  'return.accepted': 'Return accepted',
  'return.more-information-requested': 'More information asked for',
  'document.downloaded': 'Document downloaded',
  'case-pack.downloaded': 'Case pack downloaded',
  'meeting-decision.recorded': "Meeting's decision recorded",
  'safety-concern.acknowledged': 'Immediate safety concern acknowledged',
  'case.meeting-planned': 'Rapid Review meeting date set',
};

/**
 * Events that record someone reading or downloading, not changing anything, and the daily deadline checks:
 * kept in full, but a page load adds one, so the trail hides them until asked, so that actions stand out.
 */
const READS = new Set([
  'agency.case-viewed',
  'agency.request-viewed',
  'audit.viewed',
  'attachment.downloaded',
  'case.risk-checked',
  'chronology.viewed',
  'chronology.exported',
  'document.downloaded',
  'case-pack.downloaded',
  'return.viewed',
]);

export const isReadEvent = (action: string): boolean => READS.has(action);

/** A label of the API's key; own properties only, so a key such as "constructor" is simply unknown. */
const own = (labels: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined;

/** "someNewKey" or "some-new-key" → "Some new key". */
const words = (key: string): string => {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** An unknown action reads as "Chronology: something new" rather than a dotted key. */
export function auditLabel(action: string): string {
  const known = own(AUDIT_LABELS, action);
  if (known) return known;
  const dot = action.indexOf('.');
  if (dot < 1) return words(action) || 'Recorded';
  return `${words(action.slice(0, dot))}: ${words(action.slice(dot + 1)).toLowerCase()}`;
}

/** The portal's own jobs, by the name the API records them under. */
export const SYSTEM_ACTORS: Record<string, string> = {
  'daily-run': 'The portal (daily reminders and checks)',
  'chronology-merge': 'The portal (multi-agency chronology)',
  retention: 'The portal (retention policy)',
  'malware-scan-result': 'The portal (virus check of an upload)',
  outbox: 'The portal (sending e-mails)',
};

export interface AuditActor {
  type: string;
  username?: string;
  agencyId?: string;
  name?: string;
}

/** Who did it: the officer's username, the agency's name, or which of the portal's jobs. */
export function auditActorLabel(actor: AuditActor, agencyNames: ReadonlyMap<string, string>): string {
  if (actor.type === 'staff') return `Business office (${actor.username ?? 'officer'})`;
  if (actor.type === 'agency') return agencyNames.get(actor.agencyId ?? '') ?? 'Agency lead';
  return own(SYSTEM_ACTORS, actor.name ?? '') ?? 'The portal (automatic)';
}

const CASE_ALERTS: Record<string, string> = {
  'replies-missing-at-meeting': 'returns still missing at the meeting',
  'national-panel-at-risk': 'National Panel deadline at risk',
  'cspr-six-months-near': 'review nearing six months',
};

/** What a reminder step did; when, the step's key says ("2-days-overdue-crg"). */
const LADDER_ACTIONS: Record<string, string> = {
  remind: 'Reminder to the agency',
  'due-today': 'Reminder to the agency',
  chase: 'Chaser to the agency',
  'escalate-crg': 'Referred to the Case Review Group',
  'escalate-partners': 'Escalated to the Safeguarding Partners',
};

/** "1-day-before" → "1 day before the due date", "due-today" → "On the due date", "3-days-overdue-crg" → "3 days overdue". */
function stepTiming(step: unknown): string {
  if (typeof step !== 'string') return String(step);
  if (step === 'due-today') return 'On the due date';
  const match = /^(\d+)-days?-(before|overdue)/.exec(step);
  if (!match) return words(step);
  const days = count(Number(match[1]), 'day', 'days');
  return match[2] === 'before' ? `${days} before the due date` : `${days} overdue`;
}

const DOCUMENTS: Record<string, string> = {
  'combined-summary': 'Combined Summary for the meeting',
  'national-panel-summary': 'Combined Summary for the National Panel',
  'national-panel-letter': 'Covering letter to the National Panel',
  chronology: 'Multi-agency chronology',
  'request-letter': 'Information Request Letter',
  return: 'The return as a Word document',
};

/** The outbox's e-mails (a dropped e-mail's audit event names which). */
const EMAIL_TEMPLATES: Record<string, string> = {
  'request-link': 'the link to the request',
  'more-info': 'the request for more information',
  'due-date-changed': 'the new due date',
  reminder: 'a reminder or escalation',
};

/** Why a file was refused (attachment events only: elsewhere a reason is what the officer typed). */
const FILE_REASONS: Record<string, string> = {
  empty: 'the file was empty',
  'too-large': 'the file was too large',
  'type-not-allowed': 'not a Word, Excel or PDF file',
  'content-mismatch': 'the contents did not match the file type',
  'macro-enabled': 'the file contained macros',
  'legacy-office': 'an old Office format',
  executable: 'the file was a program',
  'zip-bomb': 'the file expanded to an unsafe size',
  'embedded-content': 'the file had other files embedded in it',
  'pdf-active-content': 'the PDF contained scripts or actions',
  encrypted: 'the file was password-protected',
  unreadable: 'the file could not be read',
  'size-mismatch': 'the file was not the size declared',
  'scan-infected': 'the virus check found a threat',
};

const AGENCY_FIELDS: Record<string, string> = {
  name: 'name',
  kind: 'kind of agency',
  leadName: "lead's name",
  leadEmail: "lead's e-mail address",
  deputyEmail: "deputy's e-mail address",
  strategicLeadName: "strategic lead's name",
  strategicLeadEmail: "strategic lead's e-mail address",
};

const IMPORT_MODES: Record<string, string> = {
  append: 'added to the events already entered',
  replace: 'replaced the events already entered',
  preview: 'preview only',
};

const yesNo = (value: unknown) => (value === true ? 'yes' : value === false ? 'no' : String(value));
const count = (value: unknown, one: string, many: string) => `${String(value)} ${value === 1 ? one : many}`;
const date = (value: unknown) => (typeof value === 'string' && isIsoDate(value) ? formatDate(value) : String(value));
const when = (value: unknown) => (typeof value === 'string' ? formatDateTime(value) : String(value));
const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : String(value));
const lookup = (labels: Record<string, string>, value: unknown) =>
  typeof value === 'string' ? (own(labels, value) ?? words(value).toLowerCase()) : String(value);

/** One detail in words; `action` says what an ambiguous key ("kind", "reason") means here. */
type Phrase = (value: unknown, action: string) => string;

const PHRASES: Record<string, Phrase> = {
  version: (v) => `Version ${String(v)}`,
  nilReturn: (v) => `Nil return: ${yesNo(v)}`,
  immediateSafetyConcern: (v) => `Immediate safety concern: ${yesNo(v)}`,
  returnType: (v) => (typeof v === 'string' ? returnTypeLabel(v) : String(v)),
  dueOn: (v) => `Due ${date(v)}`,
  reason: (v, action) =>
    action.startsWith('attachment.')
      ? `Reason: ${lookup(FILE_REASONS, v)}`
      : action === 'email.dropped'
        ? `Not sent because ${dropReasonText(typeof v === 'string' ? v : undefined)}`
        : `Reason: ${String(v)}`,
  template: (v) => `E-mail: ${lookup(EMAIL_TEMPLATES, v)}`,
  revoked: (v) => `${count(v, 'link', 'links')} stopped`,
  linksRevoked: (v) => `${count(v, 'link', 'links')} stopped`,
  paused: (v) => `Reminders of ${count(v, 'request', 'requests')} paused`,
  linksResumed: (v) => (v === true ? 'Reminders restarted after the links were stopped' : ''),
  // Steps that fell due while the agency had no working link: never sent late.
  passedOver: (v) =>
    Array.isArray(v) && v.length
      ? `Not sent, as they fell due while the links were stopped: ${v.map((step) => stepTiming(step).replace(/^O/, 'o')).join(', ')}`
      : '',
  emailHeld: (v) => (v === 'links-stopped' ? 'The agency was not e-mailed: its links are stopped' : String(v)),
  step: stepTiming,
  // Steps a late run passed over without sending them.
  skipped: (v) =>
    `Earlier steps not sent: ${(Array.isArray(v) ? v : [v]).map((step) => stepTiming(step).replace(/^O/, 'o')).join(', ')}`,
  action: (v) => (typeof v === 'string' ? (own(LADDER_ACTIONS, v) ?? words(v)) : String(v)),
  to: (v) => `Sent to ${list(v)}`,
  // What the office did about a safety concern, as the officer typed it.
  actionTaken: (v) => `Action taken: ${String(v)}`,
  kind: (v, action) =>
    action.startsWith('case.risk')
      ? `Check: ${lookup(CASE_ALERTS, v)}`
      : `Kind: ${typeof v === 'string' ? kindLabel(v) : String(v)}`,
  outstanding: (v) => `${count(v, 'return', 'returns')} outstanding`,
  fields: (v) =>
    `Changed: ${Array.isArray(v) ? v.map((f) => lookup(AGENCY_FIELDS, f)).join(', ') : lookup(AGENCY_FIELDS, v)}`,
  decision: (v) => `Decision: ${lookup(MEETING_DECISION_LABELS, v)}`,
  meetingDate: (v) => `Meeting on ${date(v)}`,
  previousDate: (v) => `Previously ${date(v)}`,
  outsideWindow: (v) => (v === true ? 'Outside the meeting window' : ''),
  replaced: (v) => (v === true ? 'Corrects an earlier decision' : ''),
  entries: (v) => count(v, 'event', 'events'),
  gaps: (v) => count(v, 'gap', 'gaps'),
  agencies: (v) => `from ${count(v, 'agency', 'agencies')}`,
  rows: (v) => count(v, 'row', 'rows'),
  format: (v) => `Format: ${String(v).toUpperCase()}`,
  mode: (v) => `Import: ${lookup(IMPORT_MODES, v)}`,
  reference: (v) => `Reference ${String(v)}`,
  route: (v) => lookup(ROUTE_LABELS, v),
  day0: (v) => `Day 0: ${date(v)}`,
  closedAt: (v) => `Closed ${when(v)}`,
  retainUntil: (v) => `Kept until ${date(v)}`,
  objects: (v) => `${count(v, 'file', 'files')} deleted`,
  files: (v) => `${count(v, 'file', 'files')} included`,
  notIncluded: (v) => `${String(v)} not included`,
  documents: (v) => count(v, 'document', 'documents'),
  attachments: (v) => count(v, 'attachment', 'attachments'),
  document: (v) => lookup(DOCUMENTS, v),
  marking: (v) => (v === 'anonymised' ? 'Anonymised' : v === 'named' ? 'Named' : String(v)),
  attachmentId: (v) => `File reference ${String(v)}`,
};

/** A detail the API added later: its key in words, and its value as well as it can be read. */
function fallback(key: string, value: unknown): string {
  const text =
    typeof value === 'boolean'
      ? yesNo(value)
      : Array.isArray(value)
        ? list(value)
        : typeof value === 'string' && isIsoDate(value)
          ? formatDate(value)
          : value !== null && typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
  return `${words(key)}: ${text}`;
}

/** "Version 1; Nil return: yes; Immediate safety concern: no": an event's details in words. */
export function auditDetail(action: string, detail: Record<string, unknown> | undefined): string {
  return Object.entries(detail ?? {})
    .map(([key, value]) => {
      const phrase = Object.hasOwn(PHRASES, key) ? PHRASES[key] : undefined;
      return phrase ? phrase(value, action) : fallback(key, value);
    })
    .filter(Boolean)
    .join('; ');
}
