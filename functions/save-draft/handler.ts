import { SaveDraftBody } from '../contract/schemas';
import { saveDraft } from '../domain/services/agency-returns';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute(
  { body: SaveDraftBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 200,
    body: await saveDraft(deps, session, params.requestId as string, body),
  }),
);
