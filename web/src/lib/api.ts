import { accessToken, endStaffSession } from './auth';
import type { ApiIssue } from './issues';

/** The API's error answer, kept whole so pages can show its message and map its issues to fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Raised when the agency's session cookie is missing (`not-signed-in`) or its session has ended
 * (`session-ended`), with the API's code.
 */
const agencySessionListeners = new Set<(code: string) => void>();
export const onAgencySessionEnded = (listener: (code: string) => void) => {
  agencySessionListeners.add(listener);
  return () => agencySessionListeners.delete(listener);
};

/**
 * Told of every answer the API gave with the agency's session (each restarts its idle timer): the page
 * warns before the session would time out (agency/timeout-warning.tsx).
 */
const agencyActivityListeners = new Set<(at: number) => void>();
export const onAgencyActivity = (listener: (at: number) => void) => {
  agencyActivityListeners.add(listener);
  return () => agencyActivityListeners.delete(listener);
};
const agencyActive = () => agencyActivityListeners.forEach((listener) => listener(Date.now()));

type Audience = 'staff' | 'agency';

interface CallOptions {
  /** A check whose 401 only answers a question (is there a session?): it tells no listener. */
  quiet?: boolean;
}

async function call<T>(
  audience: Audience,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (audience === 'staff') {
    const token = accessToken();
    if (!token) throw new ApiError(401, 'session-ended', 'Your session has ended. Sign in again.');
    headers.authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The agency session is an HttpOnly cookie on this origin; staff send a bearer token instead.
      credentials: audience === 'agency' ? 'same-origin' : 'omit',
    });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach the portal. Check your connection and try again.');
  }
  if (response.ok && audience === 'agency') agencyActive();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | undefined)?.error;
    const failure = new ApiError(
      response.status,
      error?.code ?? 'error',
      error?.message ?? 'Something went wrong. Try again later.',
      error?.issues ?? [],
    );
    if (response.status === 401 && !options.quiet) {
      if (audience === 'staff') endStaffSession();
      else agencySessionListeners.forEach((listener) => listener(failure.code));
    }
    throw failure;
  }
  return json as T;
}

/** A file the API sends (an export, a template): its bytes and the name the API gives it. */
export interface ApiFile {
  blob: Blob;
  fileName: string;
}

/** `attachment; filename="x.csv"` → x.csv; anything unsafe falls back to the given name. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  const name = match?.[1]?.trim();
  return name && /^[A-Za-z0-9._-]+$/.test(name) ? name : fallback;
}

/** Downloads a file from the API with the audience's credentials (the bearer token is not sent by a link). */
async function fetchFile(audience: Audience, path: string, fallbackName: string): Promise<ApiFile> {
  const headers: Record<string, string> = {};
  if (audience === 'staff') {
    const token = accessToken();
    if (!token) throw new ApiError(401, 'session-ended', 'Your session has ended. Sign in again.');
    headers.authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers, credentials: audience === 'agency' ? 'same-origin' : 'omit' });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach the portal. Check your connection and try again.');
  }
  if (!response.ok) {
    let error: { code?: string; message?: string } | undefined;
    try {
      error = ((await response.json()) as { error?: { code?: string; message?: string } }).error;
    } catch {
      error = undefined;
    }
    if (response.status === 401) {
      if (audience === 'staff') endStaffSession();
      else agencySessionListeners.forEach((listener) => listener(error?.code ?? 'session-ended'));
    }
    throw new ApiError(
      response.status,
      error?.code ?? 'error',
      error?.message ?? 'The file could not be downloaded. Try again later.',
    );
  }
  if (audience === 'agency') agencyActive();
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('content-disposition'), fallbackName),
  };
}

/** Business office calls, with the officer's bearer token. */
export const staffApi = {
  get: <T>(path: string) => call<T>('staff', 'GET', path),
  post: <T>(path: string, body: unknown = {}) => call<T>('staff', 'POST', path, body),
  put: <T>(path: string, body: unknown) => call<T>('staff', 'PUT', path, body),
  file: (path: string, fallbackName: string) => fetchFile('staff', path, fallbackName),
};

/** Agency lead calls, with the session cookie. */
export const agencyApi = {
  get: <T>(path: string) => call<T>('agency', 'GET', path),
  /** Whether a session is there: a refusal is an answer, not the end of a session. */
  probe: <T>(path: string) => call<T>('agency', 'GET', path, undefined, { quiet: true }),
  post: <T>(path: string, body: unknown = {}) => call<T>('agency', 'POST', path, body),
  put: <T>(path: string, body: unknown) => call<T>('agency', 'PUT', path, body),
  delete: (path: string) => call<void>('agency', 'DELETE', path),
  file: (path: string, fallbackName: string) => fetchFile('agency', path, fallbackName),
};

/** Not found, or an address whose identifier could name nothing (the API's 400 `malformed-id`). */
export const isNotFound = (error: unknown): boolean =>
  (error instanceof ApiError && (error.status === 404 || error.code === 'malformed-id')) ||
  (error as { status?: number } | undefined)?.status === 404;

/** True when the API does not have this route yet (the server answers "No such API route"). */
export const isMissingRoute = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.status === 404 &&
  error.code === 'not-found' &&
  /No such API route/.test(error.message);
