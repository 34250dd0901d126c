import { formatTime } from '../../lib/dates';
import type { FieldError } from '../../lib/issues';
import { pageOfPath } from '../../lib/kinded';
import { useKinded } from './kinded-context';

/** "Saved at 10:42" after a save for later, politely announced; otherwise when the draft was last saved. */
export function SaveStatus({ status, savedAt }: { status: string | undefined; savedAt: string | undefined }) {
  return (
    <div role="status" aria-live="polite" class="govuk-body" id="save-status">
      {status && (
        <>
          <strong>{status}</strong>
          {status.startsWith('Saved') && (
            <>
              . You can close this page and come back with the link in the e-mail until the due date; you will need a
              new code.
            </>
          )}
        </>
      )}
      {!status && savedAt && <span class="govuk-hint">Last saved {formatTime(savedAt)}</span>}
    </div>
  );
}

/** Where an error on one page is fixed, if on another page (a chronology row's own form). */
export function usePageOf(current: string) {
  const { form, base } = useKinded();
  return (error: FieldError) => {
    const page = pageOfPath(form, error.path);
    return page && page !== current ? `${base}/${page}${page.startsWith('rows/') ? '' : '?from=check'}` : undefined;
  };
}
