import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { KindedForm, KindedOptions } from '../../lib/kinded';
import type { AgencyOverview, AgencyRequestDetail } from '../../lib/types';
import type { SaveResult } from '../reply/reply-context';

/** One return (other than the Information Request Reply) while the lead moves between its pages. */
export interface KindedState {
  requestId: string;
  overview: AgencyOverview;
  detail: AgencyRequestDetail;
  form: KindedForm;
  /** Takes the next form, or how to make it from the latest (two inputs may fire before a render). */
  setForm: (form: KindedForm | ((current: KindedForm) => KindedForm)) => void;
  savedAt?: string | undefined;
  /** Saves the form as the draft; the saved form becomes the page's. */
  save: (form: KindedForm) => Promise<SaveResult>;
  /** Reads the draft again (after an import wrote it on the server). */
  reload: () => Promise<void>;
  /** Starts again from the return as submitted (after the office asked for more). */
  restart: () => Promise<void>;
  base: string;
  /** Today and the request's settings, for the checks. */
  options: () => KindedOptions;
  caption: string;
}

export const KindedContext = createContext<KindedState | undefined>(undefined);

export function useKinded(): KindedState {
  const state = useContext(KindedContext);
  if (!state) throw new Error('useKinded outside a return');
  return state;
}
