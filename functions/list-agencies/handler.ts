import { listAgencies } from '../domain/services/agencies';
import { agencyView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({}, async (_request, staff) => ({
  status: 200,
  body: { agencies: (await listAgencies(deps, staff)).map(agencyView) },
}));
