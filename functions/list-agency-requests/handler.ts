import { listAgencyRequests } from '../domain/services/agency-returns';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute({}, async (_request, session) => ({
  status: 200,
  body: await listAgencyRequests(deps, session),
}));
