import { ReplySummary } from '../components/reply-summary';
import { Button } from '../components/fields';
import { formatDateTime } from '../lib/dates';
import { downloadJson, safeFileName } from '../lib/download';
import { returnTypeLabel } from '../lib/labels';
import type { ReturnView } from '../lib/types';

/** One submitted return, readable in the page, with a download of exactly what was submitted. */
export function ReturnPanel({ caseReference, view }: { caseReference: string; view: ReturnView }) {
  const readable = view.returnType === 'information-request-reply';
  return (
    <div class="app-return" data-request-id={view.requestId}>
      <p class="govuk-body">
        Version {view.version}, submitted {formatDateTime(view.submittedAt)}.
        {view.nilReturn && <strong> Nil return: the agency holds no records of the child or family.</strong>}
      </p>
      {readable ? (
        <ReplySummary content={view.content} headingLevel={3} />
      ) : (
        <p class="govuk-body">
          This return type ({returnTypeLabel(view.returnType)}) cannot be shown in the page yet: download it.
        </p>
      )}
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
