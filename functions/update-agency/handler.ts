import { UpdateAgencyBody } from '../contract/schemas';
import { updateAgency } from '../domain/services/agencies';
import { agencyView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute(
  { body: UpdateAgencyBody, params: ['agencyId'] },
  async ({ body, params }, staff) => ({
    status: 200,
    body: agencyView(await updateAgency(deps, staff, params.agencyId as string, body)),
  }),
);
