import { NewDeadlineBody } from '../contract/schemas';
import { extendRequest } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { withMail } from '../runtime/mail';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withMail(base);

export const handler = staffRoute(
  { body: NewDeadlineBody, params: ['caseId', 'requestId'] },
  async ({ body, params }, staff) => {
    const outcome = await extendRequest(deps, staff, params.caseId as string, params.requestId as string, body);
    return {
      status: 200,
      body: { ...requestView(outcome.request), ...(outcome.email ? { email: outcome.email } : {}) },
    };
  },
);
