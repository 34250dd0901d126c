/**
 * Typed domain errors. The HTTP layer maps each kind to a status code; messages are written for the
 * person using the portal and never carry personal data, tokens or internal detail.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'unavailable';

export interface FieldIssue {
  /** Where the problem is, e.g. "subject.dateOfBirth" or "rows[3].date". */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, issues?: FieldIssue[], code = 'invalid-request') =>
  new DomainError('invalid', code, message, issues);
export const notFound = (what = 'The item', code = 'not-found') =>
  new DomainError('not-found', code, `${what} was not found.`);
export const conflict = (message: string, code = 'conflict') => new DomainError('conflict', code, message);
export const unauthenticated = (message = 'Sign in to continue.', code = 'unauthenticated') =>
  new DomainError('unauthenticated', code, message);
export const forbidden = (message = 'You do not have access to this.', code = 'forbidden') =>
  new DomainError('forbidden', code, message);
export const tooManyRequests = (message: string, code = 'too-many-requests') =>
  new DomainError('too-many-requests', code, message);
export const unavailable = (message: string, code = 'unavailable') => new DomainError('unavailable', code, message);

/** The one answer for an unknown, expired or revoked link: they must be indistinguishable (ASVS 6.3.8). */
export const linkNotValid = () =>
  new DomainError(
    'not-found',
    'link-not-valid',
    'This link is not valid. It may have expired or been replaced. Ask the business office that sent it for a new link.',
  );
