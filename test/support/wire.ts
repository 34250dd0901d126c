import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { routes, type RouteSpec } from '../../functions/contract/routes';
import { lambdaContext, type Handler } from './events';
import { stack } from './portal';

/**
 * One way to call any route of the route table, whatever carries it: the real local gateway over HTTP,
 * or the handler invoked in this process with the API Gateway event the gateway would build. Tests that
 * iterate the route table (bad input, the access matrix) use it so a new route is covered automatically.
 */
export interface Call {
  route: RouteSpec;
  /** Path parameters, raw (the HTTP caller percent-encodes them unless `rawPath` is set). */
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** The body as text, or bytes (sent as they are over HTTP; base64-encoded in an in-process event). */
  body?: string | Buffer | null;
  /** HTTP only: put the parameters into the path without encoding them (printable ASCII only). */
  rawPath?: boolean;
  /** HTTP only: another method than the route's. */
  method?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  setCookies: string[];
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export type Caller = (call: Call) => Promise<Answer>;

export const routeOf = (method: string, path: string): RouteSpec => {
  const route = routes.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  return route;
};

export const paramNames = (route: RouteSpec) => [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Percent-encodes a parameter; a lone surrogate (which no URL can carry) travels as U+FFFD. */
const encodeParam = (value: string) => encodeURIComponent(value.replace(LONE_SURROGATE, '\ufffd'));

export function fillPath(route: RouteSpec, params: Record<string, string> = {}, encode = true): string {
  return route.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = params[name] ?? '';
    return encode ? encodeParam(value) : value;
  });
}

const parseJson = (text: string) => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** Calls through the test run's local API gateway (scripts/local/api-server.ts), over HTTP/1.1. */
export function httpCaller(origin = stack().endpoints.web): Caller {
  const base = new URL(origin);
  return (call) =>
    new Promise<Answer>((resolve, reject) => {
      const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
      const body = call.body === undefined || call.body === null ? undefined : Buffer.from(call.body);
      const req = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          method: call.method ?? call.route.method,
          path: `${fillPath(call.route, call.params, !call.rawPath)}${query}`,
          headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...call.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (name !== 'set-cookie' && value !== undefined) headers[name] = String(value);
            }
            resolve({
              status: res.statusCode ?? 0,
              headers,
              setCookies: res.headers['set-cookie'] ?? [],
              text,
              json: parseJson(text),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** The event API Gateway (REST, v1 proxy) hands the function for a call. */
export function eventFor(call: Call): APIGatewayProxyEvent {
  const body = call.body ?? null;
  const method = call.method ?? call.route.method;
  return {
    resource: call.route.path,
    path: fillPath(call.route, call.params, false),
    httpMethod: method,
    headers: call.headers ?? {},
    multiValueHeaders: Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k, [v]])),
    queryStringParameters: call.query && Object.keys(call.query).length ? call.query : null,
    multiValueQueryStringParameters:
      call.query && Object.keys(call.query).length
        ? Object.fromEntries(Object.entries(call.query).map(([k, v]) => [k, [v]]))
        : null,
    pathParameters: paramNames(call.route).length ? { ...call.params } : null,
    stageVariables: null,
    body: Buffer.isBuffer(body) ? body.toString('base64') : body,
    isBase64Encoded: Buffer.isBuffer(body),
    requestContext: {
      requestId: randomUUID(),
      httpMethod: method,
      resourcePath: call.route.path,
      stage: 'test',
      identity: { sourceIp: '127.0.0.1' },
    } as never,
  };
}

function answerOf(result: APIGatewayProxyResult): Answer {
  const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const setCookies = (result.multiValueHeaders?.['Set-Cookie'] ?? []).map(String);
  return { status: result.statusCode, headers, setCookies, text, json: parseJson(text) };
}

/**
 * Calls the handlers in this process. They are loaded on first use, so a test may point the handlers'
 * environment (TABLE_NAME) at a table of its own before calling.
 */
export function inProcessCaller(): Caller {
  const handlers = new Map<string, Promise<Handler>>();
  const handlerOf = (functionName: string) => {
    let handler = handlers.get(functionName);
    if (!handler) {
      handler = import(`../../functions/${functionName}/handler`).then((m: { handler: Handler }) => m.handler);
      handlers.set(functionName, handler);
    }
    return handler;
  };
  return async (call) => {
    const handler = await handlerOf(call.route.functionName);
    return answerOf(await handler(eventFor(call), lambdaContext()));
  };
}

export const allRoutes = routes;
