import { ReasonBody } from '../contract/schemas';
import { markNotInvolved } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute(
  { body: ReasonBody, params: ['caseId', 'requestId'] },
  async ({ body, params }, staff) => {
    const outcome = await markNotInvolved(
      deps,
      staff,
      params.caseId as string,
      params.requestId as string,
      body.reason,
    );
    return {
      status: 200,
      body: { ...requestView(outcome.request), ...(outcome.email ? { email: outcome.email } : {}) },
    };
  },
);
