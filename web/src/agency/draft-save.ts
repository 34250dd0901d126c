import { useRef, useState } from 'preact/hooks';
import { agencyApi, ApiError } from '../lib/api';
import type { ApiIssue, FieldError } from '../lib/issues';
import type { AgencyRequestDetail } from '../lib/types';
import type { SaveResult } from './reply/reply-context';

type Draft = AgencyRequestDetail['draft'];

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
 * silently overwrite each other, and remembers the new version and when it was saved.
 */
export function useDraft(requestId: string, initial: Draft, fromIssues: (issues: readonly ApiIssue[]) => FieldError[]) {
  const [savedAt, setSavedAt] = useState<string | undefined>(initial?.savedAt);
  const version = useRef(initial?.version ?? 0);

  /** Saves content the form built, unless building it found problems. */
  const save = async (built: { content: unknown; errors: FieldError[] }): Promise<SaveResult> => {
    if (built.errors.length) return { ok: false, errors: built.errors };
    try {
      const saved = await agencyApi.put<{ version: number; savedAt: string }>(`/agency/requests/${requestId}/draft`, {
        content: built.content,
        expectedVersion: version.current,
      });
      version.current = saved.version;
      setSavedAt(saved.savedAt);
      return { ok: true, savedAt: saved.savedAt };
    } catch (failure) {
      return { ok: false, errors: saveProblems(failure, fromIssues) };
    }
  };

  /** After reloading the request: continue from the draft the server holds now. */
  const reset = (fresh: Draft) => {
    version.current = fresh?.version ?? 0;
    setSavedAt(fresh?.savedAt);
  };

  return { savedAt, save, reset };
}
