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

/** Raised when the agency's session cookie is missing or has ended. */
const agencySessionListeners = new Set<() => void>();
export const onAgencySessionEnded = (listener: () => void) => {
  agencySessionListeners.add(listener);
  return () => agencySessionListeners.delete(listener);
};

type Audience = 'staff' | 'agency';

async function call<T>(audience: Audience, method: string, path: string, body?: unknown): Promise<T> {
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
    if (response.status === 401) {
      if (audience === 'staff') endStaffSession();
      else agencySessionListeners.forEach((listener) => listener());
    }
    throw failure;
  }
  return json as T;
}

/** Business office calls, with the officer's bearer token. */
export const staffApi = {
  get: <T>(path: string) => call<T>('staff', 'GET', path),
  post: <T>(path: string, body: unknown = {}) => call<T>('staff', 'POST', path, body),
  put: <T>(path: string, body: unknown) => call<T>('staff', 'PUT', path, body),
};

/** Agency lead calls, with the session cookie. */
export const agencyApi = {
  get: <T>(path: string) => call<T>('agency', 'GET', path),
  post: <T>(path: string, body: unknown = {}) => call<T>('agency', 'POST', path, body),
  put: <T>(path: string, body: unknown) => call<T>('agency', 'PUT', path, body),
  delete: (path: string) => call<void>('agency', 'DELETE', path),
};

/** True when the API does not have this route yet (the server answers "No such API route"). */
export const isMissingRoute = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.status === 404 &&
  error.code === 'not-found' &&
  /No such API route/.test(error.message);
