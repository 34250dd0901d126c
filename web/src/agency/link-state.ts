import type { Challenge, SubmissionReceipt } from '../lib/types';

/**
 * What the agency pages keep between pages: the link's token (never in the address bar once read), the code
 * challenge, and the receipt of a submission just made. While a sign-in is pending (the link opened, a code
 * asked for), the token and the challenge are also kept in this tab's sessionStorage, so that reloading the
 * page neither loses the code on its way nor spends another of the five codes a link may ask for in ten
 * minutes. Neither is personal data (the masked addresses the code went to are left out), and both leave
 * storage once the code is accepted or the lead signs out. Nothing of a return is ever stored in the browser.
 */
let token: string | undefined;
let challenge: Challenge | undefined;
let receipt: SubmissionReceipt | undefined;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** This tab's pending sign-in: `{token, challenge?}`. */
export const PENDING_SIGN_IN_KEY = 'portal.agency.pending-sign-in';

/** sessionStorage may be unavailable (disabled, full): the page then works as before, in memory only. */
function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function savePending(): void {
  if (!token) return;
  const pending = {
    token,
    ...(challenge ? { challenge: { ...challenge, sentTo: [] } } : {}),
  };
  try {
    storage()?.setItem(PENDING_SIGN_IN_KEY, JSON.stringify(pending));
  } catch {
    // Full or refused: a reload will ask for the link again, as before.
  }
}

function clearPending(): void {
  try {
    storage()?.removeItem(PENDING_SIGN_IN_KEY);
  } catch {
    // Nothing to clear.
  }
}

const isChallenge = (value: unknown): value is Challenge => {
  const c = value as Partial<Challenge> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.challengeId === 'string' &&
    typeof c.partnershipName === 'string' &&
    typeof c.agencyName === 'string' &&
    typeof c.caseReference === 'string' &&
    typeof c.expiresAt === 'string'
  );
};

/** The pending sign-in of this tab, if a reload interrupted one; anything malformed is discarded. */
function restorePending(): void {
  let stored: { token?: unknown; challenge?: unknown } | undefined;
  try {
    stored = JSON.parse(storage()?.getItem(PENDING_SIGN_IN_KEY) ?? 'null') as typeof stored;
  } catch {
    stored = undefined;
  }
  if (!stored || typeof stored.token !== 'string' || !TOKEN.test(stored.token)) {
    clearPending();
    return;
  }
  token = stored.token;
  challenge = isChallenge(stored.challenge) ? { ...stored.challenge, sentTo: [] } : undefined;
}

/**
 * Reads `#token=…` from the address and removes it at once, before anything else runs: the token is a
 * credential, so it must not stay in history, bookmarks or screenshots. Without one (a reload), picks up
 * the sign-in this tab had started.
 */
export function captureLinkToken(): void {
  const value = location.hash ? new URLSearchParams(location.hash.slice(1)).get('token') : null;
  if (value === null) {
    restorePending();
    return;
  }
  history.replaceState(null, '', location.pathname + location.search);
  // A newly opened link starts a new sign-in: a code asked for with another link no longer applies.
  challenge = undefined;
  if (TOKEN.test(value)) {
    token = value;
    savePending();
  } else {
    token = '';
    clearPending();
  }
}

/** The token from the link: undefined when there was none, '' when it was malformed. */
export const linkToken = (): string | undefined => token;

export const currentChallenge = (): Challenge | undefined => challenge;
export const setChallenge = (value: Challenge | undefined) => {
  challenge = value;
  savePending();
};

/**
 * The code was accepted: the pending sign-in leaves storage. The token stays in memory only, so that a lead
 * whose session ends can ask for a new code without leaving the page.
 */
export function signedIn(): void {
  challenge = undefined;
  clearPending();
}

export const lastReceipt = (): SubmissionReceipt | undefined => receipt;
export const setReceipt = (value: SubmissionReceipt | undefined) => {
  receipt = value;
};

/** After signing out nothing of the link stays in the page, nor in the tab's storage. */
export function forgetLink(): void {
  token = undefined;
  challenge = undefined;
  receipt = undefined;
  clearPending();
}
