import { config } from './config';

/**
 * Staff sign-in: OAuth 2.0 authorisation code with PKCE against the sign-in service (Cognito's managed
 * login in AWS, the local issuer here). The access token lives in sessionStorage only, with its
 * expiry, so it ends with the tab; nothing else about the officer is stored.
 */
const SESSION_KEY = 'portal.staff.session';
const PENDING_KEY = 'portal.staff.pending-sign-in';
/** Treat the token as expired a little early, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

interface StoredSession {
  accessToken: string;
  expiresAt: number;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  returnTo: string;
}

export type StaffState = 'signed-in' | 'signed-out' | 'ended';

let ended = false;
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

const notify = () => listeners.forEach((listener) => listener());

export function onStaffStateChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readSession(): StoredSession | undefined {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : undefined;
  } catch {
    return undefined;
  }
}

function scheduleExpiry(session: StoredSession) {
  if (expiryTimer) clearTimeout(expiryTimer);
  // setTimeout's delay is a 32-bit number of milliseconds; tokens last an hour, well under it.
  const delay = Math.min(session.expiresAt - EXPIRY_MARGIN_MS - Date.now(), 2_000_000_000);
  expiryTimer = setTimeout(() => endStaffSession(), Math.max(delay, 0));
}

/** The bearer token, while the session lasts. */
export function accessToken(): string | undefined {
  const session = readSession();
  if (!session) return undefined;
  if (session.expiresAt - EXPIRY_MARGIN_MS <= Date.now()) {
    endStaffSession();
    return undefined;
  }
  return session.accessToken;
}

export function staffState(): StaffState {
  if (accessToken()) {
    const session = readSession();
    if (session && !expiryTimer) scheduleExpiry(session);
    return 'signed-in';
  }
  return ended ? 'ended' : 'signed-out';
}

/** The token expired or the API refused it: the officer sees "Your session has ended". */
export function endStaffSession(): void {
  const hadSession = sessionStorage.getItem(SESSION_KEY) !== null;
  sessionStorage.removeItem(SESSION_KEY);
  if (expiryTimer) clearTimeout(expiryTimer);
  expiryTimer = undefined;
  if (hadSession || !ended) {
    ended = true;
    notify();
  }
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomString = (bytes = 32) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

const redirectUri = () => `${location.origin}/auth/callback`;

/** Sends the browser to the sign-in page; `returnTo` is a path of this site (ids only, no personal data). */
export async function startSignIn(returnTo = '/'): Promise<void> {
  const { authUrl, clientId } = config();
  const pending: PendingSignIn = {
    state: randomString(16),
    verifier: randomString(32),
    returnTo: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/',
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL('/oauth2/authorize', authUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Finishes sign-in on /auth/callback: checks the state, swaps the code for tokens. Returns where to go. */
export async function completeSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : undefined;
  if (params.get('error')) throw new Error('The sign-in service did not sign you in.');
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) {
    throw new Error('This sign-in link is not valid any more. Sign in again.');
  }
  const { authUrl, clientId } = config();
  const response = await fetch(new URL('/oauth2/token', authUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }).toString(),
  });
  if (!response.ok) throw new Error('The sign-in service did not sign you in. Sign in again.');
  const tokens = (await response.json()) as { access_token: string; expires_in: number };
  const session: StoredSession = { accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  ended = false;
  scheduleExpiry(session);
  notify();
  return pending.returnTo;
}

/** Ends the session here and at the sign-in service, which then returns to /signed-out. */
export function signOut(): void {
  sessionStorage.removeItem(SESSION_KEY);
  const { authUrl, clientId } = config();
  const url = new URL('/logout', authUrl);
  url.search = new URLSearchParams({ client_id: clientId, logout_uri: `${location.origin}/signed-out` }).toString();
  location.assign(url.toString());
}
