import { sendRequest } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { withMail } from '../runtime/mail';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withMail(base);

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) => {
  const { request, email } = await sendRequest(deps, staff, params.caseId as string, params.requestId as string);
  return { status: 200, body: { ...requestView(request), email } };
});
