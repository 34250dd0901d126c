import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { FileName } from '../components/file-name';
import { Loading, messageOf } from '../components/page';
import { ReturnSummary } from '../components/return-summary';
import { isMissingRoute, staffApi } from '../lib/api';
import { filesNotAccepted, formatSize, refusalReasonText, type AttachmentView } from '../lib/attachments';
import { formatDateTime } from '../lib/dates';
import { downloadJson, safeFileName, saveBlob } from '../lib/download';
import type { ReturnView } from '../lib/types';

type Attachment = NonNullable<ReturnView['attachments']>[number];

/** The files that came with a return, each downloaded through a short-lived address (the download is audited). */
export function ReturnAttachments(props: { caseId: string; view: ReturnView }) {
  const { caseId, view } = props;
  const [error, setError] = useState<string>();
  const files = view.attachments ?? [];
  if (!files.length) return null;
  const download = async (file: Attachment) => {
    setError(undefined);
    try {
      const { url } = await staffApi.get<{ url: string }>(
        `/cases/${caseId}/requests/${view.requestId}/attachments/${file.id}/download`,
      );
      location.assign(url);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <>
      <h3 class="govuk-heading-s">Documents attached</h3>
      {error && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <ul class="govuk-list app-attachments">
        {files.map((file) => (
          <li key={file.id}>
            <FileName name={file.fileName} /> <span class="govuk-body-s">({formatSize(file.size)})</span>{' '}
            <button
              type="button"
              class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => void download(file)}
            >
              Download<span class="govuk-visually-hidden"> {file.fileName}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Files the agency uploaded for the request that were not accepted (a virus, macros, the wrong type), with
 * when and why: the agency is told the business office can see this. Listed only, never downloadable.
 */
export function FilesNotAccepted({ caseId, requestId }: { caseId: string; requestId: string }) {
  const [files, setFiles] = useState<AttachmentView[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    staffApi.get<{ attachments: AttachmentView[] }>(`/cases/${caseId}/requests/${requestId}/attachments`).then(
      ({ attachments }) => live && setFiles(filesNotAccepted(attachments)),
      (failure: unknown) => live && !isMissingRoute(failure) && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [caseId, requestId]);
  if (error) {
    return <p class="govuk-body">The files that were not accepted could not be shown: {error}</p>;
  }
  if (!files?.length) return null;
  return (
    <div class="app-table-wrap">
      <table class="govuk-table app-files-not-accepted">
        <caption class="govuk-table__caption govuk-table__caption--s">Files not accepted</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header app-file-col">
              File
            </th>
            <th scope="col" class="govuk-table__header">
              Uploaded
            </th>
            <th scope="col" class="govuk-table__header">
              Why it was not accepted
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {files.map((file) => (
            <tr class="govuk-table__row" key={file.id}>
              <th scope="row" class="govuk-table__header">
                <FileName name={file.fileName} />
              </th>
              <td class="govuk-table__cell">{formatDateTime(file.createdAt)}</td>
              <td class="govuk-table__cell">{refusalReasonText(file)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Downloads one submitted version of a return as a Word document, made by the API (the download is audited).
 * `children` is the button's visible text; the hidden words say which return and version.
 */
export function ReturnWordButton(props: {
  caseId: string;
  caseReference: string;
  requestId: string;
  agencyName: string;
  returnType: string;
  version: number;
  children: ComponentChildren;
}) {
  const { caseId, caseReference, requestId, agencyName, returnType, version } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const download = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const file = await staffApi.file(
        `/cases/${caseId}/requests/${requestId}/return.docx?version=${version}`,
        `${safeFileName(caseReference, agencyName, returnType, `v${version}`)}.docx`,
      );
      saveBlob(file.fileName, file.blob);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="button" secondary class="govuk-!-margin-bottom-1" disabled={busy} onClick={() => void download()}>
        {props.children}
        <span class="govuk-visually-hidden">
          {' '}
          (version {version} of the return from {agencyName})
        </span>
      </Button>
      {error && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
    </>
  );
}

/** One submitted return, readable in the page, with its documents and a download of exactly what was submitted. */
export function ReturnPanel({
  caseId,
  caseReference,
  view,
}: {
  caseId: string;
  caseReference: string;
  view: ReturnView;
}) {
  return (
    <div class="app-return" data-request-id={view.requestId}>
      {view.nilReturn && (
        <p class="govuk-body app-nil-return">
          <strong class="govuk-tag govuk-tag--yellow">Nil return</strong> The agency holds no records of the child or
          family.
        </p>
      )}
      <p class="govuk-body">
        Version {view.version}, submitted {formatDateTime(view.submittedAt)}.
      </p>
      <ReturnSummary returnType={view.returnType} content={view.content} headingLevel={3} />
      <ReturnAttachments caseId={caseId} view={view} />
      <FilesNotAccepted caseId={caseId} requestId={view.requestId} />
      <div class="govuk-button-group">
        <ReturnWordButton
          caseId={caseId}
          caseReference={caseReference}
          requestId={view.requestId}
          agencyName={view.agencyName}
          returnType={view.returnType}
          version={view.version}
        >
          Download as a Word document
        </ReturnWordButton>
        <Button
          type="button"
          secondary
          onClick={() =>
            downloadJson(
              `${safeFileName(caseReference, view.agencyName, view.returnType, `v${view.version}`)}.json`,
              view,
            )
          }
        >
          Download<span class="govuk-visually-hidden"> the return from {view.agencyName}</span> (JSON)
        </Button>
      </div>
    </div>
  );
}

/** A return read only when the officer opens it: reading a return is audited, and cases can have many. */
export function LazyReturn(props: { caseId: string; caseReference: string; requestId: string; open: boolean }) {
  const { caseId, caseReference, requestId, open } = props;
  const [view, setView] = useState<ReturnView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!open || view) return;
    staffApi
      .get<ReturnView>(`/cases/${caseId}/requests/${requestId}/return`)
      .then(setView, (failure: unknown) => setError(messageOf(failure)));
  }, [open, requestId]);
  if (error) return <p class="govuk-body">{error}</p>;
  if (!view) return open ? <Loading what="return" /> : null;
  return <ReturnPanel caseId={caseId} caseReference={caseReference} view={view} />;
}
