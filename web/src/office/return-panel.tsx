import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { Loading, messageOf } from '../components/page';
import { ReturnSummary } from '../components/return-summary';
import { staffApi } from '../lib/api';
import { formatSize } from '../lib/attachments';
import { formatDateTime } from '../lib/dates';
import { downloadJson, safeFileName } from '../lib/download';
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
            <span class="app-break">{file.fileName}</span> <span class="govuk-body-s">({formatSize(file.size)})</span>{' '}
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
      <p class="govuk-body">
        Version {view.version}, submitted {formatDateTime(view.submittedAt)}.
        {view.nilReturn && <strong> Nil return: the agency holds no records of the child or family.</strong>}
      </p>
      <ReturnSummary returnType={view.returnType} content={view.content} headingLevel={3} />
      <ReturnAttachments caseId={caseId} view={view} />
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
