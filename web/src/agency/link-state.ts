import type { Challenge, SubmissionReceipt } from '../lib/types';

/**
 * What the agency pages keep between pages, in memory only: the link's token (never stored, never in
 * the address bar once read), the code challenge, and the receipt of a submission just made.
 */
let token: string | undefined;
let challenge: Challenge | undefined;
let receipt: SubmissionReceipt | undefined;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Reads `#token=…` from the address and removes it at once, before anything else runs: the token is a
 * credential, so it must not stay in history, bookmarks or screenshots.
 */
export function captureLinkToken(): void {
  if (!location.hash) return;
  const params = new URLSearchParams(location.hash.slice(1));
  const value = params.get('token');
  if (value === null) return;
  history.replaceState(null, '', location.pathname + location.search);
  if (TOKEN.test(value)) token = value;
  else token = '';
}

/** The token from the link: undefined when there was none, '' when it was malformed. */
export const linkToken = (): string | undefined => token;

export const currentChallenge = (): Challenge | undefined => challenge;
export const setChallenge = (value: Challenge | undefined) => {
  challenge = value;
};

export const lastReceipt = (): SubmissionReceipt | undefined => receipt;
export const setReceipt = (value: SubmissionReceipt | undefined) => {
  receipt = value;
};

/** After signing out nothing of the link stays in the page. */
export function forgetLink(): void {
  token = undefined;
  challenge = undefined;
  receipt = undefined;
}
