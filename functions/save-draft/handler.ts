import { SaveDraftBody } from '../contract/schemas';
import { saveDraft } from '../domain/services/agency-returns';
import { agencyRoute } from '../runtime/agency';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';

const deps = withDocuments(base);

export const handler = agencyRoute(
  { body: SaveDraftBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 200,
    body: await saveDraft(deps, session, params.requestId as string, body),
  }),
);
