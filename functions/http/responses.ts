import type { APIGatewayProxyResult } from 'aws-lambda';
import type { DomainError, ErrorKind } from '../domain/errors';

export interface ApiResponse {
  status: number;
  /** JSON-serialisable, or a Buffer for a file download (set Content-Type and Content-Disposition). */
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

/** Headers on every API response: nothing is cached, sniffed, framed or referred. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
  unavailable: 503,
};

export function jsonResponse(response: ApiResponse): APIGatewayProxyResult {
  if (Buffer.isBuffer(response.body)) {
    // Files (exports, templates) travel base64-encoded; API Gateway turns them back into bytes.
    return {
      statusCode: response.status,
      headers: { ...SECURITY_HEADERS, ...response.headers },
      body: response.body.toString('base64'),
      isBase64Encoded: true,
    };
  }
  const isText = typeof response.body === 'string';
  return {
    statusCode: response.status,
    headers: {
      ...SECURITY_HEADERS,
      ...(response.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      ...response.headers,
    },
    ...(response.cookies?.length ? { multiValueHeaders: { 'Set-Cookie': response.cookies } } : {}),
    body: response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body),
  };
}

/** A domain error keeps its code and message; anything else is reported without detail. */
export function errorResponse(error: DomainError | undefined): APIGatewayProxyResult {
  if (!error) {
    return jsonResponse({
      status: 500,
      body: { error: { code: 'internal-error', message: 'Something went wrong. Try again later.' } },
    });
  }
  return jsonResponse({
    status: STATUS[error.kind],
    body: { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } },
    ...(error.kind === 'unauthenticated' ? { headers: { 'WWW-Authenticate': 'Bearer' } } : {}),
  });
}
