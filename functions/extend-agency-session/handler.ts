import { extendAgencySession } from '../domain/services/agency-access';
import { agencyRoute } from '../runtime/agency';
import { deps } from '../runtime/portal';

export const handler = agencyRoute({}, async (_request, session) => ({
  status: 200,
  body: await extendAgencySession(deps, session),
}));
