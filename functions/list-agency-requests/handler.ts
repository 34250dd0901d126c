import { listAgencyRequests } from '../domain/services/agency-returns';
import { agencyRoute } from '../runtime/agency';
import { deps } from '../runtime/portal';

export const handler = agencyRoute({}, async (_request, session) => ({
  status: 200,
  body: await listAgencyRequests(deps, session),
}));
