import { useState } from 'preact/hooks';
import { formatTime } from '../lib/dates';
import type { FieldError } from '../lib/issues';
import type { SaveResult } from './reply/reply-context';

/**
 * The two buttons of every page of a return. "Save and continue" checks this page's answers first, saves,
 * then moves on; "Save and come back later" saves whatever is there and announces the time.
 */
export function usePageSave(initialErrors: () => FieldError[]) {
  const [errors, setErrors] = useState<FieldError[]>(initialErrors);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string>();

  const saveAndContinue = async (problems: FieldError[], save: () => Promise<SaveResult>, onSaved: () => void) => {
    if (busy) return;
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    const result = await save();
    setBusy(false);
    if (!result.ok) return setErrors(result.errors);
    onSaved();
  };

  /**
   * Saves now, whatever is not finished, and says so: by default the time, for "Save and come back later".
   * What was kept as typed but cannot be read yet is still shown as a problem, if `onThisPage` says it is
   * this page's.
   */
  const saveForLater = async (
    save: () => Promise<SaveResult>,
    say: (savedAt: string) => string = (savedAt) => `Saved at ${formatTime(savedAt)}`,
    onThisPage: (problem: FieldError) => boolean = () => true,
  ) => {
    if (busy) return;
    setBusy(true);
    setStatus('Saving…');
    const result = await save();
    setBusy(false);
    if (!result.ok) {
      setStatus(undefined);
      setErrors(result.errors);
      return;
    }
    setErrors((result.problems ?? []).filter(onThisPage));
    setStatus(say(result.savedAt));
  };

  return { errors, busy, status, setStatus, saveAndContinue, saveForLater };
}

/** "Saved at 10:42" after a save for later, politely announced; otherwise when the draft was last saved. */
export function SaveStatus({ status, savedAt }: { status: string | undefined; savedAt: string | undefined }) {
  return (
    <div role="status" aria-live="polite" class="govuk-body" id="save-status">
      {status && (
        <>
          <strong>{status}</strong>
          {status.startsWith('Saved') && (
            <>
              . You can close this page and come back with the link in the e-mail while it works (the e-mail says until
              when); you will need a new code.
            </>
          )}
        </>
      )}
      {!status && savedAt && <span class="govuk-hint">Last saved {formatTime(savedAt)}</span>}
    </div>
  );
}
