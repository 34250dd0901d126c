import { resendLink } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) => {
  const outcome = await resendLink(deps, staff, params.caseId as string, params.requestId as string);
  return { status: 200, body: { ...requestView(outcome.request), ...(outcome.email ? { email: outcome.email } : {}) } };
});
