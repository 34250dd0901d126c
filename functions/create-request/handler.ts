import { CreateRequestBody } from '../contract/schemas';
import { createRequest } from '../domain/services/requests';
import { requestView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ body: CreateRequestBody, params: ['caseId'] }, async ({ body, params }, staff) => ({
  status: 201,
  body: requestView(await createRequest(deps, staff, params.caseId as string, body)),
}));
