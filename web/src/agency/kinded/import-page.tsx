import { MAX_CHRONOLOGY_ROWS } from '../../../../functions/domain/model';
import { useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../../components/error-summary';
import { Button, ErrorMessage } from '../../components/fields';
import { ChronologyTable } from '../../components/kinded-summary';
import { messageOf, PageHeading, usePageTitle } from '../../components/page';
import { agencyApi, ApiError } from '../../lib/api';
import { base64Of } from '../../lib/attachments';
import { ANALYSIS_HEADERS, linesText, rowFromContent, unaskedAnalysisLines } from '../../lib/chronology';
import { saveBlob } from '../../lib/download';
import type { FieldError } from '../../lib/issues';
import { navigate, setFlash } from '../../lib/router';
import { useKinded } from './kinded-context';

/** The API's limit on an imported file. */
const MAX_IMPORT_BYTES = 1_500_000;
const PREVIEW_ROWS = 10;

interface Rejected {
  line: number;
  column?: string;
  message: string;
}

interface Preview {
  fileName: string;
  format: 'csv' | 'xlsx';
  data: string;
  rows: unknown[];
  rejected: Rejected[];
  /** Lines of the file whose rows are already in the draft, exactly. */
  alreadyInDraft: number[];
  /** Whether replacing, or adding the new rows, stays within the most rows a chronology can have. */
  fits: { replace: boolean; append: boolean };
  /** Columns that are not the template's, with the lines where they hold something: not imported. */
  ignoredColumns: { header: string; lines: number[] }[];
}

const MAX_ROWS = MAX_CHRONOLOGY_ROWS;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * Import a chronology from the template filled in as CSV or Excel: the file is read in the page and sent
 * for a preview first (how many rows, and every row that cannot be read, with its line, column and why);
 * then the rows replace or are added to the draft, all or nothing.
 */
export function ImportPage() {
  const k = useKinded();
  const { form, base, detail, requestId } = k;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  usePageTitle(`Import events from a spreadsheet – ${detail.request.returnLabel}`, errors.length > 0);
  const fail = (message: string) => setErrors([{ path: 'file', fieldId: 'file', message }]);

  const template = async (format: 'csv' | 'xlsx') => {
    try {
      const file = await agencyApi.file(
        `/agency/requests/${requestId}/chronology-template.${format}`,
        `chronology-template.${format}`,
      );
      saveBlob(file.fileName, file.blob);
    } catch (failure) {
      fail(messageOf(failure));
    }
  };

  const check = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const file = input.current?.files?.[0];
    if (!file) return fail('Choose the CSV or Excel file to import');
    const name = file.name.toLowerCase();
    const format = name.endsWith('.csv') ? 'csv' : name.endsWith('.xlsx') ? 'xlsx' : undefined;
    if (!format) return fail('The file must be a CSV file (.csv) or an Excel workbook (.xlsx)');
    if (file.size === 0) return fail('The file is empty');
    if (file.size > MAX_IMPORT_BYTES) return fail('The file must be smaller than 1.5 MB');
    setBusy(true);
    setPreview(undefined);
    try {
      const data = await base64Of(file);
      const result = await agencyApi.post<
        Pick<Preview, 'rows' | 'rejected' | 'alreadyInDraft' | 'fits' | 'ignoredColumns'>
      >(`/agency/requests/${requestId}/import`, { format, data, mode: 'preview' });
      setErrors([]);
      setPreview({
        fileName: file.name,
        format,
        data,
        rows: result.rows,
        rejected: result.rejected,
        alreadyInDraft: result.alreadyInDraft,
        fits: result.fits,
        ignoredColumns: result.ignoredColumns,
      });
    } catch (failure) {
      fail(failure instanceof ApiError ? (failure.issues[0]?.message ?? failure.message) : messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const importRows = async (mode: 'replace' | 'append') => {
    if (!preview || busy) return;
    setBusy(true);
    try {
      const result = await agencyApi.post<{ imported: number; alreadyInDraft: number[] }>(
        `/agency/requests/${requestId}/import`,
        {
          format: preview.format,
          data: preview.data,
          mode,
        },
      );
      await k.reload();
      const left = mode === 'append' ? result.alreadyInDraft.length : 0;
      setFlash(
        `${plural(result.imported, 'event', 'events')} imported from ${preview.fileName}${mode === 'append' ? ' and added to your events' : ''}` +
          (left ? `; ${plural(left, 'event was', 'events were')} already there and not added again` : ''),
      );
      navigate(`${base}/rows`);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.code === 'rows-rejected')
        setErrors(
          failure.issues.map((issue) => ({
            path: 'file',
            fieldId: 'file',
            message: `${issue.path.charAt(0).toUpperCase()}${issue.path.slice(1)}: ${issue.message}`,
          })),
        );
      else fail(messageOf(failure));
    }
  };

  const importable = preview && preview.rejected.length === 0 && preview.rows.length > 0;
  // The analysis columns filled in when this request does not ask for them: the import refuses those rows
  // rather than drop what the lead wrote (see chronology-import.ts); said once, plainly, above the table.
  const unaskedLines = preview ? unaskedAnalysisLines(preview.rejected, detail.request.analysisColumns === true) : [];
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <a class="govuk-back-link" href={`${base}/rows`}>
          Back to events
        </a>
        <div class="app-readable">
          <ErrorSummary errors={errors} />
          <PageHeading caption={k.caption}>Import events from a spreadsheet</PageHeading>
          <h2 class="govuk-heading-m">1. Download the template</h2>
          <p class="govuk-body">
            Fill in one row for each event, under the template's column headings. Dates can be written as 12/05/2019,
            May 2019 or about 2018. The Excel template explains each column on its second sheet, Guidance.
            {detail.request.analysisColumns && ' This request asks for the analysis columns: fill those in too.'}
          </p>
          <div class="govuk-button-group">
            <Button type="button" secondary onClick={() => void template('xlsx')}>
              Download the Excel template (.xlsx)
            </Button>
            <Button type="button" secondary onClick={() => void template('csv')}>
              Download the CSV template (.csv)
            </Button>
          </div>
          <h2 class="govuk-heading-m">2. Choose your completed file</h2>
          <form noValidate onSubmit={check}>
            <div class={`govuk-form-group${errors.length ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="file">
                Your chronology file
              </label>
              <div id="file-hint" class="govuk-hint">
                CSV (.csv) or Excel (.xlsx), up to 1.5 MB. Nothing is imported until you have seen what we found.
              </div>
              <ErrorMessage id="file-error" message={errors[0]?.message} />
              <input
                class={`govuk-file-upload${errors.length ? ' govuk-file-upload--error' : ''}`}
                id="file"
                name="file"
                type="file"
                accept=".csv,.xlsx"
                ref={input}
                aria-describedby={`file-hint${errors.length ? ' file-error' : ''}`}
              />
            </div>
            <Button secondary disabled={busy}>
              Check the file
            </Button>
          </form>
        </div>
        <div role="status" aria-live="polite" id="import-preview">
          {busy && !preview && <p class="govuk-body">Checking the file…</p>}
          {preview && (
            <>
              <h2 class="govuk-heading-m">3. What we found in {preview.fileName}</h2>
              <p class="govuk-body govuk-!-font-weight-bold" id="import-count">
                {plural(preview.rows.length, 'event', 'events')} can be imported.
                {preview.rejected.length > 0 &&
                  ` ${plural(new Set(preview.rejected.map((r) => r.line)).size, 'row has', 'rows have')} problems.`}
              </p>
              {preview.ignoredColumns.map((column) => (
                <div class="govuk-inset-text app-ignored-column" key={column.header}>
                  The column &ldquo;{column.header}&rdquo; is not one of the template&rsquo;s, so what is in it will not
                  be imported (
                  {column.lines.length > 20 ? plural(column.lines.length, 'line', 'lines') : linesText(column.lines)}).
                  If the review should see it, put it in What happened or Action taken or outcome, and check the file
                  again.
                </div>
              ))}
            </>
          )}
        </div>
        {preview && preview.rejected.length > 0 && (
          <>
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Warning</span>
                Nothing can be imported until every row can be read. Correct these rows in your file, save it, and check
                it again.
              </strong>
            </div>
            {unaskedLines.length > 0 && (
              <div class="govuk-inset-text" id="unasked-analysis">
                This request does not ask for the analysis columns ({ANALYSIS_HEADERS.join(' and ')}), so what is in
                them would not be imported. Your file has something in them on {linesText(unaskedLines)}. Delete those
                columns from the file, or empty them, and check it again. If the review should see that analysis, ask
                the business office.
              </div>
            )}
            <table class="govuk-table" id="rejected-rows">
              <caption class="govuk-table__caption govuk-table__caption--s">Rows that cannot be imported</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Line
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Column
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Problem
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {preview.rejected.map((r, i) => (
                  <tr class="govuk-table__row" key={i}>
                    <td class="govuk-table__cell">{r.line}</td>
                    <td class="govuk-table__cell">{r.column ?? 'Whole row'}</td>
                    <td class="govuk-table__cell">{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {importable && (
          <>
            <ChronologyTable
              rows={preview.rows.slice(0, PREVIEW_ROWS).map(rowFromContent)}
              analysisColumns={detail.request.analysisColumns === true}
              caption={
                preview.rows.length > PREVIEW_ROWS
                  ? `The first ${PREVIEW_ROWS} of ${preview.rows.length} events`
                  : 'The events to import'
              }
            />
            <h2 class="govuk-heading-m">4. Import the events</h2>
            {!preview.fits.replace && !preview.fits.append ? (
              <div class="govuk-warning-text" id="too-many-rows">
                <span class="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong class="govuk-warning-text__text">
                  <span class="govuk-visually-hidden">Warning</span>
                  This file has {plural(preview.rows.length, 'event', 'events')}: a chronology can have up to{' '}
                  {MAX_ROWS.toLocaleString('en-GB')}. Split the file, or leave out events outside the period asked
                  about, then choose it again.
                </strong>
              </div>
            ) : form.rows.length > 0 ? (
              <AppendOrReplace preview={preview} existing={form.rows.length} busy={busy} onImport={importRows} />
            ) : (
              <Button type="button" disabled={busy} onClick={() => void importRows('replace')}>
                Import {plural(preview.rows.length, 'event', 'events')}
              </Button>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/**
 * With events already in the draft: add the file's events to them, or replace them. Rows of the file that
 * are already there, exactly, are named and left out when adding, so an event is not listed twice.
 */
function AppendOrReplace(props: {
  preview: Preview;
  existing: number;
  busy: boolean;
  onImport: (mode: 'replace' | 'append') => Promise<void>;
}) {
  const { preview, existing, busy, onImport } = props;
  const repeated = preview.alreadyInDraft.length;
  const fresh = preview.rows.length - repeated;
  return (
    <>
      <p class="govuk-body">
        You have {plural(existing, 'event', 'events')} already. Add the imported events to them, or replace them with
        the imported events.
      </p>
      {repeated > 0 && (
        <div class="govuk-inset-text" id="already-in-draft">
          {repeated === preview.rows.length
            ? 'Every event in this file is already in your events, exactly as written here. '
            : `${plural(repeated, 'event', 'events')} in this file ${repeated === 1 ? 'is' : 'are'} already in your events, exactly as written here (${repeated === 1 ? 'line' : 'lines'} ${preview.alreadyInDraft.join(', ')}). `}
          {fresh > 0 && 'Adding leaves them out, so that no event is listed twice.'}
        </div>
      )}
      {fresh > 0 && !preview.fits.append && (
        <p class="govuk-body" id="append-too-many">
          Adding {plural(fresh, 'event', 'events')} to your {plural(existing, 'event', 'events')} would make more than{' '}
          {MAX_ROWS.toLocaleString('en-GB')}, the most a chronology can have. You can replace your events with the
          file&rsquo;s instead.
        </p>
      )}
      <div class="govuk-button-group">
        {fresh > 0 && preview.fits.append && (
          <Button type="button" disabled={busy} onClick={() => void onImport('append')}>
            {repeated > 0 ? `Add the ${plural(fresh, 'new event', 'new events')}` : 'Add to my events'}
          </Button>
        )}
        {preview.fits.replace && (
          <Button type="button" warning disabled={busy} onClick={() => void onImport('replace')}>
            Replace my events
          </Button>
        )}
      </div>
    </>
  );
}
