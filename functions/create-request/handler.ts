import { CreateRequestBody } from '../contract/schemas';
import { createRequest } from '../domain/services/requests';
import { requestView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ body: CreateRequestBody, params: ['caseId'] }, async ({ body, params }, staff) => ({
  status: 201,
  body: requestView(await createRequest(deps, staff, params.caseId as string, body)),
}));
