import { CreateRequestsBody } from '../contract/schemas';
import { createRequestsBatch } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ body: CreateRequestsBody, params: ['caseId'] }, async ({ body, params }, staff) => {
  const outcomes = await createRequestsBatch(deps, staff, params.caseId as string, body);
  return {
    status: 201,
    body: { requests: outcomes.map((o) => ({ ...requestView(o.request), ...(o.email ? { email: o.email } : {}) })) },
  };
});
