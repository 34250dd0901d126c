import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, ErrorMessage } from '../components/fields';
import { messageOf, PageHeading, StatusTag, usePageTitle } from '../components/page';
import { FileName } from '../components/file-name';
import { SummaryCard } from '../components/summary-card';
import { agencyApi } from '../lib/api';
import {
  ATTACHMENT_RULES,
  ATTACHMENT_STATUS,
  formatSize,
  refusalOf,
  uploadAttachment,
  type AttachmentView,
} from '../lib/attachments';
import type { FieldError } from '../lib/issues';
import { useTableFits } from '../lib/use-table-fits';
import { rejectionText } from './messages';

/**
 * A submission refused because a file is still being uploaded or checked (409 files-pending): said as
 * a problem that links to the documents page.
 */
export const filesPendingError = (message: string): FieldError => ({
  path: 'attachments',
  fieldId: 'attachments-list',
  message: message || 'Some files are still being checked. Wait for them, or remove them, then submit.',
});

/** The files of one request, as the agency sees them. */
export function useAgencyAttachments(requestId: string) {
  const [list, setList] = useState<AttachmentView[]>();
  const [error, setError] = useState<unknown>();
  const load = async () => {
    try {
      const { attachments } = await agencyApi.get<{ attachments: AttachmentView[] }>(
        `/agency/requests/${requestId}/attachments`,
      );
      setList(attachments);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };
  useEffect(() => {
    void load();
  }, [requestId]);
  return { list, setList, error, reload: load };
}

/** Asks the API for a short-lived address and lets the browser save the file from it. */
async function download(requestId: string, attachment: AttachmentView) {
  const { url } = await agencyApi.get<{ url: string }>(
    `/agency/requests/${requestId}/attachments/${attachment.id}/download`,
  );
  location.assign(url);
}

/** The list of files with their check status; Remove while the return can change, Download once clean. */
export function AttachmentTable(props: {
  requestId: string;
  list: AttachmentView[];
  onRemove?: ((attachment: AttachmentView) => void) | undefined;
  onError?: (message: string) => void;
}) {
  const { requestId, list, onRemove, onError } = props;
  const box = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const fits = useTableFits(box, table, list);
  if (!list.length) return <p class="govuk-body">No documents attached.</p>;
  const actions = (a: AttachmentView) => (
    <>
      {a.status === 'available' && (
        <button
          type="button"
          class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => void download(requestId, a).catch((e: unknown) => onError?.(messageOf(e)))}
        >
          Download<span class="govuk-visually-hidden"> {a.fileName}</span>
        </button>
      )}
      {onRemove && (
        <button
          type="button"
          class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
          onClick={() => onRemove(a)}
        >
          Remove<span class="govuk-visually-hidden"> {a.fileName}</span>
        </button>
      )}
    </>
  );
  const state = (a: AttachmentView) => {
    const status = ATTACHMENT_STATUS[a.status];
    return (
      <>
        <StatusTag label={status.label} tag={status.tag} />
        {a.rejectedMessage && (
          <>
            <br />
            <span class="govuk-body-s">{rejectionText(a.rejectedMessage)}</span>
          </>
        )}
      </>
    );
  };
  // Where four columns do not fit (a phone), each file is a row of a summary list, its buttons under it.
  if (!fits)
    return (
      <div ref={box}>
        <dl class="govuk-summary-list" id="attachments-list">
          {list.map((a) => (
            <div class="govuk-summary-list__row" key={a.id} data-attachment={a.fileName}>
              <dt class="govuk-summary-list__key">
                <FileName name={a.fileName} />
              </dt>
              <dd class="govuk-summary-list__value">
                {formatSize(a.size)} {state(a)}
              </dd>
              <dd class="govuk-summary-list__actions">
                <div class="app-actions">{actions(a)}</div>
              </dd>
            </div>
          ))}
        </dl>
      </div>
    );
  return (
    <div ref={box}>
      <table class="govuk-table" id="attachments-list" ref={table}>
        <caption class="govuk-visually-hidden">Documents attached to this return</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header app-file-col">
              File
            </th>
            <th scope="col" class="govuk-table__header">
              Size
            </th>
            <th scope="col" class="govuk-table__header">
              Status
            </th>
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {list.map((a) => (
            <tr class="govuk-table__row" key={a.id} data-attachment={a.fileName}>
              <th scope="row" class="govuk-table__header">
                <FileName name={a.fileName} />
              </th>
              <td class="govuk-table__cell app-nowrap">{formatSize(a.size)}</td>
              <td class="govuk-table__cell">{state(a)}</td>
              <td class="govuk-table__cell">
                <div class="app-actions">{actions(a)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On check your answers: the files that go with the return. */
export function AttachmentsCard({ requestId, changeHref }: { requestId: string; changeHref?: string }) {
  const { list } = useAgencyAttachments(requestId);
  return (
    <SummaryCard title="Documents" level={2} changeHref={changeHref} changeLabel="Add or remove">
      {list ? <AttachmentTable requestId={requestId} list={list} /> : <p class="govuk-body">Loading…</p>}
    </SummaryCard>
  );
}

/**
 * Attach documents (Word, PDF, Excel): chosen with an ordinary file input, uploaded one by one, each
 * checked for viruses before it is attached. Every step is announced in a polite live region.
 */
export function AttachmentsPage(props: {
  requestId: string;
  returnLabel: string;
  caption: string;
  back: string;
  next: string;
  /** "Page 4 of 5", once the return's pages are known. */
  progress?: string | undefined;
}) {
  const { requestId, returnLabel, caption, back, next, progress } = props;
  const { list, setList, error, reload } = useAgencyAttachments(requestId);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  usePageTitle(`Attach documents – ${returnLabel}`, errors.length > 0);

  const fail = (message: string) => setErrors([{ path: 'file', fieldId: 'file', message }]);

  const upload = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const files = [...(input.current?.files ?? [])];
    if (!files.length) return fail('Choose a file to attach');
    let current = list ?? [];
    for (const file of files) {
      const refusal = refusalOf(file, current);
      if (refusal) return fail(refusal);
      current = [
        ...current,
        { id: file.name, fileName: file.name, size: file.size, status: 'awaiting-upload' } as AttachmentView,
      ];
    }
    setErrors([]);
    setBusy(true);
    const problems: string[] = [];
    for (const file of files) {
      setStatus(`Uploading ${file.name}…`);
      try {
        const result = await uploadAttachment(requestId, file, (a) => {
          setList((previous) => [...(previous ?? []).filter((x) => x.id !== a.id), a]);
          if (a.status === 'scanning') setStatus(`${file.name} is being checked for viruses…`);
        });
        if (result.status === 'available') setStatus(`${file.name} is attached`);
        else if (result.status === 'rejected') {
          setStatus(`${file.name} was not accepted`);
          problems.push(`${file.name} was not accepted: ${rejectionText(result.rejectedMessage)}`);
        }
      } catch (failure) {
        problems.push(messageOf(failure));
      }
    }
    if (input.current) input.current.value = '';
    setBusy(false);
    await reload();
    if (problems.length) setErrors(problems.map((message) => ({ path: 'file', fieldId: 'file', message })));
  };

  const remove = async (attachment: AttachmentView) => {
    try {
      await agencyApi.delete(`/agency/requests/${requestId}/attachments/${attachment.id}`);
      setStatus(`${attachment.fileName} removed`);
      await reload();
    } catch (failure) {
      fail(messageOf(failure));
    }
  };

  const pending = (list ?? []).some((a) => a.status === 'awaiting-upload' || a.status === 'scanning');
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href={back}>
          Back
        </a>
        <ErrorSummary errors={errors} />
        <PageHeading caption={caption}>Attach documents</PageHeading>
        {progress && <p class="govuk-body-s">{progress}</p>}
        <p class="govuk-body">
          If your return refers to documents, such as minutes or a report, attach them here. This is optional.
        </p>
        <h2 class="govuk-heading-m">Documents attached</h2>
        {error ? (
          <p class="govuk-body">{messageOf(error)}</p>
        ) : list ? (
          <AttachmentTable requestId={requestId} list={list} onRemove={(a) => void remove(a)} onError={fail} />
        ) : (
          <p class="govuk-body">Loading…</p>
        )}
        <form noValidate onSubmit={upload}>
          <div class={`govuk-form-group${errors.length ? ' govuk-form-group--error' : ''}`}>
            <label class="govuk-label govuk-label--m" for="file">
              Attach a document
            </label>
            <div id="file-hint" class="govuk-hint">
              {ATTACHMENT_RULES}. Each file is checked for viruses before it is attached.
            </div>
            <ErrorMessage id="file-error" message={errors[0]?.message} />
            <input
              class={`govuk-file-upload${errors.length ? ' govuk-file-upload--error' : ''}`}
              id="file"
              name="file"
              type="file"
              multiple
              accept=".docx,.pdf,.xlsx"
              ref={input}
              aria-describedby={`file-hint${errors.length ? ' file-error' : ''}`}
            />
          </div>
          <Button secondary disabled={busy}>
            Upload
          </Button>
        </form>
        <div role="status" aria-live="polite" class="govuk-body app-break" id="upload-status">
          {status && <strong>{status}</strong>}
        </div>
        {pending && !busy && (
          <p class="govuk-body">
            A file is still being checked. You can carry on, but you cannot submit until every check has finished.{' '}
            <button type="button" class="app-link-button app-link-button--dark" onClick={() => void reload()}>
              Check again
            </button>
          </p>
        )}
        <a href={next} role="button" draggable={false} class="govuk-button" data-module="govuk-button">
          Continue
        </a>
      </div>
    </div>
  );
}
