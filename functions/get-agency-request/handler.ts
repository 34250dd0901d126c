import { getAgencyRequest } from '../domain/services/agency-returns';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute({ params: ['requestId'] }, async ({ params }, session) => ({
  status: 200,
  body: await getAgencyRequest(deps, session, params.requestId as string),
}));
