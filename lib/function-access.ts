import { Duration } from 'aws-cdk-lib';
import { routes } from '../functions/contract/routes';
import type { DocumentAccess } from './file-store';

/**
 * What each API function may touch, read from what its service code does (functions/domain/services).
 * Every route's function must be listed: a new route fails `cdk synth` until its access is decided.
 */
export interface FunctionAccess {
  table?: 'read' | 'read-write';
  documents?: DocumentAccess;
  /** Sends e-mail through SES (the outbox dispatches at once after a commit). */
  mail?: boolean;
  /** Reads the table's stream and adds copies to the Object Lock audit archive (lib/audit-archive.ts grants it). */
  auditArchive?: 'append';
}

/** Checking an upload in quarantine/ and moving it, with GuardDuty's tag, to attachments/ (or deleting it). */
const SETTLES_UPLOADS: FunctionAccess = {
  table: 'read-write',
  documents: {
    read: ['quarantine'],
    readTags: ['quarantine'],
    write: ['attachments'],
    writeTags: ['attachments'],
    delete: ['quarantine'],
  },
};

// Every agency route refreshes the session's idle timer, and every view is audited: both are writes.
export const FUNCTION_ACCESS: Readonly<Record<string, FunctionAccess>> = {
  'get-openapi': {},
  // Business office: reads
  'get-me': { table: 'read' },
  'list-agencies': { table: 'read' },
  'list-cases': { table: 'read' },
  'get-case': { table: 'read' },
  'list-requests': { table: 'read' },
  'list-return-versions': { table: 'read' },
  // Business office: changes, each written with its audit event; viewing a return or the audit trail
  // is itself audited, so those are writes too.
  'create-agency': { table: 'read-write' },
  'update-agency': { table: 'read-write' },
  'create-case': { table: 'read-write' },
  'close-case': { table: 'read-write', mail: true },
  'get-audit-trail': { table: 'read-write' },
  'create-request': { table: 'read-write' },
  'create-requests': { table: 'read-write', mail: true },
  'send-request': { table: 'read-write', mail: true },
  'resend-link': { table: 'read-write', mail: true },
  'revoke-links': { table: 'read-write' },
  // The agency is e-mailed its new due date, or that a return is no longer needed.
  'extend-request': { table: 'read-write', mail: true },
  // Ending a request whose chronology is in the multi-agency chronology re-merges it without that chronology.
  'mark-not-involved': {
    table: 'read-write',
    documents: { read: ['returns', 'chronologies'], write: ['chronologies'] },
    mail: true,
  },
  'accept-return': { table: 'read-write' },
  'acknowledge-safety-concern': { table: 'read-write' },
  'request-more-information': { table: 'read-write', mail: true },
  'withdraw-request': {
    table: 'read-write',
    documents: { read: ['returns', 'chronologies'], write: ['chronologies'] },
    mail: true,
  },
  'get-return': { table: 'read-write', documents: { read: ['returns'] } },
  'get-chronology': { table: 'read-write', documents: { read: ['chronologies'] } },
  'export-chronology': { table: 'read-write', documents: { read: ['chronologies'] } },
  // A grouping decision re-merges the returns' chronologies into a new version at once.
  'decide-chronology-grouping': {
    table: 'read-write',
    documents: { read: ['returns', 'chronologies'], write: ['chronologies'] },
  },
  // Agency leads
  'lookup-agency-link': { table: 'read' },
  'start-agency-session': { table: 'read-write', mail: true },
  'verify-agency-session': { table: 'read-write' },
  'end-agency-session': { table: 'read-write' },
  // "Stay signed in": restarts the session's idle timer.
  'extend-agency-session': { table: 'read-write' },
  'list-agency-requests': { table: 'read-write' },
  'get-agency-request': { table: 'read-write', documents: { read: ['drafts', 'returns'] } },
  'save-draft': { table: 'read-write', documents: { write: ['drafts'], delete: ['drafts'] } },
  // Submitting also e-mails any safety alert and re-merges the case's chronology.
  'submit-return': {
    table: 'read-write',
    documents: { read: ['returns', 'chronologies'], write: ['returns', 'chronologies'] },
    mail: true,
  },
  'get-chronology-template': { table: 'read-write' },
  // An import is saved as a new draft version, replacing (or extending) the current one.
  'import-chronology': {
    table: 'read-write',
    documents: { read: ['drafts'], write: ['drafts'], delete: ['drafts'] },
  },
  // Attachments: uploaded by presigned POST into quarantine/, checked and moved (with GuardDuty's tag) to
  // attachments/, downloaded by presigned GET. A presigned request acts with the signing function's rights.
  'list-attachments': { table: 'read' },
  'list-agency-attachments': { table: 'read-write' },
  'start-upload': { table: 'read-write', documents: { write: ['quarantine'] } },
  'complete-upload': SETTLES_UPLOADS,
  // The same checks and release, when GuardDuty reports a scan result (lib/scan-results.ts).
  'release-scanned-upload': SETTLES_UPLOADS,
  'remove-attachment': { table: 'read-write', documents: { delete: ['quarantine', 'attachments'] } },
  'download-attachment': { table: 'read-write', documents: { read: ['attachments'] } },
  'download-agency-attachment': { table: 'read-write', documents: { read: ['attachments'] } },
  'set-legal-hold': { table: 'read-write' },
  // Collation documents (ADR 0013): made from the returns and the merged chronology on request, never
  // stored; each download is audited, hence the writes. The pack also reads the released attachments.
  // The meeting: its planned date and its decision.
  'meeting-decision': { table: 'read-write' },
  'generate-document': { table: 'read-write', documents: { read: ['returns', 'chronologies'] } },
  // The pack is written to packs/ (expired after a day) and fetched by a presigned GET of this function's.
  'download-case-pack': {
    table: 'read-write',
    documents: { read: ['returns', 'chronologies', 'attachments', 'packs'], write: ['packs'] },
  },
  'get-agency-letter': { table: 'read-write' },
  // The daily run: ladder steps and alerts (table and mail), re-merges of changed chronologies, and
  // retention, which deletes every version of a closed case's documents.
  // Every change to an audit item, copied to the Object Lock archive; it reads no other data.
  'archive-audit-events': { auditArchive: 'append' },
  'run-daily-sweep': {
    table: 'read-write',
    documents: {
      read: ['returns', 'chronologies'],
      write: ['chronologies'],
      purge: ['drafts', 'returns', 'chronologies', 'attachments', 'quarantine', 'packs'],
    },
    mail: true,
  },
};

/** Functions that events invoke rather than API routes: the daily schedule, GuardDuty's scan results, the table's stream. */
export const EVENT_FUNCTIONS: readonly string[] = ['run-daily-sweep', 'release-scanned-upload', 'archive-audit-events'];

/** Every function of the stack: one per API route's function, and the event-driven ones. */
export const allFunctionNames = (): string[] => [
  ...new Set([...routes.map((route) => route.functionName), ...EVENT_FUNCTIONS]),
];

export function accessFor(functionName: string): FunctionAccess {
  const access = FUNCTION_ACCESS[functionName];
  if (!access) throw new Error(`lib/function-access.ts does not say what the ${functionName} function may access`);
  return access;
}

/**
 * The case pack holds up to 512 MiB of files and their zip in memory (functions/domain/services/collation.ts),
 * reading and writing S3 within the API's 29 s: more memory, which also brings more CPU and network.
 */
const FUNCTION_SIZING: Readonly<Record<string, { memorySize: number; timeout: Duration }>> = {
  'download-case-pack': { memorySize: 3008, timeout: Duration.seconds(28) },
};

export const sizingFor = (functionName: string) => FUNCTION_SIZING[functionName] ?? {};
