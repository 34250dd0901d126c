import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FieldError } from '../../lib/issues';
import type { ReplyForm } from '../../lib/reply';
import type { AgencyOverview, AgencyRequestDetail } from '../../lib/types';

/**
 * A draft save: saved (with the problems of what was kept as typed but cannot be read yet, to show), or
 * not saved and why.
 */
export type SaveResult = { ok: true; savedAt: string; problems?: FieldError[] } | { ok: false; errors: FieldError[] };

/** One request's reply while the lead moves between its pages: loaded once, saved to the API only. */
export interface ReplyState {
  requestId: string;
  overview: AgencyOverview;
  detail: AgencyRequestDetail;
  form: ReplyForm;
  /** Takes the next form, or how to make it from the latest (two inputs may fire before a render). */
  setForm: (form: ReplyForm | ((current: ReplyForm) => ReplyForm)) => void;
  savedAt?: string | undefined;
  /** Saves whatever has been typed as the draft. */
  save: (form: ReplyForm) => Promise<SaveResult>;
  /** Starts again from the return as submitted (after the office asked for more). */
  restart: () => Promise<void>;
  /** Where the pages of this reply live. */
  base: string;
}

export const ReplyContext = createContext<ReplyState | undefined>(undefined);

export function useReply(): ReplyState {
  const state = useContext(ReplyContext);
  if (!state) throw new Error('useReply outside a reply');
  return state;
}
