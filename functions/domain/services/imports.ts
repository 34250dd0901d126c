import { chronologyColumns, importChronology, chronologyRowKey, type ImportResult } from '../chronology-import';
import { conflict, invalid, notFound } from '../errors';
import { UnreadableCsv } from '../unreadable-csv';
import { inspectUpload } from '../files/inspect';
import { newId } from '../ids';
import { MAX_CHRONOLOGY_ROWS, type AgencySession } from '../model';
import type { PortalDeps } from '../ports';
import { canApply } from '../request-status';
import { agencyActor, auditEvent, today } from './context';
import { saveDraft, workInProgress } from './agency-returns';
import { ATTACHMENT_LIMITS } from './attachments';

/**
 * Importing a chronology from the lead's spreadsheet (CSV or Excel): a preview first, with every
 * rejected row and why; then the rows are written into the draft in one save, or nothing is.
 */
export const MAX_IMPORT_BYTES = 1_500_000;

/** What the lead is told, with the line, so the one cell at fault can be found in a long file. */
function unreadableMessage(error: UnreadableCsv): string {
  const at = error.line === undefined ? '' : `Line ${error.line}: `;
  if (error.problem === 'stray-quote')
    return `${at}a quote mark (") is in the middle of a cell. Put the whole cell in quote marks and write each quote mark inside it twice (""), or save the file from Excel as "CSV UTF-8".`;
  if (error.problem === 'unclosed-quote')
    return `${at}a cell starts with a quote mark (") that is never closed. Close the quote at the end of the cell, or save the file from Excel as "CSV UTF-8".`;
  return `${at}the file could not be read as CSV. Save it as "CSV UTF-8" and try again.`;
}

/** Why an import would go over the limit, in the lead's words. */
function tooManyMessage(mode: 'replace' | 'append', fileRows: number, draftRows: number): string {
  const limit = MAX_CHRONOLOGY_ROWS.toLocaleString('en-GB');
  return mode === 'replace'
    ? `The file has ${fileRows.toLocaleString('en-GB')} events: a chronology can have up to ${limit}. Split it, or leave out events outside the period asked about.`
    : `Adding these events to your ${draftRows.toLocaleString('en-GB')} would make more than ${limit}, the most a chronology can have.`;
}

export interface SpreadsheetReader {
  /** Throws UnreadableCsv when the bytes are not well-formed CSV. */
  csv(bytes: Uint8Array): string[][];
  xlsx(bytes: Uint8Array): Promise<string[][]>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function chronologyRequest(deps: PortalDeps, session: AgencySession, requestId: string) {
  const request = await deps.store.requests.get(session.partnershipId, session.caseId, requestId);
  if (!request || request.agencyId !== session.agencyId || request.status === 'draft') throw notFound('The request');
  if (request.returnType !== 'chronology') throw invalid('Only a chronology can be imported from a spreadsheet');
  return request;
}

export async function chronologyTemplateColumns(deps: PortalDeps, session: AgencySession, requestId: string) {
  const request = await chronologyRequest(deps, session, requestId);
  return chronologyColumns(request.analysisColumns === true);
}

export async function importChronologyFile(
  deps: PortalDeps,
  reader: SpreadsheetReader,
  session: AgencySession,
  requestId: string,
  input: { format: 'csv' | 'xlsx'; data: string; mode: 'preview' | 'replace' | 'append' },
): Promise<
  Omit<ImportResult, 'lines'> & {
    alreadyInDraft: number[];
    fits: { replace: boolean; append: boolean };
    mode: string;
    imported: number;
    version?: number;
    savedAt?: string;
  }
> {
  const request = await chronologyRequest(deps, session, requestId);
  if (!canApply('save-draft', request.status))
    throw conflict('This return has been submitted and can no longer be changed', 'submitted');
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_IMPORT_BYTES) {
    throw invalid(`Import a file of up to ${MAX_IMPORT_BYTES / 1_000_000} MB`, [
      { path: 'data', message: 'The file is empty or too large' },
    ]);
  }
  let table: string[][];
  if (input.format === 'xlsx') {
    // The same checks as an attachment (macros, legacy Office, zip bombs) before the workbook is opened.
    const inspection = inspectUpload(bytes, { contentType: XLSX, fileName: 'import.xlsx' }, ATTACHMENT_LIMITS);
    if (!inspection.ok) throw invalid(inspection.message, [{ path: 'data', message: inspection.message }]);
    table = await reader.xlsx(bytes);
  } else {
    try {
      table = reader.csv(bytes);
    } catch (error) {
      if (!(error instanceof UnreadableCsv)) throw error;
      const message = unreadableMessage(error);
      throw invalid(message, [{ path: 'data', message }]);
    }
  }
  const result = importChronology(table, {
    analysisColumns: request.analysisColumns === true,
    newRowId: () => newId(),
    today: today(deps),
  });
  const current = await workInProgress(deps, request);
  const existing = Array.isArray(current?.rows) ? (current.rows as unknown[]) : [];
  // Rows of the file already in the draft, exactly: adding them would list those events twice.
  const savedRows = new Set(existing.map(chronologyRowKey));
  const repeated = result.rows.map((row) => savedRows.has(chronologyRowKey(row)));
  const alreadyInDraft = result.lines.filter((_, i) => repeated[i]);
  // Appending leaves out the rows already there; replacing takes the file as it is.
  const added = input.mode === 'append' ? result.rows.filter((_, i) => !repeated[i]) : result.rows;
  const fresh = result.rows.length - alreadyInDraft.length;
  // Said in the preview, so that the lead is not offered an import the limit would then refuse.
  const fits = {
    replace: result.rows.length <= MAX_CHRONOLOGY_ROWS,
    append: existing.length + fresh <= MAX_CHRONOLOGY_ROWS,
  };
  const outcome = {
    rows: result.rows,
    rejected: result.rejected,
    alreadyInDraft,
    fits,
    ignoredColumns: result.ignoredColumns,
  };
  if (input.mode === 'preview') return { ...outcome, mode: 'preview', imported: 0 };
  if (result.rejected.length) {
    throw invalid(
      'Nothing was imported: correct the rejected rows in the file and import it again.',
      result.rejected.map((r) => ({ path: `line ${r.line}${r.column ? `, ${r.column}` : ''}`, message: r.message })),
      'rows-rejected',
    );
  }
  const rows = input.mode === 'append' ? [...existing, ...added] : added;
  if (!fits[input.mode]) {
    const message = tooManyMessage(input.mode, result.rows.length, existing.length);
    throw invalid(message, [{ path: 'data', message }], 'too-many-rows');
  }
  const saved = await saveDraft(deps, session, requestId, {
    content: { ...(current ?? {}), kind: 'chronology', rows },
    expectedVersion: request.draftVersion ?? 0,
  });
  await deps.store.audit.append(
    auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'chronology.imported', {
      requestId,
      agencyId: session.agencyId,
      detail: { format: input.format, mode: input.mode, rows: added.length },
    }),
  );
  return { ...outcome, mode: input.mode, imported: added.length, ...saved };
}
