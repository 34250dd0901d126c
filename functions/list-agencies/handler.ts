import { listAgencies } from '../domain/services/agencies';
import { agencyView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({}, async (_request, staff) => ({
  status: 200,
  body: { agencies: (await listAgencies(deps, staff)).map(agencyView) },
}));
