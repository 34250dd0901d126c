import { CreateRequestsBody } from '../contract/schemas';
import { createRequestsBatch } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { withMail } from '../runtime/mail';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withMail(base);

export const handler = staffRoute({ body: CreateRequestsBody, params: ['caseId'] }, async ({ body, params }, staff) => {
  const outcomes = await createRequestsBatch(deps, staff, params.caseId as string, body);
  return {
    status: 201,
    body: { requests: outcomes.map((o) => ({ ...requestView(o.request), ...(o.email ? { email: o.email } : {}) })) },
  };
});
