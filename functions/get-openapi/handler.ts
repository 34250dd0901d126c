import { buildOpenApiDocument } from '../contract/openapi';
import { basePublicRoute } from '../http/api-handler';

// Built once per process; it depends only on the code.
const document = buildOpenApiDocument();

export const handler = basePublicRoute({}, async () => ({
  status: 200,
  body: document,
  headers: { 'Cache-Control': 'public, max-age=300' },
}));
