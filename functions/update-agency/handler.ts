import { UpdateAgencyBody } from '../contract/schemas';
import { updateAgency } from '../domain/services/agencies';
import { agencyView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute(
  { body: UpdateAgencyBody, params: ['agencyId'] },
  async ({ body, params }, staff) => ({
    status: 200,
    body: agencyView(await updateAgency(deps, staff, params.agencyId as string, body)),
  }),
);
