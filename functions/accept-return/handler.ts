import { acceptReturn } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) => {
  const outcome = await acceptReturn(deps, staff, params.caseId as string, params.requestId as string);
  return { status: 200, body: { ...requestView(outcome.request), ...(outcome.email ? { email: outcome.email } : {}) } };
});
