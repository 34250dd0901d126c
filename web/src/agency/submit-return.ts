import { useRef, useState } from 'preact/hooks';
import { agencyApi, ApiError } from '../lib/api';
import type { ApiIssue, FieldError } from '../lib/issues';
import { navigate } from '../lib/router';
import type { SubmissionReceipt } from '../lib/types';
import { filesPendingError } from './attachments-page';
import { setReceipt } from './link-state';

/**
 * Submitting a return from its check-your-answers page, for every kind of return. The submission id is
 * made once per content, so a double click or a retry after a lost answer is the same submission, never a
 * second one. The page says how the server's issues map onto its fields.
 */
export function useSubmitReturn(requestId: string, base: string, errorsOf: (issues: ApiIssue[]) => FieldError[]) {
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submission = useRef<{ content: string; id: string } | undefined>(undefined);

  const submit = async (content: unknown) => {
    if (busy) return;
    const text = JSON.stringify(content);
    if (submission.current?.content !== text) submission.current = { content: text, id: crypto.randomUUID() };
    setBusy(true);
    try {
      const receipt = await agencyApi.post<SubmissionReceipt>(`/agency/requests/${requestId}/submit`, {
        submissionId: submission.current.id,
        content,
      });
      setReceipt(receipt);
      navigate(`${base}/confirmation`, { replace: true });
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.issues.length) setServerErrors(errorsOf(failure.issues));
      else if (failure instanceof ApiError && failure.code === 'files-pending')
        setServerErrors([filesPendingError(failure.message)]);
      else
        setServerErrors([
          {
            path: '',
            fieldId: 'submit',
            message: failure instanceof ApiError ? failure.message : 'Your return was not submitted. Try again.',
          },
        ]);
    }
  };
  return { busy, serverErrors, submit };
}
