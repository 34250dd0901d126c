import { useRef, useState } from 'preact/hooks';
import { agencyApi, ApiError } from '../lib/api';
import type { ApiIssue, FieldError } from '../lib/issues';
import type { AgencyRequestDetail } from '../lib/types';
import type { SaveResult } from './reply/reply-context';

/** Problems of a save: the API's issues mapped to fields by the return's own rules, or its message. */
export function saveProblems(
  failure: unknown,
  fromIssues: (issues: readonly ApiIssue[]) => FieldError[],
): FieldError[] {
  if (failure instanceof ApiError && failure.issues.length) return fromIssues(failure.issues);
  const message =
    failure instanceof ApiError && failure.code === 'stale-draft'
      ? 'This draft was changed in another window since you opened it. Reload the page to see the latest version, then make your changes again.'
      : failure instanceof ApiError
        ? failure.message
        : 'Your answers were not saved. Try again.';
  return [{ path: '', fieldId: 'main-content', message }];
}

/**
 * A return's draft on the server: each save sends the version it builds on, so two windows cannot
 * silently overwrite each other, and remembers the new version and when it was saved. The version is the
 * request's, which counts drafts saved before a submission too (the API leaves those drafts out).
 */
export function useDraft(
  requestId: string,
  initial: AgencyRequestDetail,
  fromIssues: (issues: readonly ApiIssue[]) => FieldError[],
) {
  const [savedAt, setSavedAt] = useState<string | undefined>(initial.draft?.savedAt);
  const version = useRef(initial.request.draftVersion ?? 0);

  /**
   * Saves what the form built, exactly as typed, whatever its problems: a draft is for what is not finished
   * yet. The problems come back with the result, for the page to show.
   */
  const save = async (built: { content: unknown; errors: FieldError[] }): Promise<SaveResult> => {
    try {
      const saved = await agencyApi.put<{ version: number; savedAt: string }>(`/agency/requests/${requestId}/draft`, {
        content: built.content,
        expectedVersion: version.current,
      });
      version.current = saved.version;
      setSavedAt(saved.savedAt);
      return { ok: true, savedAt: saved.savedAt, problems: built.errors };
    } catch (failure) {
      return { ok: false, errors: saveProblems(failure, fromIssues) };
    }
  };

  /** After reloading the request: continue from the draft the server holds now. */
  const reset = (fresh: AgencyRequestDetail) => {
    version.current = fresh.request.draftVersion ?? 0;
    setSavedAt(fresh.draft?.savedAt);
  };

  return { savedAt, save, reset };
}
