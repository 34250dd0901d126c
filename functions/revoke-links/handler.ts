import { ReasonBody } from '../contract/schemas';
import { revokeAgencyLinks } from '../domain/services/request-actions';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute(
  { body: ReasonBody, params: ['caseId', 'agencyId'] },
  async ({ body, params }, staff) => ({
    status: 200,
    body: await revokeAgencyLinks(deps, staff, params.caseId as string, params.agencyId as string, body.reason),
  }),
);
