import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { invalid, unavailable, DomainError, type FieldIssue } from '../domain/errors';
import type { AgencySession } from '../domain/model';
import type { StaffPrincipal } from '../domain/services/context';
import { ID_PATTERN, MAX_BODY_BYTES } from '../contract/primitives';
import { logger } from './logger';
import { errorResponse, jsonResponse, type ApiResponse } from './responses';

export { MAX_BODY_BYTES };

const MALFORMED_ID = 'Not a valid identifier: 26 capital letters and digits, as the API gives them';
export const AGENCY_SESSION_COOKIE = '__Host-agency-session';

export interface ApiRequest<B> {
  body: B;
  /** The route's path template, e.g. `/api/cases/{caseId}/chronology.csv` (one function may serve two routes). */
  resource: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

interface RouteOptions<S extends z.ZodType | undefined> {
  body?: S;
  /** Path parameters, each an identifier of the declared pattern; anything else is a 400 `malformed-id`. */
  params?: readonly string[];
}

type BodyOf<S> = S extends z.ZodType ? z.output<S> : undefined;

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}

type Issue = z.core.$ZodIssue;

const pathText = (path: PropertyKey[]) =>
  path.length
    ? path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(body)';

const depth = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length));

/**
 * Zod issues as the person filling the form needs them: one per field, with its path. A union (the
 * kinds of return) reports the issues of the variant the body was meant to be, not of every variant.
 */
function flatten(issue: Issue, prefix: PropertyKey[]): FieldIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length) {
    const meant = issue.errors.filter(
      (branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_union' && 'note' in branch[0]),
    );
    if (!meant.length) return [{ path: pathText(path), message: 'Say which kind of return this is' }];
    const best = meant.reduce((a, b) =>
      depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a,
    );
    return best.flatMap((inner) => flatten(inner, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: pathText([...path, key]), message: `Unknown field "${key}": remove it` }));
  }
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return [{ path: pathText(path), message: missing ? 'This is required' : issue.message }];
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => flatten(issue as Issue, [])).slice(0, 100);
}

function readBody<S extends z.ZodType | undefined>(event: APIGatewayProxyEvent, schema: S): BodyOf<S> {
  if (!schema) return undefined as BodyOf<S>;
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new DomainError('unsupported-media-type', 'unsupported-media-type', 'Send the body as application/json.');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new DomainError('too-large', 'body-too-large', `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw invalid('The body is not valid JSON.', undefined, 'malformed-json');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw invalid('Check the request: some fields are missing or not valid.', issuesOf(parsed.error));
  return parsed.data as BodyOf<S>;
}

function readRequest<S extends z.ZodType | undefined>(
  event: APIGatewayProxyEvent,
  options: RouteOptions<S>,
): ApiRequest<BodyOf<S>> {
  const params: Record<string, string> = {};
  const malformed: FieldIssue[] = [];
  for (const name of options.params ?? []) {
    const value = event.pathParameters?.[name];
    // The document declares the pattern, so a value outside it is a bad request, not an unknown item. Never
    // echoed: it is whatever the caller put in the address.
    if (!value || !ID_PATTERN.test(value)) malformed.push({ path: name, message: MALFORMED_ID });
    else params[name] = value;
  }
  if (malformed.length)
    throw invalid('Check the address: an identifier in it is not valid.', malformed, 'malformed-id');
  const headers = event.headers as Record<string, string>;
  return {
    body: readBody(event, options.body) as BodyOf<S>,
    resource: event.resource,
    params,
    query: Object.fromEntries(
      Object.entries(event.queryStringParameters ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    headers,
    cookies: parseCookies(headers.cookie),
  };
}

/** Maps every error to a response: domain errors keep their message; anything else is a generic 500. */
const errorMapper: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> = {
  onError: async (request) => {
    const error = request.error;
    if (error instanceof DomainError) {
      if (error.kind === 'unavailable') logger.warn('service unavailable', { code: error.code });
      request.response = errorResponse(error);
      return;
    }
    if (error && THROTTLED.has(error.name)) {
      // AWS is shedding load and the SDK's own retries are spent: the caller can safely try again.
      logger.warn('throttled', { errorName: error.name });
      const response = errorResponse(unavailable('The service is busy. Try again in a few seconds.', 'busy'));
      request.response = { ...response, headers: { ...response.headers, 'Retry-After': '5' } };
      return;
    }
    logger.error('unhandled error', { errorName: error?.name, stack: error?.stack });
    request.response = errorResponse(undefined);
  },
};

/** AWS errors that mean "slow down", after the SDK's retries. */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
  'SlowDown',
  'TooManyRequestsException',
]);

const startTimes = new WeakMap<APIGatewayProxyEvent, number>();

/** Logs one line per request: the route and outcome, never a body, a header or a cookie. */
const accessLog: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> = {
  before: async (request) => {
    startTimes.set(request.event, Date.now());
    // API Gateway's request id ties the function's log lines to the gateway's access log.
    logger.setCorrelationId(request.event.requestContext?.requestId);
  },
  after: async (request) => logRequest(request),
  onError: async (request) => logRequest(request),
};

function logRequest(request: middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>) {
  logger.info('request', {
    method: request.event.httpMethod,
    route: request.event.resource,
    status: request.response?.statusCode,
    durationMs: Date.now() - (startTimes.get(request.event) ?? Date.now()),
  });
}

function build(run: (event: APIGatewayProxyEvent) => Promise<ApiResponse>): Handler {
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(
    async (event: APIGatewayProxyEvent) => jsonResponse(await run(event)),
    {
      timeoutEarlyInMillis: 0,
    },
  )
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(accessLog)
    .use(errorMapper)
    .use(httpHeaderNormalizer());
  return handler as unknown as Handler;
}

export function basePublicRoute<S extends z.ZodType | undefined = undefined>(
  options: RouteOptions<S>,
  fn: (request: ApiRequest<BodyOf<S>>) => Promise<ApiResponse>,
): Handler {
  return build(async (event) => fn(readRequest(event, options)));
}

export function baseStaffRoute<S extends z.ZodType | undefined = undefined>(
  options: RouteOptions<S>,
  fn: (request: ApiRequest<BodyOf<S>>, staff: StaffPrincipal) => Promise<ApiResponse>,
  verify: (authorization: string | undefined) => Promise<StaffPrincipal>,
): Handler {
  return build(async (event) => {
    // Authentication comes first: nothing about the request is looked at for an unknown caller.
    const staff = await verify(event.headers.authorization);
    return fn(readRequest(event, options), staff);
  });
}

export function baseAgencyRoute<S extends z.ZodType | undefined = undefined>(
  options: RouteOptions<S>,
  fn: (request: ApiRequest<BodyOf<S>>, session: AgencySession) => Promise<ApiResponse>,
  resolve: (sessionSecret: string | undefined) => Promise<AgencySession>,
): Handler {
  return build(async (event) => {
    const session = await resolve(parseCookies(event.headers.cookie)[AGENCY_SESSION_COOKIE]);
    return fn(readRequest(event, options), session);
  });
}
