import { CreateAgencyBody } from '../contract/schemas';
import { createAgency } from '../domain/services/agencies';
import { agencyView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ body: CreateAgencyBody }, async ({ body }, staff) => ({
  status: 201,
  body: agencyView(await createAgency(deps, staff, body)),
}));
