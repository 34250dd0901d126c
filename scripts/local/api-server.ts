import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { routes, type RouteSpec } from '../../functions/contract/routes';

/**
 * The local API Gateway: one origin serving the web pages and, under /api, the very same middy
 * handlers the Lambda functions run, each invoked with a REST API (v1) proxy event built from the
 * request. Routes come from the one route table the CDK stack uses too.
 */
type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** API Gateway's own payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  names: string[];
  handler: LambdaHandler;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.map': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

export async function loadRoutes(): Promise<CompiledRoute[]> {
  return Promise.all(
    routes.map(async (spec) => {
      const names: string[] = [];
      const pattern = new RegExp(
        `^${spec.path.replace(/[.]/g, '\\.').replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        })}$`,
      );
      const module = (await import(`../../functions/${spec.functionName}/handler`)) as { handler: LambdaHandler };
      return { spec, pattern, names, handler: module.handler };
    }),
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the limit the rest is read and dropped: stopping would reset the connection before the 413.
    if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_PAYLOAD_BYTES ? 'too-large' : Buffer.concat(chunks);
}

/** A parameter as sent when its percent-encoding does not decode: it is then malformed (400). */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
): APIGatewayProxyEvent {
  // Without a prototype, a header or query parameter named "__proto__" is just a name.
  const headers: Record<string, string> = Object.create(null);
  const multiValueHeaders: Record<string, string[]> = Object.create(null);
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = Object.create(null);
  const multiQuery: Record<string, string[]> = Object.create(null);
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const pathParameters = Object.fromEntries(route.names.map((name, i) => [name, decodeParam(match[i + 1] ?? '')]));
  const isText =
    body.length === 0 || /^(application\/json|text\/)/i.test(headers['content-type'] ?? headers['Content-Type'] ?? '');
  const requestId = randomUUID();
  return {
    resource: route.spec.path,
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters: route.names.length ? pathParameters : null,
    stageVariables: null,
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : null,
    isBase64Encoded: !isText,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: req.method ?? 'GET',
      identity: {
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? null,
      } as APIGatewayProxyEvent['requestContext']['identity'],
      path: url.pathname,
      stage: 'local',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: route.spec.path,
    },
  };
}

function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

/** Headers the CDN adds to web pages in AWS (lib/web-hosting.ts), mirrored locally. */
export const WEB_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' AUTH_ORIGIN UPLOAD_ORIGIN; form-action 'self' AUTH_ORIGIN; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

function serveStatic(
  res: ServerResponse,
  webRoot: string,
  pathname: string,
  origins: { auth: string; upload: string },
) {
  const root = resolve(webRoot);
  let file = normalize(join(root, decodeURIComponent(pathname)));
  if (!file.startsWith(root)) return sendJson(res, 404, { error: { code: 'not-found', message: 'Not found' } });
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  // Pages without a file extension are routes of the single-page app.
  if (!existsSync(file) && !extname(file)) file = join(root, 'index.html');
  if (!existsSync(file)) return sendJson(res, 404, { error: { code: 'not-found', message: 'Not found' } });
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type };
  for (const [name, value] of Object.entries(WEB_SECURITY_HEADERS)) {
    headers[name] = value.replaceAll('AUTH_ORIGIN', origins.auth).replaceAll('UPLOAD_ORIGIN', origins.upload);
  }
  headers['Cache-Control'] = type.startsWith('text/html') ? 'no-store' : 'public, max-age=300';
  res.writeHead(200, headers);
  res.end(readFileSync(file));
}

export interface ApiServerOptions {
  port: number;
  webRoot: string;
  authOrigin: string;
  /** Where browsers upload attachments (the bucket's origin, for presigned POSTs). */
  uploadOrigin: string;
  /** Extra local-only endpoints (the browser-facing config), served before the routes. */
  webConfig: Record<string, unknown>;
}

export async function startApiServer(
  options: ApiServerOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const compiled = await loadRoutes();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/config.json') return sendJson(res, 200, options.webConfig);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD')
          return sendJson(res, 405, { error: { code: 'method-not-allowed', message: 'Method not allowed' } });
        return serveStatic(res, options.webRoot, url.pathname, {
          auth: options.authOrigin,
          upload: options.uploadOrigin,
        });
      }
      let match: RegExpExecArray | null = null;
      const route = compiled.find(
        (r) => r.spec.method === req.method && (match = r.pattern.exec(url.pathname)) !== null,
      );
      if (!route || !match) return sendJson(res, 404, { error: { code: 'not-found', message: 'No such API route' } });
      const body = await readBody(req);
      if (body === 'too-large')
        return sendJson(res, 413, { error: { code: 'body-too-large', message: 'The body is too large.' } });
      const event = toEvent(req, url, route, match, body);
      const result = await route.handler(event, lambdaContext(route.spec.functionName, event.requestContext.requestId));
      const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
      for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = values.map(String);
      res.writeHead(result.statusCode, headers);
      res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    } catch {
      // The handlers map their own errors; this is the gateway's "internal error".
      sendJson(res, 500, { error: { code: 'internal-error', message: 'Something went wrong. Try again later.' } });
    }
  });
  await new Promise<void>((done) => server.listen(options.port, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
