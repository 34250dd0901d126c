import { routes, type HttpMethod, type RouteSpec } from '../../functions/contract/routes';

/**
 * Holds real responses to the route table's response schemas (the ones the OpenAPI document publishes).
 * A missing required field, a wrong type or a value out of its enum fails, and so does a field the schema
 * does not declare: the schemas are not strict (clients must tolerate additions), so what parsing strips
 * is what the document leaves out.
 */
export type RouteKey = `${HttpMethod} /api/${string}`;

export function routeOf(key: RouteKey): RouteSpec {
  const [method, path] = key.split(' ');
  const route = routes.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${key} in functions/contract/routes.ts`);
  return route;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields of what was sent that parsing dropped: each is missing from the schema. */
function undeclared(sent: unknown, kept: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((item, i) => undeclared(item, kept[i], `${path}[${i}]`));
  }
  if (isRecord(sent) && isRecord(kept)) {
    return Object.keys(sent).flatMap((key) =>
      key in kept
        ? undeclared(sent[key], kept[key], `${path}.${key}`)
        : [`${path}.${key}: sent, but not in the response schema`],
    );
  }
  return [];
}

/** What is wrong with a JSON body against the route's response schema; empty when it conforms. */
export function contractProblems(key: RouteKey, body: unknown): string[] {
  const schema = routeOf(key).success.schema;
  if (!schema) return [`${key} declares no JSON response schema`];
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
  }
  return undeclared(body, parsed.data, '');
}

interface Response {
  status: number;
  body: unknown;
  headers?: Headers;
}

/**
 * Expects a response to be the route's declared success: its status, its media type and, for JSON, a body
 * that matches the response schema. Returns the body for the test to go on with.
 */
export function expectToMatchContract<T>(key: RouteKey, response: Response & { body: T }): T {
  const route = routeOf(key);
  expect({ route: key, status: response.status }).toEqual({ route: key, status: route.success.status });
  const mediaType = response.headers?.get('content-type')?.split(';')[0]?.trim();
  const declared = route.success.mediaTypes ?? (route.success.status === 204 ? [] : ['application/json']);
  if (response.headers && declared.length) expect(declared).toContain(mediaType);
  if (!route.success.mediaTypes && route.success.status !== 204) {
    expect({ route: key, problems: contractProblems(key, response.body) }).toEqual({ route: key, problems: [] });
  }
  return response.body;
}
