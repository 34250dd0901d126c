import { getAgencyRequest } from '../domain/services/agency-returns';
import { agencyRoute } from '../runtime/agency';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';

const deps = withDocuments(base);

export const handler = agencyRoute({ params: ['requestId'] }, async ({ params }, session) => ({
  status: 200,
  body: await getAgencyRequest(deps, session, params.requestId as string),
}));
