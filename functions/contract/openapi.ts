import * as z from 'zod';
import { ID_PATTERN, MAX_BODY_BYTES } from './primitives';
import { routes, type RouteSpec } from './routes';
import { ErrorView } from './schemas';

/**
 * The OpenAPI 3.1 document, generated from the route table and the very zod schemas the handlers
 * validate with: JSON Schema 2020-12 is OpenAPI 3.1's own dialect, so nothing is translated by hand.
 */
const BODY_LIMIT = `${MAX_BODY_BYTES / 1024 / 1024} MB`;

const ERROR_RESPONSES: Record<string, string> = {
  '400':
    'The request is not valid; `issues` says which fields and why (`malformed-id`: a path parameter outside its pattern, named in `issues`)',
  '401':
    'Not signed in: `missing-token` (no bearer token sent), `invalid-token` (one that is not valid or has expired, without saying why) or, for an agency, `session-ended`',
  '403': 'Signed in, but without access',
  '404': 'Not found (also what another partnership, agency or case sees)',
  '409': 'The request conflicts with the current state',
  '413': `The body is larger than ${BODY_LIMIT} (code \`body-too-large\`; API Gateway answers the same for one over its own 10 MB). A field longer than its maxLength is a 400`,
  '415': 'The body is not application/json',
  '429': 'Too many attempts; wait and try again',
  '503': 'A dependency is unavailable; try again later',
};

/** A schema written out in place (query parameters): without the dialect, which the document states once. */
function inlineSchema(schema: z.ZodType) {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
}

/**
 * What a success sends: a file in its media types (CSV as text, the Office formats as bytes), nothing for a
 * 204, else JSON of the route's response schema (test/unit/openapi.test.ts fails a JSON route without one).
 */
function successContent(route: RouteSpec, schemaRef: (schema: z.ZodType) => { $ref: string }) {
  const { mediaTypes, schema, status } = route.success;
  if (mediaTypes?.length) {
    return {
      content: Object.fromEntries(
        mediaTypes.map((type) => [
          type,
          { schema: type.startsWith('text/') ? { type: 'string' } : { type: 'string', contentMediaType: type } },
        ]),
      ),
    };
  }
  if (schema) return { content: { 'application/json': { schema: schemaRef(schema) } } };
  return status === 204 ? {} : { content: { 'application/json': { schema: {} } } };
}

const operationId = (route: RouteSpec) =>
  route.functionName.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function operation(route: RouteSpec) {
  const params = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1] as string);
  const schemaRef = (schema: z.ZodType) => {
    const id = z.globalRegistry.get(schema)?.id;
    if (!id) throw new Error(`schema of ${route.functionName} has no id`);
    return { $ref: `#/components/schemas/${id}` };
  };
  // A body that is too large or not JSON can only be refused where a body is read.
  const errors = (
    route.auth === 'public' ? ['400', '404', '409', '413', '415', '429', '503'] : Object.keys(ERROR_RESPONSES)
  ).filter((status) => route.body !== undefined || (status !== '413' && status !== '415'));
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    security: route.auth === 'staff' ? [{ staffBearer: [] }] : route.auth === 'agency' ? [{ agencySession: [] }] : [],
    parameters: [
      ...params.map((name) => ({
        name,
        in: 'path',
        required: true,
        description: 'An identifier the API gave; one outside the pattern is refused with 400 `malformed-id`.',
        schema: { type: 'string', pattern: ID_PATTERN.source },
      })),
      ...(route.query ?? []).map((query) => ({
        name: query.name,
        in: 'query',
        required: false,
        description: query.description,
        schema: inlineSchema(query.schema),
      })),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            description: `JSON in UTF-8, at most ${BODY_LIMIT}: a larger body is refused with 413 \`body-too-large\`.`,
            content: { 'application/json': { schema: schemaRef(route.body) } },
          },
        }
      : {}),
    responses: {
      [String(route.success.status)]: {
        description: route.success.description,
        ...successContent(route, schemaRef),
      },
      ...Object.fromEntries(
        errors.map((status) => [
          status,
          {
            description: ERROR_RESPONSES[status],
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}

export function buildOpenApiDocument(serverUrl = '/') {
  // Every schema with an id (request bodies, views) becomes a component; nested ids become $refs.
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  void ErrorView;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Safeguarding returns portal API',
      version: '1.0.0',
      description:
        'Business offices of Safeguarding Children Partnerships request returns from agencies for Rapid Reviews and Child Safeguarding Practice Reviews; agency safeguarding leads submit them through an e-mailed link.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([id, schema]) => {
          const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
          return [id, rest];
        }),
      ),
      securitySchemes: {
        staffBearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token of a business-office user (locally: `npm run -s local:token`).',
        },
        agencySession: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-agency-session',
          description: 'Set by POST /api/agency/sessions/verify.',
        },
      },
    },
  };
}
