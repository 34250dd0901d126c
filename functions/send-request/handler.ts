import { sendRequest } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) => {
  const { request, email } = await sendRequest(deps, staff, params.caseId as string, params.requestId as string);
  return { status: 200, body: { ...requestView(request), email } };
});
